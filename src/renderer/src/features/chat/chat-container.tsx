// Wires the open conversation to the store and main: messages, sending, stopping (button or Esc),
// opening links through `links:open`, and failures worth telling the user about.
import { useCallback, useEffect } from 'react';
import { toChatError } from '../../../../shared/chat-error';
import { request } from '../../api/api';
import { LinkOpenerContext } from '../../markdown/link-opener';
import { streamingAnswer } from '../../state/chat-slice';
import { useAppStore } from '../../state/store';
import { Composer } from './composer';
import { MessageList } from './message-list';
import { BackendStatus, useGuardedSend } from '../models/backend-status';

export function ChatContainer() {
  const openId = useAppStore((s) => s.openId);
  const messages = useAppStore((s) => s.messages);
  const loading = useAppStore((s) => s.loadingConversation);
  const notice = useAppStore((s) => s.notice);
  const streaming = useAppStore((s) => streamingAnswer(s.messages) !== null);
  const send = useAppStore((s) => s.send);
  // Held back, with the reason shown, while the chosen backend is unreachable (backend-status.tsx).
  const guardedSend = useGuardedSend(send);
  const stop = useAppStore((s) => s.stop);
  const setNotice = useAppStore((s) => s.setNotice);

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
        (err: unknown) => setNotice(`Could not open the link: ${toChatError(err).message}`),
      );
    },
    [setNotice],
  );

  return (
    <LinkOpenerContext value={openLink}>
      <MessageList conversationId={openId} messages={messages} loading={loading} />
      {notice && (
        <div role="alert" className="notice">
          <span>{notice}</span>
          <button type="button" className="notice-dismiss" aria-label="Dismiss" onClick={() => setNotice(null)}>
            ×
          </button>
        </div>
      )}
      <BackendStatus />
      <Composer streaming={streaming} onSend={guardedSend} onStop={() => void stop()} />
    </LinkOpenerContext>
  );
}
