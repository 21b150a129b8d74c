// A refused file reads the same in English as the shared rule's wording, and has its Chinese.
import { describe, expect, it } from 'vitest';
import { refusalText, type AttachmentRefusal } from '../../shared/attachment-rules';
import { sayIn } from '../../shared/words/all-words';
import { refusalWords } from './refusal-words';

const refusals: AttachmentRefusal[] = [
  { reason: 'type' },
  { reason: 'too-large', kind: 'image', limit: 20 * 1024 * 1024 },
  { reason: 'too-large', kind: 'text', limit: 1536 * 1024 },
  { reason: 'empty' },
  { reason: 'not-text' },
  { reason: 'name' },
];

describe('why a staged file was refused', () => {
  it('keeps the English of refusalText and writes every reason in Chinese', () => {
    for (const refusal of refusals) {
      const words = refusalWords('notes.bin', refusal);
      expect(words.text).toBe(refusalText('notes.bin', refusal));
      expect(sayIn('en', words.said)).toBe(words.text);
      expect(sayIn('zh', words.said)).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(sayIn('zh', refusalWords('big.png', refusals[1]!).said)).toBe('"big.png" 太大：图片最多 20 MB。');
  });
});
