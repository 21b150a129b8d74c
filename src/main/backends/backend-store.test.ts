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
