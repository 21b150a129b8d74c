// The `openai-chat` kind: POST {base}/chat/completions streamed as SSE, the dialect of vLLM,
// llama.cpp, SGLang, LM Studio, LocalAI, Ollama's /v1, TGI and KoboldCpp. Accepts the quirks of
// each: `content: null` first deltas (llama.cpp), `reasoning_content` (llama.cpp, SGLang) or
// `reasoning` (vLLM, Ollama /v1), usage per chunk (vLLM) or in a final `choices: []` chunk,
// llama.cpp `timings`, `finish_reason: "null"` as a string (KoboldCpp), a missing `[DONE]`, and
// errors sent in-band as `data: {"error": ...}`. Offers tools as `tools` + `tool_choice: "auto"`,
// sends calls and results back as OpenAI's `tool_calls` and `role: "tool"` messages, and reads
// streamed calls (tool-call-accumulator.ts) whatever the finish reason says.
import { chatError, codeForStatus } from '../../../shared/chat-error';
import type { Usage } from '../../../shared/domain';
import { frameText, type Frame } from '../../transports/types';
import { excerpt, isObject, joinUrl, num, obj, parseJson, str, type JsonObject } from '../json-fields';
import { continuesAnswer, dataUrl, jsonHeaders, modelListRequest, namesIn } from '../request-parts';
import { argumentsOrEmpty } from '../tool-calls';
import type { ChatEvent, ChatInput, ChatTurn, FrameDecoder, ProviderAdapter, TurnImage } from '../types';
import { ToolCallAccumulator } from './tool-call-accumulator';

/** Plain text, or with images the parts form: a `text` part, then one `image_url` part (a data URL) per image. */
function contentOf(turn: ChatTurn): string | JsonObject[] {
  if (!turn.images?.length) return turn.content;
  const text: JsonObject[] = turn.content ? [{ type: 'text', text: turn.content }] : [];
  return [...text, ...turn.images.map(imagePart)];
}

/**
 * One message per turn. An assistant turn that called tools carries them as `tool_calls` (each
 * with `type: "function"`, which llama.cpp requires, and arguments as JSON text) and `content:
 * null` when it said nothing; a tool result is a `role: "tool"` message naming the call it answers.
 */
function messageOf(turn: ChatTurn): JsonObject {
  if (turn.role === 'tool') return { role: 'tool', tool_call_id: turn.toolCallId ?? '', content: turn.content };
  if (turn.role === 'assistant' && turn.toolCalls?.length) {
    const tool_calls = turn.toolCalls.map((call) => ({
      id: call.id,
      type: 'function',
      function: { name: call.name, arguments: argumentsOrEmpty(call.arguments) },
    }));
    return { role: 'assistant', content: turn.content || null, tool_calls };
  }
  return { role: turn.role, content: contentOf(turn) };
}

/**
 * The messages of the request. A `role: "tool"` message carries text only in this API, so the
 * images a tool returned follow the run of tool messages they came in (the API wants the results
 * right after the assistant's calls) as one user message: a line naming each call, then its images.
 */
function messagesOf(turns: readonly ChatTurn[]): JsonObject[] {
  const out: JsonObject[] = [];
  let held: JsonObject[] = [];
  const release = () => {
    if (held.length) out.push({ role: 'user', content: held });
    held = [];
  };
  for (const turn of turns) {
    if (turn.role !== 'tool') release();
    out.push(messageOf(turn));
    if (turn.role === 'tool' && turn.images?.length) {
      held.push(toolImagesIntro(turn), ...turn.images.map(imagePart));
    }
  }
  release();
  return out;
}

const imagePart = (image: TurnImage): JsonObject => ({ type: 'image_url', image_url: { url: dataUrl(image) } });

/** The line before a tool's images in the user message that carries them. */
const toolImagesIntro = (turn: ChatTurn): JsonObject => ({
  type: 'text',
  text: `Images returned by the tool call ${turn.toolCallId ?? ''} (${turn.toolName ?? ''}):`,
});

function requestBody(input: ChatInput): JsonObject {
  const body: JsonObject = {
    model: input.model,
    messages: messagesOf(input.messages),
    stream: true,
    stream_options: { include_usage: true },
  };
  // A trailing assistant turn is the answer to continue. vLLM and SGLang only continue it when
  // asked this way (the two flags are exclusive there); llama.cpp prefills a trailing assistant
  // turn by itself, and newer builds read the same flags. One that called tools is not a prefix.
  if (continuesAnswer(input) && !input.messages.at(-1)?.toolCalls?.length) {
    body.continue_final_message = true;
    body.add_generation_prompt = false;
  }
  const p = input.params;
  if (p.temperature !== undefined) body.temperature = p.temperature;
  if (p.topP !== undefined) body.top_p = p.topP;
  if (p.maxTokens !== undefined) body.max_tokens = p.maxTokens;
  if (p.seed !== undefined) body.seed = p.seed;
  if (input.tools?.length) {
    body.tools = input.tools.map((t) => ({
      type: 'function',
      function: { name: t.name, description: t.description, parameters: t.parameters },
    }));
    // Said explicitly: vLLM only parses calls out of the output for "auto" when started with
    // --enable-auto-tool-choice, and says so in a 400 the user can act on.
    body.tool_choice = 'auto';
  }
  return body;
}

function usageOf(chunk: JsonObject): Usage | null {
  const usage = obj(chunk, 'usage');
  const timings = obj(chunk, 'timings');
  const out: Usage = {};
  const prompt = num(usage, 'prompt_tokens') ?? num(timings, 'prompt_n');
  const completion = num(usage, 'completion_tokens') ?? num(timings, 'predicted_n');
  const perSecond = num(timings, 'predicted_per_second');
  if (prompt !== undefined) out.promptTokens = prompt;
  if (completion !== undefined) out.completionTokens = completion;
  if (perSecond !== undefined) out.tokensPerSecond = perSecond;
  return Object.keys(out).length ? out : null;
}

function errorOf(chunk: JsonObject): ChatEvent | null {
  const raw = chunk.error;
  if (raw === undefined || raw === null) return null;
  const e = isObject(raw) ? raw : undefined;
  const message = typeof raw === 'string' ? raw : (str(e, 'message') ?? JSON.stringify(raw));
  const status = num(e, 'code') ?? num(e, 'status');
  const code = status !== undefined && status >= 400 ? codeForStatus(status) : 'server';
  return { type: 'error', error: chatError(code, message, status !== undefined ? { status } : {}) };
}

class OpenAiChatDecoder implements FrameDecoder {
  private readonly toolCalls = new ToolCallAccumulator();

  push(frame: Frame): ChatEvent[] {
    const data = frameText(frame)?.trim();
    if (!data) return [];
    if (data === '[DONE]') return [];
    const chunk = parseJson(data);
    if (!isObject(chunk)) return [{ type: 'malformed', excerpt: excerpt(data) }];
    const error = errorOf(chunk);
    if (error) return [error];

    const events: ChatEvent[] = [];
    const choices = Array.isArray(chunk.choices) ? chunk.choices : [];
    const choice = choices.find((c): c is JsonObject => isObject(c) && (c.index === undefined || c.index === 0));
    const delta = obj(choice, 'delta') ?? obj(choice, 'message');
    const reasoning = str(delta, 'reasoning_content') ?? str(delta, 'reasoning');
    if (reasoning) events.push({ type: 'reasoning', text: reasoning });
    const text = str(delta, 'content');
    if (text) events.push({ type: 'text', text });
    events.push(...this.toolCalls.add(delta?.tool_calls));
    const usage = usageOf(chunk);
    if (usage) events.push({ type: 'usage', usage });
    const reason = str(choice, 'finish_reason');
    if (reason && reason !== 'null') events.push({ type: 'finish', reason });
    return events;
  }

  end(): ChatEvent[] {
    // A stream that just ends without `[DONE]` is normal for several servers. Calls count whatever
    // the finish reason: OpenAI and vLLM say "stop" for calls a named tool_choice forced
    // (vllm-project/vllm#25054), LiteLLM's Gemini route and mlx servers for any call, and some
    // servers send no finish reason at all.
    return this.toolCalls.events();
  }
}

export const openAiChatAdapter: ProviderAdapter = {
  kind: 'openai-chat',
  plan(input, backend) {
    return {
      framing: 'sse',
      method: 'POST',
      url: joinUrl(backend.baseUrl, 'chat/completions'),
      headers: jsonHeaders(backend),
      body: JSON.stringify(requestBody(input)),
    };
  },
  createDecoder: () => new OpenAiChatDecoder(),
  modelsRequest: (backend) => modelListRequest(joinUrl(backend.baseUrl, 'models'), jsonHeaders(backend)),
  parseModels: (body) => namesIn(body, 'data', ['id']),
};
