import { describe, expect, it } from 'vitest';
import { chatError, isChatError } from '../chat-error';
import { sayIn, wordBooks } from './all-words';
import { isSaid } from './define-words';
import { transportWords } from './transport-words';
import { backendWords } from './backend-words';
import { generationWords } from './generation-words';
import { describeHeaderProblem, headerProblemWords, maxCustomHeaders } from '../custom-headers';

describe('word books', () => {
  it('give every book its own area and every language the same keys', () => {
    const areas = wordBooks.map((b) => b.area);
    expect(new Set(areas).size).toBe(areas.length);
    for (const book of wordBooks) {
      expect(Object.keys(book.languages.zh).sort(), book.area).toEqual(Object.keys(book.languages.en).sort());
    }
  });

  it('keep the English as the message and the key for the renderer', () => {
    const error = chatError('timeout', transportWords.say('noAnswerWithin', { host: 'gpu:8080', seconds: 30 }));
    expect(error.message).toBe('gpu:8080 did not answer within 30 s');
    expect(error.said).toEqual({ key: 'transport.noAnswerWithin', values: { host: 'gpu:8080', seconds: 30 } });
    const stored = JSON.parse(JSON.stringify(error)) as unknown;
    expect(isChatError(stored)).toBe(true);
    expect(sayIn('zh', error.said!)).toBe('gpu:8080 在 30 秒内没有应答');
    expect(sayIn('en', error.said!)).toBe(error.message);
  });

  it('write nothing for a key no book knows, so the English message is shown', () => {
    expect(sayIn('zh', { key: 'transport.nope', values: {} })).toBeNull();
    expect(sayIn('zh', { key: 'transport.toString', values: {} })).toBeNull();
    expect(sayIn('zh', { key: 'nobook.stopped', values: {} })).toBeNull();
    expect(sayIn('zh', { key: 'stopped', values: {} })).toBeNull();
  });

  it('read back only a well-formed said', () => {
    expect(isSaid({ key: 'transport.stopped', values: {} })).toBe(true);
    expect(isSaid({ key: 'transport.stopped', values: { a: { b: 1 } } })).toBe(false);
    expect(isSaid({ key: 1, values: {} })).toBe(false);
    expect(isSaid({ key: 'x', values: [] })).toBe(false);
    expect(isChatError({ code: 'timeout', message: 'm', retryable: true, said: { key: 2 } })).toBe(false);
  });
});

describe('a sentence said inside another', () => {
  it('writes the inner one in the same language, and a server’s words as they came', () => {
    const inner = transportWords.say('refused', { host: 'gpu:8000' });
    const outer = backendWords.say('chatFails', { detail: inner });
    expect(outer.text).toBe(
      'Models load, but chat fails: Nothing is listening at gpu:8000 (connection refused). Is the server running?',
    );
    expect(outer.said.values.detail).toEqual(inner.said);
    const stored = JSON.parse(JSON.stringify(outer.said)) as unknown;
    expect(isSaid(stored)).toBe(true);
    expect(sayIn('zh', outer.said)).toBe(
      '模型列表能加载，但聊天失败：gpu:8000 上没有服务在监听（连接被拒绝）。服务器在运行吗？',
    );
    expect(sayIn('en', outer.said)).toBe(outer.text);
    const plain = backendWords.say('chatFails', { detail: 'CUDA out of memory' });
    expect(sayIn('zh', plain.said)).toBe('模型列表能加载，但聊天失败：CUDA out of memory');
  });

  it('leaves the whole unknown when the inner key is, and reads back only a few levels deep', () => {
    const unknownInside = { key: 'backend.chatFails', values: { detail: { key: 'transport.nope', values: {} } } };
    expect(sayIn('zh', unknownInside)).toBeNull();
    let deep: unknown = { key: 'transport.stopped', values: {} };
    for (let i = 0; i < 5; i++) deep = { key: 'backend.chatFails', values: { detail: deep } };
    expect(isSaid(deep)).toBe(false);
  });
});

describe('generation words', () => {
  it('name a kind of backend main words in English in Chinese, and a product name as it is', () => {
    const say = (who: string) => sayIn('zh', generationWords.say('imagesHere', { who }).said);
    expect(say('custom WebSocket')).toMatch(/^无法在此发送图片：自定义 WebSocket 后端只接受文字/);
    expect(say('Triton')).toMatch(/^无法在此发送图片：Triton 后端只接受文字/);
  });
});

describe('header words', () => {
  it('keep the English main has always written, and say it in Chinese', () => {
    const said = headerProblemWords({ kind: 'duplicate', name: 'X-Route' });
    expect(said.text).toBe('The header "X-Route" is listed twice');
    expect(describeHeaderProblem({ kind: 'too-many' })).toBe(`At most ${maxCustomHeaders} headers`);
    expect(sayIn('zh', said.said)).toBe('请求头“X-Route”重复出现');
  });
});
