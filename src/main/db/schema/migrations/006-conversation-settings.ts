// Schema step 6: per-conversation system prompt and parameters, named presets of both, and what
// versions need: when each message last became the shown leaf, and its siblings found by index.
import type { Migration } from './migration';

export const conversationSettings: Migration = {
  version: 6,
  name: 'conversation-settings',
  up: `
    ALTER TABLE conversations ADD COLUMN system_prompt TEXT NOT NULL DEFAULT '';
    ALTER TABLE conversations ADD COLUMN params_json TEXT NOT NULL DEFAULT '{}';

    CREATE TABLE presets (
      id TEXT PRIMARY KEY NOT NULL,
      name TEXT NOT NULL UNIQUE COLLATE NOCASE,
      system_prompt TEXT NOT NULL DEFAULT '',
      params_json TEXT NOT NULL DEFAULT '{}',
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    );

    -- When the message last became the conversation's shown leaf: switching back to a version
    -- shows the branch below it as the user last saw it, not merely the newest one.
    ALTER TABLE messages ADD COLUMN active_at INTEGER;
    -- The versions of a message are its siblings: same conversation, same parent, in insertion order.
    CREATE INDEX messages_siblings ON messages (conversation_id, parent_id, created_at);
  `,
};
