// Schema step 5: pinned conversations, soft delete with undo, full-text search (FTS5 trigram) (owned by the history work; filled in by it).
import type { Migration } from './migration';

export const historySearch: Migration = {
  version: 5,
  name: 'history-search',
  up: `SELECT 1;`,
};
