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

/** A ChatGPT export of `n` two-turn conversations, as one conversations.json. */
export function bigChatGptExport(n: number): Buffer {
  const conversations = Array.from({ length: n }, (_, i) => ({
    title: `Conversation ${i}`,
    create_time: 1700000000 + i,
    update_time: 1700000000 + i,
    current_node: `a${i}`,
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    mapping: {
      root: { id: 'root', message: null, parent: null, children: [`q${i}`] },
      [`q${i}`]: {
        id: `q${i}`,
        parent: 'root',
        children: [`a${i}`],
        message: {
          author: { role: 'user' },
          create_time: 1700000000 + i,
          content: { content_type: 'text', parts: [`Question ${i} ${'pad '.repeat(50)}`] },
        },
      },
      [`a${i}`]: {
        id: `a${i}`,
        parent: `q${i}`,
        children: [],
        message: {
          author: { role: 'assistant' },
          create_time: 1700000001 + i,
          content: { content_type: 'text', parts: [`Answer ${i}`] },
        },
      },
    },
  }));
  return Buffer.from(JSON.stringify(conversations));
}
