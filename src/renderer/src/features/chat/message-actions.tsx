// A message's footer actions as icon buttons (copy, edit, regenerate, continue), provided by the chat
// container through context; none on a streaming answer, only Copy while another one streams.
import { createContext, useContext } from 'react';
import { Check, ChevronsRight, Columns2, Copy, Pencil, RefreshCw, TriangleAlert } from 'lucide-react';
import { canContinue, type Backend, type Message } from '../../../../shared/domain';
import type { BackendId, MessageId } from '../../../../shared/ids';
import { copyButtonMessages } from '../../components/copy-button-messages';
import { useCopyText } from '../../components/copy-button';
import { useMessages } from '../../i18n/use-messages';
import { IconAction } from './icon-action';
import './message-actions.css';
import { messageViewMessages } from './message-view-messages';

export interface MessageActions {
  /** An answer in the shown branch is streaming. */
  busy: boolean;
  /** The last message of the shown branch: only it can be continued, and its actions always show. */
  leafId: MessageId | null;
  /** Whether the backend that wrote an answer can resume it (it still exists, and its kind can). */
  canResume(message: Message): boolean;
  /** The backend a message was written by, while it exists. */
  backendOf(message: Message): Backend | undefined;
  /** Opens Settings → Backends on this backend (to check its key or address). */
  openBackendSettings(id: BackendId): void;
  regenerate(id: MessageId): void;
  /** A new version of an answer whose server refused the tools, by the same model, offering none. */
  sendWithoutTools(id: MessageId): void;
  /** Regenerates without more of the oldest turns (the answer did not fit the context window). */
  trimAndRetry(id: MessageId): void;
  edit(id: MessageId, content: string): Promise<boolean>;
  continueAnswer(id: MessageId): void;
  selectVersion(id: MessageId, direction: 'previous' | 'next'): void;
  /** Shows every answer to the user message `questionId` side by side (its versions by different models). */
  compareVersions(questionId: MessageId): void;
}

export const MessageActionsContext = createContext<MessageActions | null>(null);

export const useMessageActions = (): MessageActions | null => useContext(MessageActionsContext);

interface Props {
  message: Message;
  onEdit: () => void;
}

export function MessageActionButtons({ message, onEdit }: Props) {
  const m = useMessages(messageViewMessages);
  const actions = useMessageActions();
  if (message.status === 'streaming') return null;
  const busy = actions?.busy ?? true;
  // An answer that finished with a frame skipped on the way is whole: nothing to go on from.
  const whole = message.error?.skippedFrames !== undefined && message.content !== '';
  const continuable =
    actions !== null && message.id === actions.leafId && !whole && canContinue(message) && actions.canResume(message);
  return (
    <>
      {message.content !== '' && <CopyAction text={message.content} />}
      {actions && message.role === 'user' && (
        <IconAction name={m.edit} icon={Pencil} disabled={busy} onPress={onEdit} />
      )}
      {actions && message.role === 'assistant' && (
        <IconAction
          name={m.regenerate}
          hint={m.regenerateHint}
          icon={RefreshCw}
          disabled={busy}
          onPress={() => actions.regenerate(message.id)}
        />
      )}
      {actions && message.role === 'assistant' && (message.versions?.models ?? 1) > 1 && message.parentId && (
        <IconAction
          name={m.compareVersions}
          hint={m.compareVersionsHint}
          icon={Columns2}
          labelled
          disabled={busy}
          onPress={() => actions.compareVersions(message.parentId!)}
        />
      )}
      {continuable && (
        <IconAction
          name={m.continue}
          hint={m.continueHint}
          icon={ChevronsRight}
          labelled
          className="message-action-primary"
          disabled={busy}
          onPress={() => actions.continueAnswer(message.id)}
        />
      )}
    </>
  );
}

/** Copy keeps its name; the icon and the tooltip say how it went, and the outcome is announced. */
function CopyAction({ text }: { text: string }) {
  const m = useMessages(copyButtonMessages);
  const { outcome, copy } = useCopyText();
  const said = outcome === 'copied' ? m.copied : outcome === 'failed' ? m.failed : '';
  return (
    <>
      <IconAction
        name={m.copy}
        hint={said || m.copy}
        icon={outcome === 'copied' ? Check : outcome === 'failed' ? TriangleAlert : Copy}
        onPress={() => copy(text)}
      />
      <span className="message-action-said" aria-live="polite">
        {said}
      </span>
    </>
  );
}
