// The rows of a turn, stored before its request opens: a new user message and its answer, a new
// version of an answer (regenerate) or of a user message (edit: a new branch), both kept as
// siblings, or a cut answer reopened in place (continue). Each gives back the row to stream into.
import { ChatFailure, chatError } from '../../shared/chat-error';
import {
  canContinue,
  continuableKinds,
  type ConversationSettings,
  type GenerationParams,
  type Message,
} from '../../shared/domain';
import type { BackendId, ConversationId, MessageId } from '../../shared/ids';
import type { ToolChoice } from '../../shared/tool-choice';
import { attachmentsFor, insertAttachments } from '../db/history/attachments-repo';
import { setConversationSettings } from '../db/history/conversation-settings-repo';
import { setToolChoice } from '../db/history/conversation-tools-repo';
import { createConversation, setConversationModel, touchConversation } from '../db/history/conversations-repo';
import {
  activeBranch,
  getMessage,
  hasReplies,
  insertMessage,
  pathTo,
  resumeMessage,
  showBranchThrough,
  markSentWithoutTools,
} from '../db/history/messages-repo';
import { toolCallsOf } from '../db/history/tool-calls-repo';
import type { Db } from '../db/db';
import type { BackendTarget, ChatTurn } from '../providers/types';
import type { StagedFile } from './attachment-staging';
import { flatten, historyFor, paramsFor, type RequestHistory } from './request-turns';
import { titleFrom } from './title-from';
import { generationWords } from '../../shared/words/generation-words';
import type { Spoken } from '../../shared/words/define-words';

/** Who writes the answer, and with which parameters. */
export interface AnswerSource {
  backendId: BackendId;
  target: BackendTarget;
  model: string;
  /** This request's own parameters; they win over the conversation's. */
  params: GenerationParams;
  /** Trim and retry: leave out more of the oldest history than the count says is needed. */
  trim?: boolean;
  /** The backend's defaults, used where the conversation sets nothing. */
  backendParams?: GenerationParams;
  /** Offer no tools in this turn ("Send without tools" after a server refused them). */
  withoutTools?: boolean;
}

export interface StartRequest extends AnswerSource {
  conversationId: ConversationId | null;
  content: string;
  /** Files staged for this message (checked already); stored with it and sent with every later turn. */
  attachments?: StagedFile[];
  /** The settings a new conversation starts with (ignored for an existing one). */
  settings?: ConversationSettings;
  /** The tools a new conversation offers (ignored for an existing one); none given: all of them. */
  tools?: ToolChoice;
}

export interface RegenerateRequest extends AnswerSource {
  answerId: MessageId;
}

export interface EditRequest extends AnswerSource {
  messageId: MessageId;
  content: string;
}

/** Continue resumes with the backend and model that wrote the answer; the caller resolves them. */
export interface ContinueRequest extends AnswerSource {
  answerId: MessageId;
}

/** A turn as stored: the answer row left `streaming`, and what its request sends. */
export interface StoredTurn {
  conversationId: ConversationId;
  /** The user message the answer replies to. */
  userMessageId: MessageId;
  answer: Message;
  params: GenerationParams;
  turns: ChatTurn[];
  /** The same turns message by message, for the context step to choose from. */
  history: RequestHistory;
  /** Set when continuing: the answer as it was, whose text the stream extends and whose metrics it adds to. */
  resumed?: Message;
}

/** The columns every row of one turn shares. */
interface RowBase {
  conversationId: ConversationId;
  backendId: BackendId;
  model: string;
  params: GenerationParams;
  now: number;
}

const refuse = (words: Spoken) => new ChatFailure(chatError('invalid_input', words));
const gone = (what: 'answer' | 'message') =>
  new ChatFailure(chatError('not_found', generationWords.say(what === 'answer' ? 'answerGone' : 'messageGone')));

const insertQuestion = (db: Db, base: RowBase, parentId: MessageId | null, content: string) =>
  insertMessage(db, { ...base, parentId, role: 'user', content, status: 'done' });

/** The answer row; one sent without tools remembers it, so Continue goes on without them too. */
function insertAnswer(db: Db, base: RowBase, parentId: MessageId, withoutTools = false): Message {
  const answer = insertMessage(db, { ...base, parentId, role: 'assistant', content: '', status: 'streaming' });
  if (withoutTools) markSentWithoutTools(db, answer.id);
  return answer;
}

/** What a store's transaction wrote: the answer row, and the messages its request sends (question last). */
interface Rows {
  base: RowBase;
  userMessageId: MessageId;
  answer: Message;
  sent: Message[];
}

/** The turns are read once the transaction has committed, so it holds the write lock no longer than it must. */
function withTurns(db: Db, { base, userMessageId, answer, sent }: Rows): StoredTurn {
  const history = historyFor(db, base.conversationId, sent);
  return {
    conversationId: base.conversationId,
    userMessageId,
    answer,
    params: base.params,
    turns: flatten(history),
    history,
  };
}

function rowBase(db: Db, conversationId: ConversationId, source: AnswerSource, now: number): RowBase {
  const params = paramsFor(db, conversationId, source);
  return { conversationId, backendId: source.backendId, model: source.model, params, now };
}

/** A new user message at the end of the shown branch (or of a new conversation) and its answer. */
export function storeNewMessage(db: Db, req: StartRequest, now: number): StoredTurn {
  const stored = db.transaction(() => {
    let conversation = req.conversationId;
    if (conversation === null) {
      const title = titleFrom(req.content || (req.attachments?.[0]?.name ?? ''));
      conversation = createConversation(db, { title, backendId: req.backendId, model: req.model, now }).id;
      if (req.settings) setConversationSettings(db, conversation, req.settings);
      if (req.tools?.length) setToolChoice(db, conversation, req.tools);
    } else {
      setConversationModel(db, conversation, req.backendId, req.model, now);
    }
    const history = activeBranch(db, conversation);
    const base = rowBase(db, conversation, req, now);
    const user = insertQuestion(db, base, history.at(-1)?.id ?? null, req.content);
    if (req.attachments?.length) insertAttachments(db, user.id, req.attachments, now);
    const answer = insertAnswer(db, base, user.id, req.withoutTools);
    return { base, userMessageId: user.id, answer, sent: [...history, user] };
  })();
  return withTurns(db, stored);
}

/**
 * A new user message answered by several models at once (a comparison): the first source's answer
 * as with a single model, then one sibling answer per other source, each with its own parameters.
 * The first answer stays the one shown; the others are its versions.
 */
export function storeComparison(db: Db, req: StartRequest, others: readonly AnswerSource[], now: number): StoredTurn[] {
  const first = storeNewMessage(db, req, now);
  const { conversationId, userMessageId } = first;
  const rest = db.transaction(() => {
    const rows = others.map((source) => {
      const base = rowBase(db, conversationId, source, now);
      return { params: base.params, answer: insertAnswer(db, base, userMessageId) };
    });
    showBranchThrough(db, conversationId, first.answer.id, now);
    return rows;
  })();
  return [
    first,
    ...rest.map(({ params, answer }) => ({
      conversationId,
      userMessageId,
      answer,
      params,
      turns: [...first.turns],
      history: first.history,
    })),
  ];
}

/** A new version of an answer: a sibling under the same user message, streamed from the history above it. */
export function storeRegenerate(db: Db, req: RegenerateRequest, now: number): StoredTurn {
  const old = getMessage(db, req.answerId);
  if (!old) throw gone('answer');
  if (old.role !== 'assistant') throw refuse(generationWords.say('onlyAnswerRegenerates'));
  const question = old.parentId === null ? null : getMessage(db, old.parentId);
  if (!question || question.role !== 'user') throw refuse(generationWords.say('noQuestion'));
  const stored = db.transaction(() => {
    setConversationModel(db, old.conversationId, req.backendId, req.model, now);
    const base = rowBase(db, old.conversationId, req, now);
    const answer = insertAnswer(db, base, question.id, req.withoutTools);
    return { base, userMessageId: question.id, answer, sent: pathTo(db, question.id) };
  })();
  return withTurns(db, stored);
}

/** A new version of a user message (its files kept) and an answer to it: a new branch from its parent. */
export function storeEdit(db: Db, req: EditRequest, now: number): StoredTurn {
  const old = getMessage(db, req.messageId);
  if (!old) throw gone('message');
  if (old.role !== 'user') throw refuse(generationWords.say('onlyOwnEdited'));
  const stored = db.transaction(() => {
    setConversationModel(db, old.conversationId, req.backendId, req.model, now);
    const base = rowBase(db, old.conversationId, req, now);
    const user = insertQuestion(db, base, old.parentId, req.content);
    const files = attachmentsFor(db, [old.id]).get(old.id) ?? [];
    if (files.length) {
      insertAttachments(
        db,
        user.id,
        files.map(({ name, mime, kind, data }) => ({ name, mime, kind, data })),
        now,
      );
    }
    const answer = insertAnswer(db, base, user.id, req.withoutTools);
    const history = old.parentId === null ? [] : pathTo(db, old.parentId);
    return { base, userMessageId: user.id, answer, sent: [...history, user] };
  })();
  return withTurns(db, stored);
}

/**
 * Reopens a cut answer in place: the request ends with the partial answer as the assistant's own
 * turn (a prefill), and what the model adds is appended to the same row. `live` says whether this
 * process is still writing it, which only the caller knows.
 */
export function storeContinue(db: Db, req: ContinueRequest, now: number, live: boolean): StoredTurn {
  const answer = getMessage(db, req.answerId);
  if (!answer) throw gone('answer');
  if (live) throw refuse(generationWords.say('stillWriting'));
  if (!canContinue({ ...answer, toolCalls: toolCallsOf(db, answer.id) })) {
    throw refuse(generationWords.say('onlyCutOff'));
  }
  if (answer.parentId === null || hasReplies(db, answer.id)) {
    throw refuse(generationWords.say('onlyLastOfBranch'));
  }
  if (!continuableKinds.includes(req.target.kind)) {
    throw refuse(generationWords.say('cannotResume', { kind: req.target.kind }));
  }
  const question = answer.parentId;
  const history = db.transaction(() => {
    if (!resumeMessage(db, answer.id, now)) throw refuse(generationWords.say('stillWriting'));
    showBranchThrough(db, answer.conversationId, answer.id, now);
    touchConversation(db, answer.conversationId, now);
    return pathTo(db, question);
  })();
  // The answer itself goes last: its earlier tool rounds as they were, then its text since (the prefill).
  const sent = historyFor(db, answer.conversationId, [...history, answer]);
  return {
    conversationId: answer.conversationId,
    userMessageId: question,
    answer,
    params: paramsFor(db, answer.conversationId, req),
    turns: flatten(sent),
    history: sent,
    resumed: answer,
  };
}
