// Schema step 4: app preferences (language, appearance) as key/value rows, and per-backend
// timeouts and default parameters. A backend's custom headers are not here: they may carry
// tokens, so they live in the secret store beside the API key.
import type { Migration } from './migration';

export const preferences: Migration = {
  version: 4,
  name: 'preferences',
  up: `
    CREATE TABLE preferences (
      key TEXT PRIMARY KEY NOT NULL,
      value TEXT NOT NULL,
      updated_at INTEGER NOT NULL
    );
    -- NULL: the app's default timeout.
    ALTER TABLE backends ADD COLUMN connect_timeout_ms INTEGER;
    ALTER TABLE backends ADD COLUMN idle_timeout_ms INTEGER;
    ALTER TABLE backends ADD COLUMN default_params_json TEXT NOT NULL DEFAULT '{}';
  `,
};
