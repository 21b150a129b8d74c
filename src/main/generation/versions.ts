// Moving between versions: the branch through a chosen message becomes the one shown (the rest of
// it as the user last saw it), either by naming the message (a search hit on another branch) or
// by stepping to the previous or next sibling of a message on the shown branch; the answers of a
// comparison read together, and one of them chosen to go on with (its model becomes the conversation's).
import { ChatFailure, chatError } from '../../shared/chat-error';
import type { ConversationId, MessageId } from '../../shared/ids';
import type { Message } from '../../shared/domain';
import { setConversationModel } from '../db/history/conversations-repo';
import { answersTo, getMessage, showBranchThrough, versionsOf } from '../db/history/messages-repo';
import type { Db } from '../db/db';
import { generationWords } from '../../shared/words/generation-words';

const notHere = () => new ChatFailure(chatError('not_found', generationWords.say('notInConversation')));

/** Shows the branch passing through `messageId`; returns the leaf it ends at. */
export function showBranchOf(db: Db, conversationId: ConversationId, messageId: MessageId, now: number): MessageId {
  const message = getMessage(db, messageId);
  if (!message || message.conversationId !== conversationId) throw notHere();
  return showBranchThrough(db, conversationId, message.id, now);
}

/** Shows the previous or next version of `messageId` and the branch below it; returns the version shown. */
export function stepVersion(
  db: Db,
  conversationId: ConversationId,
  messageId: MessageId,
  direction: 'previous' | 'next',
  now: number,
): MessageId {
  const message = getMessage(db, messageId);
  if (!message || message.conversationId !== conversationId) throw notHere();
  const versions = versionsOf(db, message);
  const target = versions[versions.indexOf(message.id) + (direction === 'next' ? 1 : -1)];
  if (target === undefined) {
    throw new ChatFailure(
      chatError('invalid_input', generationWords.say(direction === 'next' ? 'newestVersion' : 'firstVersion')),
    );
  }
  showBranchThrough(db, conversationId, target, now);
  return target;
}

/** Every answer to the user message `questionId` (its versions), oldest first. */
export function answersOf(db: Db, conversationId: ConversationId, questionId: MessageId): Message[] {
  const question = getMessage(db, questionId);
  if (!question || question.conversationId !== conversationId) throw notHere();
  if (question.role !== 'user')
    throw new ChatFailure(chatError('invalid_input', generationWords.say('onlyQuestionAnswers')));
  return answersTo(db, conversationId, question.id);
}

/**
 * "Continue with this": the branch through the answer `answerId` becomes the one shown, and the
 * model that wrote it becomes the conversation's, so the conversation goes on with it.
 */
export function continueWith(db: Db, conversationId: ConversationId, answerId: MessageId, now: number): void {
  const answer = getMessage(db, answerId);
  if (!answer || answer.conversationId !== conversationId) throw notHere();
  if (answer.role !== 'assistant')
    throw new ChatFailure(chatError('invalid_input', generationWords.say('onlyAnswerContinues')));
  db.transaction(() => {
    showBranchThrough(db, conversationId, answer.id, now);
    if (answer.backendId && answer.model) setConversationModel(db, conversationId, answer.backendId, answer.model, now);
  })();
}
