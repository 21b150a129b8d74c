// Stores imported conversations, idempotently: a conversation already here gains only the messages
// it lacks (a later export's new branches), and one whose ids collide with another conversation's
// is refused whole, before anything of it is written. Statements are written against the tables directly (bulk
// inserts with the imported ids and times, which the repositories do not take); columns added by
// later schema steps are written where the database has them.
import type { Db } from '../db/open-database';
import { perDatabase } from '../db/statement-cache';
import type { ImportedConversation, ImportedMessage } from './imported-conversation';
import { tableColumns } from './table-columns';

export type WriteOutcome = { kind: 'added' | 'updated' | 'unchanged'; messages: number };

export class ImportConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportConflictError';
  }
}

type Value = string | number | bigint | Buffer | null;
type Columns<T> = Record<string, (row: T) => Value>;

const conversationColumns: Columns<ImportedConversation> = {
  id: (c) => c.id,
  title: (c) => c.title,
  backend_id: (c) => c.backendId,
  model: (c) => c.model,
  active_leaf_id: () => null,
  created_at: (c) => c.createdAt,
  updated_at: (c) => c.updatedAt,
  pinned: (c) => (c.pinned ? 1 : 0),
  system_prompt: (c) => c.systemPrompt,
  params_json: (c) => JSON.stringify(c.params),
};

const messageColumns: Columns<ImportedMessage & { conversationId: string }> = {
  id: (m) => m.id,
  conversation_id: (m) => m.conversationId,
  parent_id: (m) => m.parentId,
  role: (m) => m.role,
  content: (m) => m.content,
  reasoning: (m) => m.reasoning,
  status: (m) => m.status,
  error_json: (m) => (m.error === null ? null : JSON.stringify(m.error)),
  backend_id: (m) => m.backendId,
  model: (m) => m.model,
  params_json: (m) => JSON.stringify(m.params),
  ttft_ms: (m) => m.metrics.ttftMs,
  tokens_per_second: (m) => m.metrics.tokensPerSecond,
  prompt_tokens: (m) => m.metrics.promptTokens,
  completion_tokens: (m) => m.metrics.completionTokens,
  finish_reason: (m) => m.metrics.finishReason,
  created_at: (m) => m.createdAt,
  updated_at: (m) => m.updatedAt,
  active_at: (m) => m.activeAt,
  reasoning_ms: (m) => m.reasoningMs,
};

/** An INSERT of the listed columns the table has, and the values for one row in that order. */
function inserter<T>(db: Db, table: string, columns: Columns<T>, verb = 'INSERT') {
  const present = tableColumns(db, table);
  const used = Object.entries(columns).filter(([name]) => present.has(name));
  const statement = db.prepare(
    `${verb} INTO ${table} (${used.map(([n]) => n).join(', ')}) VALUES (${used.map(() => '?').join(', ')})`,
  );
  return (row: T) => statement.run(used.map(([, get]) => get(row)));
}

interface AttachmentRow {
  id: string;
  messageId: string;
  position: number;
  kind: string;
  name: string;
  mime: string;
  data: Buffer;
  createdAt: number;
}

const statements = perDatabase((db) => {
  const hasAttachments = tableColumns(db, 'attachments').size > 0;
  return {
    conversation: db.prepare<[string], { id: string }>('SELECT id FROM conversations WHERE id = ?'),
    owner: db.prepare<[string], { conversation_id: string }>('SELECT conversation_id FROM messages WHERE id = ?'),
    insertConversation: inserter(db, 'conversations', conversationColumns),
    insertMessage: inserter(db, 'messages', messageColumns),
    insertAttachment: hasAttachments
      ? inserter<AttachmentRow>(
          db,
          'attachments',
          {
            id: (a) => a.id,
            message_id: (a) => a.messageId,
            position: (a) => a.position,
            kind: (a) => a.kind,
            name: (a) => a.name,
            mime: (a) => a.mime,
            size: (a) => a.data.length,
            data: (a) => a.data,
            created_at: (a) => a.createdAt,
          },
          // An attachment id seen before belongs to a message already here.
          'INSERT OR IGNORE',
        )
      : null,
    setLeaf: db.prepare<{ id: string; leaf: string | null; updated_at: number }>(
      'UPDATE conversations SET active_leaf_id = @leaf, updated_at = MAX(updated_at, @updated_at) WHERE id = @id',
    ),
  };
});

const writer = perDatabase((db) => {
  const s = statements(db);
  return (conv: ImportedConversation): WriteOutcome => {
    const exists = s.conversation.get(conv.id) !== undefined;
    const fresh: ImportedMessage[] = [];
    for (const m of conv.messages) {
      const owner = s.owner.get(m.id)?.conversation_id;
      if (owner === undefined) fresh.push(m);
      else if (owner !== conv.id) {
        throw new ImportConflictError(`Message ${m.id} already belongs to another conversation here.`);
      }
    }
    if (exists && fresh.length === 0) return { kind: 'unchanged', messages: 0 };
    if (!exists) s.insertConversation(conv);
    for (const m of fresh) {
      s.insertMessage({ ...m, conversationId: conv.id });
      m.attachments.forEach((a, position) =>
        s.insertAttachment?.({ ...a, messageId: m.id, position, createdAt: a.createdAt }),
      );
    }
    s.setLeaf.run({ id: conv.id, leaf: conv.activeLeafId, updated_at: conv.updatedAt });
    return { kind: exists ? 'updated' : 'added', messages: fresh.length };
  };
});

const guardedWriter = perDatabase((db) => db.transaction(writer(db)));

/**
 * Writes one conversation inside the caller's transaction. Its ids are checked before anything is
 * written (a collision throws ImportConflictError with nothing written); a row the database
 * refuses later throws with part of it written, so the caller rolls back its transaction. Fast:
 * no savepoint.
 */
export function writeConversationUnguarded(db: Db, conversation: ImportedConversation): WriteOutcome {
  return writer(db)(conversation);
}

/** Writes one conversation as its own savepoint: whatever fails, nothing of it stays. Slower. */
export function writeConversation(db: Db, conversation: ImportedConversation): WriteOutcome {
  return guardedWriter(db)(conversation);
}

/** Runs `work` in one transaction: the unit an import commits between pauses. */
export function inTransaction<T>(db: Db, work: () => T): T {
  return db.transaction(work)();
}
