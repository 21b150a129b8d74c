// The remembered model choice and how it falls back when backends change.
import { describe, expect, it } from 'vitest';
import type { Backend } from '../../../shared/domain';
import { asBackendId } from '../../../shared/ids';
import { choiceKey, loadChoice, modelsFor, parseChoiceKey, reconcileChoice, saveChoice } from './model-selection';

const backend = (id: string, defaultModel: string | null = null): Backend => ({
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
  createdAt: 0,
  updatedAt: 0,
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
});
