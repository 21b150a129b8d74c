// A secret form sends a name without a value to keep the stored one: given values win, missing ones
// come from storage by the caller's matching, and a name with neither is refused by name.
import { describe, expect, it } from 'vitest';
import { ChatFailure } from '../../shared/chat-error';
import { fillKeptValues } from './kept-values';

describe('kept secret values', () => {
  const stored: Record<string, string> = { TOKEN: 'stored-token', Region: 'eu' };

  it('keeps a given value and fills a missing one from storage', () => {
    expect(fillKeptValues([{ name: 'TOKEN' }, { name: 'Region', value: 'us' }], (n) => stored[n], 'variable')).toEqual([
      ['TOKEN', 'stored-token'],
      ['Region', 'us'],
    ]);
  });

  it('uses the caller’s matching (headers match without case)', () => {
    const headers: [string, string][] = [['X-Api-Key', 'k1']];
    const byHeader = (name: string) => headers.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];
    expect(fillKeptValues([{ name: 'x-api-key' }], byHeader, 'header')).toEqual([['x-api-key', 'k1']]);
  });

  it('refuses a name with neither a value nor a stored one, naming it', () => {
    try {
      fillKeptValues([{ name: 'NEW_SECRET' }], (n) => stored[n], 'variable');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ChatFailure);
      expect((e as ChatFailure).detail.code).toBe('invalid_input');
      expect((e as ChatFailure).detail.message).toBe('The variable "NEW_SECRET" needs a value');
    }
  });

  it('keeps an empty string given on purpose', () => {
    expect(fillKeptValues([{ name: 'TOKEN', value: '' }], (n) => stored[n], 'variable')).toEqual([['TOKEN', '']]);
  });
});
