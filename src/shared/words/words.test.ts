import { describe, expect, it } from 'vitest';
import { chatError, isChatError } from '../chat-error';
import { sayIn, wordBooks } from './all-words';
import { isSaid } from './define-words';
import { transportWords } from './transport-words';

describe('word books', () => {
  it('give every book its own area and every language the same keys', () => {
    const areas = wordBooks.map((b) => b.area);
    expect(new Set(areas).size).toBe(areas.length);
    for (const book of wordBooks) {
      expect(Object.keys(book.languages.zh).sort(), book.area).toEqual(Object.keys(book.languages.en).sort());
    }
  });

  it('keep the English as the message and the key for the renderer', () => {
    const error = chatError('timeout', transportWords.say('noAnswerWithin', { host: 'gpu:8080', seconds: 30 }));
    expect(error.message).toBe('gpu:8080 did not answer within 30 s');
    expect(error.said).toEqual({ key: 'transport.noAnswerWithin', values: { host: 'gpu:8080', seconds: 30 } });
    const stored = JSON.parse(JSON.stringify(error)) as unknown;
    expect(isChatError(stored)).toBe(true);
    expect(sayIn('zh', error.said!)).toBe('gpu:8080 在 30 秒内没有应答');
    expect(sayIn('en', error.said!)).toBe(error.message);
  });

  it('write nothing for a key no book knows, so the English message is shown', () => {
    expect(sayIn('zh', { key: 'transport.nope', values: {} })).toBeNull();
    expect(sayIn('zh', { key: 'transport.toString', values: {} })).toBeNull();
    expect(sayIn('zh', { key: 'nobook.stopped', values: {} })).toBeNull();
    expect(sayIn('zh', { key: 'stopped', values: {} })).toBeNull();
  });

  it('read back only a well-formed said', () => {
    expect(isSaid({ key: 'transport.stopped', values: {} })).toBe(true);
    expect(isSaid({ key: 'transport.stopped', values: { a: { b: 1 } } })).toBe(false);
    expect(isSaid({ key: 1, values: {} })).toBe(false);
    expect(isSaid({ key: 'x', values: [] })).toBe(false);
    expect(isChatError({ code: 'timeout', message: 'm', retryable: true, said: { key: 2 } })).toBe(false);
  });
});
