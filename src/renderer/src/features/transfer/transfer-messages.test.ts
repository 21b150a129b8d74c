// Sizes as the Data section shows them.
import { describe, expect, it } from 'vitest';
import { readableSize } from './transfer-messages';

describe('readableSize', () => {
  it('reads sizes in binary units', () => {
    expect(readableSize(512)).toBe('512 bytes');
    expect(readableSize(1536)).toBe('1.5 KB');
    expect(readableSize(5 * 1024 ** 3)).toBe('5 GB');
  });
});
