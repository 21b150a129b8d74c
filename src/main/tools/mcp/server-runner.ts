// The life of one configured server: connect, report, and after a failure or a crash connect again
// on the backoff schedule, until stopped. McpServers (mcp-servers.ts) holds one per enabled server.
import { type BackoffSchedule, backoffDelay, failuresAfter } from './backoff';
import { McpConnectError, McpConnection, type TransportKind } from './connection';
import type { McpServerConfig } from './server-config';
import type { Said, Spoken } from '../../../shared/words/define-words';

export type McpServerStatus =
  | { serverId: string; name: string; state: 'connecting'; attempt: number }
  | {
      serverId: string;
      name: string;
      state: 'connected';
      toolCount: number;
      transport: TransportKind;
      protocolVersion?: string;
    }
  | {
      serverId: string;
      name: string;
      state: 'failed';
      /** Server-given text (stderr, error messages): show as text, never as HTML. */
      reason: string;
      /** When the reason is Runnel's own sentence: its key and values, for the UI's language. */
      said?: Said;
      stderrTail: string[];
      /** When the next start is due (epoch ms), and in how long from the report. */
      retryAt: number;
      retryInMs: number;
    }
  | { serverId: string; name: string; state: 'stopped' };

export interface RunnerDeps {
  path: () => Promise<string>;
  backoff: BackoffSchedule;
  connectTimeoutMs?: number;
  maxResultTextBytes?: number;
  clientInfo?: { name: string; version: string };
  onStatus: (status: McpServerStatus) => void;
  onToolsChanged: () => void;
}

export class ServerRunner {
  connection: McpConnection | null = null;
  status: McpServerStatus;
  private failures = 0;
  private attempts = 0;
  private connectedAt: number | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private abort: AbortController | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    public config: McpServerConfig,
    private readonly deps: RunnerDeps,
  ) {
    this.status = { serverId: config.id, name: config.name, state: 'stopped' };
  }

  start(): void {
    this.running = this.connect();
  }

  /** Connects now instead of at the scheduled retry (a "Retry" button); nothing when connected or connecting. */
  retryNow(): void {
    if (this.stopped || this.status.state !== 'failed') return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.start();
  }

  /** A new name (or time limit, or approval) that needs no new connection. */
  rename(config: McpServerConfig): void {
    this.config = config;
    this.report({ ...this.status, name: config.name });
  }

  /** Stops for good: the pending start is aborted, the connection closed (its process gone). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.abort?.abort(new Error('stopped'));
    await this.running;
    const connection = this.connection;
    this.connection = null;
    if (connection) {
      await connection.close();
      this.deps.onToolsChanged();
    }
    this.report({ serverId: this.config.id, name: this.config.name, state: 'stopped' });
  }

  private report(status: McpServerStatus): void {
    this.status = status;
    this.deps.onStatus(status);
  }

  private connected(connection: McpConnection): void {
    this.report({
      serverId: this.config.id,
      name: this.config.name,
      state: 'connected',
      toolCount: connection.tools().length,
      transport: connection.transportKind,
      ...(connection.protocolVersion ? { protocolVersion: connection.protocolVersion } : {}),
    });
  }

  private async connect(): Promise<void> {
    const abort = new AbortController();
    this.abort = abort;
    this.report({ serverId: this.config.id, name: this.config.name, state: 'connecting', attempt: ++this.attempts });
    let connection: McpConnection | null = null;
    try {
      connection = await McpConnection.open(this.config, {
        // Only stdio servers need the login shell's PATH (asked once, on the first one).
        ...(this.config.transport.type === 'stdio' ? { path: await this.deps.path() } : {}),
        signal: abort.signal,
        ...(this.deps.connectTimeoutMs ? { connectTimeoutMs: this.deps.connectTimeoutMs } : {}),
        ...(this.deps.maxResultTextBytes ? { maxResultTextBytes: this.deps.maxResultTextBytes } : {}),
        ...(this.deps.clientInfo ? { clientInfo: this.deps.clientInfo } : {}),
        onToolsChanged: () => {
          if (!connection || this.connection !== connection) return;
          this.connected(connection);
          this.deps.onToolsChanged();
        },
        onClosed: (reason) => {
          if (this.connection !== connection || !connection) return;
          this.connection = null;
          this.deps.onToolsChanged();
          this.failed(reason, connection.stderrTail(), Date.now() - (this.connectedAt ?? Date.now()));
        },
      });
    } catch (err) {
      if (this.stopped) return;
      const tail = err instanceof McpConnectError ? err.stderrTail : [];
      const said = err instanceof McpConnectError ? err.said : undefined;
      const reason = err instanceof Error ? err.message : String(err);
      this.failed(said ? { text: reason, said } : reason, tail, null);
      return;
    }
    if (this.stopped) {
      await connection.close();
      return;
    }
    this.connection = connection;
    this.connectedAt = Date.now();
    this.connected(connection);
    this.deps.onToolsChanged();
  }

  private failed(why: Spoken | string, stderrTail: string[], upForMs: number | null): void {
    if (this.stopped) return;
    this.failures = failuresAfter(this.failures, upForMs, this.deps.backoff);
    const retryInMs = backoffDelay(this.failures, this.deps.backoff);
    this.report({
      serverId: this.config.id,
      name: this.config.name,
      state: 'failed',
      ...(typeof why === 'string' ? { reason: why } : { reason: why.text, said: why.said }),
      stderrTail,
      retryAt: Date.now() + retryInMs,
      retryInMs,
    });
    this.timer = setTimeout(() => {
      this.timer = null;
      if (!this.stopped) this.start();
    }, retryInMs);
    this.timer.unref?.();
  }
}
