import { describe, expect, it } from 'vitest';
import { ChatFailure } from '../../../shared/chat-error';
import type { Frame, WebSocketStreamPlan } from '../../transports/types';
import { toolCarriage, type BackendTarget, type ChatEvent, type ChatInput } from '../types';
import { matches, parseFramePath, valueAt } from './frame-path';
import { webSocketJsonAdapter } from './websocket-json-adapter';

const target = (options: Record<string, string> = {}, apiKey: string | null = null): BackendTarget => ({
  kind: 'websocket-json',
  baseUrl: 'http://gw.local:9000/ws',
  apiKey,
  http: 'auto',
  options,
});
const input: ChatInput = {
  model: 'm"1',
  messages: [
    { role: 'system', content: 'sys' },
    { role: 'user', content: 'line\n"quoted" ✓' },
  ],
  params: {},
};
const ws = (event: unknown): Frame => ({
  framing: 'websocket',
  data: typeof event === 'string' ? event : JSON.stringify(event),
});
function run(backend: BackendTarget, frames: Frame[]) {
  const decoder = webSocketJsonAdapter.createDecoder(backend);
  const events: ChatEvent[] = frames.flatMap((f) => decoder.push(f));
  return { events, finished: decoder.finished?.() ?? false, end: decoder.end() };
}
const failure = (work: () => unknown) => {
  try {
    work();
  } catch (err) {
    return err instanceof ChatFailure ? err.detail : err;
  }
  throw new Error('did not throw');
};

describe('frame paths', () => {
  it('reads keys and array indexes, and matches `path=value` and presence', () => {
    const frame = { type: 'done', n: 3, ok: true, choices: [{ delta: { content: 'hi' } }], empty: '' };
    expect(valueAt(frame, parseFramePath('choices.0.delta.content')!.keys)).toBe('hi');
    expect(valueAt(frame, parseFramePath('choices.1.delta')!.keys)).toBeUndefined();
    expect(valueAt(frame, parseFramePath('choices.x')!.keys)).toBeUndefined();
    expect(matches(frame, parseFramePath('type=done')!)).toBe(true);
    expect(matches(frame, parseFramePath(' type = error ')!)).toBe(false);
    expect(matches(frame, parseFramePath('n=3')!)).toBe(true);
    expect(matches(frame, parseFramePath('ok=true')!)).toBe(true);
    expect(matches(frame, parseFramePath('ok')!)).toBe(true);
    expect(matches(frame, parseFramePath('empty')!)).toBe(false);
    expect(matches(frame, parseFramePath('missing')!)).toBe(false);
    expect(parseFramePath('a..b')).toBeNull();
    expect(parseFramePath('=x')).toBeNull();
  });
});

describe('websocket-json plan', () => {
  it('fills the template: model and prompt JSON-escaped inside quotes, messages as an array', () => {
    const plan = webSocketJsonAdapter.plan(
      input,
      target({ requestTemplate: '{"m": "{{model}}", "p": "{{ prompt }}", "msgs": {{messages}}, "x": 1}' }, 'tok'),
    ) as WebSocketStreamPlan;
    expect(plan.url).toBe('ws://gw.local:9000/ws');
    expect(plan.headers).toEqual({ authorization: 'Bearer tok' });
    expect(plan.cancel).toBeUndefined();
    expect(plan.send.map((m) => JSON.parse(m) as unknown)).toEqual([
      {
        m: 'm"1',
        p: 'line\n"quoted" ✓',
        msgs: [
          { role: 'system', content: 'sys' },
          { role: 'user', content: 'line\n"quoted" ✓' },
        ],
        x: 1,
      },
    ]);
  });

  it('uses {"model", "messages"} when no template is set', () => {
    const plan = webSocketJsonAdapter.plan(input, target()) as WebSocketStreamPlan;
    expect(JSON.parse(plan.send[0]!)).toEqual({ model: 'm"1', messages: input.messages });
  });

  it('carries no tools: says so, and sends the same request whether tools are offered or not', () => {
    expect(toolCarriage(webSocketJsonAdapter)).toBe(false);
    const tools = [{ name: 'get_weather', description: 'Weather', parameters: { type: 'object' } }];
    const template = target({ requestTemplate: '{"m": {{messages}}, "p": {{params}}, "q": "{{prompt}}"}' });
    expect(webSocketJsonAdapter.plan({ ...input, tools }, template)).toEqual(
      webSocketJsonAdapter.plan(input, template),
    );
  });

  it('refuses a template that is not JSON once filled, an unknown placeholder, and a bad path, as invalid_input', () => {
    expect(
      failure(() => webSocketJsonAdapter.plan(input, target({ requestTemplate: '{"p": {{prompt}}}' }))),
    ).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('not valid JSON once filled in'),
    });
    expect(
      failure(() => webSocketJsonAdapter.plan(input, target({ requestTemplate: '{"q": "{{question}}"}' }))),
    ).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('{{question}}'),
    });
    expect(failure(() => webSocketJsonAdapter.plan(input, target({ deltaPath: 'type=delta' })))).toMatchObject({
      code: 'invalid_input',
    });
    expect(failure(() => webSocketJsonAdapter.plan(input, target({ donePath: 'a..b' })))).toMatchObject({
      code: 'invalid_input',
    });
  });

  it('lists models from modelsUrl, or says clearly that none is set', () => {
    const req = webSocketJsonAdapter.modelsRequest(target({ modelsUrl: 'http://gw.local:9000/v1/models' }, 'k'));
    expect(req).toMatchObject({ method: 'GET', url: 'http://gw.local:9000/v1/models' });
    expect(req.headers.authorization).toBe('Bearer k');
    expect(failure(() => webSocketJsonAdapter.modelsRequest(target()))).toMatchObject({ code: 'invalid_input' });
    expect(webSocketJsonAdapter.parseModels({ data: [{ id: 'a' }] })).toEqual(['a']);
    expect(webSocketJsonAdapter.parseModels({ models: [{ name: 'b' }] })).toEqual(['b']);
    expect(webSocketJsonAdapter.parseModels(['c', 'd'])).toEqual(['c', 'd']);
  });
});

describe('websocket-json decoder', () => {
  const mapped = target({ deltaPath: 'choices.0.delta.content', donePath: 'type=done', errorPath: 'type=error' });

  it('maps deltas through the paths and stops at the done frame (which may carry text)', () => {
    const { events, finished, end } = run(mapped, [
      ws({ type: 'delta', choices: [{ delta: { content: 'Hel' } }] }),
      ws({ type: 'ping' }),
      ws({ type: 'done', choices: [{ delta: { content: 'lo' } }] }),
    ]);
    expect(events).toEqual([
      { type: 'text', text: 'Hel' },
      { type: 'text', text: 'lo' },
      { type: 'finish', reason: 'stop' },
    ]);
    expect(finished).toBe(true);
    expect(end).toEqual([]);
  });

  it('reads the default dialect and a reasoning path', () => {
    const { events } = run(target({ reasoningPath: 'thought' }), [
      ws({ thought: 'hmm' }),
      ws({ delta: 'a' }),
      ws({ done: true }),
    ]);
    expect(events).toEqual([
      { type: 'reasoning', text: 'hmm' },
      { type: 'text', text: 'a' },
      { type: 'finish', reason: 'stop' },
    ]);
  });

  it('takes the error words from the frame', () => {
    expect(run(mapped, [ws({ type: 'error', message: 'worker crashed' })]).events).toEqual([
      { type: 'error', error: { code: 'server', message: 'worker crashed', retryable: true } },
    ]);
    expect(run(target(), [ws({ error: { message: 'nested' } })]).events[0]).toMatchObject({
      error: { message: 'nested' },
    });
    expect(run(target(), [ws({ error: 'plain' })]).events[0]).toMatchObject({ error: { message: 'plain' } });
  });

  it('marks a non-JSON frame malformed, and a close before done as cut short', () => {
    const { events, end } = run(mapped, [
      ws('{"type":"delta",'),
      ws({ type: 'delta', choices: [{ delta: { content: 'x' } }] }),
    ]);
    expect(events).toEqual([
      { type: 'malformed', excerpt: '{"type":"delta",' },
      { type: 'text', text: 'x' },
    ]);
    expect(end[0]).toMatchObject({ type: 'error', error: { code: 'connect' } });
  });
});
