// Moving between versions: the branch through a chosen message becomes the one shown (the rest of
// it as the user last saw it), either by naming the message (a search hit on another branch) or
// by stepping to the previous or next sibling of a message on the shown branch.
import { ChatFailure, chatError } from '../../shared/chat-error';
import type { ConversationId, MessageId } from '../../shared/ids';
import { getMessage, showBranchThrough, versionsOf } from '../db/history/messages-repo';
import type { Db } from '../db/db';

const notHere = () => new ChatFailure(chatError('not_found', 'That message is no longer in this conversation'));

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
      chatError('invalid_input', direction === 'next' ? 'This is the newest version' : 'This is the first version'),
    );
  }
  showBranchThrough(db, conversationId, target, now);
  return target;
}
