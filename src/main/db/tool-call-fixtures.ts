// Test support: a conversation with a question and an answer left streaming, as the tool loop has
// them while its calls run, and calls stored under that answer with every field filled. Not
// imported by app code.
import type { Message } from '../../shared/domain';
import type { ConversationId, MessageId } from '../../shared/ids';
import { createConversation } from './history/conversations-repo';
import { insertMessage } from './history/messages-repo';
import { insertToolCall, type NewToolCall, type StoredToolCall } from './history/tool-calls-repo';
import type { Db } from './db';

/** A new conversation holding `question` (at `now`) and an answer to it still streaming (at `now + 1`). */
export function questionAndAnswer(
  db: Db,
  question: string,
  now = 1,
): { conversationId: ConversationId; question: Message; answer: Message } {
  const conversation = createConversation(db, { title: 'T', backendId: null, model: 'm', now });
  const base = { conversationId: conversation.id, backendId: null, model: 'm', params: {} };
  const asked = insertMessage(db, { ...base, parentId: null, role: 'user', content: question, status: 'done', now });
  const answer = insertMessage(db, {
    ...base,
    parentId: asked.id,
    role: 'assistant',
    content: '',
    status: 'streaming',
    now: now + 1,
  });
  return { conversationId: conversation.id, question: asked, answer };
}

/** Stores a call of `messageId` (waiting for the user unless said otherwise), named after its round and index. */
export function storeCall(
  db: Db,
  messageId: MessageId,
  call: Partial<NewToolCall> & Pick<NewToolCall, 'round' | 'index'>,
  now = 1,
): StoredToolCall {
  const { round, index } = call;
  return insertToolCall(
    db,
    {
      messageId,
      position: 0,
      wireId: `call_${round}_${index}`,
      wireName: `weather__lookup_${round}_${index}`,
      serverId: 's1',
      serverName: 'weather',
      toolName: 'lookup',
      description: '',
      readOnly: true,
      destructive: false,
      arguments: `{"city":"Paris","n":${round}${index}}`,
      status: 'awaiting-approval',
      ...call,
    },
    now,
  );
}
