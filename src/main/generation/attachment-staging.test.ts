// Staging files in pieces: whole files come back byte for byte, and every limit refuses with a
// message that names the file, at the piece where it is crossed.
import { describe, expect, it } from 'vitest';
import { attachmentLimits } from '../../shared/attachment-rules';
import { ChatFailure } from '../../shared/chat-error';
import { AttachmentStaging, type StagePiece } from './attachment-staging';

const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(40, 7)]);

/** Sends `data` in pieces of `pieceBytes` (a multiple of 3) and returns the last answer. */
function stage(staging: AttachmentStaging, name: string, data: Buffer, pieceBytes = 30) {
  let uploadId: string | undefined;
  let answer: ReturnType<AttachmentStaging['put']> | undefined;
  for (let at = 0; at < data.length || at === 0; at += pieceBytes) {
    const piece: StagePiece = {
      name,
      chunk: data.subarray(at, at + pieceBytes).toString('base64'),
      last: at + pieceBytes >= data.length,
      ...(uploadId ? { uploadId } : {}),
    };
    answer = staging.put(piece);
    uploadId = answer.uploadId;
    if (data.length === 0) break;
  }
  return answer!;
}

const message = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    if (err instanceof ChatFailure) return `${err.detail.code}: ${err.message}`;
    throw err;
  }
  throw new Error('expected a refusal');
};

describe('AttachmentStaging', () => {
  it('puts an image together from pieces and hands it over once, in the order asked', () => {
    const staging = new AttachmentStaging();
    const image = stage(staging, 'cat.png', png);
    expect(image.attachment).toEqual({
      id: image.uploadId,
      name: 'cat.png',
      mime: 'image/png',
      size: 48,
      kind: 'image',
    });
    const text = stage(staging, 'notes.md', Buffer.from('# 标题\nbody'));
    expect(text.attachment).toMatchObject({ kind: 'text', mime: 'text/markdown' });

    const files = staging.take([text.uploadId, image.uploadId]);
    expect(files.map((f) => f.name)).toEqual(['notes.md', 'cat.png']);
    expect(Buffer.from(files[1]!.data).equals(png)).toBe(true);
    expect(staging.size).toBe(0);
    expect(message(() => staging.take([image.uploadId]))).toMatch(/^not_found: .*attach it again/);
  });

  it('sniffs the bytes: a PNG named .txt is an image, text named .png is refused', () => {
    const staging = new AttachmentStaging();
    expect(stage(staging, 'oops.txt', png).attachment?.kind).toBe('image');
    expect(message(() => stage(staging, 'fake.png', Buffer.from('not really an image at all')))).toMatch(
      /^invalid_input: "fake.png" cannot be attached: only PNG, JPEG, WebP and GIF images and text files/,
    );
  });

  it('refuses text that is not UTF-8, and empty files', () => {
    const staging = new AttachmentStaging();
    expect(message(() => stage(staging, 'latin1.txt', Buffer.from([0x63, 0x61, 0x66, 0xe9])))).toMatch(
      /"latin1.txt" is not UTF-8 text/,
    );
    expect(message(() => stage(staging, 'empty.txt', Buffer.alloc(0)))).toMatch(/"empty.txt" is empty/);
    expect(staging.size).toBe(0);
  });

  it('refuses a file at the piece that takes it over its kind’s limit, and forgets it', () => {
    const staging = new AttachmentStaging();
    const tooLong = Buffer.alloc(attachmentLimits.textBytes + 3, 0x61);
    expect(message(() => stage(staging, 'big.txt', tooLong, 3 * 100_000))).toBe(
      'invalid_input: "big.txt" is too large: text files can be at most 1 MB.',
    );
    expect(staging.size).toBe(0);
  });

  it('refuses bad base64, a piece for an upload it does not know, and a name that changes', () => {
    const staging = new AttachmentStaging();
    expect(message(() => staging.put({ name: 'a.txt', chunk: 'not base64!', last: true }))).toMatch(/not valid base64/);
    expect(message(() => staging.put({ name: 'a.txt', chunk: 'YWJj', last: true, uploadId: 'gone' }))).toMatch(
      /^not_found/,
    );
    const first = staging.put({ name: 'a.txt', chunk: 'YWJj', last: false });
    expect(message(() => staging.put({ name: 'b.txt', chunk: 'YWJj', last: true, uploadId: first.uploadId }))).toMatch(
      /changed its file name/,
    );
  });

  it('bounds what it holds, and drops uploads left alone too long', () => {
    let now = 0;
    const staging = new AttachmentStaging({ maxBytes: 100, ttlMs: 1000, now: () => now });
    stage(staging, 'a.png', png);
    stage(staging, 'b.png', png);
    expect(message(() => stage(staging, 'c.png', png))).toMatch(/Too many files are waiting/);
    now = 2000;
    const later = stage(staging, 'd.png', png);
    expect(staging.size).toBe(1);
    expect(staging.take([later.uploadId])).toHaveLength(1);
  });

  it('refuses the same file twice and files over the per-message total', () => {
    const staging = new AttachmentStaging();
    const a = stage(staging, 'a.png', png);
    expect(message(() => staging.take([a.uploadId, a.uploadId]))).toMatch(/given twice/);

    const big = Buffer.concat([png, Buffer.alloc(18 * 1024 * 1024 - png.length)]);
    const ids = ['x.png', 'y.png', 'z.png'].map((name) => stage(staging, name, big, 3 * 1024 * 1024).uploadId);
    expect(message(() => staging.take(ids))).toMatch(/at most 50 MB together/);
  });
});
