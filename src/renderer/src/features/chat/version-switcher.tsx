// "Previous version" / "Next version" around "2 / 3" for a message that has siblings; the rest of
// the conversation follows the version chosen (main picks and stores the branch).
import type { MessageVersions } from '../../../../shared/domain';
import { useMessages } from '../../i18n/use-messages';
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
      <button
        type="button"
        className="version-step"
        aria-label={m.previousVersion}
        title={m.previousVersion}
        disabled={disabled || index <= 0}
        onClick={() => onSelect('previous')}
      >
        ‹
      </button>
      <span className="version-position" title={m.versionOfLong(index + 1, count)}>
        {m.versionOf(index + 1, count)}
      </span>
      <button
        type="button"
        className="version-step"
        aria-label={m.nextVersion}
        title={m.nextVersion}
        disabled={disabled || index >= count - 1}
        onClick={() => onSelect('next')}
      >
        ›
      </button>
    </div>
  );
}
