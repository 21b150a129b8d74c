// What a request sends besides the model: the conversation as the model sees it (system prompt
// first, then the messages with their files) and the parameters, layered from backend to request.
import type { GenerationParams, Message } from '../../shared/domain';
import type { ConversationId } from '../../shared/ids';
import { getConversationSettings } from '../db/history/conversation-settings-repo';
import type { Db } from '../db/db';
import type { ChatTurn } from '../providers/types';
import { filesOf, withFiles } from './attachment-turns';

/** The backend's defaults, under the conversation's settings, under this request's own. */
export function paramsFor(
  db: Db,
  conversationId: ConversationId,
  source: { params: GenerationParams; backendParams?: GenerationParams },
): GenerationParams {
  const settings = getConversationSettings(db, conversationId);
  return { ...source.backendParams, ...settings?.params, ...source.params };
}

/** The conversation as the model sees it: its system prompt first, then the messages with their files. */
export function turnsFor(db: Db, conversationId: ConversationId, messages: Message[]): ChatTurn[] {
  const systemPrompt = getConversationSettings(db, conversationId)?.systemPrompt ?? '';
  const system: ChatTurn[] = systemPrompt.trim() ? [{ role: 'system', content: systemPrompt }] : [];
  return [...system, ...toTurns(db, messages)];
}

/** The messages as the model sees them: answers that produced no text are left out; files go with their message. */
function toTurns(db: Db, messages: Message[]): ChatTurn[] {
  const files = filesOf(db, messages);
  return messages
    .filter((m) => m.role !== 'assistant' || m.content.length > 0)
    .map((m) => withFiles({ role: m.role, content: m.content }, files.get(m.id)));
}
