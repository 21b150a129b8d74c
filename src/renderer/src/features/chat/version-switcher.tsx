// "Previous version" / "Next version" around "2 / 3" for a message that has siblings; the rest of
// the conversation follows the version chosen (main picks and stores the branch).
import { ChevronLeft, ChevronRight } from 'lucide-react';
import type { MessageVersions } from '../../../../shared/domain';
import { useMessages } from '../../i18n/use-messages';
import { IconAction } from './icon-action';
import { messageViewMessages } from './message-view-messages';

interface Props {
  versions: MessageVersions;
  disabled: boolean;
  onSelect: (direction: 'previous' | 'next') => void;
}

export function VersionSwitcher({ versions, disabled, onSelect }: Props) {
  const m = useMessages(messageViewMessages);
  const { index, count } = versions;
  return (
    <div role="group" className="version-switcher" aria-label={m.versions}>
      <IconAction
        name={m.previousVersion}
        icon={ChevronLeft}
        className="version-step"
        disabled={disabled || index <= 0}
        onPress={() => onSelect('previous')}
      />
      <span className="version-position" title={m.versionOfLong(index + 1, count)}>
        {m.versionOf(index + 1, count)}
      </span>
      <IconAction
        name={m.nextVersion}
        icon={ChevronRight}
        className="version-step"
        disabled={disabled || index >= count - 1}
        onPress={() => onSelect('next')}
      />
    </div>
  );
}
