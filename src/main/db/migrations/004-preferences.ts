// Schema step 4: app preferences and per-backend headers, timeouts and default parameters (owned by the settings work; filled in by it).
import type { Migration } from './migration';

export const preferences: Migration = {
  version: 4,
  name: 'preferences',
  up: `SELECT 1;`,
};
