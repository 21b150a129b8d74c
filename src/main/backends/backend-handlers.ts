// The contract's backend channels: the list (keys and header values never included), save and
// delete, Test connection, finding servers on the usual local ports, model lists, and the quick
// reachability check behind the composer's offline notice.
import type { RequestHandlers } from '../../shared/ipc/contract';
import { adapters } from '../providers/registry';
import type { BackendTarget } from '../providers/types';
import type { OpenFrameBatches } from '../transports/open-stream';
import type { TransportLimits } from '../transports/types';
import type { BackendStore } from './backend-store';
import { discoverServers } from './discover-servers';
import { listModels } from './list-models';
import { checkReachability } from './reachability';
import { testConnection } from './test-connection';

type Channel =
  | 'backends:list'
  | 'backends:save'
  | 'backends:delete'
  | 'backends:test'
  | 'backends:check'
  | 'servers:discover'
  | 'models:list';

export interface BackendDeps {
  backends: BackendStore;
  openFrameBatches: OpenFrameBatches;
  limits: TransportLimits;
  changed(): void;
  /** Asks the server for the tested model's context window again (Test connection refreshes it). */
  refreshWindow?: (backendId: string, model: string, target: BackendTarget) => Promise<void>;
}

export function backendHandlers({
  backends,
  openFrameBatches,
  limits,
  changed,
  refreshWindow,
}: BackendDeps): RequestHandlers<Channel> {
  return {
    'backends:list': () => backends.list(),
    'backends:save': async ({ id, backend }) => {
      const saved = await backends.save(id, backend);
      changed();
      return saved;
    },
    'backends:delete': async ({ id }) => {
      await backends.remove(id);
      changed();
      return null;
    },
    'backends:test': async ({ id, backend }) => {
      const target = await backends.target(id, backend);
      const model = backend ? (backend.defaultModel ?? null) : id ? backends.stored(id).defaultModel : null;
      const result = await testConnection(adapters[target.kind], target, model, openFrameBatches, limits);
      const tested = result.chat?.model;
      if (id && tested && result.ok && refreshWindow) await refreshWindow(id, tested, target).catch(() => undefined);
      return result;
    },
    'backends:check': async ({ id }) => {
      const target = await backends.target(id);
      // Short: the notice should appear soon, and a server that takes longer to accept is in trouble anyway.
      return checkReachability(target.baseUrl, Math.min(target.connectTimeoutMs ?? limits.connectTimeoutMs, 5_000));
    },
    'servers:discover': async () => {
      const known = new Set((await backends.list()).map((b) => b.baseUrl));
      return (await discoverServers()).filter((s) => !known.has(s.baseUrl));
    },
    'models:list': async ({ backendId }) => {
      const target = await backends.target(backendId);
      return listModels(adapters[target.kind], target, limits);
    },
  };
}
