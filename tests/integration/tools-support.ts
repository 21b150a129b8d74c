// What the per-kind tool-call wire tests share: one model request run as the generation runs it
// (`decode(adapter, openFrameBatches(withConnection(plan)))` over the real transport against a
// fake server), the tools they offer, and the follow-up request a tool loop sends after the calls.
import { afterEach, beforeEach, expect } from 'vitest';
import { decode } from '../../src/main/providers/decode';
import { adapters } from '../../src/main/providers/registry';
import { withConnection } from '../../src/main/providers/request-parts';
import type { BackendTarget, ChatEvent, ChatInput, ToolCall, ToolDefinition } from '../../src/main/providers/types';
import { openFrameBatches } from '../../src/main/transports/open-stream';
import type { BackendKind } from '../../src/shared/domain';
import type { FakeServer } from '../servers/fake-http-server';
import { plannedCalls, toolResultsAnswer } from '../servers/fake-tool-calls';

export const weatherTool: ToolDefinition = {
  name: 'weather__get_weather',
  description: 'The weather in a city',
  parameters: {
    type: 'object',
    properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } },
    required: ['city', 'unit'],
  },
};

/** A tool without parameters: its call carries empty arguments, which must come out as `{}`. */
export const timeTool: ToolDefinition = {
  name: 'clock__now',
  description: 'The time now',
  parameters: { type: 'object', properties: {} },
};

export const target = (kind: BackendKind, baseUrl: string): BackendTarget => ({
  kind,
  baseUrl,
  apiKey: null,
  http: 'auto',
});

/** A fresh fake of `kind` for every test (started with 1 ms between tokens), and the backend pointing at it. */
export function useToolsFake<F extends { baseUrl: string; close(): Promise<void> }>(
  kind: BackendKind,
  start: (opts: { tokenDelayMs: number }) => Promise<F>,
): { fake(): F; backend(): BackendTarget } {
  let fake: F | undefined;
  beforeEach(async () => {
    fake = await start({ tokenDelayMs: 1 });
  });
  afterEach(() => fake?.close());
  const need = (): F => {
    if (!fake) throw new Error('the fake starts in beforeEach');
    return fake;
  };
  return { fake: need, backend: () => target(kind, need().baseUrl) };
}

/** The JSON bodies an HTTP fake received at `path`, in order. */
export const bodiesAt = (fake: FakeServer, path: string): Record<string, unknown>[] =>
  fake.requests.filter((r) => r.path === path).map((r) => r.body as Record<string, unknown>);

/** Every event of one request, from the plan to the end of the stream, over the real transport. */
export async function runRequest(backend: BackendTarget, input: ChatInput): Promise<ChatEvent[]> {
  const adapter = adapters[backend.kind];
  const plan = withConnection(adapter.plan(input, backend), backend);
  const events: ChatEvent[] = [];
  for await (const batch of decode(adapter, openFrameBatches(plan, AbortSignal.timeout(10_000)), backend)) {
    events.push(...batch);
  }
  return events;
}

export const callsIn = (events: ChatEvent[]): ToolCall[] =>
  events.flatMap((e) => (e.type === 'tool-calls' ? e.calls : []));

export const textIn = (events: ChatEvent[]): string => events.map((e) => (e.type === 'text' ? e.text : '')).join('');

/** The question every test asks, and the request offering both tools. */
export const QUESTION = 'Paris';
export const askWithTools = (model: string): ChatInput => ({
  model,
  messages: [{ role: 'user', content: QUESTION }],
  params: {},
  tools: [weatherTool, timeTool],
});

/** What the fakes call for `askWithTools`: the weather (arguments from its schema) and the time ({}). */
export const expectedCalls = () => plannedCalls([weatherTool, timeTool], QUESTION);

/** The results the tests send back, one per call. */
export const RESULTS = ['18 °C, "sunny"\nwind 3 km/h', '09:15'];

/** The request after the calls: the assistant's turn with its calls, then one result per call. */
export function followUp(first: ChatInput, calls: ToolCall[], words = ''): ChatInput {
  return {
    ...first,
    messages: [
      ...first.messages,
      { role: 'assistant', content: words, toolCalls: calls },
      ...calls.map((call, i) => ({
        role: 'tool' as const,
        toolCallId: call.id,
        toolName: call.name,
        content: RESULTS[i] ?? '',
      })),
    ],
  };
}

/** Runs the two requests of a tool round and checks the answer quotes the results. */
export async function expectRoundTrip(
  backend: BackendTarget,
  model: string,
): Promise<{ calls: ToolCall[]; first: ChatEvent[]; second: ChatEvent[] }> {
  const ask = askWithTools(model);
  const first = await runRequest(backend, ask);
  const calls = callsIn(first);
  expect(calls.map((c) => [c.index, c.name, JSON.parse(c.arguments)])).toEqual(
    expectedCalls().map((c) => [c.index, c.name, JSON.parse(c.arguments)]),
  );
  expect(first.filter((e) => e.type === 'tool-calls')).toHaveLength(1);
  expect(first.some((e) => e.type === 'error' || e.type === 'malformed')).toBe(false);
  const second = await runRequest(backend, followUp(ask, calls));
  expect(second.some((e) => e.type === 'error')).toBe(false);
  expect(textIn(second)).toBe(toolResultsAnswer(RESULTS));
  expect(callsIn(second)).toEqual([]);
  return { calls, first, second };
}

/** The follow-up after a real first round, but with every result naming `badId` instead of its call. */
export async function followUpAnsweringNoCall(
  backend: BackendTarget,
  model: string,
  badId: string,
): Promise<ChatInput> {
  const ask = askWithTools(model);
  const next = followUp(ask, callsIn(await runRequest(backend, ask)));
  return { ...next, messages: next.messages.map((m) => (m.role === 'tool' ? { ...m, toolCallId: badId } : m)) };
}
