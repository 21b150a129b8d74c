// The `koboldcpp` kind: KoboldCpp's native, prompt-only API (koboldcpp.py). The turns become one
// prompt through the chat template (option `chatTemplate`, ChatML by default) whose stop strings
// go in `stop_sequence`; offered tools go into the prompt through the template. The SSE route POST /api/extra/generate/stream is preferred (`event:
// message`, `data: {"token", "finish_reason"}`, finish_reason the string "null" mid-stream); a
// server without it (404) gets the blocking POST /api/v1/generate while POST
// /api/extra/generate/check {genkey} is polled for the text so far. Stop sends POST
// /api/extra/abort {genkey}. Models: GET /api/v1/model answers {"result": "koboldcpp/NAME"}.
import { chatError } from '../../../shared/chat-error';
import { providerWords } from '../../../shared/words/provider-words';
import type { Usage } from '../../../shared/domain';
import type { Frame, JobRequest, PollStreamPlan } from '../../transports/types';
import { allStopMarkers, renderChatPrompt } from '../prompt/chat-template';
import { excerpt, isObject, joinUrl, num, parseJson, str, type JsonObject } from '../json-fields';
import { jsonHeaders, modelListRequest } from '../request-parts';
import type { BackendTarget, ChatEvent, ChatInput, FrameDecoder, ProviderAdapter } from '../types';

const DEFAULT_MAX_LENGTH = 512;
/** Kobold Lite polls /check about once a second; a little faster keeps the text fluid. */
const DEFAULT_POLL_MS = 300;

/** The server root: a pasted `/api`, `/api/v1` or `/v1` (its OpenAI-compatible route) is dropped. */
export const koboldRoot = (baseUrl: string): string => baseUrl.replace(/\/+$/, '').replace(/\/(api(\/v1)?|v1)$/, '');

export const pollInterval = (backend: BackendTarget, fallback: number): number => {
  const ms = Number(backend.options?.pollIntervalMs);
  return Number.isFinite(ms) && ms > 0 ? ms : fallback;
};

/** Kobold Lite's genkey shape, "KCPP" and digits: it names this generation for /check and /abort. */
const newGenkey = (): string =>
  `KCPP${Math.floor(Math.random() * 1e9)
    .toString()
    .padStart(9, '0')}`;

function generateBody(input: ChatInput, backend: BackendTarget, genkey: string): JsonObject {
  const { prompt, stop } = renderChatPrompt(input.messages, backend.options?.chatTemplate, 'chatml', input.tools);
  const p = input.params;
  const body: JsonObject = {
    prompt,
    max_length: p.maxTokens ?? DEFAULT_MAX_LENGTH,
    stop_sequence: stop,
    // KoboldCpp cuts the stop sequence out of the text itself (trim_stop, default true).
    trim_stop: true,
    genkey,
  };
  if (p.temperature !== undefined) body.temperature = p.temperature;
  if (p.topP !== undefined) body.top_p = p.topP;
  if (p.seed !== undefined) body.sampler_seed = p.seed;
  return body;
}

function firstResult(body: unknown): JsonObject | undefined {
  const results = isObject(body) && Array.isArray(body.results) ? body.results : [];
  const first: unknown = results[0];
  return isObject(first) ? first : undefined;
}

/** Length of the tail of `text` that could be the start of a stop marker not yet complete. */
function heldBack(text: string): number {
  for (let k = Math.min(text.length, Math.max(...allStopMarkers.map((m) => m.length)) - 1); k > 0; k--) {
    const tail = text.slice(text.length - k);
    if (allStopMarkers.some((m) => m.startsWith(tail))) return k;
  }
  return 0;
}

/** Text that can be shown from a cumulative text: up to a complete stop marker, minus a possible partial one. */
function showable(text: string): string {
  let end = text.length;
  for (const marker of allStopMarkers) {
    const at = text.indexOf(marker);
    if (at !== -1) end = Math.min(end, at);
  }
  const cut = text.slice(0, end);
  return end < text.length ? cut : cut.slice(0, cut.length - heldBack(cut));
}

function finishEvent(reason: string | undefined): ChatEvent | null {
  if (!reason || reason === 'null') return null;
  // KoboldCpp reports a generation that failed inside the model runner as finish reason "error".
  if (reason === 'error') {
    return { type: 'error', error: chatError('server', providerWords.say('koboldFailed')) };
  }
  return { type: 'finish', reason };
}

class KoboldDecoder implements FrameDecoder {
  /** Text already emitted (polled texts are cumulative). */
  private emitted = '';
  private done = false;

  push(frame: Frame): ChatEvent[] {
    if (this.done) return [];
    if (frame.framing === 'sse') return this.streamed(frame.data);
    if (frame.framing === 'poll') return this.polled(frame.phase, frame.data);
    return [];
  }

  end(): ChatEvent[] {
    return [];
  }

  finished(): boolean {
    return this.done;
  }

  private streamed(data: string): ChatEvent[] {
    const chunk = parseJson(data.trim());
    if (!isObject(chunk)) return [{ type: 'malformed', excerpt: excerpt(data) }];
    const events: ChatEvent[] = [];
    const token = str(chunk, 'token');
    if (token) events.push({ type: 'text', text: token });
    const finish = finishEvent(str(chunk, 'finish_reason'));
    if (finish) {
      events.push(finish);
      this.done = true;
    }
    return events;
  }

  private polled(phase: 'start' | 'poll', data: string): ChatEvent[] {
    const body = parseJson(data.trim());
    const result = firstResult(body);
    const text = str(result, 'text');
    if (text === undefined) return [{ type: 'malformed', excerpt: excerpt(data) }];
    // A check answer is the text so far, which may end inside a stop string the final answer trims.
    const next = phase === 'start' ? text : showable(text);
    const events: ChatEvent[] = [];
    if (next.startsWith(this.emitted) && next.length > this.emitted.length) {
      events.push({ type: 'text', text: next.slice(this.emitted.length) });
      this.emitted = next;
    }
    if (phase === 'poll') return events;

    this.done = true;
    const usage: Usage = {};
    const prompt = num(result, 'prompt_tokens');
    const completion = num(result, 'completion_tokens');
    if (prompt !== undefined) usage.promptTokens = prompt;
    if (completion !== undefined) usage.completionTokens = completion;
    if (Object.keys(usage).length) events.push({ type: 'usage', usage });
    const finish = finishEvent(str(result, 'finish_reason'));
    events.push(finish ?? { type: 'finish', reason: 'stop' });
    return events;
  }
}

export const koboldCppAdapter: ProviderAdapter = {
  kind: 'koboldcpp',
  // Tools go into the prompt through the chat template; the calls come back in the text.
  carriesTools: 'prompt',
  plan(input, backend): PollStreamPlan {
    const root = koboldRoot(backend.baseUrl);
    const genkey = newGenkey();
    const body = JSON.stringify(generateBody(input, backend, genkey));
    const json = jsonHeaders(backend, 'application/json');
    const keyed = (path: string): JobRequest => ({
      method: 'POST',
      url: joinUrl(root, path),
      headers: json,
      body: JSON.stringify({ genkey }),
    });
    return {
      framing: 'poll',
      method: 'POST',
      url: joinUrl(root, 'api/v1/generate'),
      headers: json,
      body,
      startBlocks: true,
      poll: () => keyed('api/extra/generate/check'),
      intervalMs: pollInterval(backend, DEFAULT_POLL_MS),
      cancel: () => keyed('api/extra/abort'),
      preferStream: {
        framing: 'sse',
        method: 'POST',
        url: joinUrl(root, 'api/extra/generate/stream'),
        headers: jsonHeaders(backend),
        body,
        // A KoboldCpp from before the SSE route answers it like any unknown path.
        fallbackStatuses: [404, 405],
      },
    };
  },
  createDecoder: () => new KoboldDecoder(),
  modelsRequest: (backend) =>
    modelListRequest(joinUrl(koboldRoot(backend.baseUrl), 'api/v1/model'), jsonHeaders(backend)),
  parseModels(body) {
    const name = isObject(body) ? str(body, 'result') : undefined;
    return name ? [name.replace(/^koboldcpp\//, '')] : [];
  },
};
