import { describe, expect, it } from 'vitest';
import { chatError, spokenOf } from '../../../../shared/chat-error';
import type { ConnectionTestResult } from '../../../../shared/domain';
import { backendWords } from '../../../../shared/words/backend-words';
import { transportWords } from '../../../../shared/words/transport-words';
import type { ModelListing } from '../../state/model-selection';
import { backendFormMessages } from './backend-form-messages';
import { knownModelCount, testLine, testOutcome } from './connection-test';

const en = backendFormMessages.en;
const zh = backendFormMessages.zh;

const passed: ConnectionTestResult = {
  ok: true,
  latencyMs: 41.6,
  server: 'vLLM 0.8.5',
  models: ['qwen', 'llama'],
  chat: { ok: true, model: 'qwen', latencyMs: 12, error: null },
  error: null,
};

describe('connection test outcome', () => {
  it('a success keeps the whole result', () => {
    expect(testOutcome(passed, en)).toEqual({ state: 'ok', result: passed });
  });

  it('a failure keeps the server’s words, the code apart, and the models it did list', () => {
    const chatFails: ConnectionTestResult = {
      ...passed,
      ok: false,
      error: { code: 'http_500', message: 'Models load, but chat fails: boom' } as never,
    };
    expect(testOutcome(chatFails, en)).toEqual({
      state: 'failed',
      message: 'Models load, but chat fails: boom',
      code: 'http_500',
      models: ['qwen', 'llama'],
    });
    expect(testOutcome({ ...passed, ok: false, error: null }, en)).toMatchObject({
      message: en.connectionFailed,
      code: null,
    });
    expect(testOutcome({ code: 'connect', message: 'refused' } as never, en)).toEqual({
      state: 'failed',
      message: 'refused',
      code: 'connect',
      models: [],
    });
  });

  it('writes Runnel’s own sentences in the UI’s language, around the server’s words', () => {
    const refused = chatError('connect', transportWords.say('refused', { host: 'gpu:8000' }));
    const said = backendWords.say('chatFails', { detail: spokenOf(refused) });
    const chatFails: ConnectionTestResult = {
      ...passed,
      ok: false,
      error: { ...refused, message: said.text, said: said.said },
    };
    expect(testOutcome(chatFails, en, 'en')).toMatchObject({
      message:
        'Models load, but chat fails: Nothing is listening at gpu:8000 (connection refused). Is the server running?',
    });
    expect(testOutcome(chatFails, zh, 'zh')).toMatchObject({
      message: '模型列表能加载，但聊天失败：gpu:8000 上没有服务在监听（连接被拒绝）。服务器在运行吗？',
      code: 'connect',
    });
    const serverWords = backendWords.say('chatFails', { detail: 'CUDA out of memory' });
    expect(
      testOutcome({ ...chatFails, error: { ...refused, message: serverWords.text, said: serverWords.said } }, zh, 'zh'),
    ).toMatchObject({
      message: '模型列表能加载，但聊天失败：CUDA out of memory',
    });
  });
});

describe('testLine', () => {
  it('sums a success up as server, model count and latency', () => {
    expect(testLine({ state: 'ok', result: passed }, en)).toBe('vLLM 0.8.5 · 2 models · 42 ms');
    expect(testLine({ state: 'ok', result: passed }, zh)).toBe('vLLM 0.8.5 · 2 个模型 · 42 毫秒');
    expect(testLine({ state: 'ok', result: { ...passed, server: null, models: ['one'] } }, en)).toBe(
      'Connected · 1 model · 42 ms',
    );
  });

  it('is empty before a test, says it runs, and gives a failure’s reason', () => {
    expect(testLine({ state: 'idle' }, en)).toBe('');
    expect(testLine({ state: 'testing' }, en)).toBe('Testing…');
    // The code stays out of the line: it belongs in Details.
    expect(testLine({ state: 'failed', message: 'refused', code: 'connect', models: [] }, en)).toBe('refused');
  });
});

describe('a backend row’s model count', () => {
  const listed: ModelListing = { state: 'ok', models: ['a', 'b', 'c'] };

  it('comes from the last test when it listed models, else from the picker’s list', () => {
    expect(knownModelCount({ state: 'ok', result: passed }, listed)).toBe(2);
    expect(knownModelCount({ state: 'failed', message: 'chat fails', code: null, models: ['x'] }, listed)).toBe(1);
    expect(knownModelCount({ state: 'failed', message: 'refused', code: null, models: [] }, listed)).toBe(3);
    expect(knownModelCount({ state: 'testing' }, listed)).toBe(3);
    expect(knownModelCount(undefined, listed)).toBe(3);
    expect(knownModelCount({ state: 'ok', result: { ...passed, models: [] } }, listed)).toBe(0);
  });

  it('is unknown while the list loads or after it failed, with no test to say', () => {
    expect(knownModelCount(undefined, undefined)).toBeNull();
    expect(knownModelCount(undefined, { state: 'loading', models: [] })).toBeNull();
    expect(knownModelCount({ state: 'idle' }, { state: 'failed', models: [], message: 'down' })).toBeNull();
  });
});
