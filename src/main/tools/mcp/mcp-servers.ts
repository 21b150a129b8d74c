// All configured MCP servers: apply a config list (idempotently: only what changed is restarted),
// report each server's status, list the tools of the connected ones, route calls, close everything.
import { type BackoffSchedule, defaultBackoff } from './backoff';
import type { CallOptions } from './connection';
import { McpCallError } from './errors';
import { serverPath } from './login-path';
import type { McpServerConfig } from './server-config';
import { type McpServerStatus, ServerRunner } from './server-runner';
import type { McpTool } from './tool-list';
import type { McpToolResult } from './tool-result';

export interface McpServerTool {
  serverId: string;
  serverName: string;
  tool: McpTool;
}

export interface McpServersOptions {
  /** Every status change of every server. */
  onStatus?: (status: McpServerStatus) => void;
  /** The set of tools changed: a server connected, went away, or said its list changed. */
  onToolsChanged?: () => void;
  /** PATH for stdio servers; the login shell's, merged with the current one, by default. */
  path?: () => Promise<string>;
  backoff?: BackoffSchedule;
  connectTimeoutMs?: number;
  maxResultTextBytes?: number;
  clientInfo?: { name: string; version: string };
}

/** What a running connection depends on; a change of anything else (name, time limit, approval) applies in place. */
const connectionKey = (c: McpServerConfig) => JSON.stringify(c.transport, (_k, v: unknown) => sortKeys(v));
function sortKeys(v: unknown): unknown {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return v;
  return Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export class McpServers {
  private readonly runners = new Map<string, ServerRunner>();
  private readonly stopping = new Set<Promise<void>>();
  private closed = false;

  constructor(private readonly options: McpServersOptions = {}) {}

  /** Starts enabled servers not running, stops disabled and removed ones, restarts those whose transport changed. */
  apply(configs: readonly McpServerConfig[]): void {
    if (this.closed) return;
    const wanted = new Map(configs.filter((c) => c.enabled).map((c) => [c.id, c]));
    for (const [id, runner] of this.runners) {
      const next = wanted.get(id);
      if (!next || connectionKey(next) !== connectionKey(runner.config)) this.stopRunner(id, runner);
      else if (next.name !== runner.config.name) {
        runner.rename(next);
        this.options.onToolsChanged?.();
      } else runner.config = next;
    }
    for (const [id, config] of wanted) {
      if (this.runners.has(id)) continue;
      const runner = new ServerRunner(config, {
        path: this.options.path ?? serverPath,
        backoff: this.options.backoff ?? defaultBackoff,
        ...(this.options.connectTimeoutMs ? { connectTimeoutMs: this.options.connectTimeoutMs } : {}),
        ...(this.options.maxResultTextBytes ? { maxResultTextBytes: this.options.maxResultTextBytes } : {}),
        ...(this.options.clientInfo ? { clientInfo: this.options.clientInfo } : {}),
        onStatus: (status) => {
          if (this.runners.get(id) === runner || status.state === 'stopped') this.options.onStatus?.(status);
        },
        onToolsChanged: () => this.options.onToolsChanged?.(),
      });
      this.runners.set(id, runner);
      runner.start();
    }
  }

  private stopRunner(id: string, runner: ServerRunner): void {
    this.runners.delete(id);
    const stop = runner.stop().finally(() => this.stopping.delete(stop));
    this.stopping.add(stop);
  }

  /** The status of each running server (stopped ones are not listed). */
  statuses(): McpServerStatus[] {
    return [...this.runners.values()].map((r) => r.status);
  }

  status(serverId: string): McpServerStatus | undefined {
    return this.runners.get(serverId)?.status;
  }

  /** The tools of every connected server. */
  tools(): McpServerTool[] {
    return [...this.runners.values()].flatMap((r) =>
      (r.connection?.tools() ?? []).map((tool) => ({ serverId: r.config.id, serverName: r.config.name, tool })),
    );
  }

  /** Calls a tool of a connected server; throws McpCallError as McpConnection.callTool does. */
  async call(
    serverId: string,
    toolName: string,
    args: Record<string, unknown>,
    opts: CallOptions = {},
  ): Promise<McpToolResult> {
    const runner = this.runners.get(serverId);
    const connection = runner?.connection;
    if (!runner || !connection) {
      const name = runner ? `"${runner.config.name}"` : 'This server';
      throw new McpCallError('disconnected', `${name} is not connected.`, []);
    }
    const timeoutMs = opts.timeoutMs ?? runner.config.callTimeoutMs;
    return connection.callTool(toolName, args, { ...opts, ...(timeoutMs ? { timeoutMs } : {}) });
  }

  /** Connects a failed server now instead of waiting for its retry. */
  retryNow(serverId: string): void {
    this.runners.get(serverId)?.retryNow();
  }

  /** Stops every server and waits until their processes are gone. */
  async close(): Promise<void> {
    this.closed = true;
    for (const [id, runner] of [...this.runners]) this.stopRunner(id, runner);
    await Promise.all([...this.stopping]);
  }
}
