// Schema step 16: an answer remembers that it was written without tools ("Send without tools",
// after a server refused them), so Continue sends it without tools again instead of being refused
// the same way. Rows from before read as sent with tools, as they were.
import type { Migration } from './migration';

export const answersWithoutTools: Migration = {
  version: 16,
  name: 'answers-without-tools',
  up: `
    ALTER TABLE messages ADD COLUMN without_tools INTEGER NOT NULL DEFAULT 0 CHECK (without_tools IN (0, 1));
  `,
};
