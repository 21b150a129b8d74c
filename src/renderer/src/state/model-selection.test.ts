// The remembered model choice and how it falls back when backends change.
import { describe, expect, it } from 'vitest';
import type { Backend } from '../../../shared/domain';
import { asBackendId } from '../../../shared/ids';
import { choiceKey, loadChoice, modelsFor, parseChoiceKey, reconcileChoice, saveChoice } from './model-selection';

const backend = (id: string, defaultModel: string | null = null, createdAt = 0): Backend => ({
  id: asBackendId(id),
  name: id,
  kind: 'openai-chat',
  baseUrl: 'http://127.0.0.1:8000/v1',
  defaultModel,
  http: 'auto',
  tlsCa: null,
  options: {},
  hasApiKey: false,
  secretsUnreadable: false,
  headerNames: [],
  connectTimeoutMs: null,
  idleTimeoutMs: null,
  defaultParams: {},
  createdAt,
  updatedAt: createdAt,
});

describe('model selection', () => {
  it('round-trips through storage and ignores junk', () => {
    const store = new Map<string, string>();
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => store.set(k, v),
    };
    expect(loadChoice(storage)).toBeNull();
    saveChoice(storage, { backendId: asBackendId('b'), model: 'qwen' });
    expect(loadChoice(storage)).toEqual({ backendId: 'b', model: 'qwen' });
    store.set('runnel.model', '{not json');
    expect(loadChoice(storage)).toBeNull();
  });

  it('encodes backend and model in one option value, whatever characters they hold', () => {
    const choice = { backendId: asBackendId('b-1'), model: 'org/model:Q4 "x"' };
    expect(parseChoiceKey(choiceKey(choice))).toEqual(choice);
    expect(parseChoiceKey('note:b-1')).toBeNull();
  });

  it('falls back to the default model when listing failed', () => {
    expect(modelsFor(backend('b', 'llama'), { state: 'failed', models: [], message: 'x' })).toEqual(['llama']);
    expect(modelsFor(backend('b', 'llama'), { state: 'ok', models: ['a', 'b'] })).toEqual(['a', 'b']);
  });

  it('keeps a choice whose backend exists, else picks the first backend with a model', () => {
    const backends = [backend('one'), backend('two', 'm2')];
    const kept = { backendId: asBackendId('one'), model: 'custom' };
    expect(reconcileChoice(kept, backends, {})).toBe(kept);
    expect(reconcileChoice({ backendId: asBackendId('gone'), model: 'x' }, backends, {})).toEqual({
      backendId: 'two',
      model: 'm2',
    });
    expect(reconcileChoice(null, backends, { one: { state: 'ok', models: ['listed'] } })).toEqual({
      backendId: 'one',
      model: 'listed',
    });
    expect(reconcileChoice(null, [], {})).toBeNull();
  });

  it('starts with the backend added first (the config file’s order), not the alphabetical first', () => {
    // Listed by name, as main sends them; "Zeta" came first in the config.
    const backends = [backend('Alpha', 'a-model', 2), backend('Zeta', 'z-model', 1)];
    expect(reconcileChoice(null, backends, {})).toEqual({ backendId: 'Zeta', model: 'z-model' });
  });

  it('waits for the first backend’s list rather than jumping to a later one, and skips one with nothing', () => {
    const backends = [backend('Alpha', 'a-model', 2), backend('Zeta', null, 1)];
    expect(reconcileChoice(null, backends, { Zeta: { state: 'loading', models: [] } })).toBeNull();
    expect(reconcileChoice(null, backends, { Zeta: { state: 'ok', models: ['z1', 'z2'] } })).toEqual({
      backendId: 'Zeta',
      model: 'z1',
    });
    expect(reconcileChoice(null, backends, { Zeta: { state: 'failed', models: [], message: 'down' } })).toEqual({
      backendId: 'Alpha',
      model: 'a-model',
    });
  });
});
