// Which key presses send (IME users confirm candidates with Enter, and that must not send), when
// Send is possible, and which pastes bring files.
import { describe, expect, it } from 'vitest';
import { canSendNow, isSendKey, pastedFiles } from './composer';

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

describe('canSendNow', () => {
  const state = (over: Partial<Parameters<typeof canSendNow>[0]>) => ({
    text: '',
    files: 0,
    busy: false,
    streaming: false,
    ...over,
  });
  it('sends words, or files alone', () => {
    expect(canSendNow(state({ text: 'hi' }))).toBe(true);
    expect(canSendNow(state({ files: 1 }))).toBe(true);
  });
  it('does not send blank text without files', () => expect(canSendNow(state({ text: '  \n' }))).toBe(false));
  it('waits while files are read or a send is on its way, and while an answer streams', () => {
    expect(canSendNow(state({ text: 'hi', busy: true }))).toBe(false);
    expect(canSendNow(state({ text: 'hi', streaming: true }))).toBe(false);
  });
});

describe('pastedFiles', () => {
  const png = new File([new Uint8Array([0x89, 0x50])], 'image.png', { type: 'image/png' });
  it('takes the files of a paste that has no plain text (a screenshot, an image copied from a page)', () => {
    expect(pastedFiles({ types: ['Files'], files: [png] })).toEqual([png]);
    expect(pastedFiles({ types: ['text/html', 'Files'], files: [png] })).toEqual([png]);
  });
  it('leaves a paste with plain text to the text box, even with a picture of it beside', () => {
    expect(pastedFiles({ types: ['text/plain', 'Files'], files: [png] })).toEqual([]);
    expect(pastedFiles({ types: ['text/plain'], files: [] })).toEqual([]);
  });
});
