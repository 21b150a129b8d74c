// Schema step 7: images and text files attached to messages, bytes kept in the database itself so
// history (thumbnails included) reads offline from one file and goes with it on backup.
import type { Migration } from './migration';

export const attachments: Migration = {
  version: 7,
  name: 'attachments',
  up: `
    CREATE TABLE attachments (
      id TEXT PRIMARY KEY NOT NULL,
      message_id TEXT NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('image', 'text')),
      name TEXT NOT NULL,
      mime TEXT NOT NULL,
      size INTEGER NOT NULL CHECK (size >= 0),
      data BLOB NOT NULL,
      created_at INTEGER NOT NULL,
      UNIQUE (message_id, position)
    );
  `,
};
