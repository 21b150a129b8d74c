// Asks a server which models it serves, through the kind's adapter: its modelsRequest goes out over
// whatever carries it (JSON over HTTP, or a unary gRPC call such as Triton's RepositoryIndex) with
// the backend's connection settings, and its parseModels reads the answer.
import { ChatFailure, chatError } from '../../shared/chat-error';
import { withConnection } from '../providers/request-parts';
import type { ProviderAdapter, BackendTarget } from '../providers/types';
import type { TransportLimits } from '../transports/types';
import { sendRequest } from '../transports/unary-request';

export async function listModels(
  adapter: ProviderAdapter,
  target: BackendTarget,
  limits: TransportLimits,
  signal: AbortSignal = AbortSignal.timeout(limits.connectTimeoutMs),
): Promise<string[]> {
  const body = await sendRequest(withConnection(adapter.modelsRequest(target), target), signal, limits);
  const models = adapter.parseModels(body);
  if (!Array.isArray(models)) throw new ChatFailure(chatError('protocol', 'The server sent no model list'));
  return models;
}
