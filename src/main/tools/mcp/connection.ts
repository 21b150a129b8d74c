// One live connection to one MCP server through the SDK's Client: connect, the tool list (paged,
// kept current on list_changed), tool calls with a time limit and cancellation, loss reported.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { RequestOptions } from '@modelcontextprotocol/sdk/shared/protocol.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { type CallToolResult, ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { McpCallError, McpConnectError, classifyCallError, describeConnectError, isConnectionLost } from './errors';
import type { Spoken } from '../../../shared/words/define-words';
import { toolWords } from '../../../shared/words/tool-words';
import { connectHttp, type HttpKind } from './http-transport';
import {
  type McpServerConfig,
  type StdioTransportConfig,
  defaultCallTimeoutMs,
  defaultMaxResultTextBytes,
} from './server-config';
import type { StderrTail } from './stderr-tail';
import { createStdioTransport, describeSpawnError, ensureExited, missingCwd } from './stdio-transport';
import { type McpTool, listAllTools } from './tool-list';
import { type McpToolResult, toToolResult } from './tool-result';

export type TransportKind = 'stdio' | HttpKind;

export interface ConnectionOptions {
  /** PATH for stdio servers (see login-path.ts); the current one when missing. */
  path?: string;
  /** The time limit of the start and the `initialize` handshake. */
  connectTimeoutMs?: number;
  maxResultTextBytes?: number;
  clientInfo?: { name: string; version: string };
  /** Aborts connecting (the child, if any, is stopped). */
  signal?: AbortSignal;
  onToolsChanged?: (tools: readonly McpTool[]) => void;
  /** The server went away without close(): its process exited, or its HTTP session is gone. */
  onClosed?: (reason: Spoken) => void;
}

export interface CallOptions {
  signal?: AbortSignal;
  /** The config's callTimeoutMs (or 60 s) when missing. */
  timeoutMs?: number;
  maxTextBytes?: number;
}

export { McpConnectError };

export class McpConnection {
  private toolList: readonly McpTool[] = [];
  private closing = false;
  private refreshing: Promise<void> | null = null;
  private refreshAgain = false;
  private version: string | undefined;
  private childPid: number | null = null;

  private constructor(
    readonly config: McpServerConfig,
    private readonly client: Client,
    readonly transportKind: TransportKind,
    private readonly stderr: StderrTail | null,
    private readonly options: ConnectionOptions,
  ) {}

  static async open(config: McpServerConfig, options: ConnectionOptions = {}): Promise<McpConnection> {
    // Handlers are set on each client before it connects; they reach the connection once it exists.
    const self: { connection?: McpConnection; version?: string } = {};
    const newClient = () => {
      const client = new Client(options.clientInfo ?? { name: 'Runnel', version: '0.1.0' }, { capabilities: {} });
      client.setNotificationHandler(ToolListChangedNotificationSchema, () => self.connection?.toolsChanged());
      client.onclose = () =>
        self.connection?.lost(toolWords.say(config.transport.type === 'stdio' ? 'serverExited' : 'connectionClosed'));
      return client;
    };
    // The SDK tells the transport the negotiated version; stdio transports have no such setter, so one is added.
    const watch = (transport: Transport) => {
      const own = transport.setProtocolVersion?.bind(transport);
      transport.setProtocolVersion = (v: string) => {
        self.version = v;
        own?.(v);
      };
    };
    const request = {
      timeout: options.connectTimeoutMs ?? 60_000,
      ...(options.signal ? { signal: options.signal } : {}),
    };
    const t = config.transport;
    let started: { client: Client; kind: TransportKind; stderr: StderrTail | null; pid: number | null };
    try {
      started =
        t.type === 'stdio'
          ? {
              ...(await connectStdio(newClient, t, options.path ?? process.env.PATH ?? '', request, watch)),
              kind: 'stdio',
            }
          : { ...(await connectHttp(newClient, t, request, watch)), stderr: null, pid: null };
    } catch (err) {
      if (err instanceof McpConnectError) throw err;
      throw new McpConnectError(describeConnectError(err, request.timeout, false), []);
    }
    const connection = new McpConnection(config, started.client, started.kind, started.stderr, options);
    self.connection = connection;
    connection.version = self.version;
    connection.childPid = started.pid;
    try {
      connection.toolList = started.client.getServerCapabilities()?.tools
        ? await listAllTools(started.client, request)
        : [];
    } catch (err) {
      await connection.close();
      // The inner reason keeps its key too (a timeout, a closed connection), so the whole is said in the UI's language.
      const why = describeConnectError(err, request.timeout, false);
      throw new McpConnectError(toolWords.say('listUnreadable', { why }), connection.stderrTail());
    }
    return connection;
  }

  /** The protocol version agreed with the server. */
  get protocolVersion(): string | undefined {
    return this.version;
  }

  get serverInfo(): { name: string; version: string } | undefined {
    return this.client.getServerVersion();
  }

  /** The stdio server's process id (null for HTTP). */
  get pid(): number | null {
    return this.childPid;
  }

  tools(): readonly McpTool[] {
    return this.toolList;
  }

  stderrTail(): string[] {
    return this.stderr?.tail() ?? [];
  }

  /** Reads the whole list again (every page); tells onToolsChanged. */
  async refreshTools(): Promise<readonly McpTool[]> {
    this.toolList = await listAllTools(this.client, { timeout: this.options.connectTimeoutMs ?? 60_000 });
    if (!this.closing) this.options.onToolsChanged?.(this.toolList);
    return this.toolList;
  }

  /** A list_changed notification: one refresh at a time, and one more if another came meanwhile. */
  private toolsChanged(): void {
    if (this.closing) return;
    if (this.refreshing) {
      this.refreshAgain = true;
      return;
    }
    this.refreshing = (async () => {
      do {
        this.refreshAgain = false;
        await this.refreshTools().catch(() => undefined);
      } while (this.refreshAgain && !this.closing);
    })().finally(() => (this.refreshing = null));
  }

  /**
   * Calls a tool. Throws McpCallError (kind `timeout`, `cancelled`, `disconnected` or `protocol`);
   * a tool's own failure is a result with isError. Cancellation and the time limit send
   * notifications/cancelled (the SDK does).
   */
  async callTool(name: string, args: Record<string, unknown>, opts: CallOptions = {}): Promise<McpToolResult> {
    if (this.closing) throw new McpCallError('disconnected', 'The server is not connected.', this.stderrTail());
    if (opts.signal?.aborted) throw new McpCallError('cancelled', 'The call was cancelled.', []);
    const timeoutMs = opts.timeoutMs ?? this.config.callTimeoutMs ?? defaultCallTimeoutMs;
    // A signal of the call's own, so a later abort of the caller's signal sends no stray cancellation.
    const call = new AbortController();
    const abort = () => call.abort(opts.signal?.reason ?? new Error('cancelled'));
    opts.signal?.addEventListener('abort', abort, { once: true });
    try {
      const result = await this.client.callTool({ name, arguments: args }, undefined, {
        signal: call.signal,
        timeout: timeoutMs,
      });
      return toToolResult(
        result as CallToolResult,
        opts.maxTextBytes ?? this.options.maxResultTextBytes ?? defaultMaxResultTextBytes,
      );
    } catch (err) {
      const error = classifyCallError(err, call.signal.aborted, timeoutMs, this.stderrTail());
      if (this.transportKind !== 'stdio' && isConnectionLost(err))
        this.lost(toolWords.say('connectionLost', { why: error.message }));
      throw error;
    } finally {
      opts.signal?.removeEventListener('abort', abort);
    }
  }

  /** Ends the connection (a stdio server's process is stopped: stdin closed, then SIGTERM, then SIGKILL). */
  async close(): Promise<void> {
    this.closing = true;
    await this.client.close().catch(() => undefined);
    await ensureExited(this.childPid, 1_000);
  }

  private lost(reason: Spoken): void {
    if (this.closing) return;
    this.closing = true;
    void this.client.close().catch(() => undefined);
    // The last stderr lines may still be on their way through the pipe: reported a turn later.
    setImmediate(() => this.options.onClosed?.(reason));
  }
}

/** Spawns a stdio server and connects; a failure is an McpConnectError with its stderr, the process gone. */
async function connectStdio(
  newClient: () => Client,
  t: StdioTransportConfig,
  path: string,
  request: RequestOptions & { timeout: number },
  watch: (transport: Transport) => void,
): Promise<{ client: Client; stderr: StderrTail; pid: number | null }> {
  const cwdProblem = await missingCwd(t);
  if (cwdProblem) throw new McpConnectError(cwdProblem, []);
  const started = createStdioTransport(t, path);
  watch(started.transport);
  const client = newClient();
  try {
    await client.connect(started.transport, request);
    return { client, stderr: started.stderr, pid: started.pid() };
  } catch (err) {
    await client.close().catch(() => undefined);
    await ensureExited(started.pid(), 4_500);
    const why = describeSpawnError(err, t, path) ?? describeConnectError(err, request.timeout, true);
    throw new McpConnectError(why, started.stderr.tail());
  }
}
