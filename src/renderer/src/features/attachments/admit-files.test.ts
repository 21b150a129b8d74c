// Files checked in the composer before they join a message: the same rules as main, with every
// refusal naming its file, and limits on how many and how much one message may carry.
import { describe, expect, it } from 'vitest';
import { attachmentLimits } from '../../../../shared/attachment-rules';
import { admitFiles, type PendingAttachment } from './admit-files';

const pngBytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 1, 2, 3, 4]);
const file = (parts: BlobPart[], name: string, type = '') => new File(parts, name, { type });

describe('admitFiles', () => {
  it('admits images by their bytes and text files by name, keeping their order', async () => {
    const { added, refused } = await admitFiles(
      [file([pngBytes], 'shot.png', 'image/png'), file(['# 标题\n'], 'notes.md'), file([pngBytes], 'actually.txt')],
      [],
    );
    expect(refused).toEqual([]);
    expect(added.map(({ name, kind, mime, size }) => ({ name, kind, mime, size }))).toEqual([
      { name: 'shot.png', kind: 'image', mime: 'image/png', size: 16 },
      { name: 'notes.md', kind: 'text', mime: 'text/markdown', size: 9 },
      { name: 'actually.txt', kind: 'image', mime: 'image/png', size: 16 },
    ]);
    expect(new Set(added.map((a) => a.key)).size).toBe(3);
  });

  it('names a pasted screenshot that came without a name after its type', async () => {
    const { added } = await admitFiles([file([pngBytes], '', 'image/png')], []);
    expect(added[0]?.name).toBe('pasted-1.png');
  });

  it('refuses a wrong type whatever its name, text that is not UTF-8, empty and oversized files', async () => {
    const big = { name: 'huge.png', size: attachmentLimits.imageBytes + 1, slice: () => new Blob([pngBytes]) };
    const { added, refused } = await admitFiles(
      [
        file(['MZ\x90\x00binary'], 'tool.exe'),
        file(['not an image'], 'fake.png', 'image/png'),
        file([new Uint8Array([0x63, 0x61, 0x66, 0xe9])], 'latin1.txt'),
        file([], 'empty.md'),
        big as unknown as File,
      ],
      [],
    );
    expect(added).toEqual([]);
    expect(refused).toEqual([
      { name: 'tool.exe', refusal: { reason: 'type' } },
      { name: 'fake.png', refusal: { reason: 'type' } },
      { name: 'latin1.txt', refusal: { reason: 'not-text' } },
      { name: 'empty.md', refusal: { reason: 'empty' } },
      { name: 'huge.png', refusal: { reason: 'too-large', kind: 'image', limit: attachmentLimits.imageBytes } },
    ]);
  });

  it('stops at the per-message count, counting what is already attached', async () => {
    const current = Array.from({ length: attachmentLimits.perMessage - 1 }, (_, i) => ({
      key: `k${i}`,
      name: `${i}.png`,
      kind: 'image',
      mime: 'image/png',
      size: 16,
      blob: new Blob([pngBytes]),
    })) satisfies PendingAttachment[];
    const { added, refused } = await admitFiles([file([pngBytes], 'a.png'), file([pngBytes], 'b.png')], current);
    expect(added.map((a) => a.name)).toEqual(['a.png']);
    expect(refused).toEqual([{ name: 'b.png', refusal: { reason: 'count' } }]);
  });

  it('stops at the per-message total size', async () => {
    const current: PendingAttachment[] = [
      {
        key: 'k',
        name: 'x.png',
        kind: 'image',
        mime: 'image/png',
        size: attachmentLimits.messageBytes - 10,
        blob: new Blob(),
      },
    ];
    const { refused } = await admitFiles([file([pngBytes], 'one-more.png')], current);
    expect(refused).toEqual([{ name: 'one-more.png', refusal: { reason: 'total' } }]);
  });
});
