// Tool calls that come back in the text, and the servers' refusals of tools, through the real
// pipeline (adapter plan, real transports on a socket, decode with the request's tools): openai-chat
// against servers started without their tool parser (Hermes blocks in the content, Qwen3-Coder XML
// in the reasoning), KoboldCpp as a prompt-only kind (tools rendered by the chat template, calls
// read from its SSE tokens or polled text), RunPod (tools as text in the messages its worker
// renders), and vLLM's, llama.cpp's and Ollama's refusals.
import { afterEach, describe, expect, it } from 'vitest';
import { decode } from '../../src/main/providers/decode';
import { koboldCppAdapter } from '../../src/main/providers/koboldcpp/koboldcpp-adapter';
import { ollamaAdapter } from '../../src/main/providers/ollama/ollama-adapter';
import { openAiChatAdapter } from '../../src/main/providers/openai-chat/openai-chat-adapter';
import { withConnection } from '../../src/main/providers/request-parts';
import type {
  BackendTarget,
  ChatEvent,
  ChatInput,
  ChatTurn,
  ProviderAdapter,
  ToolCall,
} from '../../src/main/providers/types';
import { openFrameBatches } from '../../src/main/transports/open-stream';
import { defaultLimits } from '../../src/main/transports/types';
import { toChatError, type ChatError } from '../../src/shared/chat-error';
import type { BackendKind } from '../../src/shared/domain';
import { runPodAdapter } from '../../src/main/providers/runpod/runpod-adapter';
import { startKoboldServer, type FakeKoboldServer } from '../servers/koboldcpp-server';
import { startRunPodServer } from '../servers/runpod-server';
import { OLLAMA_NO_TOOLS_MODEL, startTextToolServer, type FakeTextToolServer } from '../servers/text-tool-call-server';
import { AFTER_TOOL_ANSWER, TEXT_CALL_TOOLS, expectedTextCalls } from '../servers/text-tool-replies';

let servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});
const textServer = async (): Promise<FakeTextToolServer> => {
  const s = await startTextToolServer();
  servers.push(s);
  return s;
};

const target = (kind: BackendKind, baseUrl: string, options: Record<string, string> = {}): BackendTarget => ({
  kind,
  baseUrl,
  apiKey: null,
  http: 'auto',
  options,
});
const question: ChatTurn = { role: 'user', content: 'Weather and time in Paris?' };
const ask = (model: string, messages: ChatTurn[] = [question], tools = TEXT_CALL_TOOLS): ChatInput => ({
  model,
  messages,
  params: {},
  tools,
});

interface Outcome {
  events: ChatEvent[];
  error?: ChatError;
}

/**
 * plan → real transport → decode, with the request's tools. `withTools` puts them in the JSON
 * body where the API kinds' adapters put them (their encoding is not this test's subject).
 */
async function pipeline(
  adapter: ProviderAdapter,
  input: ChatInput,
  backend: BackendTarget,
  withTools = false,
): Promise<Outcome> {
  let plan = withConnection(adapter.plan(input, backend), backend);
  if (withTools && plan.body !== undefined) {
    const body = JSON.parse(plan.body) as Record<string, unknown>;
    body.tools = input.tools?.map((t) => ({ type: 'function', function: t }));
    plan = { ...plan, body: JSON.stringify(body) };
  }
  const events: ChatEvent[] = [];
  try {
    const batches = openFrameBatches(plan, AbortSignal.timeout(10_000), { ...defaultLimits, idleTimeoutMs: 5_000 });
    for await (const batch of decode(adapter, batches, backend, { tools: input.tools })) events.push(...batch);
  } catch (err) {
    return { events, error: toChatError(err) };
  }
  return { events };
}

const joined = (events: ChatEvent[], type: 'text' | 'reasoning') =>
  events.map((e) => (e.type === type ? e.text : '')).join('');
const callsOf = (events: ChatEvent[]) =>
  events
    .flatMap((e) => (e.type === 'tool-calls' ? e.calls : []))
    .map((c) => ({ name: c.name, arguments: JSON.parse(c.arguments) as unknown, id: c.id }));
const withoutIds = (calls: ReturnType<typeof callsOf>) =>
  calls.map(({ name, arguments: args }) => ({ name, arguments: args }));

/** A first round against a fake that writes Hermes calls into its text: the sentence shown, the calls read. */
async function callingRound(adapter: ProviderAdapter, backend: BackendTarget): Promise<ToolCall[]> {
  const first = await pipeline(adapter, ask('fake-tool-call'), backend);
  expect(first.error).toBeUndefined();
  expect(joined(first.events, 'text')).toBe(expectedTextCalls.hermes.text);
  expect(withoutIds(callsOf(first.events))).toEqual(expectedTextCalls.hermes.calls);
  return first.events.flatMap((e) => (e.type === 'tool-calls' ? e.calls : []));
}

/** The next request's turns: the question, the answer with its calls, then a result for each of the first calls. */
const withResults = (calls: ToolCall[], results: string[]): ChatTurn[] => [
  question,
  { role: 'assistant', content: expectedTextCalls.hermes.text, toolCalls: calls },
  ...results.map((content, i): ChatTurn => ({
    role: 'tool',
    content,
    toolCallId: calls[i]!.id,
    toolName: calls[i]!.name,
  })),
];

describe('openai-chat against a server without its tool parser', () => {
  it('reads Hermes blocks out of the content, cut every 3 characters, and shows only the sentence', async () => {
    const fake = await textServer();
    const { events, error } = await pipeline(
      openAiChatAdapter,
      ask('fake-hermes-calls'),
      target('openai-chat', `${fake.baseUrl}/v1`),
    );
    expect(error).toBeUndefined();
    expect(joined(events, 'text')).toBe(expectedTextCalls.hermes.text);
    const calls = callsOf(events);
    expect(withoutIds(calls)).toEqual(expectedTextCalls.hermes.calls);
    expect(new Set(calls.map((c) => c.id)).size).toBe(2);
    expect(events.some((e) => e.type === 'malformed')).toBe(false);
    // Each call was shown growing while written, as a call from the API's fields is.
    const growing = new Map<number, { name: string; args: string; pieces: number }>();
    for (const e of events) {
      if (e.type !== 'tool-call-delta') continue;
      const seen = growing.get(e.index) ?? { name: e.name, args: '', pieces: 0 };
      growing.set(e.index, { ...seen, args: seen.args + e.text, pieces: seen.pieces + 1 });
    }
    expect([...growing.values()].map((g) => g.name)).toEqual(expectedTextCalls.hermes.calls.map((c) => c.name));
    for (const g of growing.values()) expect(g.pieces).toBeGreaterThan(2);
    const firstArgs = JSON.parse(growing.get(0)!.args) as unknown;
    expect(typeof firstArgs === 'string' ? JSON.parse(firstArgs) : firstArgs).toEqual(
      expectedTextCalls.hermes.calls[0]!.arguments,
    );
    // No delta before the sentence that precedes the calls was out.
    const firstDelta = events.findIndex((e) => e.type === 'tool-call-delta');
    expect(joined(events.slice(0, firstDelta), 'text')).toBe(expectedTextCalls.hermes.text);
  });

  it('reads a Qwen3-Coder XML call out of reasoning_content', async () => {
    const fake = await textServer();
    const { events } = await pipeline(
      openAiChatAdapter,
      ask('fake-qwen3-coder-reasoning'),
      target('openai-chat', `${fake.baseUrl}/v1`),
    );
    expect(joined(events, 'reasoning')).toBe(expectedTextCalls.qwen3Coder.reasoning);
    expect(joined(events, 'text')).toBe('');
    expect(withoutIds(callsOf(events))).toEqual(expectedTextCalls.qwen3Coder.calls);
  });

  it('leaves the blocks as text when the request offered no tools', async () => {
    const fake = await textServer();
    const { events } = await pipeline(
      openAiChatAdapter,
      ask('fake-hermes-calls', [question], []),
      target('openai-chat', `${fake.baseUrl}/v1`),
    );
    expect(joined(events, 'text')).toContain('<tool_call>\n{"name": "get_weather"');
    expect(callsOf(events)).toEqual([]);
  });

  it('answers with text once the request carries the tool result', async () => {
    const fake = await textServer();
    const round: ChatTurn[] = [
      question,
      {
        role: 'assistant',
        content: '',
        toolCalls: [{ index: 0, id: 'call_7', name: 'get_weather', arguments: '{"city":"Paris"}' }],
      },
      { role: 'tool', content: '{"temp": 21}', toolCallId: 'call_7', toolName: 'get_weather' },
    ];
    const { events } = await pipeline(
      openAiChatAdapter,
      ask('fake-hermes-calls', round),
      target('openai-chat', `${fake.baseUrl}/v1`),
    );
    expect(joined(events, 'text')).toBe(AFTER_TOOL_ANSWER);
    expect(callsOf(events)).toEqual([]);
  });
});

describe("the servers' refusals of tools, as the user sees them", () => {
  it.each([
    [
      'vLLM without --enable-auto-tool-choice',
      'fake-vllm-no-tool-parser',
      400,
      'server',
      /Start it again with --enable-auto-tool-choice/,
    ],
    ['llama-server without --jinja', 'fake-llamacpp-no-jinja', 500, 'server', /Start it again with --jinja/],
  ])('%s: the fix and the server’s words, not retryable, flagged', async (_name, model, status, scope, fix) => {
    const fake = await textServer();
    const backend = target('openai-chat', `${fake.baseUrl}/v1`);
    const { error } = await pipeline(openAiChatAdapter, ask(model), backend, true);
    expect(error).toMatchObject({ code: 'invalid_input', status, retryable: false, toolsRefused: scope });
    expect(error?.message).toMatch(fix);
    // "Send without tools": the same request without them goes through.
    const again = await pipeline(openAiChatAdapter, ask(model, [question], []), backend);
    expect(again.error).toBeUndefined();
    expect(joined(again.events, 'text')).toBe(AFTER_TOOL_ANSWER);
  });

  it('Ollama: a model without the tools capability, named, with how to choose another', async () => {
    const fake = await textServer();
    const backend = target('ollama', fake.baseUrl);
    const { error } = await pipeline(ollamaAdapter, ask(OLLAMA_NO_TOOLS_MODEL), backend, true);
    expect(error).toMatchObject({ code: 'invalid_input', status: 400, retryable: false, toolsRefused: 'model' });
    expect(error?.message).toMatch(/^The model fake-no-tools:latest cannot take tools in Ollama/);
    expect(error?.message).toContain('registry.ollama.ai/library/fake-no-tools:latest does not support tools');
    const again = await pipeline(ollamaAdapter, ask(OLLAMA_NO_TOOLS_MODEL, [question], []), backend);
    expect(joined(again.events, 'text')).toBe(AFTER_TOOL_ANSWER);
  });
});

describe.each([
  { route: 'SSE route', sse: true, path: '/api/extra/generate/stream' },
  { route: 'polling fallback', sse: false, path: '/api/v1/generate' },
])('koboldcpp (prompt-only) over the $route', ({ sse, path }) => {
  const kobold = async (): Promise<FakeKoboldServer> => {
    const s = await startKoboldServer({ sse, tokenDelayMs: 1, behaviour: 'fake-tool-call' });
    servers.push(s);
    return s;
  };
  const promptSent = (fake: FakeKoboldServer, nth: number): string =>
    (fake.requests.filter((r) => r.path === path)[nth]!.body as { prompt: string }).prompt;

  it('puts the tools in the prompt through the template, reads the calls from the text, and answers after the results', async () => {
    const fake = await kobold();
    const backend = target('koboldcpp', fake.baseUrl, { pollIntervalMs: '20' });
    const calls = await callingRound(koboldCppAdapter, backend);
    expect(promptSent(fake, 0)).toContain('<tools>\n{"type": "function", "function": {"name": "get_weather"');

    const round = withResults(calls, ['{"temp": 21, "sky": "sunny"}', '14:05']);
    const second = await pipeline(koboldCppAdapter, ask('kobold', round), backend);
    expect(promptSent(fake, 1)).toContain(
      '<|im_start|>user\n<tool_response>\n{"temp": 21, "sky": "sunny"}\n</tool_response>\n<tool_response>\n14:05\n</tool_response><|im_end|>\n<|im_start|>assistant\n',
    );
    expect(joined(second.events, 'text')).toBe(AFTER_TOOL_ANSWER);
    expect(callsOf(second.events)).toEqual([]);
  });
});

describe('runpod (worker-vllm renders the messages itself)', () => {
  it('sends the tools, calls and results as text in the messages, and reads the calls from the output', async () => {
    const fake = await startRunPodServer({ tokenDelayMs: 1, behaviour: 'fake-tool-call' });
    servers.push(fake);
    const backend = target('runpod', fake.baseUrl, { pollIntervalMs: '20' });
    const calls = await callingRound(runPodAdapter, backend);
    const runs = fake.requests.filter((r) => r.path.endsWith('/run'));
    const sent = (runs[0]!.body as { input: { messages: ChatTurn[] } }).input.messages;
    expect(sent[0]).toMatchObject({ role: 'system', content: expect.stringMatching(/^# Tools\n/) });

    const round = withResults(calls, ['{"temp": 21}']);
    const second = await pipeline(runPodAdapter, ask('endpoint-model', round), backend);
    const resent = (
      fake.requests.filter((r) => r.path.endsWith('/run'))[1]!.body as { input: { messages: ChatTurn[] } }
    ).input.messages;
    expect(resent.at(-1)).toEqual({ role: 'user', content: '<tool_response>\n{"temp": 21}\n</tool_response>' });
    expect(joined(second.events, 'text')).toBe(AFTER_TOOL_ANSWER);
  });
});
