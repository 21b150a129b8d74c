// The login shell's PATH: read between markers, merged with the current one, and a real shell
// asked with a profile of our own (a slow or missing shell falls back to the current PATH).
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loginPathCommand, mergePathLists, parseLoginShellOutput, resolveServerPath } from './login-path';

describe('parseLoginShellOutput', () => {
  it('reads the PATH between the markers, whatever the profile printed around it', () => {
    const out = `Welcome!\n__RUNNEL_PATH_START__\n/opt/homebrew/bin:/usr/bin\n__RUNNEL_PATH_END__\nbye\n`;
    expect(parseLoginShellOutput(out)).toBe('/opt/homebrew/bin:/usr/bin');
  });

  it('gives null without both markers, or with nothing or several lines between them', () => {
    expect(parseLoginShellOutput('/usr/bin')).toBeNull();
    expect(parseLoginShellOutput('__RUNNEL_PATH_START__\n/usr/bin')).toBeNull();
    expect(parseLoginShellOutput('__RUNNEL_PATH_START__\n\n__RUNNEL_PATH_END__')).toBeNull();
    expect(parseLoginShellOutput('__RUNNEL_PATH_START__\na\nb\n__RUNNEL_PATH_END__')).toBeNull();
  });
});

describe('mergePathLists', () => {
  it('puts the login entries first, then the current ones it lacks, without blanks or repeats', () => {
    expect(mergePathLists('/opt/homebrew/bin:/usr/bin::/bin', '/usr/bin:/Applications/X.app/bin:/bin', ':')).toBe(
      '/opt/homebrew/bin:/usr/bin:/bin:/Applications/X.app/bin',
    );
    expect(mergePathLists(null, '/usr/bin:/usr/bin', ':')).toBe('/usr/bin');
    expect(mergePathLists('C:\\a;C:\\b', 'C:\\b', ';')).toBe('C:\\a;C:\\b');
    expect(mergePathLists(null, undefined, ':')).toBe('');
  });
});

describe('resolveServerPath', () => {
  const home = mkdtempSync(join(tmpdir(), 'runnel-login-path-'));
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('uses the current PATH on Windows without asking a shell', async () => {
    let asked = false;
    const runShell = async () => ((asked = true), null);
    const path = await resolveServerPath({ platform: 'win32', env: { PATH: 'C:\\Windows' }, runShell });
    expect(path).toBe('C:\\Windows');
    expect(asked).toBe(false);
  });

  it('asks $SHELL as a login, interactive shell and merges what it says', async () => {
    const calls: string[] = [];
    const path = await resolveServerPath({
      platform: 'darwin',
      env: { PATH: '/usr/bin:/bin', SHELL: '/bin/zsh' },
      runShell: async (shell) => {
        calls.push(shell);
        return `noise\n__RUNNEL_PATH_START__\n/opt/homebrew/bin:/usr/bin\n__RUNNEL_PATH_END__\n`;
      },
    });
    expect(calls).toEqual(['/bin/zsh']);
    expect(path).toBe('/opt/homebrew/bin:/usr/bin:/bin');
  });

  it('runs a real login shell and reads the PATH its profile sets', async () => {
    writeFileSync(
      join(home, '.bash_profile'),
      'echo "hello from the profile"\nexport PATH="/opt/runnel-test/bin:$PATH"\n',
    );
    const path = await resolveServerPath({
      platform: 'linux',
      env: { HOME: home, PATH: '/usr/bin:/bin', SHELL: '/bin/bash' },
    });
    expect(path.split(':')[0]).toBe('/opt/runnel-test/bin');
    expect(path.split(':')).toEqual(expect.arrayContaining(['/usr/bin', '/bin']));
  });

  it('falls back to the current PATH when the shell is missing, fails or is too slow', async () => {
    const env = { HOME: home, PATH: '/usr/bin:/bin' };
    expect(await resolveServerPath({ platform: 'linux', env: { ...env, SHELL: join(home, 'no-such-shell') } })).toBe(
      '/usr/bin:/bin',
    );
    const slow = join(home, 'slow-shell');
    writeFileSync(slow, '#!/bin/sh\nsleep 10\n');
    chmodSync(slow, 0o755);
    const started = Date.now();
    expect(await resolveServerPath({ platform: 'linux', env: { ...env, SHELL: slow }, timeoutMs: 300 })).toBe(
      '/usr/bin:/bin',
    );
    expect(Date.now() - started).toBeLessThan(3_000);
    const failing = join(home, 'failing-shell');
    writeFileSync(failing, '#!/bin/sh\necho garbage\nexit 1\n');
    chmodSync(failing, 0o755);
    expect(await resolveServerPath({ platform: 'linux', env: { ...env, SHELL: failing } })).toBe('/usr/bin:/bin');
  });

  it('asks with a command every common shell understands', () => {
    expect(loginPathCommand).toBe('echo __RUNNEL_PATH_START__; printenv PATH; echo __RUNNEL_PATH_END__');
  });
});
