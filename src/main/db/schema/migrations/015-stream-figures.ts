// Schema step 15: the rest of an answer's figures, so a comparison reads the same after a reload:
// the whole request's time, and the transport and HTTP version its stream came over. Rows from
// before stay NULL: not measured.
import type { Migration } from './migration';

export const streamFigures: Migration = {
  version: 15,
  name: 'stream-figures',
  up: `
    ALTER TABLE messages ADD COLUMN total_ms REAL;
    ALTER TABLE messages ADD COLUMN transport TEXT;
    ALTER TABLE messages ADD COLUMN http_version TEXT;
  `,
};
