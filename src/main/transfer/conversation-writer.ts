// Stores imported conversations, idempotently: a conversation already here gains only the messages
// it lacks (a later export's new branches) with their files and tool calls, and one whose ids
// collide with another conversation's (or a tool call's with another message's) is refused whole,
// before anything of it is written. The rows go in through the repositories'
// stored-row writers, which keep the imported ids and times.
import { insertAttachmentFile } from '../db/history/attachments-repo';
import { insertStoredConversation, pointImportedLeaf, storedConversation } from '../db/history/conversations-repo';
import { conversationOfMessage, insertStoredMessage } from '../db/history/messages-repo';
import { insertStoredToolCall, toolCallOwner } from '../db/history/tool-calls-repo';
import type { Db } from '../db/db';
import { perDatabase } from '../db/statement-cache';
import type { ImportedConversation, ImportedMessage } from './imported-conversation';
import { transferWords } from '../../shared/words/transfer-words';
import { WordsError } from './words-error';
import type { Spoken } from '../../shared/words/define-words';

export type WriteOutcome = { kind: 'added' | 'updated' | 'unchanged'; messages: number };

export class ImportConflictError extends WordsError {
  constructor(words: Spoken) {
    super(words);
    this.name = 'ImportConflictError';
  }
}

function write(db: Db, conv: ImportedConversation): WriteOutcome {
  const exists = storedConversation(db, conv.id) !== null;
  const fresh: ImportedMessage[] = [];
  for (const m of conv.messages) {
    const owner = conversationOfMessage(db, m.id);
    if (owner === null) fresh.push(m);
    else if (owner !== conv.id) {
      throw new ImportConflictError(transferWords.say('messageElsewhere', { id: m.id }));
    }
  }
  // A message not here yet has no call here yet: a call id that is here belongs to another message.
  for (const call of fresh.flatMap((m) => m.toolCalls ?? [])) {
    if (toolCallOwner(db, call.id) !== null) {
      throw new ImportConflictError(transferWords.say('callElsewhere', { id: call.id }));
    }
  }
  if (exists && fresh.length === 0) return { kind: 'unchanged', messages: 0 };
  if (!exists) insertStoredConversation(db, conv);
  for (const m of fresh) {
    insertStoredMessage(db, { ...m, conversationId: conv.id });
    m.attachments.forEach((a, position) => insertAttachmentFile(db, m.id, position, a));
    for (const call of m.toolCalls ?? []) insertStoredToolCall(db, { ...call, messageId: m.id });
  }
  pointImportedLeaf(db, conv.id, conv.activeLeafId, conv.updatedAt);
  return { kind: exists ? 'updated' : 'added', messages: fresh.length };
}

const guardedWriter = perDatabase((db) => db.transaction((conv: ImportedConversation) => write(db, conv)));

/**
 * Writes one conversation inside the caller's transaction. Its ids are checked before anything is
 * written (a collision throws ImportConflictError with nothing written); a row the database
 * refuses later throws with part of it written, so the caller rolls back its transaction. Fast:
 * no savepoint.
 */
export function writeConversationUnguarded(db: Db, conversation: ImportedConversation): WriteOutcome {
  return write(db, conversation);
}

/** Writes one conversation as its own savepoint: whatever fails, nothing of it stays. Slower. */
export function writeConversation(db: Db, conversation: ImportedConversation): WriteOutcome {
  return guardedWriter(db)(conversation);
}

/** Runs `work` in one transaction: the unit an import commits between pauses. */
export function inTransaction<T>(db: Db, work: () => T): T {
  return db.transaction(work)();
}
