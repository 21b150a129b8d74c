// Moves files through the core the way the renderer does (announced, then sent in base64 chunks;
// prepared downloads read back in chunks), and makes large ChatGPT exports to import.
import type { DownloadTicket } from '../../src/shared/domain';
import type { Harness } from './core-harness';

/** Sends files the way the renderer does: announce, then each file in chunks, in order. */
export async function upload(
  h: Pick<Harness, 'call'>,
  purpose: 'import' | 'restore',
  files: { name: string; bytes: Buffer }[],
): Promise<string> {
  const { uploadId, chunkBytes } = await h.call<{ uploadId: string; chunkBytes: number }>('data:upload-begin', {
    purpose,
    files: files.map((f) => ({ name: f.name, size: f.bytes.length })),
  });
  for (const [index, file] of files.entries()) {
    for (let offset = 0; offset < file.bytes.length; offset += chunkBytes) {
      const data = file.bytes.subarray(offset, offset + chunkBytes).toString('base64');
      await h.call('data:upload-chunk', { uploadId, file: index, offset, data });
    }
  }
  return uploadId;
}

/** Reads a prepared file back in chunks and releases it. */
export async function download(h: Harness, ticket: DownloadTicket): Promise<Buffer> {
  const parts: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const chunk = await h.call<{ data: string; next: number; done: boolean }>('data:download-chunk', {
      id: ticket.id,
      offset,
    });
    parts.push(Buffer.from(chunk.data, 'base64'));
    offset = chunk.next;
    if (chunk.done) break;
  }
  await h.call('data:download-release', { id: ticket.id });
  return Buffer.concat(parts);
}

/** How one two-turn conversation of a ChatGPT export reads. */
export interface ChatGptTurns {
  title: string;
  question: string;
  answer: string;
  /** Exports name the conversation's id `id` or `conversation_id`. */
  idKey?: 'id' | 'conversation_id';
  /** Messages carry their own create_time (older exports leave it out). */
  stamped?: boolean;
}

/** Conversation `i` of a ChatGPT export: a root, a question and its answer, in the export's tree format. */
export function chatGptConversation(i: number, turns: ChatGptTurns): Record<string, unknown> {
  const { title, question, answer, idKey = 'id', stamped = true } = turns;
  const at = (offset: number) => (stamped ? { create_time: 1700000000 + i + offset } : {});
  return {
    title,
    create_time: 1700000000 + i,
    update_time: 1700000000 + i,
    current_node: `a${i}`,
    [idKey]: `00000000-0000-4000-${idKey === 'id' ? 8000 : 9000}-${String(i).padStart(12, '0')}`,
    mapping: {
      root: { id: 'root', message: null, parent: null, children: [`q${i}`] },
      [`q${i}`]: {
        id: `q${i}`,
        parent: 'root',
        children: [`a${i}`],
        message: { author: { role: 'user' }, ...at(0), content: { content_type: 'text', parts: [question] } },
      },
      [`a${i}`]: {
        id: `a${i}`,
        parent: `q${i}`,
        children: [],
        message: { author: { role: 'assistant' }, ...at(1), content: { content_type: 'text', parts: [answer] } },
      },
    },
  };
}

/** A ChatGPT export of `n` two-turn conversations, as one conversations.json. */
export function bigChatGptExport(n: number): Buffer {
  const conversations = Array.from({ length: n }, (_, i) =>
    chatGptConversation(i, {
      title: `Conversation ${i}`,
      question: `Question ${i} ${'pad '.repeat(50)}`,
      answer: `Answer ${i}`,
    }),
  );
  return Buffer.from(JSON.stringify(conversations));
}
