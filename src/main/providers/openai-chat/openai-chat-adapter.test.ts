import { describe, expect, it } from 'vitest';
import { captureFrames, sseFrames } from '../../../../tests/support/sse-frames';
import type { Frame } from '../../transports/types';
import type { ChatEvent } from '../types';
import { openAiChatAdapter } from './openai-chat-adapter';

function run(frames: Frame[]): ChatEvent[] {
  const decoder = openAiChatAdapter.createDecoder();
  return [...frames.flatMap((f) => decoder.push(f)), ...decoder.end()];
}
const textOf = (events: ChatEvent[], type: 'text' | 'reasoning') =>
  events.map((e) => (e.type === type ? e.text : '')).join('');

describe('openai-chat adapter on recorded vLLM output', () => {
  const events = run(captureFrames('openai-chat-vllm-usage.sse'));

  it('joins the content deltas, skipping the empty first delta', () => {
    expect(textOf(events, 'text')).toBe(
      "Hello Sam. It's nice to meet you. Is there something I can help you with or would you like to chat?",
    );
    expect(events.filter((e) => e.type === 'text').every((e) => e.type === 'text' && e.text.length > 0)).toBe(true);
  });

  it('keeps the last continuous usage figures and the finish reason', () => {
    const usages = events.flatMap((e) => (e.type === 'usage' ? [e.usage] : []));
    expect(usages.at(-1)).toEqual({ promptTokens: 46, completionTokens: 26 });
    expect(events.filter((e) => e.type === 'finish')).toEqual([{ type: 'finish', reason: 'stop' }]);
  });
});

describe('openai-chat adapter on recorded llama.cpp output', () => {
  const events = run(captureFrames('openai-chat-llamacpp-reasoning.sse'));

  it('turns reasoning_content into reasoning and ignores content: null', () => {
    expect(textOf(events, 'reasoning').length).toBeGreaterThan(0);
    expect(textOf(events, 'text')).toBe('');
    expect(events.some((e) => e.type === 'malformed' || e.type === 'error')).toBe(false);
  });

  it('reads usage and the server-measured speed from timings', () => {
    const usage = events.flatMap((e) => (e.type === 'usage' ? [e.usage] : [])).at(-1);
    expect(usage).toEqual({ promptTokens: 1085, completionTokens: 247, tokensPerSecond: 264.5587652496171 });
  });
});

describe('openai-chat adapter quirks', () => {
  const chunk = (delta: object, extra: object = {}) =>
    `data: ${JSON.stringify({ choices: [{ index: 0, delta, finish_reason: null }], ...extra })}`;

  it('accepts data: without a space, CRLF, comments, and no [DONE]', () => {
    const text = [
      ': keep-alive',
      `data:{"choices":[{"index":0,"delta":{"content":"a"}}]}`,
      '',
      chunk({ content: 'b' }),
      '',
    ]
      .join('\r\n')
      .concat('\r\n');
    expect(textOf(run(sseFrames(text)), 'text')).toBe('ab');
  });

  it('treats finish_reason "null" (a string, as KoboldCpp sends it) as no finish', () => {
    const events = run(sseFrames(`data: {"choices":[{"index":0,"delta":{"content":"x"},"finish_reason":"null"}]}\n\n`));
    expect(events).toEqual([{ type: 'text', text: 'x' }]);
  });

  it('reads `reasoning` as vLLM and Ollama /v1 name it', () => {
    expect(textOf(run(sseFrames(`${chunk({ reasoning: 'hmm' })}\n\n`)), 'reasoning')).toBe('hmm');
  });

  it('reports an in-band error with the server message and its status', () => {
    const events = run(
      sseFrames(
        `${chunk({ content: 'partial' })}\n\ndata: {"error":{"message":"boom","code":503}}\n\ndata: [DONE]\n\n`,
      ),
    );
    expect(events[1]).toEqual({
      type: 'error',
      error: { code: 'server', message: 'boom', retryable: true, status: 503 },
    });
  });

  it('skips a malformed frame without losing the frames around it', () => {
    const events = run(
      sseFrames(`${chunk({ content: 'a' })}\n\ndata: {"choices": broken\n\n${chunk({ content: 'b' })}\n\n`),
    );
    expect(textOf(events, 'text')).toBe('ab');
    expect(events.filter((e) => e.type === 'malformed')).toHaveLength(1);
  });

  it('plans a streaming POST with usage, parameters and the bearer key', () => {
    const plan = openAiChatAdapter.plan(
      { model: 'm', messages: [{ role: 'user', content: 'hi' }], params: { temperature: 0.2, maxTokens: 9 } },
      { kind: 'openai-chat', baseUrl: 'http://h:1/v1/', apiKey: 'k', http: 'auto' },
    );
    expect(plan.url).toBe('http://h:1/v1/chat/completions');
    expect(plan.headers.authorization).toBe('Bearer k');
    expect(JSON.parse(plan.body ?? '')).toEqual({
      model: 'm',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
      stream_options: { include_usage: true },
      temperature: 0.2,
      max_tokens: 9,
    });
  });

  it('puts streamed tool calls together by index and reports them at the end', () => {
    const call = (index: number, fn: object, id?: string) =>
      chunk({ tool_calls: [{ index, ...(id ? { id, type: 'function' } : {}), function: fn }] });
    const events = run(
      sseFrames(
        [
          call(0, { name: 'lookup', arguments: '' }, 'call_1'),
          call(0, { arguments: '{"q":' }),
          call(0, { arguments: '"runnel"}' }),
          'data: [DONE]',
        ].join('\n\n'),
      ),
    );
    expect(events).toEqual([
      // The call as it opens and grows, then whole at the end.
      { type: 'tool-call-delta', index: 0, name: 'lookup', text: '' },
      { type: 'tool-call-delta', index: 0, name: 'lookup', text: '{"q":' },
      { type: 'tool-call-delta', index: 0, name: 'lookup', text: '"runnel"}' },
      { type: 'tool-calls', calls: [{ index: 0, id: 'call_1', name: 'lookup', arguments: '{"q":"runnel"}' }] },
    ]);
  });

  it('reads model ids from /models', () => {
    expect(openAiChatAdapter.parseModels({ object: 'list', data: [{ id: 'a' }, { id: 'b' }, { x: 1 }] })).toEqual([
      'a',
      'b',
    ]);
  });
});
