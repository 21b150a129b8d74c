// The openai-responses adapter on recorded Responses API streams (a plain answer, and OpenAI's
// failing stream: `error` then `response.failed`), and on the quirks compatible servers add.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { captureFrames, fixturePath, sseFrames } from '../../../../tests/support/sse-frames';
import type { Frame } from '../../transports/types';
import type { ChatEvent } from '../types';
import { openAiResponsesAdapter } from './openai-responses-adapter';

function run(frames: Frame[]): ChatEvent[] {
  const decoder = openAiResponsesAdapter.createDecoder();
  return [...frames.flatMap((f) => decoder.push(f)), ...decoder.end()];
}
const textOf = (events: ChatEvent[], type: 'text' | 'reasoning') =>
  events.map((e) => (e.type === type ? e.text : '')).join('');
const event = (type: string, data: object) => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;

/** A .chunks.jsonl capture framed as the servers send it: `event:` = each line's `type`. */
function jsonlFrames(name: string): Frame[] {
  const lines = readFileSync(fixturePath(name), 'utf8').split('\n').filter(Boolean);
  return sseFrames(lines.map((l) => `event: ${(JSON.parse(l) as { type: string }).type}\ndata: ${l}\n\n`).join(''));
}

const quotaMessage =
  'You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.';

describe('openai-responses adapter on a recorded stream', () => {
  const events = run(captureFrames('responses-api-basic.sse'));

  it('joins the output_text deltas exactly and ignores the lifecycle events', () => {
    expect(textOf(events, 'text')).toBe('Code in silence,\nBugs emerge at runtime—\nConsole dot log.');
    expect(events.some((e) => e.type === 'malformed' || e.type === 'error' || e.type === 'reasoning')).toBe(false);
  });

  it('reads usage and the finish from response.completed', () => {
    expect(events.slice(-2)).toEqual([
      { type: 'usage', usage: { promptTokens: 28, completionTokens: 21 } },
      { type: 'finish', reason: 'stop' },
    ]);
  });

  it('decodes by the payload type when a server sends no `event:` lines', () => {
    const raw = readFileSync(fixturePath('responses-api-basic.sse'), 'utf8').replace(/^event: .*\n/gm, '');
    expect(run(sseFrames(raw))).toEqual(events);
  });
});

describe('openai-responses adapter on a recorded failing stream', () => {
  it('reports the `error` event with the server message (nested under `error`, as OpenAI sent it)', () => {
    const events = run(jsonlFrames('responses-api-error.chunks.jsonl'));
    // decode() stops at the first error; the response.failed after it says the same thing.
    expect(events[0]).toEqual({
      type: 'error',
      error: { code: 'rate_limited', message: quotaMessage, retryable: true },
    });
    expect(events.filter((e) => e.type !== 'error')).toEqual([]);
  });

  it('reports response.failed on its own with response.error.message', () => {
    const frames = jsonlFrames('responses-api-error.chunks.jsonl').filter(
      (f) => f.framing === 'sse' && f.event !== 'error',
    );
    expect(run(frames)).toEqual([
      { type: 'error', error: { code: 'rate_limited', message: quotaMessage, retryable: true } },
    ]);
  });
});

describe('openai-responses adapter quirks', () => {
  it('turns reasoning_text and reasoning_summary_text deltas into reasoning', () => {
    const events = run(
      sseFrames(
        [
          event('response.reasoning_text.delta', {
            item_id: 'rs_1',
            output_index: 0,
            content_index: 0,
            delta: 'think',
          }),
          event('response.reasoning_text.done', { item_id: 'rs_1', text: 'think' }),
          event('response.reasoning_summary_text.delta', { item_id: 'rs_1', summary_index: 0, delta: ', sum' }),
          event('response.output_text.delta', { item_id: 'msg_1', output_index: 1, content_index: 0, delta: 'Hi' }),
          event('response.output_text.done', { item_id: 'msg_1', text: 'Hi' }),
        ].join(''),
      ),
    );
    expect(events).toEqual([
      { type: 'reasoning', text: 'think' },
      { type: 'reasoning', text: ', sum' },
      { type: 'text', text: 'Hi' },
    ]);
  });

  it('finishes response.incomplete with its incomplete_details.reason', () => {
    const events = run(
      sseFrames(
        event('response.incomplete', {
          response: {
            status: 'incomplete',
            incomplete_details: { reason: 'max_output_tokens' },
            usage: { input_tokens: 5, output_tokens: 16 },
          },
        }),
      ),
    );
    expect(events).toEqual([
      { type: 'usage', usage: { promptTokens: 5, completionTokens: 16 } },
      { type: 'finish', reason: 'max_output_tokens' },
    ]);
  });

  it('reads an `error` event in the spec layout (code and message at the top level)', () => {
    const events = run(
      sseFrames(event('error', { code: 'server_error', message: 'The engine died', param: null, sequence_number: 4 })),
    );
    expect(events).toEqual([{ type: 'error', error: { code: 'server', message: 'The engine died', retryable: true } }]);
  });

  it('skips a malformed frame without losing the frames around it', () => {
    const text = (t: string) => event('response.output_text.delta', { delta: t });
    const events = run(
      sseFrames(`${text('a')}event: response.output_text.delta\ndata: {"delta": broken\n\n${text('b')}`),
    );
    expect(textOf(events, 'text')).toBe('ab');
    expect(events.filter((e) => e.type === 'malformed')).toHaveLength(1);
  });
});

describe('openai-responses request plan', () => {
  const backend = { kind: 'openai-responses', baseUrl: 'http://h:1/v1/', apiKey: 'k', http: 'auto' } as const;

  it('posts to {base}/responses with the system text as instructions and the bearer key', () => {
    const plan = openAiResponsesAdapter.plan(
      {
        model: 'm',
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'one' },
          { role: 'assistant', content: 'ok' },
          { role: 'user', content: 'two' },
        ],
        params: { temperature: 0.2, topP: 0.9, maxTokens: 9, seed: 1 },
      },
      backend,
    );
    expect(plan).toMatchObject({ framing: 'sse', method: 'POST', url: 'http://h:1/v1/responses' });
    expect(plan.headers).toEqual({
      'content-type': 'application/json',
      accept: 'text/event-stream',
      authorization: 'Bearer k',
    });
    expect(JSON.parse(plan.body ?? '')).toEqual({
      model: 'm',
      input: [
        { role: 'user', content: 'one' },
        { role: 'assistant', content: 'ok' },
        { role: 'user', content: 'two' },
      ],
      stream: true,
      instructions: 'Be brief.',
      temperature: 0.2,
      top_p: 0.9,
      max_output_tokens: 9,
    });
  });

  it('sends no instructions or limits the user did not set', () => {
    const plan = openAiResponsesAdapter.plan(
      { model: 'm', messages: [{ role: 'user', content: 'hi' }], params: {} },
      { ...backend, apiKey: null },
    );
    expect(JSON.parse(plan.body ?? '')).toEqual({ model: 'm', input: [{ role: 'user', content: 'hi' }], stream: true });
    expect(plan.headers).not.toHaveProperty('authorization');
  });

  it('lists models from GET {base}/models', () => {
    expect(openAiResponsesAdapter.modelsRequest(backend)).toMatchObject({ method: 'GET', url: 'http://h:1/v1/models' });
    expect(openAiResponsesAdapter.parseModels({ object: 'list', data: [{ id: 'a' }, { id: 'b' }, { x: 1 }] })).toEqual([
      'a',
      'b',
    ]);
  });
});
