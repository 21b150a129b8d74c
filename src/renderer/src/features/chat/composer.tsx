// Where the user writes: the text on top, a quiet row of controls under it (Attach and Tools at its
// left, Compare and Send at its right). Enter sends (Shift+Enter breaks the line, an IME's Enter
// does neither), Stop replaces Send while an answer streams, and attached files wait as removable
// thumbnails above the text.
import {
  useImperativeHandle,
  useRef,
  useState,
  type Ref,
  type ClipboardEvent,
  type DragEvent,
  type FormEvent,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import { ArrowUp, Paperclip, Square } from 'lucide-react';
import { imageMimes, textExtensions } from '../../../../shared/attachment-rules';
import { IconButton } from '../../components/icon-button';
import { useMessages } from '../../i18n/use-messages';
import { admitFiles, type NamedBlob, type PendingAttachment, type Refusal } from '../attachments/admit-files';
import { attachmentMessages } from '../attachments/attachment-messages';
import { AttachmentTray } from '../attachments/attachment-tray';
import { refusalText } from '../attachments/refusal-text';
import type { OutgoingAttachment } from '../../api/upload-attachments';
import { composerMessages } from './composer-messages';

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

/** Sending needs words or a file, and nothing already on its way. */
export function canSendNow(s: { text: string; files: number; busy: boolean; streaming: boolean }): boolean {
  return (s.text.trim().length > 0 || s.files > 0) && !s.busy && !s.streaming;
}

/**
 * Files in a paste. Copying from a document often puts a picture of the text beside the text
 * itself; then the text is what the user meant, so files are taken only when no plain text came.
 */
export function pastedFiles(data: { types: readonly string[]; files: ArrayLike<File> }): File[] {
  if (data.types.includes('text/plain')) return [];
  return Array.from(data.files);
}

const accept = [...imageMimes, ...textExtensions.map((ext) => `.${ext}`)].join(',');

/** What others may do to the composer: put words in it (a starter prompt), caret at the end, focused. */
export interface ComposerHandle {
  fill(text: string): void;
}

interface Props {
  ref?: Ref<ComposerHandle>;
  streaming: boolean;
  /** Resolves false when the message was not sent, so the text and files are given back. */
  onSend: (text: string, attachments: readonly OutgoingAttachment[]) => Promise<boolean>;
  onStop: () => void;
  /** The chosen backend's name when its kind cannot take images (they would be refused on Send). */
  textOnlyBackend?: string | null;
  /** The Tools button (the conversation's tools), after Attach in the row below the text. */
  tools?: ReactNode;
  /** Controls of other features placed before Send, at the row's right end (Compare). */
  beforeSend?: ReactNode;
  /** Shown under the composer, given the text being written (the context meter). */
  below?: (text: string) => ReactNode;
}

// Images and text files join the message from the Attach button, a paste or a drop; one that breaks a
// rule is refused on the spot, with the reason.
export function Composer({
  ref,
  streaming,
  onSend,
  onStop,
  textOnlyBackend = null,
  tools = null,
  beforeSend = null,
  below,
}: Props) {
  const m = useMessages(composerMessages);
  const am = useMessages(attachmentMessages);
  const [text, setText] = useState('');
  const [files, setFiles] = useState<PendingAttachment[]>([]);
  const [refusals, setRefusals] = useState<Refusal[]>([]);
  const [sending, setSending] = useState(false);
  const [reading, setReading] = useState(0);
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const field = useRef<HTMLTextAreaElement>(null);
  useImperativeHandle(
    ref,
    () => ({
      fill(next: string) {
        setText(next);
        // After React has put the words in: the caret at their end, where the user goes on.
        requestAnimationFrame(() => {
          const el = field.current;
          if (!el) return;
          el.focus();
          el.setSelectionRange(el.value.length, el.value.length);
        });
      },
    }),
    [],
  );
  // The latest list, for checks made after an await (several adds may overlap); every change of
  // the list goes through `update`, so the two never disagree.
  const filesRef = useRef<PendingAttachment[]>([]);
  const update = (next: PendingAttachment[]): void => {
    filesRef.current = next;
    setFiles(next);
  };
  const canSend = canSendNow({ text, files: files.length, busy: sending || reading > 0, streaming });

  const addFiles = async (incoming: readonly NamedBlob[]): Promise<void> => {
    if (!incoming.length) return;
    setReading((n) => n + 1);
    try {
      const { added, refused } = await admitFiles(incoming, filesRef.current);
      update([...filesRef.current, ...added]);
      setRefusals(refused);
    } finally {
      setReading((n) => n - 1);
    }
  };

  const send = async (): Promise<void> => {
    if (!canSend) return;
    const sentText = text;
    const sentFiles = files;
    setText('');
    setSending(true);
    setRefusals([]);
    const ok = await onSend(
      sentText,
      sentFiles.map((f) => ({ name: f.name, blob: f.blob })),
    );
    setSending(false);
    if (ok) {
      const sent = new Set(sentFiles.map((f) => f.key));
      update(filesRef.current.filter((f) => !sent.has(f.key)));
    } else {
      // Give the text back unless the user already started a new one; the files never left.
      setText((current) => current || sentText);
    }
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

  const onPaste = (event: ClipboardEvent<HTMLTextAreaElement>): void => {
    const pasted = pastedFiles(event.clipboardData);
    if (!pasted.length) return;
    event.preventDefault();
    void addFiles(pasted);
  };

  const carriesFiles = (event: DragEvent): boolean => event.dataTransfer.types.includes('Files');
  const onDragOver = (event: DragEvent<HTMLFormElement>): void => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    if (!dragging) setDragging(true);
  };
  const onDragLeave = (event: DragEvent<HTMLFormElement>): void => {
    if (event.relatedTarget instanceof Node && event.currentTarget.contains(event.relatedTarget)) return;
    setDragging(false);
  };
  const onDrop = (event: DragEvent<HTMLFormElement>): void => {
    setDragging(false);
    if (!carriesFiles(event)) return;
    event.preventDefault();
    void addFiles(Array.from(event.dataTransfer.files));
  };

  return (
    <>
      {refusals.length > 0 && (
        <div role="alert" className="composer-refusals">
          <ul>
            {refusals.map((r, i) => (
              <li key={i}>{refusalText(am, r)}</li>
            ))}
          </ul>
          <button type="button" onClick={() => setRefusals([])}>
            {am.dismiss}
          </button>
        </div>
      )}
      <form
        className={dragging ? 'composer composer-dragging' : 'composer'}
        onSubmit={onSubmit}
        onDragOver={onDragOver}
        onDragLeave={onDragLeave}
        onDrop={onDrop}
      >
        <div className="composer-input">
          {textOnlyBackend && files.some((f) => f.kind === 'image') && (
            <p className="composer-warning">{am.textOnly(textOnlyBackend)}</p>
          )}
          <AttachmentTray
            items={files}
            disabled={sending}
            onRemove={(key) => update(filesRef.current.filter((f) => f.key !== key))}
          />
          <textarea
            ref={field}
            aria-label={m.message}
            placeholder={dragging ? am.dropHere : m.placeholder}
            rows={1}
            autoFocus
            value={text}
            onChange={(event) => setText(event.target.value)}
            onKeyDown={onKeyDown}
            onPaste={onPaste}
          />
        </div>
        {/* Below the text, in the order Tab reaches them: what goes with the message on the left,
            other features' controls (Compare) and Send or Stop on the right. */}
        <div className="composer-toolbar">
          <IconButton
            className="composer-attach"
            label={am.attach}
            hint={am.attachHint}
            icon={Paperclip}
            disabled={sending}
            onPress={() => input.current?.click()}
          />
          {tools}
          <input
            ref={input}
            type="file"
            className="composer-file-input"
            multiple
            accept={accept}
            tabIndex={-1}
            aria-hidden="true"
            onChange={(event) => {
              const picked = Array.from(event.target.files ?? []);
              // Cleared so picking the same file again fires a change.
              event.target.value = '';
              void addFiles(picked);
            }}
          />
          <span className="composer-toolbar-end">
            {beforeSend}
            {streaming ? (
              <IconButton className="stop" label={m.stop} icon={Square} onPress={onStop} />
            ) : (
              <IconButton type="submit" className="send" label={m.send} icon={ArrowUp} disabled={!canSend} />
            )}
          </span>
        </div>
      </form>
      {below?.(text)}
    </>
  );
}
