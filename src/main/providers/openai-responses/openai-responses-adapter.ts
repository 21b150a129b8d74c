// The `openai-responses` kind: POST {base}/responses streamed as SSE with `event:` names (OpenAI
// Responses API streaming), as vLLM, SGLang, llama.cpp, Ollama and LM Studio serve it. Owns the
// request plan (system text as `instructions`) and the decoding of the semantic events: text and
// reasoning deltas, function calls (function-call-items.ts), the terminal response.completed /
// incomplete / failed, and `error`. Tools go out as function tools; the calls and their results
// come back as `function_call` and `function_call_output` input items.
import { chatError, codeForStatus, type ErrorCode } from '../../../shared/chat-error';
import type { Spoken } from '../../../shared/words/define-words';
import { providerWords } from '../../../shared/words/provider-words';
import type { Usage } from '../../../shared/domain';
import { frameText, type Frame } from '../../transports/types';
import { excerpt, isObject, joinUrl, num, obj, parseJson, str, type JsonObject } from '../json-fields';
import { dataUrl, jsonHeaders, modelListRequest, namesIn } from '../request-parts';
import type { ChatEvent, ChatInput, ChatTurn, FrameDecoder, ProviderAdapter } from '../types';
import {
  FunctionCallItems,
  functionCallItem,
  functionCallOutputItem,
  functionCallOutputWithImages,
  functionTool,
} from './function-call-items';

/**
 * Plain text, or with images the parts form: `input_text`, then one `input_image` per image, whose
 * `image_url` is a data URL string (an object there is refused by the API). `detail: 'auto'` is the
 * default, sent because some versions of the schema require the field.
 */
function contentOf(turn: ChatTurn): string | JsonObject[] {
  if (!turn.images?.length) return turn.content;
  const text: JsonObject[] = turn.content ? [{ type: 'input_text', text: turn.content }] : [];
  return [...text, ...turn.images.map((image) => ({ type: 'input_image', image_url: dataUrl(image), detail: 'auto' }))];
}

/**
 * The input items of one turn: a call is its own `function_call` item, after the assistant's
 * words if it said any; a result is a `function_call_output` item.
 */
function itemsOf(turn: ChatTurn): JsonObject[] {
  if (turn.role === 'tool') {
    return [turn.images?.length ? functionCallOutputWithImages(turn) : functionCallOutputItem(turn)];
  }
  if (turn.role === 'assistant' && turn.toolCalls?.length) {
    const calls = turn.toolCalls.map(functionCallItem);
    return [...(turn.content ? [{ role: 'assistant', content: turn.content }] : []), ...calls];
  }
  return [{ role: turn.role, content: contentOf(turn) }];
}

function requestBody(input: ChatInput): JsonObject {
  // `instructions` is the Responses API's place for the system prompt; the rest stays in `input`.
  const system = input.messages.filter((m) => m.role === 'system').map((m) => m.content);
  const body: JsonObject = {
    model: input.model,
    input: input.messages.filter((m) => m.role !== 'system').flatMap(itemsOf),
    stream: true,
  };
  if (system.length) body.instructions = system.join('\n\n');
  const p = input.params;
  if (p.temperature !== undefined) body.temperature = p.temperature;
  if (p.topP !== undefined) body.top_p = p.topP;
  if (p.maxTokens !== undefined) body.max_output_tokens = p.maxTokens;
  if (input.tools?.length) {
    body.tools = input.tools.map(functionTool);
    body.tool_choice = 'auto';
  }
  return body;
}

/** Error codes and types OpenAI-compatible servers put in a stream error, mapped to what the user can act on. */
const errorCodes: Record<string, ErrorCode> = {
  rate_limit_exceeded: 'rate_limited',
  rate_limit_error: 'rate_limited',
  insufficient_quota: 'rate_limited', // sent with HTTP 429 when not streaming
  invalid_api_key: 'auth',
  authentication_error: 'auth',
  model_not_found: 'not_found',
  not_found_error: 'not_found',
  invalid_prompt: 'invalid_input',
  invalid_request_error: 'invalid_input',
  context_length_exceeded: 'invalid_input',
};

/** `e` holds `code`/`type`/`message`: the `error` event itself (spec) or the object under its `error` key (seen in the wild). */
function errorEvent(e: JsonObject | undefined, fallback: string | Spoken): ChatEvent {
  const message = str(e, 'message') ?? fallback;
  const status = num(e, 'code') ?? num(e, 'status');
  const named = str(e, 'code') ?? str(e, 'type');
  const code: ErrorCode =
    status !== undefined && status >= 400
      ? codeForStatus(status)
      : ((named === undefined ? undefined : errorCodes[named]) ?? 'server');
  return { type: 'error', error: chatError(code, message, status !== undefined && status >= 400 ? { status } : {}) };
}

/** `usage.input_tokens` / `output_tokens`, as the Responses API and the Realtime API both report them. */
export function usageOf(response: JsonObject | undefined): Usage | null {
  const usage = obj(response, 'usage');
  const out: Usage = {};
  const prompt = num(usage, 'input_tokens');
  const completion = num(usage, 'output_tokens');
  if (prompt !== undefined) out.promptTokens = prompt;
  if (completion !== undefined) out.completionTokens = completion;
  return Object.keys(out).length ? out : null;
}

class OpenAiResponsesDecoder implements FrameDecoder {
  private readonly calls = new FunctionCallItems();

  push(frame: Frame): ChatEvent[] {
    const data = frameText(frame)?.trim();
    // No `[DONE]` in the spec (the terminal response.* event ends it), but tolerate servers that add one.
    if (!data || data === '[DONE]') return [];
    const chunk = parseJson(data);
    if (!isObject(chunk)) return [{ type: 'malformed', excerpt: excerpt(data) }];
    // The event name and the payload's `type` match by spec; fall back to `type` when `event:` is missing.
    const name = (frame.framing === 'sse' ? frame.event : undefined) ?? str(chunk, 'type');
    // Function-call items are put together here and reported at the end.
    if (this.calls.take(name, chunk)) return this.calls.grown();
    switch (name) {
      case 'response.output_text.delta':
        return this.delta(chunk, 'text');
      case 'response.reasoning_text.delta': // raw chain of thought (vLLM, gpt-oss)
      case 'response.reasoning_summary_text.delta':
        return this.delta(chunk, 'reasoning');
      case 'response.completed':
        return this.done(obj(chunk, 'response'), 'stop');
      case 'response.incomplete':
        return this.done(obj(chunk, 'response'), 'incomplete');
      case 'response.failed': {
        const response = obj(chunk, 'response');
        return [errorEvent(obj(response, 'error'), providerWords.say('responseFailed'))];
      }
      case 'error': {
        // Spec: {type:"error", code, message, param}; OpenAI itself has been seen nesting it under `error`.
        const e = obj(chunk, 'error') ?? chunk;
        const raw = chunk.error;
        return [errorEvent(e, typeof raw === 'string' ? raw : providerWords.say('serverError'))];
      }
      default:
        // response.created / in_progress, content_part.*, *.done, and anything newer.
        return [];
    }
  }

  end(): ChatEvent[] {
    // The calls are whole only now (a server may send the arguments' final text last).
    return this.calls.events();
  }

  private delta(chunk: JsonObject, type: 'text' | 'reasoning'): ChatEvent[] {
    const text = str(chunk, 'delta');
    return text ? [{ type, text }] : [];
  }

  private done(response: JsonObject | undefined, fallback: string): ChatEvent[] {
    this.calls.output(response);
    const events: ChatEvent[] = [];
    const usage = usageOf(response);
    if (usage) events.push({ type: 'usage', usage });
    // response.incomplete says why in incomplete_details.reason (max_output_tokens, content_filter).
    const reason = str(obj(response, 'incomplete_details'), 'reason');
    events.push({ type: 'finish', reason: reason ?? fallback });
    return events;
  }
}

export const openAiResponsesAdapter: ProviderAdapter = {
  kind: 'openai-responses',
  plan(input, backend) {
    return {
      framing: 'sse',
      method: 'POST',
      url: joinUrl(backend.baseUrl, 'responses'),
      headers: jsonHeaders(backend),
      body: JSON.stringify(requestBody(input)),
    };
  },
  createDecoder: () => new OpenAiResponsesDecoder(),
  modelsRequest: (backend) => modelListRequest(joinUrl(backend.baseUrl, 'models'), jsonHeaders(backend)),
  parseModels: (body) => namesIn(body, 'data', ['id']),
};
