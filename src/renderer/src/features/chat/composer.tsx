// Where the user writes. Enter sends, Shift+Enter breaks the line, and Enter that confirms an IME
// composition (Japanese, Chinese, Korean input) does neither. While an answer streams, Stop
// replaces Send.
import { useState, type FormEvent, type KeyboardEvent } from 'react';

interface KeyFacts {
  key: string;
  shiftKey: boolean;
  isComposing: boolean;
  keyCode: number;
}

/** Enter sends; Shift+Enter is a newline; Enter that confirms an IME candidate is neither. */
export function isSendKey({ key, shiftKey, isComposing, keyCode }: KeyFacts): boolean {
  // keyCode 229 covers browsers that end a composition before the keydown reports isComposing.
  return key === 'Enter' && !shiftKey && !isComposing && keyCode !== 229;
}

interface Props {
  streaming: boolean;
  /** Resolves false when the message was not sent, so the text is given back. */
  onSend: (text: string) => Promise<boolean>;
  onStop: () => void;
}

export function Composer({ streaming, onSend, onStop }: Props) {
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const canSend = text.trim().length > 0 && !sending && !streaming;

  const send = async (): Promise<void> => {
    if (!canSend) return;
    const sent = text;
    setText('');
    setSending(true);
    const ok = await onSend(sent);
    setSending(false);
    // Give the text back unless the user already started a new one.
    if (!ok) setText((current) => current || sent);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): void => {
    const { key, shiftKey, keyCode } = event;
    if (!isSendKey({ key, shiftKey, keyCode, isComposing: event.nativeEvent.isComposing })) return;
    event.preventDefault();
    void send();
  };

  const onSubmit = (event: FormEvent): void => {
    event.preventDefault();
    void send();
  };

  return (
    <form className="composer" onSubmit={onSubmit}>
      <textarea
        aria-label="Message"
        placeholder="Write a message"
        rows={1}
        autoFocus
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
      />
      {streaming ? (
        <button type="button" className="stop" onClick={onStop}>
          Stop
        </button>
      ) : (
        <button type="submit" className="send" disabled={!canSend}>
          Send
        </button>
      )}
    </form>
  );
}
