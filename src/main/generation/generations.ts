// Starts, runs and cancels generations. The turn's rows are stored first (turn-rows.ts); then
// `decode(adapter, openFrameBatches(plan, signal))` feeds a coalescing emitter for the renderer and
// a batched writer for SQLite, and the end is recorded. Partial text is never lost, and a continued
// answer only ever grows.
import { toChatError, chatError, type ChatError } from '../../shared/chat-error';
import type {
  BackendKind,
  GenerationEventPayload,
  GenerationParams,
  Message,
  MessageMetrics,
} from '../../shared/domain';
import type { ConversationId, MessageId } from '../../shared/ids';
import type { Db } from '../db/open-database';
import { touchConversation } from '../db/conversations-repo';
import { appendMessageText, finishMessage, moveContentToReasoning } from '../db/messages-repo';
import { decode } from '../providers/decode';
import { withConnection } from '../providers/request-parts';
import type { BackendTarget, ChatTurn, ProviderAdapter } from '../providers/types';
import type { OpenFrameBatches } from '../transports/open-stream';
import type { TransportLimits } from '../transports/types';
import { assertImagesAccepted } from './attachment-turns';
import { BatchedTextWriter } from './batched-text-writer';
import { continuedMetrics } from './continued-metrics';
import { EventCoalescer } from './event-coalescer';
import { MetricsClock } from './metrics-clock';
import { retryDelay, sleep } from './retry-policy';
import {
  storeContinue,
  storeEdit,
  storeNewMessage,
  storeRegenerate,
  type AnswerSource,
  type ContinueRequest,
  type EditRequest,
  type RegenerateRequest,
  type StartRequest,
  type StoredTurn,
} from './turn-rows';

export type { AnswerSource, ContinueRequest, EditRequest, RegenerateRequest, StartRequest } from './turn-rows';

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

export class Generations {
  private readonly active = new Map<MessageId, Live>();
  private readonly running = new Set<Promise<void>>();
  private readonly now: () => number;

  constructor(private readonly deps: GenerationDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** A new user message at the end of the shown branch (or of a new conversation) and its answer. */
  start(req: StartRequest): Started {
    return this.begin(storeNewMessage(this.deps.db, req, this.now()), req);
  }

  /** A new version of an answer: a sibling under the same user message, streamed from the history above it. */
  regenerate(req: RegenerateRequest): Started {
    return this.begin(storeRegenerate(this.deps.db, req, this.now()), req);
  }

  /** A new version of a user message (its files kept) and an answer to it: a new branch from its parent. */
  edit(req: EditRequest): Started {
    return this.begin(storeEdit(this.deps.db, req, this.now()), req);
  }

  /**
   * Resumes a cut answer from its text: the request ends with the partial answer as the assistant's
   * own turn (a prefill), and what the model adds is appended to the same row.
   */
  continueAnswer(req: ContinueRequest): { conversationId: ConversationId; assistantMessageId: MessageId } {
    const { conversationId, assistantMessageId } = this.begin(
      storeContinue(this.deps.db, req, this.now(), this.active.has(req.answerId)),
      req,
    );
    return { conversationId, assistantMessageId };
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

  /** The rows are stored: every window learns of them, and the answer starts streaming. */
  private begin(turn: StoredTurn, source: AnswerSource): Started {
    this.deps.onConversationChanged(turn.conversationId);
    this.launch({ ...turn, target: source.target, model: source.model });
    return {
      conversationId: turn.conversationId,
      userMessageId: turn.userMessageId,
      assistantMessageId: turn.answer.id,
    };
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
