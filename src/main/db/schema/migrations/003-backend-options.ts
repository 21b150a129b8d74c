// Schema step 3: kind-specific backend settings (chat template, WebSocket frame mapping) as JSON.
import type { Migration } from './migration';

export const backendOptions: Migration = {
  version: 3,
  name: 'backend-options',
  up: `ALTER TABLE backends ADD COLUMN options_json TEXT NOT NULL DEFAULT '{}';`,
};
