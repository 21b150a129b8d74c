// Schema step 6: per-conversation system prompt and parameters, and presets (owned by the versions work; filled in by it).
import type { Migration } from './migration';

export const conversationSettings: Migration = {
  version: 6,
  name: 'conversation-settings',
  up: `SELECT 1;`,
};
