// Which key presses are the app's shortcuts, on every platform's modifier.
import { describe, expect, it } from 'vitest';
import { shortcutOf, type ShortcutKeys } from './use-shortcuts';

const press = (key: string, extra: Partial<ShortcutKeys> = {}): ShortcutKeys => ({
  key,
  code: '',
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  isComposing: false,
  ...extra,
});

describe('shortcutOf', () => {
  it('takes Ctrl off macOS and Cmd on it, never the other', () => {
    expect(shortcutOf(press('n', { ctrlKey: true }), false)).toBe('new-chat');
    expect(shortcutOf(press(',', { ctrlKey: true }), false)).toBe('settings');
    expect(shortcutOf(press('k', { ctrlKey: true }), false)).toBe('search');
    expect(shortcutOf(press('b', { ctrlKey: true }), false)).toBe('sidebar');
    expect(shortcutOf(press('n', { metaKey: true }), true)).toBe('new-chat');
    expect(shortcutOf(press('b', { metaKey: true }), true)).toBe('sidebar');
    expect(shortcutOf(press('b', { ctrlKey: true }), true)).toBeNull();
    expect(shortcutOf(press('n', { metaKey: true }), false)).toBeNull();
    expect(shortcutOf(press('n', { ctrlKey: true }), true)).toBeNull();
    expect(shortcutOf(press('n', { ctrlKey: true, metaKey: true }), false)).toBeNull();
  });

  it('ignores plain keys, other modifiers, other letters and composition', () => {
    expect(shortcutOf(press('n'), false)).toBeNull();
    expect(shortcutOf(press('N', { ctrlKey: true, shiftKey: true }), false)).toBeNull();
    expect(shortcutOf(press('n', { ctrlKey: true, altKey: true }), false)).toBeNull();
    expect(shortcutOf(press('j', { ctrlKey: true, code: 'KeyN' }), false)).toBeNull();
    expect(shortcutOf(press('n', { ctrlKey: true, isComposing: true }), false)).toBeNull();
    expect(shortcutOf(press('b'), false)).toBeNull();
    expect(shortcutOf(press('B', { ctrlKey: true, shiftKey: true }), false)).toBeNull();
  });

  it('finds the key by place on layouts without Latin letters, and takes Caps Lock', () => {
    expect(shortcutOf(press('т', { ctrlKey: true, code: 'KeyN' }), false)).toBe('new-chat');
    expect(shortcutOf(press('л', { ctrlKey: true, code: 'KeyK' }), false)).toBe('search');
    expect(shortcutOf(press('б', { ctrlKey: true, code: 'Comma' }), false)).toBe('settings');
    expect(shortcutOf(press('и', { ctrlKey: true, code: 'KeyB' }), false)).toBe('sidebar');
    expect(shortcutOf(press('K', { ctrlKey: true }), false)).toBe('search');
  });
});
