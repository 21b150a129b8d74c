// Wires the open conversation to the store and main: messages, sending, stopping (button or Esc), the
// messages' actions (and a backend's settings from an error), links through `links:open`, the notice.
// With no message yet, the composer sits in the middle of the page between a greeting (where the
// next message goes) and starter prompts; the same composer moves to the foot once the chat starts.
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { takesImages } from '../../../../shared/attachment-rules';
import { continuableKinds, type Message } from '../../../../shared/domain';
import type { BackendId } from '../../../../shared/ids';
import { request } from '../../api/api';
import { useMessages } from '../../i18n/use-messages';
import { LinkOpenerContext } from '../../markdown/link-opener';
import type { ChatNotice } from '../../state/chat-notice';
import { comparisonStreaming } from '../../state/chat-compare';
import { streamingAnswer } from '../../state/chat-sending';
import { chatIsEmpty } from '../../state/chat-slice';
import { CompareButton } from '../compare/compare-button';
import { useAppStore } from '../../state/store';
import { chatMessages } from './chat-messages';
import { Composer, type ComposerHandle } from './composer';
import { EmptyChatIntro, StarterPrompts, useNextTarget } from './empty-chat';
import { MessageActionsContext, type MessageActions } from './message-actions';
import { MessageList } from './message-list';
import { BackendStatus, useGuardedSend } from '../models/backend-status';
import { ToolsButton } from '../tools/tools-button';
import { ContextMeter } from '../context/context-meter';
import { useContextStatus } from '../context/use-context-status';
import { errorText } from '../../i18n/error-text';

interface Props {
  /** Opens Settings → Backends on this backend. */
  onOpenBackendSettings: (id: BackendId) => void;
  /** Opens Settings → Backends (the empty chat's "Add a backend"). */
  onOpenBackends: () => void;
}

export function ChatContainer({ onOpenBackendSettings, onOpenBackends }: Props) {
  const openId = useAppStore((s) => s.openId);
  const messages = useAppStore((s) => s.messages);
  const loading = useAppStore((s) => s.loadingConversation);
  const loadingEarlier = useAppStore((s) => s.loadingEarlier);
  const notice = useAppStore((s) => s.notice);
  const streaming = useAppStore(
    (s) => streamingAnswer(s.messages) !== null || comparisonStreaming(s.comparison, s.live),
  );
  const showComparison = useAppStore((s) => s.showComparison);
  const send = useAppStore((s) => s.send);
  // Held back, with the reason shown, while the chosen backend is unreachable (backend-status.tsx).
  const guardedSend = useGuardedSend(send);
  const stop = useAppStore((s) => s.stop);
  const setNotice = useAppStore((s) => s.setNotice);
  const regenerate = useAppStore((s) => s.regenerate);
  const editMessage = useAppStore((s) => s.editMessage);
  const continueAnswer = useAppStore((s) => s.continueAnswer);
  const selectVersion = useAppStore((s) => s.selectVersion);
  const backends = useAppStore((s) => s.backends);
  const textOnlyBackend = useAppStore((s) => {
    const chosen = s.backends.find((b) => b.id === s.choice?.backendId);
    return chosen && !takesImages(chosen.kind) ? chosen.name : null;
  });
  const leafId = useAppStore((s) => s.messages.at(-1)?.id ?? null);
  const m = useMessages(chatMessages);
  const context = useContextStatus();
  const composer = useRef<ComposerHandle>(null);
  const empty = useAppStore(chatIsEmpty);
  const target = useNextTarget();

  // Stable while an answer streams (only its text changes), so the messages do not re-render for it.
  const actions = useMemo<MessageActions>(
    () => ({
      busy: streaming,
      leafId,
      canResume: (message: Message) => {
        const kind = backends.find((b) => b.id === message.backendId)?.kind;
        return kind !== undefined && continuableKinds.includes(kind);
      },
      backendOf: (message: Message) => backends.find((b) => b.id === message.backendId),
      openBackendSettings: onOpenBackendSettings,
      regenerate: (id) => void regenerate(id),
      sendWithoutTools: (id) => void regenerate(id, { withoutTools: true }),
      trimAndRetry: (id) => void regenerate(id, { trim: true }),
      edit: (id, content) => editMessage(id, content),
      continueAnswer: (id) => void continueAnswer(id),
      selectVersion: (id, direction) => void selectVersion(id, direction),
      compareVersions: (questionId) => void showComparison(questionId),
    }),
    [
      streaming,
      leafId,
      backends,
      onOpenBackendSettings,
      regenerate,
      editMessage,
      continueAnswer,
      selectVersion,
      showComparison,
    ],
  );

  useEffect(() => {
    if (!streaming) return;
    const onKey = (event: KeyboardEvent): void => {
      // Esc inside a dialog closes the dialog; it must not also stop the answer behind it.
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      if (event.target instanceof Element && event.target.closest('dialog')) return;
      void stop();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [streaming, stop]);

  const openLink = useCallback(
    (url: string) => {
      request('links:open', { url }).then(
        ({ opened }) => {
          // Main checked the link; in the web host it cannot open it, so the browser does, in a new
          // tab (with noopener, window.open returns null whether or not it opened).
          if (!opened) window.open(url, '_blank', 'noopener,noreferrer');
        },
        (err: unknown) => setNotice({ kind: 'link-failed', message: errorText(err) }),
      );
    },
    [setNotice],
  );

  // Every part keeps its place in the tree whether the chat is empty or not (the empty-only parts
  // render nothing), so the composer is never remounted and keeps its text, files and focus.
  return (
    <LinkOpenerContext value={openLink}>
      <div className={empty ? 'chat-body chat-body-empty' : 'chat-body'}>
        {empty && <EmptyChatIntro target={target} onAddBackend={onOpenBackends} />}
        {/* Not kept while empty: a list measured while hidden could stay blank when messages came back. */}
        {!empty && (
          <MessageActionsContext value={actions}>
            <MessageList
              conversationId={openId}
              messages={messages}
              loading={loading}
              loadingEarlier={loadingEarlier}
              cutBefore={context?.cutBefore ?? null}
            />
          </MessageActionsContext>
        )}
        {notice && (
          <div role="alert" className="notice">
            <span>{noticeText(notice, m)}</span>
            <button type="button" className="notice-dismiss" aria-label={m.dismiss} onClick={() => setNotice(null)}>
              ×
            </button>
          </div>
        )}
        <BackendStatus />
        <Composer
          ref={composer}
          streaming={streaming}
          onSend={guardedSend}
          onStop={() => void stop()}
          textOnlyBackend={textOnlyBackend}
          tools={<ToolsButton />}
          beforeSend={<CompareButton disabled={streaming} />}
          below={context ? (text) => <ContextMeter status={context} draft={text} /> : undefined}
        />
        {empty && target.state !== 'no-backend' && (
          <StarterPrompts onPick={(prompt) => composer.current?.fill(prompt)} />
        )}
      </div>
    </LinkOpenerContext>
  );
}

function noticeText(notice: ChatNotice, m: (typeof chatMessages)['en']): string {
  switch (notice.kind) {
    case 'choose-model':
      return m.chooseModel;
    case 'link-failed':
      return m.linkFailed(notice.message);
    case 'too-many-compared':
      return m.tooManyCompared(notice.max);
    case 'failed':
      return notice.message;
  }
}
