// Backend rows against a real file: CRUD, ordering, and the unique name.
import { describe, expect, it } from 'vitest';
import { ChatFailure } from '../../../shared/chat-error';
import { asBackendId } from '../../../shared/ids';
import {
  deleteBackend,
  findBackendByName,
  getBackend,
  insertBackend,
  listBackends,
  updateBackend,
  type BackendFields,
} from './backends-repo';
import { openTemp } from '../temp-database';

const fields = (name: string, now = 1): BackendFields => ({
  name,
  kind: 'openai-chat',
  baseUrl: 'http://127.0.0.1:8000/v1',
  defaultModel: null,
  http: 'auto',
  now,
});

describe('backends repository', () => {
  it('keeps creation order for backends saved in the same millisecond, and a later clock moves on from it', () => {
    const db = openTemp();
    const zeta = insertBackend(db, fields('Zeta', 100));
    const alpha = insertBackend(db, fields('Alpha', 100));
    const beta = insertBackend(db, fields('Beta', 100));
    expect([zeta.createdAt, alpha.createdAt, beta.createdAt]).toEqual([100, 101, 102]);
    expect(insertBackend(db, fields('Later', 500)).createdAt).toBe(500);
    expect(getBackend(db, alpha.id)?.createdAt).toBe(101);
    // Listed by name all the same.
    expect(listBackends(db).map((b) => b.name)).toEqual(['Alpha', 'Beta', 'Later', 'Zeta']);
  });

  it('inserts, gets, finds by name, lists by name, updates and deletes', () => {
    const db = openTemp();
    const vllm = insertBackend(db, { ...fields('vLLM'), defaultModel: 'qwen', http: 'h2c' });
    const llama = insertBackend(db, fields('llama.cpp'));
    expect(vllm).toEqual({
      id: vllm.id,
      name: 'vLLM',
      kind: 'openai-chat',
      baseUrl: 'http://127.0.0.1:8000/v1',
      defaultModel: 'qwen',
      http: 'h2c',
      tlsCa: null,
      options: {},
      connectTimeoutMs: null,
      idleTimeoutMs: null,
      defaultParams: {},
      createdAt: 1,
      updatedAt: 1,
    });
    expect(getBackend(db, vllm.id)).toEqual(vllm);
    expect(findBackendByName(db, 'vLLM')).toEqual(vllm);
    expect(findBackendByName(db, 'nope')).toBeNull();
    expect(listBackends(db).map((b) => b.name)).toEqual(['llama.cpp', 'vLLM']);

    expect(
      updateBackend(db, llama.id, { ...fields('llama-server', 5), baseUrl: 'http://gpu:8080/v1', http: 'h1' }),
    ).toBe(true);
    expect(getBackend(db, llama.id)).toEqual({
      ...llama,
      name: 'llama-server',
      baseUrl: 'http://gpu:8080/v1',
      http: 'h1',
      updatedAt: 5,
    });
    expect(updateBackend(db, asBackendId('missing'), fields('x'))).toBe(false);

    expect(deleteBackend(db, vllm.id)).toBe(true);
    expect(deleteBackend(db, vllm.id)).toBe(false);
    expect(getBackend(db, vllm.id)).toBeNull();
    expect(listBackends(db).map((b) => b.id)).toEqual([llama.id]);
  });

  it('refuses a second backend with the same name, on insert and on rename', () => {
    const db = openTemp();
    insertBackend(db, fields('Ollama'));
    const other = insertBackend(db, fields('LM Studio'));
    expect(() => insertBackend(db, fields('Ollama'))).toThrow(ChatFailure);
    try {
      updateBackend(db, other.id, fields('Ollama'));
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ChatFailure);
      expect((err as ChatFailure).detail).toMatchObject({ code: 'invalid_input', retryable: false });
    }
    expect(listBackends(db)).toHaveLength(2);
    expect(getBackend(db, other.id)?.name).toBe('LM Studio');
  });

  it('keeps per-backend timeouts and default parameters, and clears them', () => {
    const db = openTemp();
    const b = insertBackend(db, {
      ...fields('Slow box'),
      connectTimeoutMs: 90_000,
      idleTimeoutMs: 600_000,
      defaultParams: { temperature: 0.2, topP: 0.9, maxTokens: 512, seed: 7 },
    });
    expect(getBackend(db, b.id)).toMatchObject({
      connectTimeoutMs: 90_000,
      idleTimeoutMs: 600_000,
      defaultParams: { temperature: 0.2, topP: 0.9, maxTokens: 512, seed: 7 },
    });
    updateBackend(db, b.id, { ...fields('Slow box', 2), defaultParams: { seed: 1 } });
    expect(getBackend(db, b.id)).toMatchObject({
      connectTimeoutMs: null,
      idleTimeoutMs: null,
      defaultParams: { seed: 1 },
    });
  });

  it('reads damaged timeouts, parameters and options as unset', () => {
    const db = openTemp();
    const b = insertBackend(db, fields('X'));
    db.prepare<[string]>(
      `UPDATE backends SET connect_timeout_ms = -5, idle_timeout_ms = 'soon',
         default_params_json = '{"temperature":"hot","seed":3,"extra":1}' WHERE id = ?`,
    ).run(b.id);
    expect(getBackend(db, b.id)).toMatchObject({
      connectTimeoutMs: null,
      idleTimeoutMs: null,
      defaultParams: { seed: 3 },
    });
    db.prepare<[string]>("UPDATE backends SET default_params_json = 'not json' WHERE id = ?").run(b.id);
    expect(getBackend(db, b.id)?.defaultParams).toEqual({});
    // Options keep their string values only, and unreadable ones read as none.
    db.prepare<[string]>(`UPDATE backends SET options_json = '{"path":"/v1","n":2,"x":null}' WHERE id = ?`).run(b.id);
    expect(getBackend(db, b.id)?.options).toEqual({ path: '/v1' });
    db.prepare<[string]>("UPDATE backends SET options_json = '[1]' WHERE id = ?").run(b.id);
    expect(getBackend(db, b.id)?.options).toEqual({});
  });

  it('reads an unknown http mode as auto', () => {
    const db = openTemp();
    const b = insertBackend(db, fields('X'));
    db.prepare<[string]>("UPDATE backends SET http = 'h9' WHERE id = ?").run(b.id);
    expect(getBackend(db, b.id)?.http).toBe('auto');
  });
});
