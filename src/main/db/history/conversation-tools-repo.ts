// A conversation's choice of tools (shared/tool-choice.ts): its exceptions to "every tool of every
// enabled server", one row each. No rows: everything is offered. Kept beside conversations-repo.ts.
import type { ToolChoice, ToolChoiceEntry } from '../../../shared/tool-choice';
import type { ConversationId } from '../../../shared/ids';
import type { Db } from '../db';
import { perDatabase } from '../statement-cache';

interface Row {
  server_id: string;
  tool_name: string;
  enabled: number;
}

const statements = perDatabase((db) => ({
  get: db.prepare<[string], Row>(
    'SELECT server_id, tool_name, enabled FROM conversation_tools WHERE conversation_id = ? ORDER BY server_id, tool_name',
  ),
  clear: db.prepare<[string]>('DELETE FROM conversation_tools WHERE conversation_id = ?'),
  // Only servers that exist: a choice naming a server removed meanwhile drops that entry.
  add: db.prepare<{ conversation: string; server: string; tool: string; enabled: number }>(
    `INSERT OR REPLACE INTO conversation_tools (conversation_id, server_id, tool_name, enabled)
     SELECT @conversation, id, @tool, @enabled FROM mcp_servers WHERE id = @server`,
  ),
  exists: db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM conversations WHERE id = ?'),
}));

const entryOf = (r: Row): ToolChoiceEntry => ({
  serverId: r.server_id,
  tool: r.tool_name === '' ? null : r.tool_name,
  on: r.enabled === 1,
});

export function getToolChoice(db: Db, id: ConversationId): ToolChoice {
  return statements(db).get.all(id).map(entryOf);
}

/** Replaces the conversation's choice; false when there is no such conversation. */
export function setToolChoice(db: Db, id: ConversationId, choice: ToolChoice): boolean {
  const s = statements(db);
  return db.transaction(() => {
    if (s.exists.get(id)!.n === 0) return false;
    s.clear.run(id);
    for (const e of choice) {
      s.add.run({ conversation: id, server: e.serverId, tool: e.tool ?? '', enabled: e.on ? 1 : 0 });
    }
    return true;
  })();
}
