// Schema step 1: conversations, the message tree, and configured backends (never their API keys,
// which live in the secret store).
import type { Migration } from './migration';

export const initial: Migration = {
  version: 1,
  name: 'initial',
  up: `
    CREATE TABLE conversations (
      id TEXT PRIMARY KEY NOT NULL,
      title TEXT NOT NULL,
      backend_id TEXT,
      model TEXT,
      active_leaf_id TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    );
    CREATE INDEX conversations_updated_at ON conversations (updated_at);

    CREATE TABLE messages (
      id TEXT PRIMARY KEY NOT NULL,
      conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
      parent_id TEXT REFERENCES messages (id) ON DELETE CASCADE,
      role TEXT NOT NULL CHECK (role IN ('system', 'user', 'assistant')),
      content TEXT NOT NULL DEFAULT '',
      reasoning TEXT NOT NULL DEFAULT '',
      status TEXT NOT NULL CHECK (status IN ('streaming', 'done', 'error', 'cancelled', 'interrupted')),
      error_json TEXT,
      backend_id TEXT,
      model TEXT,
      params_json TEXT NOT NULL DEFAULT '{}',
      ttft_ms REAL,
      tokens_per_second REAL,
      prompt_tokens INTEGER,
      completion_tokens INTEGER,
      finish_reason TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    );
    CREATE INDEX messages_conversation_created ON messages (conversation_id, created_at);
    -- Also what ON DELETE CASCADE on parent_id looks children up by.
    CREATE INDEX messages_parent ON messages (parent_id);
    -- Startup looks for rows a crash left streaming; there are almost never any.
    CREATE INDEX messages_streaming ON messages (status) WHERE status = 'streaming';

    CREATE TABLE backends (
      id TEXT PRIMARY KEY NOT NULL,
      name TEXT NOT NULL UNIQUE,
      kind TEXT NOT NULL,
      base_url TEXT NOT NULL,
      default_model TEXT,
      http TEXT NOT NULL DEFAULT 'auto',
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    );
  `,
};
