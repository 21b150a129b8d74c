// The tools domain as the core wires it: the MCP supervisor, the servers' settings, the host the
// tool loop calls, and the Settings → Tools handlers, built together and closed together.
import type { RequestHandlers } from '../../shared/ipc/contract';
import type { Db } from '../db/db';
import { ToolApprovals } from '../generation/tool-approvals';
import type { ToolHost } from '../generation/tool-loop';
import type { SecretStore } from '../secrets/secret-store';
import { McpServers, type McpServerConfig } from './mcp';
import { toolChoiceHandlers } from './tool-choice-handlers';
import { applyToolServers, toolSettingsHandlers } from './tool-handlers';
import { createToolHost } from './tool-host';
import { ToolServerStore } from './tool-server-store';

export interface ToolsDeps {
  db: Db;
  secrets: SecretStore;
  version: string;
  allowStdio: boolean;
  /** A server's status, its tools, or the list of servers changed. */
  changed(): void;
}

export interface Tools {
  host: ToolHost;
  /** Calls waiting for the user, answered through `tools:decide`. */
  approvals: ToolApprovals;
  handlers: RequestHandlers<HandledChannel<typeof toolSettingsHandlers> | HandledChannel<typeof toolChoiceHandlers>>;
  /** Applies a config file's `mcpServers` by name; returns the entries refused, with why. */
  provision(configs: McpServerConfig[]): Promise<{ name: string; reason: string }[]>;
  close(): Promise<void>;
}

type HandledChannel<F extends (...args: never[]) => unknown> =
  ReturnType<F> extends RequestHandlers<infer C> ? C : never;

export function createTools({ db, secrets, version, allowStdio, changed }: ToolsDeps): Tools {
  const approvals = new ToolApprovals(db);
  const servers = new McpServers({
    onStatus: changed,
    onToolsChanged: changed,
    clientInfo: { name: 'Runnel', version },
  });
  const store = new ToolServerStore(db, secrets);
  const settings = { store, servers, allowStdio, changed };
  const apply = () => applyToolServers(settings).catch((err: unknown) => console.error('[runnel] tool servers:', err));
  void apply();
  return {
    host: createToolHost({ db, servers, store, approvals, changed }),
    approvals,
    handlers: { ...toolSettingsHandlers(settings), ...toolChoiceHandlers({ db, changed }) },
    async provision(configs) {
      const refused = await store.provision(configs);
      if (configs.length > 0) {
        await apply();
        changed();
      }
      return refused;
    },
    close: () => servers.close(),
  };
}
