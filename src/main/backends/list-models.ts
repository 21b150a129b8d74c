// Asks a server which models it serves, through the kind's adapter.
import { ChatFailure, chatError } from '../../shared/chat-error';
import { withConnection } from '../providers/request-parts';
import type { ProviderAdapter, BackendTarget } from '../providers/types';
import { requestJson } from '../transports/http-request';
import type { TransportLimits } from '../transports/types';

export async function listModels(
  adapter: ProviderAdapter,
  target: BackendTarget,
  limits: TransportLimits,
  signal: AbortSignal = AbortSignal.timeout(limits.connectTimeoutMs),
): Promise<string[]> {
  const body = await requestJson(withConnection(adapter.modelsRequest(target), target), signal, limits);
  const models = adapter.parseModels(body);
  if (!Array.isArray(models)) throw new ChatFailure(chatError('protocol', 'The server sent no model list'));
  return models;
}
