// "Test connection": reaches the server with the backend's own settings and reports the latency
// and the models it lists, or the server's own error.
import { toChatError } from '../../shared/chat-error';
import type { ConnectionTestResult } from '../../shared/domain';
import type { BackendTarget, ProviderAdapter } from '../providers/types';
import type { TransportLimits } from '../transports/types';
import { listModels } from './list-models';

export async function testConnection(
  adapter: ProviderAdapter,
  target: BackendTarget,
  limits: TransportLimits,
): Promise<ConnectionTestResult> {
  const started = performance.now();
  try {
    const models = await listModels(adapter, target, {
      ...limits,
      connectTimeoutMs: Math.min(limits.connectTimeoutMs, 10_000),
    });
    return { ok: true, latencyMs: Math.round(performance.now() - started), models, error: null };
  } catch (err) {
    return { ok: false, latencyMs: Math.round(performance.now() - started), models: [], error: toChatError(err) };
  }
}
