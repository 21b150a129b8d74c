import { describe, expect, it } from 'vitest';
import type { Frame, WebSocketStreamPlan } from '../../transports/types';
import type { BackendTarget, ChatEvent, ChatInput } from '../types';
import { openAiRealtimeAdapter } from './openai-realtime-adapter';

const target = (baseUrl: string, apiKey: string | null = null): BackendTarget => ({
  kind: 'openai-realtime',
  baseUrl,
  apiKey,
  http: 'auto',
});
const ws = (event: unknown): Frame => ({
  framing: 'websocket',
  data: typeof event === 'string' ? event : JSON.stringify(event),
});
function run(frames: Frame[]) {
  const decoder = openAiRealtimeAdapter.createDecoder();
  const events: ChatEvent[] = frames.flatMap((f) => decoder.push(f));
  return { events, finished: decoder.finished?.() ?? false, end: decoder.end() };
}
const text = (events: ChatEvent[]) => events.map((e) => (e.type === 'text' ? e.text : '')).join('');

const input: ChatInput = {
  model: 'gpt-realtime',
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'Hi' },
    { role: 'assistant', content: 'Hello!' },
    { role: 'user', content: 'Say "ok"' },
  ],
  params: { maxTokens: 64 },
};

describe('openai-realtime plan', () => {
  it('connects to {base}/realtime?model=… over ws(s), turning http(s) into ws(s), with the key as a bearer', () => {
    const plan = openAiRealtimeAdapter.plan(input, target('https://gw.example/v1/', 'sk-1')) as WebSocketStreamPlan;
    expect(plan.framing).toBe('websocket');
    expect(plan.url).toBe('wss://gw.example/v1/realtime?model=gpt-realtime');
    expect(plan.headers).toEqual({ authorization: 'Bearer sk-1' });
    const local = openAiRealtimeAdapter.plan(input, target('ws://127.0.0.1:8080/v1')) as WebSocketStreamPlan;
    expect(local.url).toBe('ws://127.0.0.1:8080/v1/realtime?model=gpt-realtime');
    expect(local.headers).toEqual({});
  });

  it('sends session.update (text only, system turns as instructions), one item per turn, then response.create', () => {
    const plan = openAiRealtimeAdapter.plan(input, target('ws://h/v1')) as WebSocketStreamPlan;
    expect(plan.send.map((m) => JSON.parse(m) as unknown)).toEqual([
      { type: 'session.update', session: { type: 'realtime', output_modalities: ['text'], instructions: 'Be brief.' } },
      {
        type: 'conversation.item.create',
        item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Hi' }] },
      },
      {
        type: 'conversation.item.create',
        item: { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Hello!' }] },
      },
      {
        type: 'conversation.item.create',
        item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Say "ok"' }] },
      },
      { type: 'response.create', response: { output_modalities: ['text'], max_output_tokens: 64 } },
    ]);
    expect(JSON.parse(plan.cancel ?? '')).toEqual({ type: 'response.cancel' });
  });

  it('lists models with GET {http base}/models', () => {
    const req = openAiRealtimeAdapter.modelsRequest(target('wss://gw.example/v1', 'k'));
    expect(req).toMatchObject({ method: 'GET', url: 'https://gw.example/v1/models' });
    expect(req.headers.authorization).toBe('Bearer k');
    expect(openAiRealtimeAdapter.parseModels({ data: [{ id: 'a' }, { id: 'b' }] })).toEqual(['a', 'b']);
  });
});

describe('openai-realtime decoder', () => {
  it('reads GA and beta text deltas, skips bookkeeping, and ends at response.done with usage', () => {
    const { events, finished, end } = run([
      ws({ type: 'session.created', session: {} }),
      ws({ type: 'response.created', response: { id: 'r' } }),
      ws({ type: 'response.output_text.delta', delta: 'Hel' }),
      ws({ type: 'response.text.delta', delta: 'lo' }),
      ws({ type: 'response.output_text.done', text: 'Hello' }),
      ws({ type: 'response.done', response: { status: 'completed', usage: { input_tokens: 7, output_tokens: 2 } } }),
    ]);
    expect(text(events)).toBe('Hello');
    expect(events.slice(-2)).toEqual([
      { type: 'usage', usage: { promptTokens: 7, completionTokens: 2 } },
      { type: 'finish', reason: 'stop' },
    ]);
    expect(finished).toBe(true);
    expect(end).toEqual([]);
  });

  it('reads reasoning deltas when a server sends them', () => {
    const { events } = run([ws({ type: 'response.reasoning_text.delta', delta: 'hmm' })]);
    expect(events).toEqual([{ type: 'reasoning', text: 'hmm' }]);
  });

  it('turns an error event into an error with its message and a code from its type', () => {
    const { events } = run([
      ws({ type: 'response.output_text.delta', delta: 'part' }),
      ws({ type: 'error', error: { type: 'invalid_request_error', code: 'model_not_found', message: 'no model' } }),
      ws({ type: 'error', error: { type: 'server_error', message: 'boom' } }),
    ]);
    expect(events[1]).toEqual({ type: 'error', error: { code: 'not_found', message: 'no model', retryable: false } });
    expect(events[2]).toMatchObject({ type: 'error', error: { code: 'server', message: 'boom' } });
  });

  it('reports a failed response with its status_details error, and incomplete as a length finish', () => {
    const failed = run([
      ws({
        type: 'response.done',
        response: { status: 'failed', status_details: { error: { type: 'server_error', message: 'GPU fell over' } } },
      }),
    ]);
    expect(failed.events).toContainEqual(
      expect.objectContaining({ type: 'error', error: expect.objectContaining({ message: 'GPU fell over' }) }),
    );
    const incomplete = run([
      ws({
        type: 'response.done',
        response: { status: 'incomplete', status_details: { reason: 'max_output_tokens' } },
      }),
    ]);
    expect(incomplete.events).toEqual([{ type: 'finish', reason: 'length' }]);
  });

  it('marks a non-JSON frame malformed and keeps going', () => {
    const { events } = run([ws('{"type":'), ws({ type: 'response.output_text.delta', delta: 'x' })]);
    expect(events).toEqual([
      { type: 'malformed', excerpt: '{"type":' },
      { type: 'text', text: 'x' },
    ]);
  });

  it('says the answer was cut short when the socket closes before response.done', () => {
    const { finished, end } = run([ws({ type: 'response.output_text.delta', delta: 'x' })]);
    expect(finished).toBe(false);
    expect(end).toEqual([
      {
        type: 'error',
        error: expect.objectContaining({
          code: 'connect',
          message: expect.stringContaining('before the answer was complete'),
        }),
      },
    ]);
  });
});
