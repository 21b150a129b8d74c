// The `runpod` kind: a RunPod serverless endpoint (base https://api.runpod.ai/v2/{endpoint_id})
// running worker-vllm. POST {base}/run starts a job ({id, status}); GET {base}/stream/{id} answers
// {status, stream: [{output}]} with the output yielded since the last call, until the status is
// COMPLETED, FAILED, CANCELLED or TIMED_OUT (RunPod serverless docs, "/stream"). worker-vllm takes
// {input: {messages, sampling_params, stream}} (tools, calls and results written into the
// messages as text, since it takes no tools) and yields {choices: [{tokens: [...]}], usage:
// {input, output}} batches (worker-vllm src/engine.py); other workers' shapes are read too (a
// string, {text}, OpenAI-like choices[0].delta.content or choices[0].text). Stop: POST
// {base}/cancel/{id}. An endpoint serves one model, so there is no list: GET {base}/health checks
// the endpoint and key, and the model list is empty.
import { chatError } from '../../../shared/chat-error';
import { providerWords } from '../../../shared/words/provider-words';
import type { Usage } from '../../../shared/domain';
import type { Frame, PollStreamPlan } from '../../transports/types';
import { excerpt, isObject, joinUrl, num, obj, parseJson, str, type JsonObject } from '../json-fields';
import { pollInterval } from '../koboldcpp/koboldcpp-adapter';
import { flattenToolTurns } from '../prompt/tool-prompt';
import { jsonHeaders, modelListRequest } from '../request-parts';
import type { ChatEvent, ChatInput, FrameDecoder, ProviderAdapter } from '../types';

/** RunPod's own SDK polls /stream about once a second; /stream already waits a little for output. */
const DEFAULT_POLL_MS = 500;
const failedStatuses = new Set(['FAILED', 'CANCELLED', 'TIMED_OUT']);

function runBody(input: ChatInput): JsonObject {
  const p = input.params;
  const sampling: JsonObject = {};
  if (p.maxTokens !== undefined) sampling.max_tokens = p.maxTokens;
  if (p.temperature !== undefined) sampling.temperature = p.temperature;
  if (p.topP !== undefined) sampling.top_p = p.topP;
  if (p.seed !== undefined) sampling.seed = p.seed;
  return {
    input: {
      messages: flattenToolTurns(input.messages, input.tools).map((m) => ({ role: m.role, content: m.content })),
      sampling_params: sampling,
      stream: true,
    },
  };
}

const jobId = (start: unknown): string | undefined => (isObject(start) ? str(start, 'id') : undefined);

/** A job's `error` is a string, or an object/JSON text with a message somewhere in it. */
function errorText(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string') {
    const parsed = parseJson(value);
    return (isObject(parsed) && errorText(parsed.error_message ?? parsed.message ?? parsed.error)) || value;
  }
  if (isObject(value)) {
    const inner = value.error_message ?? value.message ?? value.error;
    return errorText(inner) ?? JSON.stringify(value);
  }
  return String(value);
}

interface OutputPiece {
  text: string;
  usage?: Usage;
  error?: string;
  finish?: string;
}

/** Reads one `stream[].output` in the shapes workers yield. */
function readOutput(output: unknown): OutputPiece {
  if (typeof output === 'string') return { text: output };
  if (Array.isArray(output)) {
    const parts = output.map(readOutput);
    const usage = parts
      .map((p) => p.usage)
      .filter((u): u is Usage => !!u)
      .at(-1);
    const error = parts.find((p) => p.error)?.error;
    const finish = parts
      .map((p) => p.finish)
      .filter((f): f is string => !!f)
      .at(-1);
    return {
      text: parts.map((p) => p.text).join(''),
      ...(usage ? { usage } : {}),
      ...(error ? { error } : {}),
      ...(finish ? { finish } : {}),
    };
  }
  if (!isObject(output)) return { text: '' };
  const error = errorText(output.error);
  if (error) return { text: '', error };
  const piece: OutputPiece = { text: '' };
  const text = output.text;
  if (typeof text === 'string') piece.text = text;
  else if (Array.isArray(text)) piece.text = text.filter((t) => typeof t === 'string').join('');
  const choices = Array.isArray(output.choices) ? output.choices : [];
  const choice: unknown = choices[0];
  if (isObject(choice)) {
    const tokens = choice.tokens;
    if (Array.isArray(tokens)) piece.text += tokens.filter((t) => typeof t === 'string').join('');
    else piece.text += str(obj(choice, 'delta'), 'content') ?? str(choice, 'text') ?? '';
    const reason = str(choice, 'finish_reason');
    if (reason && reason !== 'null') piece.finish = reason;
  }
  const usage = obj(output, 'usage');
  if (usage) {
    // worker-vllm: {input, output} token counts so far; OpenAI-like workers: prompt_/completion_tokens.
    const u: Usage = {};
    const prompt = num(usage, 'input') ?? num(usage, 'prompt_tokens');
    const completion = num(usage, 'output') ?? num(usage, 'completion_tokens');
    if (prompt !== undefined) u.promptTokens = prompt;
    if (completion !== undefined) u.completionTokens = completion;
    if (Object.keys(u).length) piece.usage = u;
  }
  return piece;
}

class RunPodDecoder implements FrameDecoder {
  private done = false;
  private finishReason: string | undefined;

  push(frame: Frame): ChatEvent[] {
    if (this.done || frame.framing !== 'poll') return [];
    const body = parseJson(frame.data.trim());
    if (!isObject(body)) return [{ type: 'malformed', excerpt: excerpt(frame.data) }];
    const events: ChatEvent[] = [];
    const stream = Array.isArray(body.stream) ? body.stream : [];
    for (const item of stream) {
      if (!isObject(item) || !('output' in item)) {
        events.push({ type: 'malformed', excerpt: excerpt(JSON.stringify(item)) });
        continue;
      }
      const piece = readOutput(item.output);
      if (piece.text) events.push({ type: 'text', text: piece.text });
      if (piece.usage) events.push({ type: 'usage', usage: piece.usage });
      if (piece.finish) this.finishReason = piece.finish;
      if (piece.error) {
        // worker-vllm yields {"error": ...} when the engine fails; the job may still say COMPLETED.
        this.done = true;
        events.push({ type: 'error', error: chatError('server', piece.error) });
        return events;
      }
    }
    const status = str(body, 'status');
    if (status && failedStatuses.has(status)) {
      this.done = true;
      const why = errorText(body.error) ?? errorText(body.output);
      const message = providerWords.say('runpodJob', { status, why: why ?? '' });
      events.push({ type: 'error', error: chatError(status === 'TIMED_OUT' ? 'timeout' : 'server', message) });
    } else if (status === 'COMPLETED') {
      this.done = true;
      events.push({ type: 'finish', reason: this.finishReason ?? 'stop' });
    } else if (frame.phase === 'start' && !str(body, 'id')) {
      const why = errorText(body.error);
      this.done = true;
      events.push({
        type: 'error',
        error: chatError('protocol', why ?? providerWords.say('runpodNoJob', { start: excerpt(frame.data) })),
      });
    }
    return events;
  }

  end(): ChatEvent[] {
    return [];
  }

  finished(): boolean {
    return this.done;
  }
}

export const runPodAdapter: ProviderAdapter = {
  kind: 'runpod',
  // worker-vllm renders `messages` with the model's template but takes no tools: they, the calls
  // and the results go in as text (Qwen / Hermes style), and the calls come back in the text.
  carriesTools: 'prompt',
  plan(input, backend): PollStreamPlan {
    const headers = jsonHeaders(backend, 'application/json');
    const get = { ...headers };
    delete get['content-type'];
    return {
      framing: 'poll',
      method: 'POST',
      url: joinUrl(backend.baseUrl, 'run'),
      headers,
      body: JSON.stringify(runBody(input)),
      startBlocks: false,
      poll: (start) => {
        const id = jobId(start);
        return id
          ? { method: 'GET', url: joinUrl(backend.baseUrl, `stream/${encodeURIComponent(id)}`), headers: get }
          : undefined;
      },
      intervalMs: pollInterval(backend, DEFAULT_POLL_MS),
      cancel: (start) => {
        const id = jobId(start);
        return id
          ? { method: 'POST', url: joinUrl(backend.baseUrl, `cancel/${encodeURIComponent(id)}`), headers }
          : undefined;
      },
    };
  },
  createDecoder: () => new RunPodDecoder(),
  modelsRequest: (backend) => modelListRequest(joinUrl(backend.baseUrl, 'health'), jsonHeaders(backend)),
  parseModels: () => [],
};
