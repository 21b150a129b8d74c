// Which key presses send: IME users confirm candidates with Enter, and that must not send.
import { describe, expect, it } from 'vitest';
import { isSendKey } from './composer';

const key = (over: Partial<Parameters<typeof isSendKey>[0]>) => ({
  key: 'Enter',
  shiftKey: false,
  isComposing: false,
  keyCode: 13,
  ...over,
});

describe('isSendKey', () => {
  it('sends on Enter alone', () => expect(isSendKey(key({}))).toBe(true));
  it('keeps Shift+Enter as a newline', () => expect(isSendKey(key({ shiftKey: true }))).toBe(false));
  it('ignores Enter while composing', () => expect(isSendKey(key({ isComposing: true }))).toBe(false));
  it('ignores the IME process key', () => expect(isSendKey(key({ keyCode: 229 }))).toBe(false));
  it('ignores other keys', () => expect(isSendKey(key({ key: 'a', keyCode: 65 }))).toBe(false));
});
