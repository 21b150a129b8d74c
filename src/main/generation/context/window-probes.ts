// Asks a server how large a model's context window is, where each server family says it:
//   vLLM, SGLang      GET /v1/models            data[].max_model_len
//   llama.cpp         GET /props                default_generation_settings.n_ctx (per slot)
//   LM Studio         GET /api/v0/models/{id}   loaded_context_length, else max_context_length
//   TGI               GET /info                 max_total_tokens
//   KoboldCpp         GET /api/extra/true_max_context_length   {"value": N}
//   Ollama            POST /api/show {model}    model_info["<arch>.context_length"] (the trained length)
// An OpenAI-compatible base URL may be any of the first five, so they are asked side by side and
// the first that answers wins. Every probe is short and a failure only means "not this one".
import type { BackendKind } from '../../../shared/domain';
import { isObject, joinUrl, num, obj, str, type JsonObject } from '../../providers/json-fields';
import { ollamaRoot } from '../../providers/ollama/ollama-adapter';
import { koboldRoot } from '../../providers/koboldcpp/koboldcpp-adapter';
import { withConnection } from '../../providers/request-parts';
import type { BackendTarget } from '../../providers/types';
import { defaultLimits, type HttpRequestPlan } from '../../transports/types';
import { sendRequest } from '../../transports/unary-request';

/** Which server-side tokenizer counts for this model. */
export type TokenizerKind = 'llama.cpp' | 'vllm' | 'koboldcpp';

export interface FoundWindow {
  /** The window the server serves the model with; null when it did not say. */
  reported: number | null;
  /** Where the figure was read, for the meter's tooltip. */
  source: string | null;
  /** The trained length (Ollama), which num_ctx is capped from. */
  trained: number | null;
  tokenizer: TokenizerKind | null;
}

const none: FoundWindow = { reported: null, source: null, trained: null, tokenizer: null };
const probeMs = 3000;

const positive = (n: number | undefined): number | null =>
  n !== undefined && Number.isInteger(n) && n > 0 && n < 100_000_000 ? n : null;

function headersOf(target: BackendTarget, json = false): Record<string, string> {
  const h: Record<string, string> = { accept: 'application/json' };
  if (json) h['content-type'] = 'application/json';
  if (target.apiKey) h.authorization = `Bearer ${target.apiKey}`;
  return h;
}

async function ask(
  target: BackendTarget,
  plan: HttpRequestPlan,
  signal?: AbortSignal,
): Promise<JsonObject | undefined> {
  try {
    const timeout = AbortSignal.timeout(probeMs);
    const body = await sendRequest(
      withConnection(plan, target),
      signal ? AbortSignal.any([signal, timeout]) : timeout,
      { ...defaultLimits, connectTimeoutMs: probeMs, maxEventBytes: 4 * 1024 * 1024 },
    );
    return isObject(body) ? body : undefined;
  } catch {
    return undefined;
  }
}

const get = (target: BackendTarget, url: string, signal?: AbortSignal) =>
  ask(target, { method: 'GET', url, headers: headersOf(target) }, signal);

/** Ollama: the trained length from /api/show; the window itself is the num_ctx Runnel sends. */
async function ollamaWindow(target: BackendTarget, model: string, signal?: AbortSignal): Promise<FoundWindow> {
  const body = await ask(
    target,
    {
      method: 'POST',
      url: joinUrl(ollamaRoot(target.baseUrl), 'api/show'),
      headers: headersOf(target, true),
      body: JSON.stringify({ model }),
    },
    signal,
  );
  const info = obj(body, 'model_info');
  const arch = str(info, 'general.architecture');
  const trained = positive(arch ? num(info, `${arch}.context_length`) : undefined);
  return trained ? { ...none, trained, source: 'Ollama /api/show context_length' } : none;
}

async function koboldWindow(target: BackendTarget, root: string, signal?: AbortSignal): Promise<FoundWindow> {
  const body = await get(target, joinUrl(root, 'api/extra/true_max_context_length'), signal);
  const value = positive(num(body, 'value'));
  return value
    ? { reported: value, source: 'KoboldCpp /api/extra/true_max_context_length', trained: null, tokenizer: 'koboldcpp' }
    : none;
}

/** The OpenAI-compatible servers, each at the place it reports a window. */
async function openAiWindow(target: BackendTarget, model: string, signal?: AbortSignal): Promise<FoundWindow> {
  const origin = new URL(target.baseUrl).origin;
  const [props, models, lmstudio, tgi, kobold] = await Promise.all([
    get(target, joinUrl(origin, 'props'), signal),
    get(target, joinUrl(target.baseUrl, 'models'), signal),
    get(target, joinUrl(origin, `api/v0/models/${encodeURIComponent(model)}`), signal),
    get(target, joinUrl(origin, 'info'), signal),
    koboldWindow(target, origin, signal),
  ]);
  const slot = positive(num(obj(props, 'default_generation_settings'), 'n_ctx')) ?? positive(num(props, 'n_ctx'));
  if (slot) return { reported: slot, source: 'llama.cpp /props n_ctx', trained: null, tokenizer: 'llama.cpp' };
  const listed = Array.isArray(models?.data)
    ? (models.data as unknown[]).find((m): m is JsonObject => isObject(m) && str(m, 'id') === model)
    : undefined;
  const maxModelLen = positive(num(listed, 'max_model_len'));
  if (maxModelLen) {
    // vLLM names itself the owner and offers /tokenize; SGLang reports the same field.
    const tokenizer = str(listed, 'owned_by') === 'vllm' ? 'vllm' : null;
    return { reported: maxModelLen, source: '/v1/models max_model_len', trained: null, tokenizer };
  }
  const loaded = positive(num(lmstudio, 'loaded_context_length'));
  const max = positive(num(lmstudio, 'max_context_length'));
  if (loaded || max) {
    const field = loaded ? 'loaded_context_length' : 'max_context_length';
    return { reported: loaded ?? max, source: `LM Studio /api/v0/models ${field}`, trained: null, tokenizer: null };
  }
  const total = positive(num(tgi, 'max_total_tokens'));
  if (total) return { reported: total, source: 'TGI /info max_total_tokens', trained: null, tokenizer: null };
  return kobold;
}

const probes: Partial<Record<BackendKind, (t: BackendTarget, model: string, s?: AbortSignal) => Promise<FoundWindow>>> =
  {
    'openai-chat': openAiWindow,
    // vLLM, SGLang and llama.cpp serve these APIs too, beside the same /props and /v1/models.
    'openai-responses': openAiWindow,
    anthropic: openAiWindow,
    ollama: ollamaWindow,
    koboldcpp: (target, _model, signal) => koboldWindow(target, koboldRoot(target.baseUrl), signal),
  };

/** What the server says about the model's window; every field null when it says nothing we can read. */
export async function probeWindow(target: BackendTarget, model: string, signal?: AbortSignal): Promise<FoundWindow> {
  const probe = probes[target.kind];
  return probe ? probe(target, model, signal) : none;
}
