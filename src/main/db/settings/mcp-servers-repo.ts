// MCP server rows: what starts each server, never the values of its env or headers (those are
// secrets, kept beside the backends' keys). Matched by name when a config file is applied again.
import { readStringList } from '../stored-json';
import type { Db } from '../db';
import { perDatabase } from '../statement-cache';

export interface StoredMcpServer {
  id: string;
  name: string;
  enabled: boolean;
  transport: 'stdio' | 'http';
  command: string | null;
  args: string[];
  cwd: string | null;
  url: string | null;
  callTimeoutMs: number | null;
  approval: 'ask' | 'allow-all';
}

interface Row {
  id: string;
  name: string;
  enabled: number;
  transport: string;
  command: string | null;
  args: string;
  cwd: string | null;
  url: string | null;
  call_timeout_ms: number | null;
  approval: string;
}

const serverOf = (r: Row): StoredMcpServer => ({
  id: r.id,
  name: r.name,
  enabled: r.enabled === 1,
  transport: r.transport === 'http' ? 'http' : 'stdio',
  command: r.command,
  args: readStringList(r.args),
  cwd: r.cwd,
  url: r.url,
  callTimeoutMs: r.call_timeout_ms,
  approval: r.approval === 'allow-all' ? 'allow-all' : 'ask',
});

const statements = perDatabase((db) => ({
  all: db.prepare<[], Row>('SELECT * FROM mcp_servers ORDER BY created_at, name'),
  one: db.prepare<[string], Row>('SELECT * FROM mcp_servers WHERE id = ?'),
  byName: db.prepare<[string], Row>('SELECT * FROM mcp_servers WHERE name = ?'),
  upsert: db.prepare<Omit<Row, 'args'> & { args: string; now: number }>(
    `INSERT INTO mcp_servers (id, name, enabled, transport, command, args, cwd, url, call_timeout_ms, approval, created_at, updated_at)
     VALUES (@id, @name, @enabled, @transport, @command, @args, @cwd, @url, @call_timeout_ms, @approval, @now, @now)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, enabled = excluded.enabled, transport = excluded.transport,
       command = excluded.command, args = excluded.args, cwd = excluded.cwd, url = excluded.url,
       call_timeout_ms = excluded.call_timeout_ms, approval = excluded.approval, updated_at = excluded.updated_at`,
  ),
  remove: db.prepare<[string]>('DELETE FROM mcp_servers WHERE id = ?'),
}));

export function listMcpServers(db: Db): StoredMcpServer[] {
  return statements(db).all.all().map(serverOf);
}

export function getMcpServer(db: Db, id: string): StoredMcpServer | null {
  const row = statements(db).one.get(id);
  return row ? serverOf(row) : null;
}

export function findMcpServerByName(db: Db, name: string): StoredMcpServer | null {
  const row = statements(db).byName.get(name);
  return row ? serverOf(row) : null;
}

export function saveMcpServer(db: Db, server: StoredMcpServer, now: number): void {
  statements(db).upsert.run({
    id: server.id,
    name: server.name,
    enabled: server.enabled ? 1 : 0,
    transport: server.transport,
    command: server.command,
    args: JSON.stringify(server.args),
    cwd: server.cwd,
    url: server.url,
    call_timeout_ms: server.callTimeoutMs,
    approval: server.approval,
    now,
  });
}

export function deleteMcpServer(db: Db, id: string): boolean {
  return statements(db).remove.run(id).changes > 0;
}
