// Schema step 12: which tools each conversation offers its model, and the models that refused
// tools. A conversation's choice is kept as exceptions to "every tool of every enabled server"
// (shared/tool-choice.ts): a server as a whole (`tool_name` '') or one of its tools, on or off;
// a conversation without rows offers everything. A model remembered here (Ollama's "does not
// support tools") is sent no tools until the user asks to try again.
import type { Migration } from './migration';

export const conversationTools: Migration = {
  version: 12,
  name: 'conversation-tools',
  up: `
    CREATE TABLE conversation_tools (
      conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
      server_id TEXT NOT NULL REFERENCES mcp_servers (id) ON DELETE CASCADE,
      tool_name TEXT NOT NULL,
      enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
      PRIMARY KEY (conversation_id, server_id, tool_name)
    ) WITHOUT ROWID;
    CREATE INDEX conversation_tools_server ON conversation_tools (server_id);

    CREATE TABLE model_tool_refusals (
      backend_id TEXT NOT NULL REFERENCES backends (id) ON DELETE CASCADE,
      model TEXT NOT NULL,
      message TEXT NOT NULL,
      refused_at INTEGER NOT NULL,
      PRIMARY KEY (backend_id, model)
    ) WITHOUT ROWID;
  `,
};
