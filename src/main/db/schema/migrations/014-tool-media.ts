// Schema step 14: what a tool round carries besides text. Images a tool returned are attachments
// like a user's files (bytes in the same table, fetched the same way), marked with the call they
// came from (`tool_call_id`; a user's own files have none) and under the answer that made the call.
// A round's provider blocks that must go back unchanged with its calls (Anthropic's signed
// `thinking` blocks before `tool_use`) are kept as JSON on the round's first call (`replay`).
import type { Migration } from './migration';

export const toolMedia: Migration = {
  version: 14,
  name: 'tool-media',
  up: `
    ALTER TABLE attachments ADD COLUMN tool_call_id TEXT REFERENCES tool_calls (id) ON DELETE CASCADE;
    CREATE INDEX attachments_by_tool_call ON attachments (tool_call_id) WHERE tool_call_id IS NOT NULL;
    ALTER TABLE tool_calls ADD COLUMN replay TEXT NOT NULL DEFAULT '';
  `,
};
