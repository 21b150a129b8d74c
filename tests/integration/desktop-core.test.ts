// What the desktop shell hands the core, on a real core and database: a config file with a bad
// entry starts anyway and says which, the web host's plaintext keys are offered once for the
// keychain, Open data folder works where the host can open folders, and the update check is
// there only where a host supplies one.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Backend, DataInfo } from '../../src/shared/domain';
import type { AppNotice, RequestOutput } from '../../src/shared/ipc/contract';
import { sayIn } from '../../src/shared/words/all-words';
import { readRunnelConfig } from '../../src/main/backends/runnel-config';
import type { CoreOptions } from '../../src/main/core/create-core';
import { FileSecretStore, type SecretCodec } from '../../src/main/secrets/secret-store';
import { createHarness, type Harness } from '../support/core-harness';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const clean of cleanups.splice(0).reverse()) await clean();
});
async function harness(options: Partial<CoreOptions> = {}): Promise<Harness> {
  const h = await createHarness(options);
  cleanups.push(() => h.dispose());
  return h;
}

const keychain: SecretCodec = {
  protection: async () => 'macos-keychain',
  encode: async (plain) => `enc:${plain}`,
  decode: async (stored) => ({ plain: stored.slice(4), stale: false }),
};

describe('the config file at start', () => {
  it('applies the good entries, and names each bad one in a notice instead of stopping', async () => {
    const h = await harness();
    const file = join(h.dataDir, 'runnel.config.json');
    writeFileSync(
      file,
      JSON.stringify({
        backends: [
          { name: 'Good', kind: 'ollama', baseUrl: 'http://127.0.0.1:11434' },
          { name: 'Typo', kind: 'ollama', baseUrl: 'http://127.0.0.1:11434', idleTimeoutMs: 5 },
          { name: 'Bad URL', kind: 'openai-chat', baseUrl: 'file:///etc/passwd' },
          { name: 'Triton', kind: 'triton-grpc', baseUrl: '127.0.0.1:8001' },
        ],
      }),
    );
    const told: AppNotice[] = [];
    h.core.subscribe((channel, payload) => {
      if (channel === 'app:notice') told.push(payload as AppNotice);
    });
    const problems = await h.core.provision(await readRunnelConfig(file, true));
    expect(problems.map((p) => p.entry)).toEqual(['"Typo" (backends[1])', '"Bad URL"']);
    const backends = await h.call<Backend[]>('backends:list');
    expect(backends.map((b) => [b.name, b.baseUrl])).toEqual([
      ['Good', 'http://127.0.0.1:11434'],
      ['Triton', 'http://127.0.0.1:8001'],
    ]);
    const info = await h.call<RequestOutput<'app:info'>>('app:info');
    const notices = info.notices.filter((n) => n.kind === 'config-problem');
    expect(notices).toEqual(told);
    expect(notices).toEqual([
      {
        kind: 'config-problem',
        file,
        entry: '"Typo" (backends[1])',
        detail: 'backends[1].idleTimeoutMs: Too small: expected number to be >=1000',
        said: expect.objectContaining({ key: 'input.tooSmall' }),
      },
      {
        kind: 'config-problem',
        file,
        entry: '"Bad URL"',
        detail: expect.stringMatching(/http/),
        said: expect.objectContaining({ key: expect.any(String) }),
      },
    ]);
    // The field the schema refused, and the store's refusal, are Runnel's sentences: the notice carries them for the UI's language.
    expect(sayIn('zh', notices[0]!.kind === 'config-problem' ? notices[0]!.said! : { key: '', values: {} })).toBe(
      'backends[1].idleTimeoutMs：不能小于 1000',
    );
    expect(sayIn('zh', notices[1]!.kind === 'config-problem' ? notices[1]!.said! : { key: '', values: {} })).toMatch(
      /[\u4e00-\u9fff]/,
    );
  });

  it('starts with a notice when the file is not JSON at all', async () => {
    const h = await harness();
    const file = join(h.dataDir, 'runnel.config.json');
    writeFileSync(file, '{ "backends": [ oops');
    expect(await h.core.provision(await readRunnelConfig(file, true))).toEqual([
      {
        file,
        entry: null,
        reason: expect.stringMatching(/not valid JSON/),
        said: expect.objectContaining({ key: 'config.notJson' }),
      },
    ]);
    expect(await h.call<Backend[]>('backends:list')).toEqual([]);
  });
});

describe('keys the web host left in the data folder', () => {
  const desktop = async (plaintext: Record<string, string>) => {
    const probe = await harness();
    writeFileSync(join(probe.dataDir, 'secrets.plaintext.json'), JSON.stringify(plaintext));
    return probe.dataDir;
  };

  it('are offered once, move into the keychain when the user says so, and the plaintext file goes', async () => {
    // The web host saved a backend with a key into this folder.
    const web = await harness();
    const saved = await web.call<Backend>('backends:save', {
      backend: { name: 'Web', kind: 'openai-chat', baseUrl: 'http://127.0.0.1:9/v1', apiKey: 'sk-web' },
    });
    await web.core.close();
    const plaintextKeysFile = join(web.dataDir, 'secrets.plaintext.json');
    const secrets = new FileSecretStore(join(web.dataDir, 'secrets.safe-storage.json'), keychain);
    const h = await createHarness({
      dataDir: web.dataDir,
      host: 'electron',
      secrets,
      plaintextKeysFile,
    } as Partial<CoreOptions>);
    cleanups.push(() => h.core.close());
    const info = await h.call<RequestOutput<'app:info'>>('app:info');
    expect(info.keyProtection).toBe('macos-keychain');
    expect(info.notices).toContainEqual({ kind: 'plaintext-keys', count: 1, detail: plaintextKeysFile });
    expect((await h.call<Backend[]>('backends:list'))[0]).toMatchObject({ hasApiKey: false });
    expect(await h.call('keys:move-plaintext', { move: true })).toEqual({ moved: 1, kept: 0 });
    expect(existsSync(plaintextKeysFile)).toBe(false);
    expect(await secrets.get(saved.id)).toBe('sk-web');
    expect((await h.call<Backend[]>('backends:list'))[0]).toMatchObject({ hasApiKey: true });
    const after = await h.call<RequestOutput<'app:info'>>('app:info');
    expect(after.notices.some((n) => n.kind === 'plaintext-keys')).toBe(false);
  });

  it('are not offered again once declined', async () => {
    const dataDir = await desktop({ a: 'sk-a' });
    const plaintextKeysFile = join(dataDir, 'secrets.plaintext.json');
    const open = async () => {
      const h = await createHarness({ dataDir, plaintextKeysFile } as Partial<CoreOptions>);
      return h;
    };
    const first = await open();
    expect((await first.call<RequestOutput<'app:info'>>('app:info')).notices.map((n) => n.kind)).toContain(
      'plaintext-keys',
    );
    expect(await first.call('keys:move-plaintext', { move: false })).toEqual({ moved: 0, kept: 0 });
    expect(existsSync(plaintextKeysFile)).toBe(true);
    await first.core.close();
    const second = await open();
    cleanups.push(() => second.core.close());
    expect((await second.call<RequestOutput<'app:info'>>('app:info')).notices).toEqual([]);
  });

  it('are not offered by the web host, which has no keychain to move them to', async () => {
    const h = await harness();
    writeFileSync(join(h.dataDir, 'secrets.plaintext.json'), JSON.stringify({ a: 'sk' }));
    await expect(h.call('keys:move-plaintext', { move: true })).rejects.toThrow(/no plaintext keys/);
  });
});

describe('what only the desktop host can do', () => {
  it('opens the data folder when the host gives the core a way to', async () => {
    const opened: string[] = [];
    const h = await harness({ openPath: async (path) => (opened.push(path), '') });
    expect((await h.call<DataInfo>('data:info')).canOpenFolder).toBe(true);
    expect(await h.call('data:open-folder')).toEqual({ opened: true });
    expect(opened).toEqual([h.dataDir]);
    const failing = await harness({ openPath: async () => 'No application is registered' });
    await expect(failing.call('data:open-folder')).rejects.toThrow(/No application is registered/);
  });

  it('checks for updates only where the host supplies a check, and the web host says it cannot', async () => {
    const web = await harness();
    expect((await web.call<RequestOutput<'app:info'>>('app:info')).canUpdate).toBe(false);
    expect(await web.call('updates:check')).toEqual({ state: 'unsupported' });
    const checks: string[] = [];
    const desktop = await harness({
      updates: {
        check: async () => (checks.push('check'), { state: 'available', version: '9.9.9' }),
        download: async () => ({ state: 'downloaded', version: '9.9.9' }),
        install: () => checks.push('install'),
      },
    });
    expect((await desktop.call<RequestOutput<'app:info'>>('app:info')).canUpdate).toBe(true);
    expect(await desktop.call('updates:check')).toEqual({ state: 'available', version: '9.9.9' });
    expect(await desktop.call('updates:download')).toEqual({ state: 'downloaded', version: '9.9.9' });
    await desktop.call('updates:install');
    expect(checks).toEqual(['check', 'install']);
  });
});
