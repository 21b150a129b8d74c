// The decisions the desktop shell takes before its window opens: the data folder, one instance
// per data folder, and a quit that cannot hang. Electron's app and window are stand-ins here.
import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeWithin } from './close-within';
import { prepareDataFolder } from './data-folder';
import { claimSingleInstance, focusWindow } from './single-instance';

describe('the data folder', () => {
  let base: string;
  beforeEach(() => {
    base = mkdtempSync(join(tmpdir(), 'runnel-data-'));
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  const fakeApp = () => {
    const paths = new Map<string, string>([['userData', '/home/u/.config/Runnel']]);
    return {
      paths,
      getPath: (name: string) => paths.get(name) ?? '',
      setPath: (name: string, value: string) => {
        if (!existsSync(value)) throw new Error(`Failed to set path: ${value} does not exist`);
        paths.set(name, value);
      },
    };
  };

  it('creates RUNNEL_DATA_DIR when it does not exist, and puts userData and the Chromium profile there', () => {
    const app = fakeApp();
    const dir = join(base, 'not', 'yet', 'there');
    expect(prepareDataFolder(app as never, { RUNNEL_DATA_DIR: dir })).toBe(dir);
    expect(existsSync(dir)).toBe(true);
    expect(app.paths.get('userData')).toBe(dir);
    expect(app.paths.get('sessionData')).toBe(dir);
  });

  it('makes a relative RUNNEL_DATA_DIR absolute', () => {
    const app = fakeApp();
    const dir = prepareDataFolder(app as never, { RUNNEL_DATA_DIR: join(base, 'a', '..', 'b') });
    expect(dir).toBe(join(base, 'b'));
  });

  it('leaves Electron’s own folder alone when the variable is unset or blank', () => {
    for (const env of [{}, { RUNNEL_DATA_DIR: '  ' }]) {
      const app = fakeApp();
      expect(prepareDataFolder(app as never, env)).toBe('/home/u/.config/Runnel');
      expect(app.paths.has('sessionData')).toBe(false);
    }
  });
});

describe('one instance per data folder', () => {
  const fakeWindow = (state: { minimized?: boolean; visible?: boolean; destroyed?: boolean } = {}) => {
    const calls: string[] = [];
    return {
      calls,
      isDestroyed: () => state.destroyed ?? false,
      isMinimized: () => state.minimized ?? false,
      isVisible: () => state.visible ?? true,
      restore: () => calls.push('restore'),
      show: () => calls.push('show'),
      focus: () => calls.push('focus'),
    };
  };
  const fakeApp = (locked: boolean) =>
    Object.assign(new EventEmitter(), {
      quits: 0,
      requestSingleInstanceLock: () => locked,
      quit() {
        this.quits++;
      },
    });

  it('lets the first start through and brings its window back when a second one starts', () => {
    const app = fakeApp(true);
    const window = fakeWindow({ minimized: true, visible: false });
    expect(claimSingleInstance(app as never, () => window as never)).toBe(true);
    expect(app.quits).toBe(0);
    app.emit('second-instance', {}, ['runnel'], '/');
    expect(window.calls).toEqual(['restore', 'show', 'focus']);
  });

  it('makes a second start quit before it opens anything', () => {
    const app = fakeApp(false);
    expect(claimSingleInstance(app as never, () => null)).toBe(false);
    expect(app.quits).toBe(1);
    expect(app.listenerCount('second-instance')).toBe(0);
  });

  it('only focuses a window that is already in front, and ignores a closed one', () => {
    const shown = fakeWindow();
    focusWindow(shown as never);
    expect(shown.calls).toEqual(['focus']);
    const gone = fakeWindow({ destroyed: true });
    focusWindow(gone as never);
    expect(gone.calls).toEqual([]);
    expect(() => focusWindow(null)).not.toThrow();
  });
});

describe('quitting', () => {
  it('waits for the core to close', async () => {
    let closed = false;
    const result = await closeWithin(async () => {
      await new Promise((r) => setTimeout(r, 20));
      closed = true;
    }, 1_000);
    expect(result).toBe('closed');
    expect(closed).toBe(true);
  });

  it('gives up on a close that hangs, after the limit', async () => {
    const started = Date.now();
    expect(await closeWithin(() => new Promise<void>(() => {}), 50)).toBe('timed-out');
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('quits after a close that fails', async () => {
    expect(await closeWithin(() => Promise.reject(new Error('disk gone')), 1_000)).toBe('failed');
  });
});
