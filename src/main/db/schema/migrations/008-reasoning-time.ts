// Schema step 8: how long the model thought before it answered, per message (milliseconds from
// the first reasoning token to the first answer token). Rows from before stay NULL: not measured.
import type { Migration } from './migration';

export const reasoningTime: Migration = {
  version: 8,
  name: 'reasoning-time',
  up: `ALTER TABLE messages ADD COLUMN reasoning_ms REAL;`,
};
