// The `openai-realtime` kind: the OpenAI Realtime API over a WebSocket at {base}/realtime?model=…,
// text only (LocalAI and other Realtime-compatible servers). One session per answer: configure it,
// replay the conversation as items, ask for one response, read its text deltas until
// `response.done`. Event names and shapes follow the GA Realtime reference
// (platform.openai.com/docs/api-reference/realtime); the beta `response.text.delta` is read too.
// Tools are function tools in `session.update`; calls stream as function_call items
// (function-call-items.ts, shared with the Responses API) and are replayed, with their results as
// `function_call_output` items, before the next `response.create`.
import { chatError, type ErrorCode } from '../../../shared/chat-error';
import type { Spoken } from '../../../shared/words/define-words';
import { providerWords } from '../../../shared/words/provider-words';
import { frameText, type Frame } from '../../transports/types';
import { excerpt, isObject, joinUrl, obj, parseJson, str, type JsonObject } from '../json-fields';
import { dataUrl, jsonHeaders, modelListRequest, namesIn } from '../request-parts';
import {
  FunctionCallItems,
  functionCallItem,
  functionCallOutputItem,
  functionTool,
} from '../openai-responses/function-call-items';
import { usageOf } from '../openai-responses/openai-responses-adapter';
import type { BackendTarget, ChatEvent, ChatInput, ChatTurn, FrameDecoder, ProviderAdapter } from '../types';
import { toHttpUrl, toWebSocketUrl } from './websocket-urls';

/** The client events of one answer, in the order they are sent once the socket is open. */
export function realtimeMessages(input: ChatInput): JsonObject[] {
  const instructions = input.messages
    .filter((m) => m.role === 'system')
    .map((m) => m.content)
    .join('\n\n');
  // GA session shape: `type: 'realtime'` and `output_modalities` (the beta's `modalities` is
  // refused by the GA API); ["text"] means no audio at all.
  const session: JsonObject = { type: 'realtime', output_modalities: ['text'] };
  if (instructions) session.instructions = instructions;
  if (input.tools?.length) {
    // The session's tools, flat as in the Responses API (the GA reference's RealtimeFunctionTool).
    session.tools = input.tools.map(functionTool);
    session.tool_choice = 'auto';
  }
  const out: JsonObject[] = [{ type: 'session.update', session }];
  for (const m of input.messages) {
    if (m.role === 'system') continue;
    for (const item of itemsOf(m)) out.push({ type: 'conversation.item.create', item });
  }
  const response: JsonObject = { output_modalities: ['text'] };
  if (input.params.maxTokens !== undefined) response.max_output_tokens = input.params.maxTokens;
  out.push({ type: 'response.create', response });
  return out;
}

/**
 * The conversation items of one turn. A call is a `function_call` item (call id, name, arguments)
 * after the assistant's words if it said any; a result is a `function_call_output` item naming
 * the call id. Each session is new, so the calls are replayed before their results.
 */
function itemsOf(m: ChatTurn): JsonObject[] {
  if (m.role === 'tool') {
    if (!m.images?.length) return [functionCallOutputItem(m)];
    // A function_call_output's output is text only: the tool's images follow as a user message.
    const intro = {
      type: 'input_text',
      text: `Images returned by the tool call ${m.toolCallId ?? ''} (${m.toolName ?? ''}):`,
    };
    const images = m.images.map((image) => ({ type: 'input_image', image_url: dataUrl(image) }));
    return [functionCallOutputItem(m), { type: 'message', role: 'user', content: [intro, ...images] }];
  }
  const calls = (m.role === 'assistant' ? (m.toolCalls ?? []) : []).map(functionCallItem);
  // User text is `input_text`; assistant text is `output_text` in GA (the beta called it `text`).
  const part = m.role === 'assistant' ? 'output_text' : 'input_text';
  // Images are `input_image` parts whose `image_url` is a base64 data URL (GA user content).
  const images = (m.images ?? []).map((image) => ({ type: 'input_image', image_url: dataUrl(image) }));
  if (calls.length && !m.content && !images.length) return calls;
  const content = [...(m.content || !images.length ? [{ type: part, text: m.content }] : []), ...images];
  return [{ type: 'message', role: m.role, content }, ...calls];
}

/** `response.cancel` without a response_id cancels the response in progress. */
export const realtimeCancel = JSON.stringify({ type: 'response.cancel' });

function realtimeHeaders(backend: BackendTarget): Record<string, string> {
  return backend.apiKey ? { authorization: `Bearer ${backend.apiKey}` } : {};
}

/** `error.type`/`error.code` of an `error` event (or of a failed response) to the code the UI acts on. */
function codeOf(e: JsonObject | undefined): ErrorCode {
  const code = str(e, 'code') ?? '';
  const type = str(e, 'type') ?? '';
  if (code === 'model_not_found' || code.endsWith('_not_found')) return 'not_found';
  if (code === 'invalid_api_key' || type === 'authentication_error') return 'auth';
  if (code === 'rate_limit_exceeded' || type === 'rate_limit_error') return 'rate_limited';
  if (type === 'invalid_request_error') return 'invalid_input';
  return 'server';
}

function errorEvent(e: JsonObject | undefined, fallback: Spoken): ChatEvent {
  return { type: 'error', error: chatError(codeOf(e), str(e, 'message') ?? fallback) };
}

/** response.done: status completed | cancelled | failed | incomplete, with status_details. */
function doneEvents(response: JsonObject | undefined): ChatEvent[] {
  const events: ChatEvent[] = [];
  const usage = usageOf(response);
  if (usage) events.push({ type: 'usage', usage });
  const status = str(response, 'status') ?? 'completed';
  const details = obj(response, 'status_details');
  if (status === 'failed') {
    events.push(errorEvent(obj(details, 'error'), providerWords.say('realtimeFailed')));
  } else if (status === 'incomplete') {
    // e.g. reason "max_output_tokens": the same thing chat APIs call "length".
    const reason = str(details, 'reason');
    events.push({ type: 'finish', reason: reason === 'max_output_tokens' ? 'length' : (reason ?? 'incomplete') });
  } else {
    events.push({ type: 'finish', reason: status === 'completed' ? 'stop' : status });
  }
  return events;
}

class RealtimeDecoder implements FrameDecoder {
  private done = false;
  private readonly calls = new FunctionCallItems();

  push(frame: Frame): ChatEvent[] {
    if (frame.framing !== 'websocket') return [];
    const data = frameText(frame)?.trim();
    if (!data) return [];
    const event = parseJson(data);
    if (!isObject(event)) return [{ type: 'malformed', excerpt: excerpt(data) }];
    // Function-call items are put together here and reported at the end.
    if (this.calls.take(str(event, 'type'), event)) return this.calls.grown();
    switch (str(event, 'type')) {
      case 'response.output_text.delta': // GA
      case 'response.text.delta': {
        // beta
        const text = str(event, 'delta');
        return text ? [{ type: 'text', text }] : [];
      }
      // Not part of the Realtime reference; servers that stream a reasoning model's thoughts borrow
      // the Responses API names for them.
      case 'response.reasoning_text.delta':
      case 'response.reasoning_summary_text.delta': {
        const text = str(event, 'delta');
        return text ? [{ type: 'reasoning', text }] : [];
      }
      case 'response.done': {
        this.done = true;
        const response = obj(event, 'response');
        this.calls.output(response);
        return doneEvents(response);
      }
      case 'error':
        // The API keeps the session open after most errors, but this answer is over either way.
        return [errorEvent(obj(event, 'error'), providerWords.say('realtimeErrorEvent', { start: excerpt(data) }))];
      default:
        // session.created/updated, conversation.item.*, response.created, content_part added/done,
        // rate_limits.updated…: bookkeeping with nothing to show.
        return [];
    }
  }

  end(): ChatEvent[] {
    // Calls only count from a finished response: one cut short may hold half its arguments.
    if (this.done) return this.calls.events();
    return [
      {
        type: 'error',
        error: chatError('connect', providerWords.say('realtimeCutShort')),
      },
    ];
  }

  finished(): boolean {
    return this.done;
  }
}

export const openAiRealtimeAdapter: ProviderAdapter = {
  kind: 'openai-realtime',
  plan(input, backend) {
    const url = `${joinUrl(toWebSocketUrl(backend.baseUrl), 'realtime')}?model=${encodeURIComponent(input.model)}`;
    return {
      framing: 'websocket',
      method: 'GET',
      url,
      headers: realtimeHeaders(backend),
      send: realtimeMessages(input).map((m) => JSON.stringify(m)),
      cancel: realtimeCancel,
    };
  },
  createDecoder: () => new RealtimeDecoder(),
  modelsRequest: (backend) =>
    modelListRequest(joinUrl(toHttpUrl(backend.baseUrl), 'models'), jsonHeaders(backend, 'application/json')),
  parseModels: (body) => namesIn(body, 'data', ['id']),
};
