// The OpenAI chat fake's tool-calling models: what a request offering tools gets back in three
// servers' layouts (vLLM's, llama.cpp's without ids, Ollama /v1's whole calls at index 0), the
// answer quoting the results that end a request, and the checks real servers make on the calls
// and results a client sends back (llama.cpp's `type` check, OpenAI's "preceding tool_calls" rule).
import type { ChatExchange } from './openai-chat-behaviours';
import { ChunkStream } from './openai-chat-behaviours';
import { replyTokens } from './fake-replies';
import {
  fakeCallId,
  offeredTools,
  piecesOf,
  plannedCalls,
  toolResultsTokens,
  type PlannedCall,
  type ToolTurns,
} from './fake-tool-calls';
import { asRecord, contentText, openAiError, sendJson } from './http-json';

export const OPENAI_TOOL_MODELS = [
  {
    id: 'fake-tools',
    description:
      'vLLM style: calls the first one or two offered tools, ids on the first delta, the two calls interleaved, arguments cut mid-token, finish_reason "tool_calls"; after tool results, text quoting them',
  },
  {
    id: 'fake-tools-no-ids',
    description:
      'llama.cpp layout without ids: name and first piece together, a tool without parameters sent arguments "", finish_reason "stop"',
  },
  {
    id: 'fake-tools-slow',
    description: 'fake-tools that says "Let me check." first, then writes the arguments with 250 ms between pieces',
  },
  {
    id: 'fake-tools-text-only',
    description:
      "fake-tools on a model without vision: a request with image parts gets llama.cpp's refusal; calls the same tools a second round before it answers",
  },
  {
    id: 'fake-tools-index-zero',
    description: 'Ollama /v1 style: every call whole at index 0, told apart by id; no finish_reason, no [DONE]',
  },
  {
    id: 'fake-tools-again',
    description:
      'like fake-tools, but once the conversation holds calls it calls those tools again by the same names, offered or not (a model repeating its history)',
  },
] as const;

export type OpenAiToolModel = (typeof OPENAI_TOOL_MODELS)[number]['id'];

export const isOpenAiToolModel = (model: string): model is OpenAiToolModel =>
  OPENAI_TOOL_MODELS.some((m) => m.id === model);

/** The tools a chat request offers, the results it ends with, and what a real server would refuse. */
export function openAiToolTurns(messages: readonly unknown[], tools: unknown): ToolTurns {
  const offered = offeredTools(tools, (t) => {
    const fn = asRecord(t['function']);
    return fn && { name: fn['name'], parameters: fn['parameters'] };
  });
  let callIds: string[] = [];
  const earlier: string[] = [];
  let problem: string | undefined;
  let rounds = 0;
  for (const raw of messages) {
    const m = asRecord(raw) ?? {};
    // A user message of image parts only carries a tool's images: the user said nothing.
    if (m['role'] === 'user' && !onlyImageParts(m['content'])) rounds = 0;
    if (m['role'] === 'assistant' && Array.isArray(m['tool_calls'])) {
      rounds++;
      callIds = [];
      for (const call of m['tool_calls']) {
        const c = asRecord(call) ?? {};
        const args = asRecord(c['function'])?.['arguments'];
        // llama.cpp's common_chat_msgs_parse_oaicompat; vLLM's templates json.loads the arguments.
        if (c['type'] !== 'function') problem ??= `Missing tool call type: ${JSON.stringify(call)}`;
        else if (typeof args !== 'string' || !isJson(args)) problem ??= `Invalid tool call arguments: ${String(args)}`;
        if (typeof c['id'] === 'string') callIds.push(c['id']);
        const name = asRecord(c['function'])?.['name'];
        if (typeof name === 'string' && !earlier.includes(name)) earlier.push(name);
      }
    } else if (m['role'] === 'tool' && !callIds.includes(String(m['tool_call_id']))) {
      problem ??=
        "Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.";
    }
  }
  const trailing: string[] = [];
  // Images a tool returned come after the results as a user message of image parts (a tool message
  // is text only): the results still end the request.
  const last = asRecord(messages.at(-1));
  const imagesAfter =
    last?.['role'] === 'user' &&
    Array.isArray(last['content']) &&
    last['content'].some((p: unknown) => asRecord(p)?.['type'] === 'image_url');
  for (const raw of [...messages].reverse().slice(imagesAfter ? 1 : 0)) {
    if (asRecord(raw)?.['role'] !== 'tool') break;
    trailing.unshift(contentText(asRecord(raw)?.['content']));
  }
  return {
    tools: offered,
    results: trailing.length ? trailing : null,
    earlierCalls: earlier,
    roundsThisTurn: rounds,
    ...(problem ? { problem } : {}),
  };
}

const onlyImageParts = (content: unknown): boolean =>
  Array.isArray(content) && content.length > 0 && content.every((p: unknown) => asRecord(p)?.['type'] === 'image_url');

const isJson = (text: string): boolean => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

/** Plays `ex.request.model`, a tool model, streamed. */
export async function streamTools(ex: ChatExchange, model: OpenAiToolModel): Promise<void> {
  const { tools, results, roundsThisTurn = 0 } = ex.request.toolTurns;
  const out = new ChunkStream(ex);
  const anotherRound = model === 'fake-tools-text-only' && roundsThisTurn < 2 && tools.length > 0;
  if (results && !anotherRound) return answer(ex, out, toolResultsTokens(results));
  if (!tools.length) return answer(ex, out, replyTokens('fake-chat', ex.request.lastUserMessage) ?? []);
  const again = model === 'fake-tools-again' ? (ex.request.toolTurns.earlierCalls ?? []) : [];
  const calls = again.length
    ? plannedCalls(
        again.map((name) => tools.find((t) => t.name === name) ?? { name, parameters: { type: 'object' } }),
        ex.request.lastUserMessage,
      )
    : plannedCalls(tools, ex.request.lastUserMessage);
  if (model === 'fake-tools' || model === 'fake-tools-text-only' || model === 'fake-tools-again')
    return vllmCalls(ex, out, calls);
  if (model === 'fake-tools-slow') return vllmCalls(ex, out, calls, 250, 'Let me check.');
  if (model === 'fake-tools-no-ids') return llamaCppCalls(ex, out, calls);
  return ollamaV1Calls(ex, out, calls);
}

/** The ids fake-tools gives its calls (vLLM's `chatcmpl-tool-` prefix). */
export const openAiToolCallId = (call: PlannedCall, lastUserMessage: string): string =>
  fakeCallId('chatcmpl-tool-', call, lastUserMessage, 16);

async function send(ex: ChatExchange, out: ChunkStream, chunk: object, delayMs = ex.delays.tokenMs): Promise<void> {
  await ex.pause(delayMs);
  await out.send(chunk);
  ex.tokensSent++;
}

async function answer(ex: ChatExchange, out: ChunkStream, tokens: string[]): Promise<void> {
  await out.send(out.chunk({ role: 'assistant', content: '' }));
  for (const piece of tokens) {
    await ex.pause(ex.delays.tokenMs);
    await out.text(piece);
  }
  await out.finish();
  await out.done();
  ex.end();
}

/** vLLM: id, type and name first, then the arguments in 5-character pieces, the calls taking turns. */
async function vllmCalls(
  ex: ChatExchange,
  out: ChunkStream,
  calls: PlannedCall[],
  pieceMs?: number,
  words?: string,
): Promise<void> {
  const delta = (toolCall: object) => out.chunk({ tool_calls: [toolCall] });
  await out.send(out.chunk({ role: 'assistant', content: '' }));
  if (words) await out.text(words);
  for (const call of calls) {
    const id = openAiToolCallId(call, ex.request.lastUserMessage);
    await send(ex, out, delta({ id, type: 'function', index: call.index, function: { name: call.name } }));
  }
  const pieces = calls.map((call) => piecesOf(call.arguments, 5));
  for (let i = 0; i < Math.max(...pieces.map((p) => p.length)); i++) {
    for (const call of calls) {
      const piece = pieces[call.index]?.[i];
      if (piece !== undefined) {
        await send(ex, out, delta({ index: call.index, function: { arguments: piece } }), pieceMs);
      }
    }
  }
  await out.send(out.chunk({}, 'tool_calls', { stop_reason: null }));
  if (ex.request.includeUsage) await out.send({ ...out.chunk({}), choices: [], usage: out.usage() });
  await out.done();
  ex.end();
}

/** llama.cpp's layout, with no ids: name beside the first piece, `""` for a call without arguments, "stop". */
async function llamaCppCalls(ex: ChatExchange, out: ChunkStream, calls: PlannedCall[]): Promise<void> {
  const delta = (toolCall: object) => out.llamaChunk({ tool_calls: [toolCall] });
  await out.send(out.llamaChunk({ role: 'assistant', content: null }));
  for (const call of calls) {
    const [first = '', ...rest] = call.arguments === '{}' ? [''] : piecesOf(call.arguments, 4);
    await send(
      ex,
      out,
      delta({ index: call.index, type: 'function', function: { name: call.name, arguments: first } }),
    );
    for (const piece of rest) await send(ex, out, delta({ index: call.index, function: { arguments: piece } }));
  }
  await out.send(out.llamaChunk({}, 'stop', { usage: out.usage() }));
  await out.done();
  ex.end();
}

/** Ollama's /v1: every call whole at index 0 with its own id, then the stream just ends. */
async function ollamaV1Calls(ex: ChatExchange, out: ChunkStream, calls: PlannedCall[]): Promise<void> {
  for (const call of calls) {
    const id = fakeCallId('call_', call, ex.request.lastUserMessage, 8);
    const toolCall = { id, index: 0, type: 'function', function: { name: call.name, arguments: call.arguments } };
    await send(ex, out, out.chunk({ role: 'assistant', content: '', tool_calls: [toolCall] }));
  }
  ex.end();
}

/** The exchange of a tool model: the refusal a real server would send, or the stream. */
export async function handleToolChat(ex: ChatExchange): Promise<void> {
  const { model, toolTurns, stream } = ex.request;
  const refusal =
    toolTurns.problem ??
    (stream ? undefined : 'This fake tool model only streams: send "stream": true.') ??
    (model === 'fake-tools-text-only' && ex.request.imageParts
      ? // llama.cpp's words when the model was loaded without a multimodal projector.
        'image input is not supported - hint: if this is unexpected, you may need to provide the mmproj'
      : undefined);
  if (refusal || !isOpenAiToolModel(model)) {
    ex.settle();
    return sendJson(ex.res, 400, openAiError(refusal ?? `${model} is no tool model`, 'BadRequestError', 400));
  }
  return streamTools(ex, model);
}
