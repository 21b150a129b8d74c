// The contract's Settings → Tools channels, and the supervisor kept in step with the settings:
// every change to the servers is applied to the running MCP servers at once. Stdio servers start
// only where the host allows them (the web host refuses them when it listens beyond loopback).
import { ChatFailure, chatError } from '../../shared/chat-error';
import type { RequestHandlers } from '../../shared/ipc/contract';
import type { ToolServerStatus, ToolView } from '../../shared/tools';
import { parseMcpServersText, type McpServerConfig, type McpServerStatus, type McpServers } from './mcp';
import type { ToolServerStore } from './tool-server-store';
import { toolWords } from '../../shared/words/tool-words';

type Channel = 'tools:servers' | 'tools:save-server' | 'tools:delete-server' | 'tools:import';

export interface ToolSettingsDeps {
  store: ToolServerStore;
  servers: McpServers;
  /** False in a web host reachable from other machines (started without --allow-stdio-tools). */
  allowStdio: boolean;
  changed(): void;
}

export const stdioRefused = toolWords.say('stdioRefused');

/** Starts what is enabled and allowed, stops the rest. */
export async function applyToolServers({ store, servers, allowStdio }: ToolSettingsDeps): Promise<void> {
  const configs = await store.configs();
  servers.apply(configs.filter((c: McpServerConfig) => allowStdio || c.transport.type !== 'stdio'));
}

function statusView(
  status: McpServerStatus | undefined,
  config: { enabled: boolean; stdioRefused: boolean },
): ToolServerStatus {
  if (config.stdioRefused && config.enabled)
    return { state: 'failed', reason: stdioRefused.text, said: stdioRefused.said, stderrTail: [], retryInMs: 0 };
  if (!status) return { state: config.enabled ? 'connecting' : 'stopped' };
  switch (status.state) {
    case 'connecting':
      return { state: 'connecting' };
    case 'connected':
      return { state: 'connected', toolCount: status.toolCount };
    case 'failed':
      // From now, not from the failure: a list read later counts down from the right place. At least
      // 1 ms, since 0 says the server will not be tried again.
      return {
        state: 'failed',
        reason: status.reason,
        ...(status.said ? { said: status.said } : {}),
        stderrTail: status.stderrTail,
        retryInMs: Math.max(1, status.retryAt - Date.now()),
      };
    case 'stopped':
      return { state: 'stopped' };
  }
}

export function toolSettingsHandlers(deps: ToolSettingsDeps): RequestHandlers<Channel> {
  const { store, servers, allowStdio, changed } = deps;
  const views = async () => {
    const tools = servers.tools();
    return store.views(
      (id) => {
        const stored = store.stored(id);
        return statusView(servers.status(id), {
          enabled: stored.enabled,
          stdioRefused: !allowStdio && stored.transport === 'stdio',
        });
      },
      (id): ToolView[] =>
        tools
          .filter((t) => t.serverId === id)
          .map((t) => ({
            name: t.tool.name,
            description: t.tool.description ?? '',
            readOnly: t.tool.annotations?.readOnlyHint === true,
            destructive: t.tool.annotations?.destructiveHint === true,
          })),
    );
  };
  const applied = async () => {
    await applyToolServers(deps);
    changed();
  };
  return {
    'tools:servers': views,
    'tools:save-server': async ({ id, server }) => {
      const saved = await store.save(id, server);
      await applied();
      const view = (await views()).find((v) => v.id === saved.id);
      if (!view) throw new ChatFailure(chatError('internal', toolWords.say('notReadBack')));
      return view;
    },
    'tools:delete-server': async ({ id }) => {
      await store.remove(id);
      await applied();
      return null;
    },
    'tools:import': async ({ text }) => {
      const parsed = parseMcpServersText(text);
      const refused = await store.provision(parsed.servers);
      await applied();
      return {
        saved: parsed.servers.length - refused.length,
        problems: [...parsed.problems, ...refused.map(({ name, ...why }) => ({ entry: `"${name}"`, ...why }))],
      };
    },
  };
}
