// Starts, runs and cancels generations: a new answer to a new message, a new version of an answer
// (regenerate) or of a user message (edit: a new branch), and a cut answer resumed in place
// (continue). Rows are stored before the stream opens; then `decode(adapter, openFrameBatches(plan,
// signal))` feeds a coalescing emitter for the renderer and a batched writer for SQLite, and the
// end is recorded. Partial text is never lost, and a continued answer only ever grows.
import { ChatFailure, chatError, toChatError, type ChatError } from '../../shared/chat-error';
import {
  canContinue,
  continuableKinds,
  type BackendKind,
  type ConversationSettings,
  type GenerationEventPayload,
  type GenerationParams,
  type Message,
  type MessageMetrics,
} from '../../shared/domain';
import type { BackendId, ConversationId, MessageId } from '../../shared/ids';
import type { Db } from '../db/open-database';
import { attachmentsFor, insertAttachments } from '../db/attachments-repo';
import { setConversationSettings } from '../db/conversation-settings-repo';
import { createConversation, setConversationModel, touchConversation } from '../db/conversations-repo';
import {
  activeBranch,
  appendMessageText,
  finishMessage,
  getMessage,
  hasReplies,
  insertMessage,
  moveContentToReasoning,
  pathTo,
  resumeMessage,
  showBranchThrough,
} from '../db/messages-repo';
import { decode } from '../providers/decode';
import { withConnection } from '../providers/request-parts';
import type { BackendTarget, ChatTurn, ProviderAdapter } from '../providers/types';
import type { OpenFrameBatches } from '../transports/open-stream';
import type { TransportLimits } from '../transports/types';
import type { StagedFile } from './attachment-staging';
import { assertImagesAccepted } from './attachment-turns';
import { BatchedTextWriter } from './batched-text-writer';
import { continuedMetrics } from './continued-metrics';
import { EventCoalescer } from './event-coalescer';
import { MetricsClock } from './metrics-clock';
import { paramsFor, turnsFor } from './request-turns';
import { retryDelay, sleep } from './retry-policy';
import { titleFrom } from './title-from';

export interface GenerationDeps {
  db: Db;
  adapters: Record<BackendKind, ProviderAdapter>;
  openFrameBatches: OpenFrameBatches;
  limits: TransportLimits;
  emit: (payload: GenerationEventPayload) => void;
  /** Conversation list changed (a new conversation, a title, an order). */
  onConversationChanged: (id: ConversationId) => void;
  /** About one animation frame. */
  emitIntervalMs?: number;
  /** Between SQLite writes while streaming. */
  persistIntervalMs?: number;
  now?: () => number;
}

/** Who writes the answer, and with which parameters. */
export interface AnswerSource {
  backendId: BackendId;
  target: BackendTarget;
  model: string;
  /** This request's own parameters; they win over the conversation's. */
  params: GenerationParams;
  /** The backend's defaults, used where the conversation sets nothing. */
  backendParams?: GenerationParams;
}

export interface StartRequest extends AnswerSource {
  conversationId: ConversationId | null;
  content: string;
  /** Files staged for this message (checked already); stored with it and sent with every later turn. */
  attachments?: StagedFile[];
  /** The settings a new conversation starts with (ignored for an existing one). */
  settings?: ConversationSettings;
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

export interface Started {
  conversationId: ConversationId;
  userMessageId: MessageId;
  assistantMessageId: MessageId;
}

type Outcome = { status: 'done' | 'cancelled' } | { status: 'error'; error: ChatError };

interface Live {
  controller: AbortController;
  /** Emits what is pending and writes it, so the database holds exactly what was sent. */
  sync(): void;
}

/** One stream into one answer row. */
interface RunSpec {
  answer: Message;
  target: BackendTarget;
  model: string;
  params: GenerationParams;
  turns: ChatTurn[];
  /** Set when continuing: the answer as it was, whose text the stream extends and whose metrics it adds to. */
  resumed?: Message;
}

const refuse = (message: string) => new ChatFailure(chatError('invalid_input', message));
const gone = (what: string) => new ChatFailure(chatError('not_found', `That ${what} no longer exists`));

export class Generations {
  private readonly active = new Map<MessageId, Live>();
  private readonly running = new Set<Promise<void>>();
  private readonly now: () => number;

  constructor(private readonly deps: GenerationDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** A new user message at the end of the shown branch (or of a new conversation) and its answer. */
  start(req: StartRequest): Started {
    const { db } = this.deps;
    const now = this.now();
    const stored = db.transaction(() => {
      let conversation = req.conversationId;
      if (conversation === null) {
        const title = titleFrom(req.content || (req.attachments?.[0]?.name ?? ''));
        conversation = createConversation(db, { title, backendId: req.backendId, model: req.model, now }).id;
        if (req.settings) setConversationSettings(db, conversation, req.settings);
      } else {
        setConversationModel(db, conversation, req.backendId, req.model, now);
      }
      const history = activeBranch(db, conversation);
      const params = paramsFor(db, conversation, req);
      const base = { conversationId: conversation, backendId: req.backendId, model: req.model, params, now };
      const user = insertMessage(db, {
        ...base,
        parentId: history.at(-1)?.id ?? null,
        role: 'user',
        content: req.content,
        status: 'done',
      });
      if (req.attachments?.length) insertAttachments(db, user.id, req.attachments, now);
      const answer = insertMessage(db, {
        ...base,
        parentId: user.id,
        role: 'assistant',
        content: '',
        status: 'streaming',
      });
      return { conversation, history, user, answer, params };
    })();
    this.deps.onConversationChanged(stored.conversation);
    this.launch({
      answer: stored.answer,
      target: req.target,
      model: req.model,
      params: stored.params,
      turns: turnsFor(db, stored.conversation, [...stored.history, stored.user]),
    });
    return { conversationId: stored.conversation, userMessageId: stored.user.id, assistantMessageId: stored.answer.id };
  }

  /** A new version of an answer: a sibling under the same user message, streamed from the history above it. */
  regenerate(req: RegenerateRequest): Started {
    const { db } = this.deps;
    const old = getMessage(db, req.answerId);
    if (!old) throw gone('answer');
    if (old.role !== 'assistant') throw refuse('Only an answer can be regenerated');
    const question = old.parentId === null ? null : getMessage(db, old.parentId);
    if (!question || question.role !== 'user') throw refuse('This answer has no question to answer again');
    const now = this.now();
    const stored = db.transaction(() => {
      setConversationModel(db, old.conversationId, req.backendId, req.model, now);
      const params = paramsFor(db, old.conversationId, req);
      const answer = insertMessage(db, {
        conversationId: old.conversationId,
        parentId: question.id,
        role: 'assistant',
        content: '',
        status: 'streaming',
        backendId: req.backendId,
        model: req.model,
        params,
        now,
      });
      return { answer, params, history: pathTo(db, question.id) };
    })();
    this.deps.onConversationChanged(old.conversationId);
    this.launch({
      answer: stored.answer,
      target: req.target,
      model: req.model,
      params: stored.params,
      turns: turnsFor(db, old.conversationId, stored.history),
    });
    return { conversationId: old.conversationId, userMessageId: question.id, assistantMessageId: stored.answer.id };
  }

  /** A new version of a user message (its files kept) and an answer to it: a new branch from its parent. */
  edit(req: EditRequest): Started {
    const { db } = this.deps;
    const old = getMessage(db, req.messageId);
    if (!old) throw gone('message');
    if (old.role !== 'user') throw refuse('Only your own messages can be edited');
    const now = this.now();
    const stored = db.transaction(() => {
      setConversationModel(db, old.conversationId, req.backendId, req.model, now);
      const params = paramsFor(db, old.conversationId, req);
      const base = { conversationId: old.conversationId, backendId: req.backendId, model: req.model, params, now };
      const user = insertMessage(db, {
        ...base,
        parentId: old.parentId,
        role: 'user',
        content: req.content,
        status: 'done',
      });
      const files = attachmentsFor(db, [old.id]).get(old.id) ?? [];
      if (files.length) {
        insertAttachments(
          db,
          user.id,
          files.map(({ name, mime, kind, data }) => ({ name, mime, kind, data })),
          now,
        );
      }
      const answer = insertMessage(db, {
        ...base,
        parentId: user.id,
        role: 'assistant',
        content: '',
        status: 'streaming',
      });
      const history = old.parentId === null ? [] : pathTo(db, old.parentId);
      return { user, answer, params, history };
    })();
    this.deps.onConversationChanged(old.conversationId);
    this.launch({
      answer: stored.answer,
      target: req.target,
      model: req.model,
      params: stored.params,
      turns: turnsFor(db, old.conversationId, [...stored.history, stored.user]),
    });
    return { conversationId: old.conversationId, userMessageId: stored.user.id, assistantMessageId: stored.answer.id };
  }

  /**
   * Resumes a cut answer from its text: the request ends with the partial answer as the assistant's
   * own turn (a prefill), and what the model adds is appended to the same row.
   */
  continueAnswer(req: ContinueRequest): { conversationId: ConversationId; assistantMessageId: MessageId } {
    const { db } = this.deps;
    const answer = getMessage(db, req.answerId);
    if (!answer) throw gone('answer');
    if (this.active.has(answer.id)) throw refuse('This answer is still being written');
    if (!canContinue(answer)) {
      throw refuse(
        'Only an answer that was cut off (stopped, interrupted, failed or at its length limit) can be continued',
      );
    }
    if (answer.parentId === null || hasReplies(db, answer.id)) {
      throw refuse('Only the last answer of a branch can be continued');
    }
    if (!continuableKinds.includes(req.target.kind)) {
      throw refuse(`A ${req.target.kind} backend cannot resume an answer from its text; use Regenerate instead`);
    }
    const now = this.now();
    const history = db.transaction(() => {
      if (!resumeMessage(db, answer.id, now)) throw refuse('This answer is still being written');
      showBranchThrough(db, answer.conversationId, answer.id, now);
      touchConversation(db, answer.conversationId, now);
      return pathTo(db, answer.parentId as MessageId);
    })();
    this.deps.onConversationChanged(answer.conversationId);
    const turns = [
      ...turnsFor(db, answer.conversationId, history),
      { role: 'assistant' as const, content: answer.content },
    ];
    this.launch({
      answer,
      target: req.target,
      model: req.model,
      params: paramsFor(db, answer.conversationId, req),
      turns,
      resumed: answer,
    });
    return { conversationId: answer.conversationId, assistantMessageId: answer.id };
  }

  /** Aborts the upstream request; the answer keeps its text and ends `cancelled`. */
  cancel(messageId: MessageId): boolean {
    const live = this.active.get(messageId);
    live?.controller.abort();
    return live !== undefined;
  }

  /** Whether an answer is streaming in this process now. */
  isLive(messageId: MessageId): boolean {
    return this.active.has(messageId);
  }

  /**
   * Before a window reads a conversation that is still streaming: send what is pending and write
   * it, so the stored text is exactly the text already emitted and later deltas continue it.
   * Returns whether any of them was streaming (what was read before may be stale then).
   */
  sync(messageIds: Iterable<MessageId>): boolean {
    let synced = false;
    for (const id of messageIds) {
      const live = this.active.get(id);
      live?.sync();
      synced ||= live !== undefined;
    }
    return synced;
  }

  /** Stops every generation and waits until each has written its last batch. */
  async close(): Promise<void> {
    for (const live of this.active.values()) live.controller.abort();
    await Promise.allSettled([...this.running]);
  }

  private launch(spec: RunSpec): void {
    const run = this.run(spec).finally(() => {
      this.active.delete(spec.answer.id);
      this.running.delete(run);
    });
    this.running.add(run);
  }

  private async run(spec: RunSpec): Promise<void> {
    const { answer, target, model, params, turns, resumed } = spec;
    const { db, adapters, openFrameBatches, limits, emit } = this.deps;
    const ids = { conversationId: answer.conversationId, messageId: answer.id };
    const coalescer = new EventCoalescer(this.deps.emitIntervalMs ?? 16, (events) => emit({ ...ids, events }));
    const writer = new BatchedTextWriter(this.deps.persistIntervalMs ?? 300, (chunk) =>
      appendMessageText(db, answer.id, chunk, this.now()),
    );
    const controller = new AbortController();
    this.active.set(answer.id, {
      controller,
      sync: () => {
        coalescer.flush();
        writer.flush();
      },
    });
    // Every window learns the answer streams again from exactly the stored text; deltas follow it.
    if (resumed) coalescer.push({ type: 'resume', content: resumed.content, reasoning: resumed.reasoning });
    const metrics = new MetricsClock(performance.now());
    const malformed: string[] = [];
    let outcome: Outcome = { status: 'done' };

    const adapter = adapters[target.kind];
    const streamOnce = async () => {
      // Inside the try below: a plan the adapter refuses (an invalid request template) ends the
      // answer as an error instead of leaving it streaming.
      assertImagesAccepted(target.kind, turns);
      const plan = withConnection(adapter.plan({ model, messages: turns, params }, target), target);
      for await (const events of decode(adapter, openFrameBatches(plan, controller.signal, limits), target)) {
        for (const event of events) {
          if (event.type === 'text' || event.type === 'reasoning') {
            metrics.token(event.type);
            writer.add(event.type === 'text' ? 'content' : 'reasoning', event.text);
            coalescer.push({ type: event.type === 'text' ? 'delta' : 'reasoning', text: event.text });
          } else if (event.type === 'usage') {
            metrics.addUsage(event.usage);
            coalescer.push({ type: 'usage', usage: event.usage });
          } else if (event.type === 'finish') {
            metrics.finish(event.reason);
          } else if (event.type === 'reasoning-reclassify') {
            writer.flush();
            metrics.reclassify();
            moveContentToReasoning(db, answer.id, this.now());
            coalescer.push({ type: 'reasoning-reclassify' });
          } else if (event.type === 'malformed') {
            malformed.push(event.excerpt);
          } else if (event.type === 'tool-calls') {
            // Tools are not run yet; the calls are complete here for when they are.
          } else {
            outcome = { status: 'error', error: event.error };
          }
        }
      }
    };

    try {
      for (let attempt = 0; ; attempt++) {
        try {
          await streamOnce();
          break;
        } catch (err) {
          // Retried only while nothing has been shown, so no output is ever duplicated.
          const error = toChatError(err);
          const delayMs = controller.signal.aborted || metrics.hasTokens ? null : retryDelay(error, attempt);
          if (delayMs === null) throw err;
          coalescer.push({ type: 'retry', attempt: attempt + 1, delayMs, error });
          await sleep(delayMs, controller.signal);
        }
      }
      if (outcome.status === 'done' && controller.signal.aborted) outcome = { status: 'cancelled' };
      if (outcome.status === 'done' && malformed.length) {
        const what = malformed.length === 1 ? 'a frame' : `${malformed.length} frames`;
        outcome = {
          status: 'error',
          error: chatError('protocol', `The server sent ${what} that could not be read (skipped): ${malformed[0]}`),
        };
      }
    } catch (err) {
      const error = toChatError(err);
      outcome =
        controller.signal.aborted || error.code === 'cancelled' ? { status: 'cancelled' } : { status: 'error', error };
    }
    const measured = metrics.snapshot();
    this.settle(answer, outcome, resumed ? continuedMetrics(resumed.metrics, measured) : measured, writer, coalescer);
  }

  private settle(
    answer: Message,
    outcome: Outcome,
    metrics: MessageMetrics,
    writer: BatchedTextWriter,
    coalescer: EventCoalescer,
  ): void {
    const { db } = this.deps;
    const error = outcome.status === 'error' ? outcome.error : null;
    try {
      writer.flush();
      finishMessage(db, answer.id, { status: outcome.status, error, metrics }, this.now());
      touchConversation(db, answer.conversationId, this.now());
    } catch (err) {
      // The database may be closing under us at shutdown; the row stays `streaming` and is marked
      // `interrupted` on the next start, with every batch written so far.
      console.error('[runnel] could not record the end of a generation:', toChatError(err).message);
    }
    coalescer.push(
      error
        ? { type: 'error', error, metrics }
        : { type: 'done', status: outcome.status === 'cancelled' ? 'cancelled' : 'done', metrics },
    );
    this.deps.onConversationChanged(answer.conversationId);
  }
}
