// "Test connection": who answers (server and version), the models it lists and how fast, the
// server's own health checks for the chat model where its API has them (Triton's ServerLive and
// ModelReady), and a one-token streamed completion on the exact chat path, because a model list
// that loads while chat fails is the failure users meet most. A backend that cannot list models
// (a custom gateway without a Models URL) is tested by that chat alone when it has a default model.
import { chatError, spokenOf, toChatError, type ChatError } from '../../shared/chat-error';
import { backendWords } from '../../shared/words/backend-words';
import type { BackendKind, ConnectionTestResult } from '../../shared/domain';
import { decode } from '../providers/decode';
import { withConnection } from '../providers/request-parts';
import { tritonHealthChecks } from '../providers/triton-grpc/triton-probes';
import type { BackendTarget, ProviderAdapter } from '../providers/types';
import type { OpenFrameBatches } from '../transports/open-stream';
import type { HttpRequestPlan, TransportLimits } from '../transports/types';
import { sendRequest } from '../transports/unary-request';
import { identifyServer } from './identify-server';
import { listModels } from './list-models';

/** One health question a server answers about itself, and what the user is told when the answer is no. */
interface HealthCheck {
  request: HttpRequestPlan;
  passes(body: unknown): boolean;
  failure: ChatError;
}

/** Kinds whose API reports health, by the checks to run before the chat (in order; the first "no" stops). */
const healthChecks: Partial<Record<BackendKind, (target: BackendTarget, model: string) => HealthCheck[]>> = {
  'triton-grpc': tritonHealthChecks,
};

async function checkHealth(target: BackendTarget, model: string, limits: TransportLimits): Promise<void> {
  for (const check of healthChecks[target.kind]?.(target, model) ?? []) {
    const body = await sendRequest(
      withConnection(check.request, target),
      AbortSignal.timeout(limits.connectTimeoutMs),
      limits,
    );
    if (!check.passes(body)) throw check.failure;
  }
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value?: T; error?: ChatError }> {
  const started = performance.now();
  try {
    const value = await work();
    return { ms: Math.round(performance.now() - started), value };
  } catch (err) {
    return { ms: Math.round(performance.now() - started), error: toChatError(err) };
  }
}

/** Streams a one-token answer and stops at the first sign of life: text, reasoning or a finish. */
async function oneTokenChat(
  adapter: ProviderAdapter,
  target: BackendTarget,
  model: string,
  openFrameBatches: OpenFrameBatches,
  limits: TransportLimits,
): Promise<void> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), limits.connectTimeoutMs);
  try {
    const plan = withConnection(
      adapter.plan(
        { model, messages: [{ role: 'user', content: 'Reply with OK.' }], params: { maxTokens: 1 } },
        target,
      ),
      target,
    );
    for await (const events of decode(adapter, openFrameBatches(plan, controller.signal, limits), target)) {
      for (const event of events) {
        if (event.type === 'error') throw toChatError(event.error);
        if (event.type === 'text' || event.type === 'reasoning' || event.type === 'finish') return;
      }
    }
  } catch (err) {
    if (controller.signal.aborted) {
      throw chatError(
        'timeout',
        backendWords.say('chatSilent', { seconds: Math.round(limits.connectTimeoutMs / 1000) }),
      );
    }
    throw err;
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

/**
 * Why this backend's settings give no way to list its models (a custom gateway without a Models
 * URL), or null when they do. The adapter says so when asked for the request, before any network.
 */
function unlistable(adapter: ProviderAdapter, target: BackendTarget): ChatError | null {
  try {
    adapter.modelsRequest(target);
    return null;
  } catch (err) {
    return toChatError(err);
  }
}

/** The server's health checks for the model, then the one-token chat, timed. */
function chatWith(
  adapter: ProviderAdapter,
  target: BackendTarget,
  model: string,
  openFrameBatches: OpenFrameBatches,
  limits: TransportLimits,
): Promise<{ ms: number; error?: ChatError }> {
  return timed(async () => {
    await checkHealth(target, model, limits);
    await oneTokenChat(adapter, target, model, openFrameBatches, limits);
  });
}

/** The chat's error as the whole test's: the same code and details, said as the chat failing after the models loaded. */
function chatFails(error: ChatError): ChatError {
  const { text, said } = backendWords.say('chatFails', { detail: spokenOf(error) });
  return { ...error, message: text, said };
}

export async function testConnection(
  adapter: ProviderAdapter,
  target: BackendTarget,
  model: string | null,
  openFrameBatches: OpenFrameBatches,
  limits: TransportLimits,
): Promise<ConnectionTestResult> {
  // Quick by default; a backend with its own connect timeout (a slow model load) gets that instead.
  const quick = { ...limits, connectTimeoutMs: target.connectTimeoutMs ?? Math.min(limits.connectTimeoutMs, 10_000) };
  const identify = () => identifyServer(new URL(target.baseUrl).origin, 1500, target);

  // No way to list models, but a model to chat with: the chat alone answers whether it works, as
  // it does for a chat started from the composer.
  if (model && unlistable(adapter, target)) {
    const [identity, chat] = await Promise.all([identify(), chatWith(adapter, target, model, openFrameBatches, quick)]);
    const error = chat.error ?? null;
    return {
      ok: !error,
      latencyMs: chat.ms,
      server: identity?.server ?? null,
      models: [],
      chat: { ok: !error, model, latencyMs: chat.ms, error },
      error,
    };
  }

  const [identity, models] = await Promise.all([identify(), timed(() => listModels(adapter, target, quick))]);
  const server = identity?.server ?? null;
  if (models.error || !models.value) {
    return { ok: false, latencyMs: models.ms, server, models: [], chat: null, error: models.error ?? null };
  }
  const chatModel = model || models.value[0];
  if (!chatModel) return { ok: true, latencyMs: models.ms, server, models: [], chat: null, error: null };
  const chat = await chatWith(adapter, target, chatModel, openFrameBatches, quick);
  const chatError_ = chat.error ?? null;
  return {
    ok: !chatError_,
    latencyMs: models.ms,
    server,
    models: models.value,
    chat: { ok: !chatError_, model: chatModel, latencyMs: chat.ms, error: chatError_ },
    error: chatError_ ? chatFails(chatError_) : null,
  };
}
