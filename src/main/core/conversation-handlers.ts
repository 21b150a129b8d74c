// The contract's conversation channels: the sidebar's pages, rename, pin, delete with undo, a
// conversation's branch (synced with an answer still streaming in it), versions, and search.
import { ChatFailure, chatError } from '../../shared/chat-error';
import type { ConversationListItem } from '../../shared/domain';
import { asConversationId, asMessageId, type ConversationId } from '../../shared/ids';
import type { EventPayloads, RequestHandlers } from '../../shared/ipc/contract';
import type { Db } from '../db/db';
import {
  getConversation,
  listConversationPage,
  renameConversation,
  setConversationPinned,
} from '../db/history/conversations-repo';
import { activeBranch, activeBranchTail } from '../db/history/messages-repo';
import { searchMessages } from '../db/search/search-repo';
import type { Generations } from '../generation/generations';
import { answersOf, continueWith, showBranchOf, stepVersion } from '../generation/versions';
import type { UndoableDeletes } from './undoable-deletes';
import { appWords } from '../../shared/words/app-words';
import { conversationGone } from '../db/history/conversation-gone';

type Channel =
  | 'conversations:list'
  | 'conversations:summary'
  | 'conversations:rename'
  | 'conversations:pin'
  | 'conversations:restore'
  | 'conversations:delete'
  | 'conversations:get'
  | 'conversations:select-version'
  | 'conversations:answers'
  | 'conversations:continue-with'
  | 'search:messages';

export interface ConversationDeps {
  db: Db;
  generations: Pick<Generations, 'sync'>;
  deletes: UndoableDeletes;
  changed(payload: EventPayloads['conversations:changed']): void;
}

/** A conversation as listed; a missing or deleted one is an error. */
export function listedConversation(db: Db, id: string): ConversationListItem {
  const conversation = getConversation(db, asConversationId(id));
  if (!conversation) throw conversationGone();
  return conversation;
}

export function conversationHandlers({
  db,
  generations,
  deletes,
  changed,
}: ConversationDeps): RequestHandlers<Channel> {
  const listed = (id: string) => listedConversation(db, id);
  const listOnly = (id: ConversationId) => changed({ conversationId: id, listOnly: true });

  const handlers: RequestHandlers<Channel> = {
    'conversations:list': async ({ after, limit }) =>
      listConversationPage(db, { after: after && { ...after, id: asConversationId(after.id) }, limit }),
    'conversations:summary': async ({ id }) => getConversation(db, asConversationId(id)),
    'conversations:rename': async ({ id, title }) => {
      const clean = title.replace(/\s+/g, ' ').trim();
      if (!clean) throw new ChatFailure(chatError('invalid_input', appWords.say('titleEmpty')));
      if (!renameConversation(db, asConversationId(id), clean)) listed(id);
      listOnly(asConversationId(id));
      return listed(id);
    },
    'conversations:pin': async ({ id, pinned }) => {
      if (!setConversationPinned(db, asConversationId(id), pinned)) listed(id);
      listOnly(asConversationId(id));
      return listed(id);
    },
    'conversations:restore': async ({ id }) => {
      if (!deletes.restore(asConversationId(id))) {
        throw new ChatFailure(chatError('not_found', appWords.say('deletedForGood')));
      }
      changed({ conversationId: asConversationId(id) });
      return listed(id);
    },
    // Undoable for a while; a generation still running in it goes on until the purge cancels it.
    'conversations:delete': async ({ id }) => {
      if (deletes.delete(asConversationId(id), Date.now())) changed({ conversationId: asConversationId(id) });
      return { undoMs: deletes.undoMs };
    },
    'conversations:get': async ({ id, through, tail }) => {
      const conversation = getConversation(db, asConversationId(id));
      if (!conversation) throw conversationGone();
      if (through) showBranchOf(db, conversation.id, asMessageId(through), Date.now());
      const read = () =>
        tail === undefined
          ? { messages: activeBranch(db, conversation.id), earlier: false }
          : activeBranchTail(db, conversation.id, tail);
      const branch = read();
      // A streaming answer (the branch's last message, so in any tail) writes what it has sent;
      // the branch is read again only then.
      const synced = generations.sync(branch.messages.map((m) => m.id));
      return { conversation, ...(synced ? read() : branch) };
    },
    'conversations:select-version': async ({ id, messageId, direction }) => {
      stepVersion(db, listed(id).id, asMessageId(messageId), direction, Date.now());
      return handlers['conversations:get']({ id });
    },
    'conversations:answers': async ({ id, messageId }) => {
      const conversation = listed(id).id;
      const read = () => answersOf(db, conversation, asMessageId(messageId));
      const answers = read();
      // Answers still streaming write what they have sent first, as for a branch.
      return generations.sync(answers.map((m) => m.id)) ? read() : answers;
    },
    'conversations:continue-with': async ({ id, messageId }) => {
      continueWith(db, listed(id).id, asMessageId(messageId), Date.now());
      changed({ conversationId: asConversationId(id) });
      return handlers['conversations:get']({ id });
    },
    'search:messages': async ({ query, before, limit }) => searchMessages(db, query, { before, limit }),
  };
  return handlers;
}
