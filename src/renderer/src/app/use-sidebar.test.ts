// The wide window's sidebar is remembered as shown or hidden, and junk or broken storage shows it.
import { describe, expect, it } from 'vitest';
import { readSidebarShown, saveSidebarShown } from './use-sidebar';

const memory = () => {
  const items = new Map<string, string>();
  return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v) };
};

describe('the sidebar remembered', () => {
  it('comes back as it was left', () => {
    const store = memory();
    expect(readSidebarShown(store)).toBe(true);
    saveSidebarShown(store, false);
    expect(readSidebarShown(store)).toBe(false);
    saveSidebarShown(store, true);
    expect(readSidebarShown(store)).toBe(true);
  });

  it('is shown when storage is missing, holds junk, or throws', () => {
    expect(readSidebarShown(null)).toBe(true);
    expect(readSidebarShown({ getItem: () => 'sideways' })).toBe(true);
    const broken = {
      getItem: (): string => {
        throw new Error('denied');
      },
      setItem: (): void => {
        throw new Error('full');
      },
    };
    expect(readSidebarShown(broken)).toBe(true);
    expect(() => saveSidebarShown(broken, false)).not.toThrow();
  });
});
