// The `anthropic` kind: POST {root}/v1/messages streamed as SSE with `event:` names (Anthropic
// Messages streaming), which llama.cpp, vLLM, SGLang, Ollama, LM Studio and LiteLLM also serve.
// Owns the request plan (system moved out of `messages`, `max_tokens` always sent, tools with an
// `input_schema`, calls as `tool_use` blocks and results as `tool_result` blocks) and the decoding
// of message_start / content_block_* / message_delta / error events, `tool_use` blocks included,
// and the signed `thinking` blocks before them, which go back unchanged with the calls.
import { chatError, type ErrorCode } from '../../../shared/chat-error';
import type { Usage } from '../../../shared/domain';
import { frameText, type Frame } from '../../transports/types';
import { excerpt, isObject, joinUrl, num, obj, parseJson, str, type JsonObject } from '../json-fields';
import { modelListRequest, namesIn } from '../request-parts';
import { argumentsObject, argumentsText, toolCallsEvent } from '../tool-calls';
import type {
  BackendTarget,
  ChatEvent,
  ChatInput,
  ChatTurn,
  FrameDecoder,
  ProviderAdapter,
  ToolCall,
  TurnImage,
} from '../types';

/** The Messages API refuses a request without `max_tokens`; this is what we ask for when the user set none. */
export const DEFAULT_MAX_TOKENS = 4096;
const ANTHROPIC_VERSION = '2023-06-01';

/** The base is the server root; users often paste the OpenAI-style `…/v1`, which would double up. */
const rootOf = (baseUrl: string): string => baseUrl.replace(/\/+$/, '').replace(/\/v1$/, '');

function headers(backend: BackendTarget): Record<string, string> {
  const h: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'text/event-stream',
    'anthropic-version': ANTHROPIC_VERSION,
  };
  if (backend.apiKey) {
    // Anthropic reads x-api-key; llama.cpp and LiteLLM also accept (or only check) a bearer token.
    h['x-api-key'] = backend.apiKey;
    h.authorization = `Bearer ${backend.apiKey}`;
  }
  return h;
}

/**
 * The Messages API has no `system` role: system turns become the top-level `system` string.
 * Consecutive turns of one role are merged so every server sees strict user/assistant turns
 * (older Anthropic API versions and some compatible servers reject two in a row).
 */
function splitTurns(turns: ChatTurn[]): {
  system: string;
  messages: { role: 'user' | 'assistant'; content: AnthropicContent }[];
} {
  const system: string[] = [];
  const messages: { role: 'user' | 'assistant'; content: AnthropicContent }[] = [];
  for (const turn of turns) {
    if (turn.role === 'system') {
      system.push(turn.content);
      continue;
    }
    const last = messages.at(-1);
    const content = contentOf(turn);
    // Tool results travel in a user turn: the results of one round merge into the one user turn
    // the API wants right after the assistant's tool_use blocks.
    const role = turn.role === 'tool' ? 'user' : turn.role;
    if (last && last.role === role) last.content = joinContent(last.content, content);
    else messages.push({ role, content });
  }
  return { system: system.join('\n\n'), messages };
}

/** A string, or content blocks once images are involved. */
type AnthropicContent = string | JsonObject[];

/**
 * With images: one `image` block per image (base64 source with its media type), then the text
 * block, the order Anthropic's vision guide recommends. No empty text block: the API refuses one.
 * Calls are `tool_use` blocks after the text (`input` an object, as the API requires); a result
 * is a `tool_result` block naming the `tool_use_id`, with `is_error` when the tool failed.
 */
function contentOf(turn: ChatTurn): AnthropicContent {
  if (turn.role === 'tool') {
    const result: JsonObject = { type: 'tool_result', tool_use_id: turn.toolCallId ?? '' };
    // A result with images is content blocks: its text, then an image block per image.
    if (turn.images?.length) {
      result.content = [...asBlocks(turn.content), ...turn.images.map(imageBlock)];
    } else if (turn.content) result.content = turn.content;
    if (turn.isError) result.is_error = true;
    return [result];
  }
  if (turn.role === 'assistant' && turn.toolCalls?.length) {
    const uses = turn.toolCalls.map((call) => ({
      type: 'tool_use',
      id: call.id,
      name: call.name,
      input: argumentsObject(call.arguments),
    }));
    // The signed thinking that came before the calls goes back first, unchanged (the API checks it).
    return [...replayedBlocks(turn.replay), ...asBlocks(turn.content), ...uses];
  }
  if (!turn.images?.length) return turn.content;
  const images = turn.images.map(imageBlock);
  return turn.content ? [...images, { type: 'text', text: turn.content }] : images;
}

const imageBlock = (image: TurnImage): JsonObject => ({
  type: 'image',
  source: { type: 'base64', media_type: image.mime, data: image.base64 },
});

/** Thinking blocks as streamed before a round's calls: what `replay` carries for this kind. */
type ThinkingBlock =
  { type: 'thinking'; thinking: string; signature: string } | { type: 'redacted_thinking'; data: string };

/** The blocks a turn's `replay` holds, when this kind wrote it; anything else is not ours to send. */
function replayedBlocks(replay: string | undefined): JsonObject[] {
  if (!replay) return [];
  const parsed = parseJson(replay);
  const blocks = isObject(parsed) && Array.isArray(parsed.anthropic) ? parsed.anthropic : [];
  return blocks.filter(
    (b): b is JsonObject =>
      isObject(b) &&
      ((b.type === 'thinking' && typeof b.thinking === 'string' && typeof b.signature === 'string') ||
        (b.type === 'redacted_thinking' && typeof b.data === 'string')),
  );
}

const asBlocks = (content: AnthropicContent): JsonObject[] =>
  typeof content === 'string' ? (content ? [{ type: 'text', text: content }] : []) : content;

function joinContent(a: AnthropicContent, b: AnthropicContent): AnthropicContent {
  if (typeof a === 'string' && typeof b === 'string') return `${a}\n\n${b}`;
  return [...asBlocks(a), ...asBlocks(b)];
}

function requestBody(input: ChatInput): JsonObject {
  const { system, messages } = splitTurns(input.messages);
  // A trailing assistant turn is a native prefill the model continues; the API refuses one that
  // ends in whitespace.
  const last = messages.at(-1);
  if (last?.role === 'assistant' && typeof last.content === 'string') last.content = last.content.trimEnd();
  const p = input.params;
  const body: JsonObject = { model: input.model, max_tokens: p.maxTokens ?? DEFAULT_MAX_TOKENS, stream: true };
  if (system) body.system = system;
  body.messages = messages;
  if (p.temperature !== undefined) body.temperature = p.temperature;
  if (p.topP !== undefined) body.top_p = p.topP;
  // No tool_choice: the API's default with tools is "auto", and llama.cpp's converter reads it the same.
  if (input.tools?.length) {
    body.tools = input.tools.map((t) => ({ name: t.name, description: t.description, input_schema: t.parameters }));
  }
  return body;
}

/** Error `type`s of the Anthropic API (docs: "Errors"), mapped to what the user can act on. */
const errorCodes: Record<string, ErrorCode> = {
  overloaded_error: 'server',
  api_error: 'server',
  rate_limit_error: 'rate_limited',
  authentication_error: 'auth',
  permission_error: 'auth',
  not_found_error: 'not_found',
  invalid_request_error: 'invalid_input',
  request_too_large: 'invalid_input',
};

function errorOf(chunk: JsonObject): ChatEvent {
  const raw = chunk.error;
  const e = obj(chunk, 'error');
  const message = (typeof raw === 'string' ? raw : str(e, 'message')) ?? JSON.stringify(raw ?? chunk);
  const type = str(e, 'type');
  return { type: 'error', error: chatError((type === undefined ? undefined : errorCodes[type]) ?? 'server', message) };
}

/** A `tool_use` block being streamed: its arguments arrive as `partial_json` pieces. */
interface ToolUseBlock extends ToolCall {
  /** `input` as content_block_start gave it: `{}` in Anthropic's own stream, the whole input from some proxies. */
  startInput: unknown;
}

class AnthropicDecoder implements FrameDecoder {
  /** Input tokens arrive in message_start; output tokens (cumulative) in message_delta. */
  private promptTokens: number | undefined;
  /** tool_use blocks by their content block index. */
  private readonly toolUses = new Map<number, ToolUseBlock>();
  /** thinking and redacted_thinking blocks by their index: sent back with the calls they led to. */
  private readonly thinking = new Map<number, ThinkingBlock>();

  push(frame: Frame): ChatEvent[] {
    const data = frameText(frame)?.trim();
    if (!data || data === '[DONE]') return [];
    const chunk = parseJson(data);
    if (!isObject(chunk)) return [{ type: 'malformed', excerpt: excerpt(data) }];
    // The event name and the payload's `type` are the same by spec; some proxies drop `event:`.
    const name = (frame.framing === 'sse' ? frame.event : undefined) ?? str(chunk, 'type');
    switch (name) {
      case 'message_start':
        return this.start(chunk);
      case 'content_block_start':
        return this.blockStart(chunk);
      case 'content_block_delta':
        return this.delta(chunk);
      case 'message_delta':
        return this.messageDelta(chunk);
      case 'error':
        return [errorOf(chunk)];
      default:
        // ping, content_block_stop, message_stop, and event types added later: nothing to show.
        return [];
    }
  }

  end(): ChatEvent[] {
    // The calls are emitted whatever stop_reason says ("tool_use" normally; "max_tokens" can cut one).
    const events = toolCallsEvent(
      [...this.toolUses.values()].map(({ startInput, ...call }) => ({
        ...call,
        // No input_json_delta at all: the whole input came with the block's start (or there is none).
        arguments: call.arguments || (isObject(startInput) ? argumentsText(startInput) : ''),
      })),
    );
    // Thinking with its signature must come back unchanged in the assistant turn with the calls.
    const thinking = [...this.thinking.entries()].sort(([a], [b]) => a - b).map(([, block]) => block);
    const replay = thinking.length ? JSON.stringify({ anthropic: thinking }) : undefined;
    return replay ? events.map((event) => ({ ...event, replay })) : events;
  }

  private blockStart(chunk: JsonObject): ChatEvent[] {
    const block = obj(chunk, 'content_block');
    const at = num(chunk, 'index');
    if (at === undefined) return [];
    switch (str(block, 'type')) {
      case 'thinking':
        this.thinking.set(at, {
          type: 'thinking',
          thinking: str(block, 'thinking') ?? '',
          signature: str(block, 'signature') ?? '',
        });
        return [];
      case 'redacted_thinking':
        this.thinking.set(at, { type: 'redacted_thinking', data: str(block, 'data') ?? '' });
        return [];
      case 'tool_use': {
        const call: ToolUseBlock = {
          index: this.toolUses.size,
          id: str(block, 'id') ?? '',
          name: str(block, 'name') ?? '',
          arguments: '',
          startInput: block?.input,
        };
        this.toolUses.set(at, call);
        return [{ type: 'tool-call-delta', index: call.index, name: call.name, text: '' }];
      }
      default:
        return [];
    }
  }

  private start(chunk: JsonObject): ChatEvent[] {
    // message_start's usage.output_tokens is a placeholder (1); only the input count is real here.
    this.promptTokens = num(obj(obj(chunk, 'message'), 'usage'), 'input_tokens');
    return this.promptTokens === undefined ? [] : [{ type: 'usage', usage: { promptTokens: this.promptTokens } }];
  }

  private delta(chunk: JsonObject): ChatEvent[] {
    const delta = obj(chunk, 'delta');
    switch (str(delta, 'type')) {
      case 'text_delta': {
        const text = str(delta, 'text');
        return text ? [{ type: 'text', text }] : [];
      }
      case 'thinking_delta': {
        const text = str(delta, 'thinking');
        const block = this.thinking.get(num(chunk, 'index') ?? -1);
        if (text && block?.type === 'thinking') block.thinking += text;
        return text ? [{ type: 'reasoning', text }] : [];
      }
      case 'signature_delta': {
        // The opaque check on a thinking block, kept to send the block back as it came.
        const block = this.thinking.get(num(chunk, 'index') ?? -1);
        if (block?.type === 'thinking') block.signature += str(delta, 'signature') ?? '';
        return [];
      }
      case 'input_json_delta': {
        // Pieces of a tool_use block's input, cut anywhere (the first is often "").
        const block = this.toolUses.get(num(chunk, 'index') ?? -1);
        const piece = str(delta, 'partial_json') ?? '';
        if (!block || !piece) return [];
        block.arguments += piece;
        return [{ type: 'tool-call-delta', index: block.index, name: block.name, text: piece }];
      }
      default:
        // Delta types added later.
        return [];
    }
  }

  private messageDelta(chunk: JsonObject): ChatEvent[] {
    const events: ChatEvent[] = [];
    const usage = obj(chunk, 'usage');
    const out: Usage = {};
    const prompt = num(usage, 'input_tokens') ?? this.promptTokens;
    const completion = num(usage, 'output_tokens');
    if (prompt !== undefined) out.promptTokens = prompt;
    if (completion !== undefined) out.completionTokens = completion;
    if (usage && Object.keys(out).length) events.push({ type: 'usage', usage: out });
    const reason = str(obj(chunk, 'delta'), 'stop_reason');
    if (reason) events.push({ type: 'finish', reason });
    return events;
  }
}

export const anthropicAdapter: ProviderAdapter = {
  kind: 'anthropic',
  plan(input, backend) {
    return {
      framing: 'sse',
      method: 'POST',
      url: joinUrl(rootOf(backend.baseUrl), 'v1/messages'),
      headers: headers(backend),
      body: JSON.stringify(requestBody(input)),
    };
  },
  createDecoder: () => new AnthropicDecoder(),
  modelsRequest: (backend) => modelListRequest(joinUrl(rootOf(backend.baseUrl), 'v1/models'), headers(backend)),
  // {"data":[{"type":"model","id":…,"display_name":…}],"has_more":…} (Anthropic "List Models").
  parseModels: (body) => namesIn(body, 'data', ['id']),
};
