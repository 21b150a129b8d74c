// Schema step 7: images and text files attached to messages (owned by the attachments work; filled in by it).
import type { Migration } from './migration';

export const attachments: Migration = {
  version: 7,
  name: 'attachments',
  up: `SELECT 1;`,
};
