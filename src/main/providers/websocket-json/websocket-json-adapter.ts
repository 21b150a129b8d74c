// The `websocket-json` kind, for custom gateways: one WebSocket per answer, one JSON request built
// from the user's template, then JSON frames read through the user's paths (frame-path.ts):
// text at `deltaPath`, optional thoughts at `reasoningPath`, the end at `donePath`, a failure at
// `errorPath`. Stop closes the socket. Options come from backend-options.ts; blank ones default to
// the simplest gateway: {"delta": "…"} frames, then {"done": true}, or {"error": "…"}. A gateway's
// frames have no place for tools, so this kind carries none (`carriesTools: false`): the request
// goes out without them, and the tool loop says so before sending.
import { ChatFailure, chatError } from '../../../shared/chat-error';
import type { Spoken } from '../../../shared/words/define-words';
import { providerWords } from '../../../shared/words/provider-words';
import { frameText, type Frame, type HttpRequestPlan } from '../../transports/types';
import { excerpt, isObject, parseJson, str } from '../json-fields';
import { toHttpUrl, toWebSocketUrl } from '../openai-realtime/websocket-urls';
import { modelListRequest, namesIn } from '../request-parts';
import type { BackendTarget, ChatEvent, ChatInput, FrameDecoder, ProviderAdapter } from '../types';
import { matches, parseFramePath, valueAt, type FramePath } from './frame-path';

export const defaultTemplate = '{"model": "{{model}}", "messages": {{messages}}}';
const defaults = { deltaPath: 'delta', donePath: 'done', errorPath: 'error' } as const;

const authHeaders = (backend: BackendTarget): Record<string, string> =>
  backend.apiKey ? { authorization: `Bearer ${backend.apiKey}` } : {};

const invalid = (message: Spoken) => new ChatFailure(chatError('invalid_input', message));

/**
 * Fills the template. `{{model}}` and `{{prompt}}` (the last user message) are JSON-escaped with no
 * quotes, so they go inside a string literal: `"prompt": "{{prompt}}"`. `{{messages}}` is a whole
 * JSON array of `{"role", "content"}`; `{{params}}` a JSON object of the sampling parameters set
 * (`temperature`, `top_p`, `max_tokens`, `seed`). Throws invalid_input when the result is not JSON.
 */
export function fillTemplate(template: string, input: ChatInput): string {
  const escaped = (s: string) => JSON.stringify(s).slice(1, -1);
  const prompt = [...input.messages].reverse().find((m) => m.role === 'user')?.content ?? '';
  const values: Record<string, string> = {
    model: escaped(input.model),
    prompt: escaped(prompt),
    messages: JSON.stringify(input.messages.map((m) => ({ role: m.role, content: m.content }))),
    params: JSON.stringify({
      temperature: input.params.temperature,
      top_p: input.params.topP,
      max_tokens: input.params.maxTokens,
      seed: input.params.seed,
    }),
  };
  const unknown = new Set<string>();
  const filled = template.replace(/\{\{\s*([\w-]+)\s*\}\}/g, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) unknown.add(whole);
    return value ?? whole;
  });
  if (unknown.size) {
    throw invalid(providerWords.say('requestTemplateUnknown', { names: [...unknown].join(', ') }));
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(filled);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw invalid(providerWords.say('requestTemplateNotJson', { detail: why, start: excerpt(filled) }));
  }
  if (!isObject(parsed) && !Array.isArray(parsed)) throw invalid(providerWords.say('requestTemplateNotObject'));
  return JSON.stringify(parsed);
}

interface Paths {
  delta: FramePath;
  reasoning?: FramePath;
  done: FramePath;
  error: FramePath;
}

function pathOption(backend: BackendTarget | undefined, key: keyof typeof defaults): FramePath {
  const text = backend?.options?.[key]?.trim() || defaults[key];
  const path = parseFramePath(text);
  if (!path) throw invalid(providerWords.say('badPath', { option: key, path: text }));
  return path;
}

/** The frame paths of a backend; throws invalid_input on a path that cannot be read. */
export function framePaths(backend: BackendTarget | undefined): Paths {
  const delta = pathOption(backend, 'deltaPath');
  if (delta.equals !== undefined) throw invalid(providerWords.say('deltaPathEquals', { path: delta.source }));
  const paths: Paths = { delta, done: pathOption(backend, 'donePath'), error: pathOption(backend, 'errorPath') };
  const reasoningText = backend?.options?.reasoningPath?.trim();
  if (reasoningText) {
    const reasoning = parseFramePath(reasoningText);
    if (!reasoning || reasoning.equals !== undefined) {
      throw invalid(providerWords.say('badReasoningPath', { path: reasoningText }));
    }
    paths.reasoning = reasoning;
  }
  return paths;
}

/** The words of an error frame: the value at a bare errorPath, else the usual fields of the frame. */
function errorMessage(frame: unknown, path: FramePath, raw: string): string | Spoken {
  const candidates = path.equals === undefined ? [valueAt(frame, path.keys), frame] : [frame];
  for (const c of candidates) {
    if (typeof c === 'string' && c.trim()) return c;
    if (!isObject(c)) continue;
    const inner = isObject(c.error) ? c.error : undefined;
    const found = str(inner, 'message') ?? str(c, 'error') ?? str(c, 'message') ?? str(c, 'detail');
    if (found) return found;
  }
  return providerWords.say('gatewayError', { start: excerpt(raw) });
}

class WebSocketJsonDecoder implements FrameDecoder {
  private done = false;
  private readonly paths: Paths;

  constructor(backend: BackendTarget | undefined) {
    this.paths = framePaths(backend);
  }

  push(frame: Frame): ChatEvent[] {
    if (frame.framing !== 'websocket') return [];
    const data = frameText(frame)?.trim();
    if (!data) return [];
    const parsed = parseJson(data);
    if (parsed === undefined || typeof parsed !== 'object' || parsed === null) {
      return [{ type: 'malformed', excerpt: excerpt(data) }];
    }
    const { delta, reasoning, done, error } = this.paths;
    if (matches(parsed, error)) {
      return [{ type: 'error', error: chatError('server', errorMessage(parsed, error, data)) }];
    }
    const events: ChatEvent[] = [];
    const thought = reasoning ? valueAt(parsed, reasoning.keys) : undefined;
    if (typeof thought === 'string' && thought) events.push({ type: 'reasoning', text: thought });
    const text = valueAt(parsed, delta.keys);
    if (typeof text === 'string' && text) events.push({ type: 'text', text });
    // The done frame may carry the last delta, so it is read after the text.
    if (matches(parsed, done)) {
      this.done = true;
      events.push({ type: 'finish', reason: 'stop' });
    }
    return events;
  }

  end(): ChatEvent[] {
    if (this.done) return [];
    return [
      {
        type: 'error',
        error: chatError('connect', providerWords.say('gatewayCutShort', { path: this.paths.done.source })),
      },
    ];
  }

  finished(): boolean {
    return this.done;
  }
}

export const webSocketJsonAdapter: ProviderAdapter = {
  kind: 'websocket-json',
  carriesTools: false,
  /** `input.tools` is ignored: no placeholder of the template carries them. */
  plan(input, backend) {
    framePaths(backend); // a bad path is a settings mistake: say so before connecting
    const template = backend.options?.requestTemplate?.trim() || defaultTemplate;
    return {
      framing: 'websocket',
      method: 'GET',
      url: toWebSocketUrl(backend.baseUrl),
      headers: authHeaders(backend),
      send: [fillTemplate(template, input)],
    };
  },
  createDecoder: (backend) => new WebSocketJsonDecoder(backend),
  modelsRequest(backend): HttpRequestPlan {
    const url = backend.options?.modelsUrl?.trim();
    if (!url) {
      throw invalid(providerWords.say('noModelsUrl'));
    }
    return modelListRequest(toHttpUrl(url), authHeaders(backend));
  },
  /** OpenAI `{data: [{id}]}`, `{models: [{name}]}`, or a bare array of names or objects. */
  parseModels(body) {
    const found = [
      ...new Set([...namesIn(body, 'data', ['id', 'name']), ...namesIn(body, 'models', ['id', 'name', 'model'])]),
    ];
    if (found.length) return found;
    return Array.isArray(body) ? body.filter((x): x is string => typeof x === 'string' && x.length > 0) : [];
  },
};
