// Schema step 10: tools. The MCP servers the user configured (values of their env and headers stay
// in the secret store); each tool call of an answer as a row of its own, under the answer's
// message (so it belongs to that branch, goes with it on delete, and comes back with it); the
// user's standing permissions ("always", or "in this conversation").
import type { Migration } from './migration';

export const toolCalls: Migration = {
  version: 10,
  name: 'tool-calls',
  up: `
    CREATE TABLE mcp_servers (
      id TEXT PRIMARY KEY NOT NULL,
      name TEXT NOT NULL UNIQUE,
      enabled INTEGER NOT NULL DEFAULT 1,
      transport TEXT NOT NULL CHECK (transport IN ('stdio', 'http')),
      command TEXT,
      args TEXT NOT NULL DEFAULT '[]',
      cwd TEXT,
      url TEXT,
      call_timeout_ms INTEGER,
      approval TEXT NOT NULL DEFAULT 'ask' CHECK (approval IN ('ask', 'allow-all')),
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    );

    CREATE TABLE tool_calls (
      id TEXT PRIMARY KEY NOT NULL,
      message_id TEXT NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
      round INTEGER NOT NULL CHECK (round >= 0),
      position INTEGER NOT NULL CHECK (position >= 0),
      call_index INTEGER NOT NULL CHECK (call_index >= 0),
      wire_id TEXT NOT NULL,
      wire_name TEXT NOT NULL,
      server_id TEXT,
      server_name TEXT NOT NULL,
      tool_name TEXT NOT NULL,
      description TEXT NOT NULL DEFAULT '',
      read_only INTEGER NOT NULL DEFAULT 0,
      destructive INTEGER NOT NULL DEFAULT 0,
      arguments TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('awaiting-approval', 'running', 'done', 'error', 'denied', 'cancelled')),
      result TEXT NOT NULL DEFAULT '',
      result_truncated INTEGER NOT NULL DEFAULT 0,
      started_at INTEGER,
      ended_at INTEGER,
      created_at INTEGER NOT NULL,
      UNIQUE (message_id, round, call_index)
    );

    -- scope: '' for "always", else the conversation's id ("allow in this conversation").
    CREATE TABLE tool_permissions (
      scope TEXT NOT NULL,
      server_id TEXT NOT NULL,
      tool_name TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      PRIMARY KEY (scope, server_id, tool_name)
    );
  `,
};
