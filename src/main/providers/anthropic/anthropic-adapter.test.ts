// The anthropic adapter on a recorded Anthropic Messages stream, and on the quirks compatible
// servers add (no `event:` lines, thinking blocks, in-band errors, broken frames).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { captureFrames, fixturePath, sseFrames } from '../../../../tests/support/sse-frames';
import type { ErrorCode } from '../../../shared/chat-error';
import type { Frame } from '../../transports/types';
import type { ChatEvent } from '../types';
import { anthropicAdapter } from './anthropic-adapter';

function run(frames: Frame[]): ChatEvent[] {
  const decoder = anthropicAdapter.createDecoder();
  return [...frames.flatMap((f) => decoder.push(f)), ...decoder.end()];
}
const textOf = (events: ChatEvent[], type: 'text' | 'reasoning') =>
  events.map((e) => (e.type === type ? e.text : '')).join('');
const event = (type: string, data: object) => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;

const captureText =
  "Hello! I'm doing well, thank you for asking. How are you doing today? Is there anything I can help you with?";

describe('anthropic adapter on a recorded Messages stream', () => {
  const events = run(captureFrames('anthropic-messages-text.sse'));

  it('joins the text deltas exactly and ignores ping and block start/stop', () => {
    expect(textOf(events, 'text')).toBe(captureText);
    expect(events.some((e) => e.type === 'malformed' || e.type === 'error' || e.type === 'reasoning')).toBe(false);
  });

  it('reads input tokens from message_start and output tokens and stop_reason from message_delta', () => {
    const usages = events.flatMap((e) => (e.type === 'usage' ? [e.usage] : []));
    expect(usages[0]).toEqual({ promptTokens: 12 });
    expect(usages.at(-1)).toEqual({ promptTokens: 12, completionTokens: 30 });
    expect(events.filter((e) => e.type === 'finish')).toEqual([{ type: 'finish', reason: 'end_turn' }]);
  });

  it('decodes by the payload type when a server sends no `event:` lines', () => {
    const raw = readFileSync(fixturePath('anthropic-messages-text.sse'), 'utf8').replace(/^event: .*\n/gm, '');
    const frames = sseFrames(raw);
    expect(frames.every((f) => f.event === undefined)).toBe(true);
    expect(run(frames)).toEqual(events);
  });
});

describe('anthropic adapter quirks', () => {
  it('turns thinking_delta into reasoning and ignores signature_delta and input_json_delta', () => {
    const events = run(
      sseFrames(
        [
          event('content_block_start', { index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } }),
          event('content_block_delta', { index: 0, delta: { type: 'thinking_delta', thinking: 'Let me see' } }),
          event('content_block_delta', { index: 0, delta: { type: 'thinking_delta', thinking: ', 2+2.' } }),
          event('content_block_delta', { index: 0, delta: { type: 'signature_delta', signature: 'EqQBCgIYAhIM' } }),
          event('content_block_stop', { index: 0 }),
          event('content_block_delta', { index: 1, delta: { type: 'text_delta', text: '4' } }),
          event('content_block_delta', { index: 2, delta: { type: 'input_json_delta', partial_json: '{"a":' } }),
          event('message_delta', { delta: { stop_reason: 'max_tokens' }, usage: { output_tokens: 7 } }),
          event('message_stop', {}),
        ].join(''),
      ),
    );
    expect(events).toEqual([
      { type: 'reasoning', text: 'Let me see' },
      { type: 'reasoning', text: ', 2+2.' },
      { type: 'text', text: '4' },
      { type: 'usage', usage: { completionTokens: 7 } },
      { type: 'finish', reason: 'max_tokens' },
    ]);
  });

  it('reports an in-band error event with the server message, after the text already sent', () => {
    const events = run(
      sseFrames(
        event('content_block_delta', { index: 0, delta: { type: 'text_delta', text: 'partial' } }) +
          'event: error\ndata: {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}\n\n',
      ),
    );
    expect(events).toEqual([
      { type: 'text', text: 'partial' },
      { type: 'error', error: { code: 'server', message: 'Overloaded', retryable: true } },
    ]);
  });

  it.each<[string, ErrorCode]>([
    ['api_error', 'server'],
    ['rate_limit_error', 'rate_limited'],
    ['authentication_error', 'auth'],
    ['permission_error', 'auth'],
    ['not_found_error', 'not_found'],
    ['invalid_request_error', 'invalid_input'],
    ['some_future_error', 'server'],
  ])('maps error type %s to %s', (type, code) => {
    const [e] = run(sseFrames(event('error', { error: { type, message: 'm' } })));
    expect(e).toMatchObject({ type: 'error', error: { code, message: 'm' } });
  });

  it('skips a malformed frame without losing the frames around it', () => {
    const text = (t: string) => event('content_block_delta', { index: 0, delta: { type: 'text_delta', text: t } });
    const events = run(sseFrames(`${text('a')}event: content_block_delta\ndata: {"delta": broken\n\n${text('b')}`));
    expect(textOf(events, 'text')).toBe('ab');
    expect(events.filter((e) => e.type === 'malformed')).toHaveLength(1);
  });
});

describe('anthropic request plan', () => {
  const backend = { kind: 'anthropic', baseUrl: 'http://h:1/v1/', apiKey: 'k', http: 'auto' } as const;

  it('posts to {root}/v1/messages even when the base already ends in /v1, with version and both key headers', () => {
    const plan = anthropicAdapter.plan(
      { model: 'm', messages: [{ role: 'user', content: 'hi' }], params: {} },
      backend,
    );
    expect(plan).toMatchObject({ framing: 'sse', method: 'POST', url: 'http://h:1/v1/messages' });
    expect(plan.headers).toEqual({
      'content-type': 'application/json',
      accept: 'text/event-stream',
      'anthropic-version': '2023-06-01',
      'x-api-key': 'k',
      authorization: 'Bearer k',
    });
    const bare = anthropicAdapter.plan(
      { model: 'm', messages: [{ role: 'user', content: 'hi' }], params: {} },
      { ...backend, baseUrl: 'http://h:1', apiKey: null },
    );
    expect(bare.url).toBe('http://h:1/v1/messages');
    expect(bare.headers).not.toHaveProperty('x-api-key');
    expect(bare.headers).not.toHaveProperty('authorization');
  });

  it('moves system turns to `system`, merges consecutive turns, and always sends max_tokens', () => {
    const plan = anthropicAdapter.plan(
      {
        model: 'm',
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'one' },
          { role: 'user', content: 'two' },
          { role: 'assistant', content: 'ok' },
          { role: 'system', content: 'Use English.' },
          { role: 'user', content: 'three' },
        ],
        params: { temperature: 0.2, topP: 0.9, seed: 3 },
      },
      backend,
    );
    expect(JSON.parse(plan.body ?? '')).toEqual({
      model: 'm',
      max_tokens: 4096,
      stream: true,
      system: 'Be brief.\n\nUse English.',
      messages: [
        { role: 'user', content: 'one\n\ntwo' },
        { role: 'assistant', content: 'ok' },
        { role: 'user', content: 'three' },
      ],
      temperature: 0.2,
      top_p: 0.9,
    });
  });

  it('sends the user max_tokens and no system field when there is no system turn', () => {
    const plan = anthropicAdapter.plan(
      { model: 'm', messages: [{ role: 'user', content: 'hi' }], params: { maxTokens: 9 } },
      backend,
    );
    expect(JSON.parse(plan.body ?? '')).toEqual({
      model: 'm',
      max_tokens: 9,
      stream: true,
      messages: [{ role: 'user', content: 'hi' }],
    });
  });

  it('lists models from GET {root}/v1/models', () => {
    const req = anthropicAdapter.modelsRequest(backend);
    expect(req).toMatchObject({ method: 'GET', url: 'http://h:1/v1/models' });
    expect(req.headers['x-api-key']).toBe('k');
    expect(
      anthropicAdapter.parseModels({
        data: [{ type: 'model', id: 'a', display_name: 'A' }, { id: 'b' }, { x: 1 }],
        has_more: false,
      }),
    ).toEqual(['a', 'b']);
    expect(anthropicAdapter.parseModels('nope')).toEqual([]);
  });
});
