// Messages and their stored files as the model sees them: each text file becomes a fenced block
// introduced by its name, placed before the user's words; images travel beside the text for the
// adapter to put where its API wants them. Kinds that cannot carry images are refused before
// anything is sent, never given the text alone.
import { takesImages, textTypeOf } from '../../shared/attachment-rules';
import { ChatFailure, chatError } from '../../shared/chat-error';
import type { BackendKind, Message } from '../../shared/domain';
import type { ConversationId, MessageId } from '../../shared/ids';
import { attachmentMetaFor, attachmentsFor, type NewAttachment } from '../db/history/attachments-repo';
import { activeBranch } from '../db/history/messages-repo';
import type { Db } from '../db/db';
import type { ChatTurn } from '../providers/types';
import { generationWords } from '../../shared/words/generation-words';

/** A fence longer than any backtick run inside, so a file holding ``` cannot close it early. */
function fenceFor(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  return '`'.repeat(Math.max(3, longest + 1));
}

/** One text file as the model reads it: its name, then its text in a fenced block labelled by type. */
export function fileBlock(name: string, text: string): string {
  const body = text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n/g, '\n')
    .replace(/\n$/, '');
  const fence = fenceFor(body);
  const label = textTypeOf(name);
  return `File: ${name}\n${fence}${/^[a-z0-9+#-]{1,20}$/.test(label) ? label : ''}\n${body}\n${fence}`;
}

/** The turn with its files: text files folded into the content (first), images alongside. */
export function withFiles(turn: ChatTurn, files: readonly Omit<NewAttachment, 'id'>[] | undefined): ChatTurn {
  if (!files?.length) return turn;
  const decoder = new TextDecoder('utf-8');
  const blocks = files.filter((f) => f.kind === 'text').map((f) => fileBlock(f.name, decoder.decode(f.data)));
  const images = files
    .filter((f) => f.kind === 'image')
    .map((f) => ({
      mime: f.mime,
      base64: Buffer.from(f.data.buffer, f.data.byteOffset, f.data.byteLength).toString('base64'),
    }));
  const content = blocks.length ? [...blocks, ...(turn.content ? [turn.content] : [])].join('\n\n') : turn.content;
  return { ...turn, content, ...(images.length ? { images } : {}) };
}

/** The files of every message in the list, bytes included, for the request being built. */
export function filesOf(db: Db, messages: readonly Message[]): Map<MessageId, NewAttachment[]> {
  return attachmentsFor(
    db,
    messages.map((m) => m.id),
  );
}

const kindNames: Partial<Record<BackendKind, string>> = {
  'triton-grpc': 'Triton',
  koboldcpp: 'KoboldCpp',
  'websocket-json': 'custom WebSocket',
  runpod: 'RunPod',
};

function imagesRefused(kind: BackendKind, inHistory: boolean): ChatFailure {
  const who = kindNames[kind] ?? kind;
  const words = generationWords.say(inHistory ? 'imagesInHistory' : 'imagesHere', { who });
  return new ChatFailure(chatError('invalid_input', words));
}

/** Throws before any request is made when the turns carry images the kind cannot send. */
export function assertImagesAccepted(kind: BackendKind, turns: readonly ChatTurn[]): void {
  if (!takesImages(kind) && turns.some((t) => t.images?.length)) throw imagesRefused(kind, false);
}

/**
 * Before a message is stored: refuses new images, or images earlier in the conversation's branch,
 * for a kind that cannot send them, so the user keeps the message and can pick another backend.
 */
export function refuseImagesBefore(
  db: Db,
  kind: BackendKind,
  conversationId: ConversationId | null,
  newFiles: readonly { kind: string }[],
): void {
  if (takesImages(kind)) return;
  if (newFiles.some((f) => f.kind === 'image')) throw imagesRefused(kind, false);
  if (conversationId === null) return;
  const branch = activeBranch(db, conversationId).map((m) => m.id);
  for (const files of attachmentMetaFor(db, branch).values()) {
    if (files.some((f) => f.kind === 'image')) throw imagesRefused(kind, true);
  }
}
