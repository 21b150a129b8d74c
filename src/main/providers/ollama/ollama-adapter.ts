// The `ollama` kind: Ollama's native API, POST {root}/api/chat streamed as NDJSON (one JSON object
// per line, HTTP 200 throughout). Reads `message.content` / `message.thinking` (chat) and the
// top-level `response` / `thinking` of /api/generate lines, usage from the final `done: true` line
// (token counts and nanosecond durations), and `{"error": "..."}` lines sent after the 200. Tools
// go out as `tools`; calls come whole in `message.tool_calls` (arguments an object, an id only
// from newer builds), and results go back as `role: "tool"` messages naming the tool.
import { chatError } from '../../../shared/chat-error';
import { providerWords } from '../../../shared/words/provider-words';
import type { Usage } from '../../../shared/domain';
import { frameText, type Frame, type HttpRequestPlan } from '../../transports/types';
import { excerpt, isObject, joinUrl, num, obj, parseJson, str, type JsonObject } from '../json-fields';
import { argumentsObject, argumentsText, toolCallsEvent } from '../tool-calls';
import type { BackendTarget, ChatEvent, ChatInput, ChatTurn, FrameDecoder, ProviderAdapter, ToolCall } from '../types';

/**
 * The server root. Users often paste the OpenAI-compatible URL (`…:11434/v1`) or the API prefix
 * (`…/api`); the native routes hang off the root, so both suffixes are dropped. Any other path is
 * kept: Ollama is sometimes served under a prefix behind a reverse proxy.
 */
export function ollamaRoot(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '').replace(/\/(v1|api)$/i, '');
}

function headers(backend: BackendTarget): Record<string, string> {
  const h: Record<string, string> = { 'content-type': 'application/json' };
  // Ollama has no auth of its own, but people put it behind an auth proxy (nginx, Open WebUI, Caddy).
  if (backend.apiKey) h.authorization = `Bearer ${backend.apiKey}`;
  return h;
}

/**
 * One message per turn (ollama/ollama docs/api.md, docs/capabilities/tool-calling.mdx). Images go
 * beside the text as plain base64, no `data:` prefix. An assistant turn's calls are `tool_calls`
 * with the arguments as an object; a result is a `role: "tool"` message with `tool_name`, which is
 * how Ollama's templates tell results apart (older builds know no call ids).
 */
function messageOf(m: ChatTurn): JsonObject {
  if (m.role === 'tool') {
    // A tool's images go on its own message, as on any other (Ollama's templates place them).
    const images = m.images?.length ? { images: m.images.map((image) => image.base64) } : {};
    return { role: 'tool', content: m.content, tool_name: m.toolName ?? '', ...images };
  }
  if (m.role === 'assistant' && m.toolCalls?.length) {
    const tool_calls = m.toolCalls.map((call, index) => ({
      type: 'function',
      function: { index, name: call.name, arguments: argumentsObject(call.arguments) },
    }));
    return { role: 'assistant', content: m.content, tool_calls };
  }
  return m.images?.length
    ? { role: m.role, content: m.content, images: m.images.map((image) => image.base64) }
    : { role: m.role, content: m.content };
}

function requestBody(input: ChatInput): JsonObject {
  const body: JsonObject = { model: input.model, messages: input.messages.map(messageOf), stream: true };
  // Sampling parameters live in `options` with llama.cpp's names (ollama/ollama docs/api.md).
  const p = input.params;
  const options: JsonObject = {};
  if (p.temperature !== undefined) options.temperature = p.temperature;
  if (p.topP !== undefined) options.top_p = p.topP;
  if (p.maxTokens !== undefined) options.num_predict = p.maxTokens;
  if (p.seed !== undefined) options.seed = p.seed;
  // Without it Ollama loads the model with its own small default and silently drops the start of a longer prompt.
  if (input.numCtx !== undefined) options.num_ctx = input.numCtx;
  if (Object.keys(options).length) body.options = options;
  if (input.tools?.length) {
    body.tools = input.tools.map((t) => ({
      type: 'function',
      function: { name: t.name, description: t.description, parameters: t.parameters },
    }));
  }
  return body;
}

/** Usage from a `done: true` line; durations are nanoseconds. */
function usageOf(line: JsonObject): Usage | null {
  const out: Usage = {};
  const prompt = num(line, 'prompt_eval_count');
  const completion = num(line, 'eval_count');
  const evalNs = num(line, 'eval_duration');
  if (prompt !== undefined) out.promptTokens = prompt;
  if (completion !== undefined) out.completionTokens = completion;
  if (completion !== undefined && evalNs !== undefined && evalNs > 0) out.tokensPerSecond = completion / (evalNs / 1e9);
  return Object.keys(out).length ? out : null;
}

function errorOf(line: JsonObject): ChatEvent | null {
  const raw = line.error;
  if (raw === undefined || raw === null) return null;
  // Ollama sends a plain string; accept an object too, in case a proxy rewrote it.
  const message =
    typeof raw === 'string' ? raw : (str(isObject(raw) ? raw : undefined, 'message') ?? JSON.stringify(raw));
  return { type: 'error', error: chatError('server', message) };
}

class OllamaDecoder implements FrameDecoder {
  private done = false;
  private readonly calls: ToolCall[] = [];

  push(frame: Frame): ChatEvent[] {
    const data = frameText(frame)?.trim();
    if (!data) return [];
    const line = parseJson(data);
    if (!isObject(line)) return [{ type: 'malformed', excerpt: excerpt(data) }];
    const error = errorOf(line);
    if (error) return [error];

    const message = obj(line, 'message');
    // /api/chat nests the delta in `message`; /api/generate puts `thinking` and `response` at the top.
    const events: ChatEvent[] = this.addCalls(message?.tool_calls);
    const thinking = str(message, 'thinking') ?? str(line, 'thinking');
    if (thinking) events.push({ type: 'reasoning', text: thinking });
    const text = str(message, 'content') ?? str(line, 'response');
    if (text) events.push({ type: 'text', text });
    if (line.done === true) {
      this.done = true;
      const usage = usageOf(line);
      if (usage) events.push({ type: 'usage', usage });
      // Older versions omit done_reason (the docs/api.md capture has none): the reason is then unknown.
      const reason = str(line, 'done_reason');
      if (reason) events.push({ type: 'finish', reason });
    }
    return events;
  }

  end(): ChatEvent[] {
    // Ollama always ends a stream with a `done: true` line or an error line; a clean end without
    // either means something in between (a proxy, a crashed runner) cut the answer short.
    // Calls count whatever done_reason says: Ollama reports "stop" after them.
    if (this.done) return toolCallsEvent(this.calls);
    return [{ type: 'error', error: chatError('protocol', providerWords.say('ollamaCutShort')) }];
  }

  /**
   * Whole calls, one or more per line and possibly on several lines: each is a new call, shown at
   * once whole (a `tool-call-delta` with all its arguments) while later lines may bring more.
   */
  private addCalls(toolCalls: unknown): ChatEvent[] {
    if (!Array.isArray(toolCalls)) return [];
    const shown: ChatEvent[] = [];
    for (const raw of toolCalls) {
      if (!isObject(raw)) continue;
      const fn = obj(raw, 'function');
      // `function.index` is 0 for every call of models without a dedicated parser
      // (ollama/ollama#15497): the order of arrival is the index.
      const call = {
        index: this.calls.length,
        id: str(raw, 'id') ?? '',
        name: str(fn, 'name') ?? '',
        arguments: argumentsText(fn?.arguments),
      };
      this.calls.push(call);
      shown.push({ type: 'tool-call-delta', index: call.index, name: call.name, text: call.arguments });
    }
    return shown;
  }
}

export const ollamaAdapter: ProviderAdapter = {
  kind: 'ollama',
  plan(input, backend) {
    return {
      framing: 'ndjson',
      method: 'POST',
      url: joinUrl(ollamaRoot(backend.baseUrl), 'api/chat'),
      headers: headers(backend),
      body: JSON.stringify(requestBody(input)),
    };
  },
  createDecoder: () => new OllamaDecoder(),
  modelsRequest(backend): HttpRequestPlan {
    const h = headers(backend);
    h.accept = 'application/json';
    delete h['content-type'];
    return { method: 'GET', url: joinUrl(ollamaRoot(backend.baseUrl), 'api/tags'), headers: h };
  },
  parseModels(body) {
    const models = isObject(body) && Array.isArray(body.models) ? body.models : [];
    return models
      .map((m) => (isObject(m) ? (str(m, 'name') ?? str(m, 'model')) : undefined))
      .filter((name): name is string => !!name);
  },
};
