// Files go to main in base64 pieces that are whole on their own; put back together they are the
// file, byte for byte, and a refusal from main stops the upload.
import { describe, expect, it } from 'vitest';
import { uploadChunkBytes } from '../../../shared/attachment-rules';
import { ChatFailure, chatError } from '../../../shared/chat-error';
import type { RequestInput } from '../../../shared/ipc/contract';
import { base64ToBytes, bytesToBase64 } from './base64';
import { uploadAttachments } from './upload-attachments';

type Piece = RequestInput<'attachments:stage'>;

function recordingStage(refuse?: (piece: Piece) => string | null) {
  const pieces: Piece[] = [];
  let n = 0;
  const stage = async (piece: Piece) => {
    pieces.push(piece);
    const reason = refuse?.(piece);
    if (reason) throw new ChatFailure(chatError('invalid_input', reason));
    const uploadId = piece.uploadId ?? `u${++n}`;
    const size = pieces.filter((p) => p.name === piece.name).reduce((s, p) => s + (p.chunk.length / 4) * 3, 0);
    return {
      uploadId,
      attachment: piece.last
        ? { id: uploadId, name: piece.name, mime: 'image/png', size, kind: 'image' as const }
        : null,
    };
  };
  return { pieces, stage };
}

describe('uploadAttachments', () => {
  it('sends a file in pieces of uploadChunkBytes that reassemble exactly, under one upload id', async () => {
    const bytes = new Uint8Array(uploadChunkBytes * 2 + 5).map((_, i) => (i * 31) % 256);
    const { pieces, stage } = recordingStage();
    const [meta] = await uploadAttachments([{ name: 'big.png', blob: new Blob([bytes]) }], stage);
    expect(pieces.map((p) => [p.uploadId, p.last])).toEqual([
      [undefined, false],
      ['u1', false],
      ['u1', true],
    ]);
    const parts = pieces.map((p) => base64ToBytes(p.chunk));
    const joined = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    parts.reduce((at, p) => (joined.set(p, at), at + p.length), 0);
    expect(joined.length).toBe(bytes.length);
    expect(joined.every((b, i) => b === bytes[i])).toBe(true);
    expect(meta).toMatchObject({ id: 'u1' });
  });

  it('sends several files in order and answers their metadata in that order', async () => {
    const { stage } = recordingStage();
    const metas = await uploadAttachments(
      [
        { name: 'a.txt', blob: new Blob(['first']) },
        { name: 'b.txt', blob: new Blob(['second']) },
      ],
      stage,
    );
    expect(metas.map((m) => [m.id, m.name])).toEqual([
      ['u1', 'a.txt'],
      ['u2', 'b.txt'],
    ]);
  });

  it('stops at main’s refusal, with main’s words', async () => {
    const { pieces, stage } = recordingStage((p) => (p.name === 'bad.png' ? '"bad.png" cannot be attached' : null));
    await expect(
      uploadAttachments(
        [
          { name: 'bad.png', blob: new Blob(['x']) },
          { name: 'next.png', blob: new Blob(['y']) },
        ],
        stage,
      ),
    ).rejects.toThrow('"bad.png" cannot be attached');
    expect(pieces.map((p) => p.name)).toEqual(['bad.png']);
  });
});

describe('base64', () => {
  it('round-trips every byte value and a buffer larger than one encoding slice', () => {
    const all = new Uint8Array(256).map((_, i) => i);
    expect(base64ToBytes(bytesToBase64(all))).toEqual(all);
    expect(bytesToBase64(new TextEncoder().encode('Many hands make light work.'))).toBe(
      'TWFueSBoYW5kcyBtYWtlIGxpZ2h0IHdvcmsu',
    );
    const large = new Uint8Array(100_000).map((_, i) => (i * 7) % 256);
    expect(base64ToBytes(bytesToBase64(large))).toEqual(large);
  });
});
