// MCP servers as the core sees them: the SQLite row plus the secret store, combined into what the
// renderer may know (the names of env variables and headers, never their values) and what the
// supervisor starts (McpServerConfig, values included). The env values and headers of a server
// are one entry of the secret store, like a backend's key.
import { randomUUID } from 'node:crypto';
import { ChatFailure, chatError } from '../../shared/chat-error';
import type { ToolServerStatus, ToolServerView, ToolView } from '../../shared/tools';
import type { Db } from '../db/db';
import {
  deleteMcpServer,
  findMcpServerByName,
  getMcpServer,
  listMcpServers,
  saveMcpServer,
  type StoredMcpServer,
} from '../db/settings/mcp-servers-repo';
import { fillKeptValues } from '../secrets/kept-values';
import type { SecretStore } from '../secrets/secret-store';
import { mcpServerConfigSchema, type McpServerConfig } from './mcp';
import { sayInvalidInput } from '../../shared/ipc/invalid-input';
import { ZodError } from 'zod';
import { toolWords } from '../../shared/words/tool-words';
import type { Said } from '../../shared/words/define-words';

/** A name and a value; a missing value keeps the one stored under that name. */
export interface NamedValue {
  name: string;
  value?: string;
}

export interface ToolServerDraft {
  name: string;
  enabled: boolean;
  transport: 'stdio' | 'http';
  command?: string | null;
  args?: string[];
  cwd?: string | null;
  url?: string | null;
  /** undefined keeps what is stored; a list replaces it. */
  env?: NamedValue[];
  headers?: NamedValue[];
  callTimeoutMs?: number | null;
  approval?: 'ask' | 'allow-all';
}

interface Secrets {
  env: Record<string, string>;
  headers: Record<string, string>;
}

const secretKey = (id: string) => `mcp:${id}`;

function readSecrets(json: string | null): Secrets {
  try {
    const value = JSON.parse(json ?? '{}') as Partial<Secrets>;
    const strings = (o: unknown) =>
      Object.fromEntries(
        Object.entries(typeof o === 'object' && o !== null ? o : {}).filter(([, v]) => typeof v === 'string'),
      ) as Record<string, string>;
    return { env: strings(value.env), headers: strings(value.headers) };
  } catch {
    return { env: {}, headers: {} };
  }
}

/** The draft's list with kept values filled in from `stored`. */
function resolveValues(
  drafts: NamedValue[],
  stored: Record<string, string>,
  what: 'header' | 'variable',
): Record<string, string> {
  const filled = fillKeptValues(drafts, (name) => stored[name], what);
  return Object.fromEntries(filled.map(([name, value]) => [name.trim(), value]));
}

export class ToolServerStore {
  constructor(
    private readonly db: Db,
    private readonly secrets: SecretStore,
    private readonly now: () => number = Date.now,
  ) {}

  /** What the supervisor starts: every configured server, secrets included. */
  async configs(): Promise<McpServerConfig[]> {
    return Promise.all(listMcpServers(this.db).map((s) => this.configOf(s)));
  }

  async views(status: (id: string) => ToolServerStatus, tools: (id: string) => ToolView[]): Promise<ToolServerView[]> {
    return Promise.all(listMcpServers(this.db).map((s) => this.viewOf(s, status(s.id), tools(s.id))));
  }

  stored(id: string): StoredMcpServer {
    const server = getMcpServer(this.db, id);
    if (!server) throw new ChatFailure(chatError('not_found', toolWords.say('serverGone')));
    return server;
  }

  /** Creates or updates; the whole config is checked (with the values) before anything is written. */
  async save(id: string | undefined, draft: ToolServerDraft): Promise<StoredMcpServer> {
    const name = draft.name.trim();
    const clash = findMcpServerByName(this.db, name);
    if (clash && clash.id !== id)
      throw new ChatFailure(chatError('invalid_input', toolWords.say('serverExists', { name })));
    const existing = id ? this.stored(id) : null;
    const stored = existing ? await this.secretsOf(existing.id) : { env: {}, headers: {} };
    const secrets: Secrets = {
      env: draft.env ? resolveValues(draft.env, stored.env, 'variable') : stored.env,
      headers: draft.headers ? resolveValues(draft.headers, stored.headers, 'header') : stored.headers,
    };
    const server: StoredMcpServer = {
      id: existing?.id ?? `mcp-${randomUUID()}`,
      name,
      enabled: draft.enabled,
      transport: draft.transport,
      command: draft.transport === 'stdio' ? (draft.command?.trim() ?? null) : null,
      args: draft.transport === 'stdio' ? (draft.args ?? []) : [],
      cwd: draft.transport === 'stdio' ? draft.cwd?.trim() || null : null,
      url: draft.transport === 'http' ? (draft.url?.trim() ?? null) : null,
      callTimeoutMs: draft.callTimeoutMs ?? null,
      approval: draft.approval ?? existing?.approval ?? 'ask',
    };
    const assembled = this.assemble(server, secrets);
    try {
      mcpServerConfigSchema.parse(assembled);
    } catch (err) {
      if (err instanceof ZodError)
        throw new ChatFailure(chatError('invalid_input', sayInvalidInput(err, '', assembled)));
      throw err;
    }
    const hasSecrets = Object.keys(secrets.env).length + Object.keys(secrets.headers).length > 0;
    if (hasSecrets) await this.secrets.assertWritable();
    saveMcpServer(this.db, server, this.now());
    await this.secrets.set(secretKey(server.id), hasSecrets ? JSON.stringify(secrets) : null);
    return server;
  }

  async remove(id: string): Promise<void> {
    deleteMcpServer(this.db, id);
    await this.secrets.set(secretKey(id), null);
  }

  /** Applies a config file's servers by name: creates what is missing, updates what differs. */
  async provision(configs: McpServerConfig[]): Promise<{ name: string; reason: string; said?: Said }[]> {
    const problems: { name: string; reason: string; said?: Said }[] = [];
    for (const config of configs) {
      const t = config.transport;
      const named = (o: Record<string, string>) => Object.entries(o).map(([name, value]) => ({ name, value }));
      try {
        await this.save(findMcpServerByName(this.db, config.name)?.id, {
          name: config.name,
          enabled: config.enabled,
          transport: t.type,
          ...(t.type === 'stdio'
            ? { command: t.command, args: t.args, cwd: t.cwd ?? null, env: named(t.env) }
            : { url: t.url, headers: named(t.headers) }),
          callTimeoutMs: config.callTimeoutMs ?? null,
          approval: config.approval,
        });
      } catch (err) {
        const said = err instanceof ChatFailure ? err.detail.said : undefined;
        problems.push({ name: config.name, reason: (err as Error).message, ...(said ? { said } : {}) });
      }
    }
    return problems;
  }

  private async secretsOf(id: string): Promise<Secrets> {
    return readSecrets(await this.secrets.get(secretKey(id)));
  }

  private async configOf(server: StoredMcpServer): Promise<McpServerConfig> {
    return this.assemble(server, await this.secretsOf(server.id));
  }

  private assemble(server: StoredMcpServer, secrets: Secrets): McpServerConfig {
    return {
      id: server.id,
      name: server.name,
      enabled: server.enabled,
      transport:
        server.transport === 'stdio'
          ? {
              type: 'stdio',
              command: server.command ?? '',
              args: server.args,
              env: secrets.env,
              ...(server.cwd ? { cwd: server.cwd } : {}),
            }
          : { type: 'http', url: server.url ?? '', headers: secrets.headers },
      ...(server.callTimeoutMs ? { callTimeoutMs: server.callTimeoutMs } : {}),
      approval: server.approval,
    };
  }

  private async viewOf(server: StoredMcpServer, status: ToolServerStatus, tools: ToolView[]): Promise<ToolServerView> {
    const secrets = await this.secretsOf(server.id);
    return {
      ...server,
      envNames: Object.keys(secrets.env),
      headerNames: Object.keys(secrets.headers),
      status,
      tools,
    };
  }
}
