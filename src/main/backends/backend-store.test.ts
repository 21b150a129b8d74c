// Base URLs, and what a backend keeps where: header values in the secret store (never in SQLite
// or in what the renderer gets), timeouts and default parameters in its row.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChatFailure } from '../../shared/chat-error';
import { openTemp, tempFolder } from '../db/temp-database';
import { FileSecretStore } from '../secrets/secret-store';
import { BackendStore, normalizeBaseUrl, setParams, type BackendDraft } from './backend-store';

describe('normalizeBaseUrl', () => {
  it('trims and drops trailing slashes', () => {
    expect(normalizeBaseUrl(' http://127.0.0.1:8000/v1/ ')).toBe('http://127.0.0.1:8000/v1');
  });

  it('takes ws:// and wss:// only for WebSocket kinds', () => {
    expect(normalizeBaseUrl('ws://127.0.0.1:8080/v1', 'openai-realtime')).toBe('ws://127.0.0.1:8080/v1');
    expect(normalizeBaseUrl('wss://gw.example/chat', 'websocket-json')).toBe('wss://gw.example/chat');
    expect(() => normalizeBaseUrl('ws://127.0.0.1:8080/v1', 'openai-chat')).toThrow(ChatFailure);
  });

  it('takes a triton-grpc target written the gRPC way, host:port with no scheme', () => {
    expect(normalizeBaseUrl('127.0.0.1:8001', 'triton-grpc')).toBe('http://127.0.0.1:8001');
    expect(normalizeBaseUrl(' triton.lan:8001 ', 'triton-grpc')).toBe('http://triton.lan:8001');
    expect(normalizeBaseUrl('[::1]:8001', 'triton-grpc')).toBe('http://[::1]:8001');
    expect(normalizeBaseUrl('https://triton.lan:8001', 'triton-grpc')).toBe('https://triton.lan:8001');
    // Other kinds still need a scheme: "localhost:8000" would read as a URL of scheme "localhost:".
    expect(() => normalizeBaseUrl('127.0.0.1:8000', 'openai-chat')).toThrow(ChatFailure);
  });

  it('refuses other schemes, non-URLs and credentials in the URL', () => {
    for (const bad of ['file:///etc/passwd', 'javascript:alert(1)', 'not a url', 'http://user:pw@host/v1']) {
      expect(() => normalizeBaseUrl(bad)).toThrow(ChatFailure);
    }
  });
});

describe('BackendStore: headers, timeouts and default parameters', () => {
  const setup = () => {
    const dir = tempFolder();
    const secretsFile = join(dir, 'secrets.plaintext.json');
    const db = openTemp(join(dir, 'runnel.sqlite'));
    return { db, secretsFile, store: new BackendStore(db, new FileSecretStore(secretsFile), () => 1) };
  };
  const draft = (extra: Partial<BackendDraft> = {}): BackendDraft => ({
    name: 'Gateway',
    kind: 'openai-chat',
    baseUrl: 'http://127.0.0.1:8000/v1',
    ...extra,
  });

  it('keeps header values in the secret store, tells the renderer only their names, and sends them', async () => {
    const { db, secretsFile, store } = setup();
    const saved = await store.save(undefined, draft({ headers: [{ name: ' X-Api-Key ', value: ' tok-123 ' }] }));
    expect(saved.headerNames).toEqual(['X-Api-Key']);
    expect(JSON.stringify(saved)).not.toContain('tok-123');
    expect(JSON.stringify(db.prepare('SELECT * FROM backends').all())).not.toContain('tok-123');
    expect(readFileSync(secretsFile, 'utf8')).toContain('tok-123');
    expect((await store.target(saved.id)).headers).toEqual({ 'X-Api-Key': 'tok-123' });
  });

  it('keeps a stored value when the form sends the name without one, and replaces or drops the rest', async () => {
    const { store } = setup();
    const saved = await store.save(
      undefined,
      draft({
        headers: [
          { name: 'X-Api-Key', value: 'one' },
          { name: 'X-Route', value: 'a' },
        ],
      }),
    );
    // No headers field at all: nothing changes.
    await store.save(saved.id, draft({ defaultModel: 'm' }));
    expect((await store.target(saved.id)).headers).toEqual({ 'X-Api-Key': 'one', 'X-Route': 'a' });

    const again = await store.save(
      saved.id,
      draft({ headers: [{ name: 'x-api-key' }, { name: 'X-New', value: 'n' }] }),
    );
    expect(again.headerNames).toEqual(['x-api-key', 'X-New']);
    expect((await store.target(saved.id)).headers).toEqual({ 'x-api-key': 'one', 'X-New': 'n' });

    await store.save(saved.id, draft({ headers: [] }));
    expect((await store.get(saved.id)).headerNames).toEqual([]);
    expect((await store.target(saved.id)).headers).toEqual({});
  });

  it('refuses bad headers before writing anything', async () => {
    const { store } = setup();
    const saved = await store.save(undefined, draft({ headers: [{ name: 'X-A', value: '1' }] }));
    const refused = async (headers: BackendDraft['headers']) => {
      try {
        await store.save(saved.id, draft({ defaultModel: 'changed', headers }));
        expect.unreachable();
      } catch (err) {
        expect(err).toBeInstanceOf(ChatFailure);
        return (err as ChatFailure).detail;
      }
    };
    expect(await refused([{ name: 'Host', value: 'evil' }])).toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/Host/),
    });
    expect((await refused([{ name: 'X-A', value: 'a\r\nInjected: 1' }]))?.message).toMatch(/line break/);
    expect((await refused([{ name: 'Bad Name', value: 'x' }]))?.message).toMatch(/not a valid header name/);
    expect((await refused([{ name: 'X-Missing' }]))?.message).toMatch(/needs a value/);
    const after = await store.get(saved.id);
    expect(after.defaultModel).toBeNull();
    expect(after.headerNames).toEqual(['X-A']);
  });

  it('lets a test from the form use typed headers, with stored values filled in', async () => {
    const { store } = setup();
    const saved = await store.save(undefined, draft({ headers: [{ name: 'X-A', value: 'stored' }] }));
    const target = await store.target(saved.id, draft({ headers: [{ name: 'X-A' }, { name: 'X-B', value: 'typed' }] }));
    expect(target.headers).toEqual({ 'X-A': 'stored', 'X-B': 'typed' });
  });

  it('forgets the headers with the backend', async () => {
    const { store, secretsFile } = setup();
    const saved = await store.save(undefined, draft({ apiKey: 'k', headers: [{ name: 'X-A', value: 'gone-soon' }] }));
    await store.remove(saved.id);
    expect(readFileSync(secretsFile, 'utf8')).not.toContain('gone-soon');
  });

  it('puts the timeouts on the target and keeps only the default parameters that are set', async () => {
    const { store } = setup();
    const saved = await store.save(
      undefined,
      draft({ connectTimeoutMs: 5_000, idleTimeoutMs: 60_000, defaultParams: { temperature: 0.3, seed: 42 } }),
    );
    expect(saved).toMatchObject({ connectTimeoutMs: 5_000, idleTimeoutMs: 60_000 });
    expect(saved.defaultParams).toEqual({ temperature: 0.3, seed: 42 });
    expect(await store.target(saved.id)).toMatchObject({ connectTimeoutMs: 5_000, idleTimeoutMs: 60_000 });
    expect(store.defaultParams(saved.id)).toEqual({ temperature: 0.3, seed: 42 });
    const cleared = await store.save(saved.id, draft());
    expect(cleared).toMatchObject({ connectTimeoutMs: null, idleTimeoutMs: null, defaultParams: {} });
  });
});

describe('setParams', () => {
  it('drops unset and non-finite values', () => {
    expect(setParams({ temperature: 0, topP: undefined, maxTokens: Number.NaN, seed: -1 })).toEqual({
      temperature: 0,
      seed: -1,
    });
    expect(setParams(undefined)).toEqual({});
  });
});

describe('BackendStore: keys that cannot be decrypted here', () => {
  /** Stands for safeStorage on a machine whose keyring changed: values written before fail to decode. */
  const keyring = { broken: false };
  const codec = {
    protection: async () => 'libsecret' as const,
    encode: async (plain: string) => `enc:${plain}`,
    decode: async (stored: string) => {
      if (keyring.broken)
        throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return { plain: stored.slice(4), stale: false };
    },
  };
  const setup = () => {
    const dir = tempFolder();
    const db = openTemp(join(dir, 'runnel.sqlite'));
    const file = join(dir, 'secrets.safe-storage.json');
    return { db, file, open: () => new BackendStore(db, new FileSecretStore(file, codec), () => 1) };
  };

  it('lists every backend, marks the one whose key is lost, and says so when it is used', async () => {
    keyring.broken = false;
    const { open } = setup();
    const before = open();
    const locked = await before.save(undefined, {
      name: 'Locked',
      kind: 'openai-chat',
      baseUrl: 'http://127.0.0.1:1/v1',
      apiKey: 'sk-1',
    });
    const plain = await before.save(undefined, { name: 'Open', kind: 'ollama', baseUrl: 'http://127.0.0.1:11434' });
    keyring.broken = true;
    const after = open();
    const list = await after.list();
    expect(list.map((b) => [b.name, b.hasApiKey, b.secretsUnreadable])).toEqual([
      ['Locked', false, true],
      ['Open', false, false],
    ]);
    await expect(after.target(locked.id)).rejects.toThrow(/cannot be decrypted on this machine.*Enter them again/);
    await expect(after.target(plain.id)).resolves.toMatchObject({ kind: 'ollama', apiKey: null });
    // The form's own key replaces the lost one, for a test and for good.
    await expect(after.target(locked.id, { ...list[0]!, apiKey: 'sk-2', headers: undefined })).resolves.toMatchObject({
      apiKey: 'sk-2',
    });
    keyring.broken = false;
    const saved = await open().save(locked.id, {
      name: 'Locked',
      kind: 'openai-chat',
      baseUrl: 'http://127.0.0.1:1/v1',
      apiKey: 'sk-2',
    });
    expect(saved).toMatchObject({ hasApiKey: true, secretsUnreadable: false });
  });

  it('refuses to save a key when no keychain is available, before anything is written', async () => {
    const { db, file } = setup();
    const store = new BackendStore(
      db,
      new FileSecretStore(file, { ...codec, protection: async () => 'unavailable' as const }),
      () => 1,
    );
    await expect(
      store.save(undefined, { name: 'K', kind: 'openai-chat', baseUrl: 'http://127.0.0.1:1/v1', apiKey: 'sk' }),
    ).rejects.toThrow(/keychain is not available/);
    expect(await store.list()).toEqual([]);
    await expect(
      store.save(undefined, { name: 'No key', kind: 'openai-chat', baseUrl: 'http://127.0.0.1:1/v1' }),
    ).resolves.toMatchObject({ name: 'No key' });
  });
});
