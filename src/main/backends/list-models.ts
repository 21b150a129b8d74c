// Asks a server which models it serves, through the kind's adapter: its modelsRequest goes out over
// whatever carries it (JSON over HTTP, or a unary gRPC call such as Triton's RepositoryIndex) with
// the backend's connection settings, and its parseModels reads the answer.
import { ChatFailure, chatError } from '../../shared/chat-error';
import { backendWords } from '../../shared/words/backend-words';
import { withConnection } from '../providers/request-parts';
import type { ProviderAdapter, BackendTarget } from '../providers/types';
import { limitsFor, type TransportLimits } from '../transports/types';
import { sendRequest } from '../transports/unary-request';

export async function listModels(
  adapter: ProviderAdapter,
  target: BackendTarget,
  limits: TransportLimits,
  signal?: AbortSignal,
): Promise<string[]> {
  const plan = withConnection(adapter.modelsRequest(target), target);
  // The backend's own connect timeout, when it has one, bounds the whole listing.
  const deadline = signal ?? AbortSignal.timeout(limitsFor(plan, limits).connectTimeoutMs);
  const body = await sendRequest(plan, deadline, limits);
  const models = adapter.parseModels(body);
  if (!Array.isArray(models)) throw new ChatFailure(chatError('protocol', backendWords.say('noModelList')));
  return models;
}
