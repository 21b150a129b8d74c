// Reads whole conversations for export: the conversation row, every message of every branch, the
// attachments' bytes and the answers' tool calls, as the repositories store them, put in the
// export format's records.
import type { ConversationId } from '../../shared/ids';
import { conversationAttachments } from '../db/history/attachments-repo';
import { storedConversation } from '../db/history/conversations-repo';
import { conversationMessages } from '../db/history/messages-repo';
import { conversationToolCalls } from '../db/history/tool-calls-repo';
import type { Db } from '../db/db';
import {
  runnelConversationRecord,
  runnelMessageRecord,
  type RunnelConversationRecord,
  type RunnelMessageRecord,
} from './runnel-format';
import { orderParentsFirst } from './tree-order';

/** One conversation with all its branches, as the export format records it; null when it is gone. */
export function conversationRecord(db: Db, id: ConversationId): RunnelConversationRecord | null {
  const conversation = storedConversation(db, id);
  if (!conversation) return null;
  const files = conversationAttachments(db, id);
  const calls = conversationToolCalls(db, id);
  const messages = conversationMessages(db, id).map((m) => runnelMessageRecord(m, files.get(m.id), calls.get(m.id)));
  return runnelConversationRecord(conversation, parentsFirstOrAsStored(messages));
}

/** Parents first, as the format promises; a damaged tree is exported as stored rather than lost. */
function parentsFirstOrAsStored(messages: RunnelMessageRecord[]): RunnelMessageRecord[] {
  try {
    return orderParentsFirst(messages);
  } catch {
    return messages;
  }
}
