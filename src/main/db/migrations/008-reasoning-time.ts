// Schema step 8: how long the model thought, per message (owned by the rendering work; filled in by it).
import type { Migration } from './migration';

export const reasoningTime: Migration = {
  version: 8,
  name: 'reasoning-time',
  up: `SELECT 1;`,
};
