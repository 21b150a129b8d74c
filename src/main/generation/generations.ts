// Starts, tracks and cancels generations. A turn's rows are stored first (turn-rows.ts), then its
// request runs into the answer row (run-request.ts), and the end is recorded here: the row finished
// with its figures and every window told. Partial text is never lost; a continued answer only grows.
import { toChatError, type ChatError } from '../../shared/chat-error';
import type { GenerationEvent, GenerationEventPayload, Message, MessageMetrics } from '../../shared/domain';
import type { ConversationId, MessageId } from '../../shared/ids';
import type { ComparisonStarted } from '../../shared/ipc/contract';
import { touchConversation } from '../db/history/conversations-repo';
import { noMetrics } from '../db/history/message-row';
import { appendMessageText, finishMessage, sentWithoutTools } from '../db/history/messages-repo';
import { BatchedTextWriter } from './batched-text-writer';
import type { ContextStep } from './context/context-step';
import { continuedMetrics } from './continued-metrics';
import { EventCoalescer } from './event-coalescer';
import { MetricsClock } from './metrics-clock';
import type { ModelRequest, RequestDeps, RequestEnd, RequestOutcome } from './run-request';
import { runToolTurn, type FitRound, type ToolHost } from './tool-loop';
import { ServerQueue, type Release } from './server-queue';
import { serverKey, type ServerCapacity } from './server-capacity';
import {
  storeComparison,
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

/** A request the context step held back: nothing was sent, and the answer says why. */
function refusedEnd(error: ChatError): RequestEnd {
  return { outcome: { status: 'error', error }, metrics: new MetricsClock(performance.now()).snapshot(), calls: [] };
}

export type { AnswerSource, ContinueRequest, EditRequest, RegenerateRequest, StartRequest } from './turn-rows';

export interface GenerationDeps extends Omit<RequestDeps, 'now'> {
  emit: (payload: GenerationEventPayload) => void;
  /** Conversation list changed (a new conversation, a title, an order). */
  onConversationChanged: (id: ConversationId) => void;
  /** About one animation frame. */
  emitIntervalMs?: number;
  /** Between SQLite writes while streaming. */
  persistIntervalMs?: number;
  now?: () => number;
  /** Tools offered to models, the user's approval and the calls' runs; none: one request per turn. */
  tools?: ToolHost;
  /** Fits each request into the model's context window; none: the whole branch is sent. */
  context?: ContextStep;
}

/** Waits for the answer's turn at its server (a comparison); emits `queued` when it must wait. */
type Gate = (signal: AbortSignal, emit: (event: GenerationEvent) => void) => Promise<Release>;

export interface Started {
  conversationId: ConversationId;
  userMessageId: MessageId;
  assistantMessageId: MessageId;
}

interface Live {
  controller: AbortController;
  /** Emits what is pending and writes it, so the database holds exactly what was sent. */
  sync(): void;
}

export class Generations {
  private readonly active = new Map<MessageId, Live>();
  private readonly running = new Set<Promise<void>>();
  private readonly now: () => number;
  private readonly requestDeps: RequestDeps;
  /** Lanes of servers that serve fewer requests at once than a comparison sends them. */
  readonly queue = new ServerQueue();

  constructor(private readonly deps: GenerationDeps) {
    this.now = deps.now ?? Date.now;
    const { db, adapters, openFrameBatches, limits } = deps;
    this.requestDeps = { db, adapters, openFrameBatches, limits, now: this.now };
  }

  /** A new user message at the end of the shown branch (or of a new conversation) and its answer. */
  start(req: StartRequest): Started {
    return this.begin(storeNewMessage(this.deps.db, req, this.now()), req);
  }

  /**
   * One user message answered by `req`'s model and each of `others` at once, as sibling answers.
   * Answers to a server that serves one request at a time (`capacityOf` says how many) wait for
   * the one before them; the others stream side by side.
   */
  compare(
    req: StartRequest,
    others: readonly AnswerSource[],
    capacityOf: (source: AnswerSource) => Promise<ServerCapacity>,
  ): ComparisonStarted {
    const turns = storeComparison(this.deps.db, req, others, this.now());
    const first = turns[0]!;
    this.deps.onConversationChanged(first.conversationId);
    const sources = [req, ...others];
    // One question per server; awaiting the same promise keeps the lanes in the order asked.
    const asked = new Map<AnswerSource, Promise<ServerCapacity>>();
    const byServer = new Map<string, Promise<ServerCapacity>>();
    for (const source of sources) {
      const key = serverKey(source.target);
      const capacity = byServer.get(key) ?? capacityOf(source);
      byServer.set(key, capacity);
      asked.set(source, capacity);
    }
    turns.forEach((turn, i) => {
      const source = sources[i]!;
      this.launch(turn, source, async (signal, emit) => {
        const { key, places } = await asked.get(source)!;
        if (this.queue.wouldWait(key, places)) emit({ type: 'queued' });
        return this.queue.enter(key, places, signal);
      });
    });
    return {
      conversationId: first.conversationId,
      userMessageId: first.userMessageId,
      answers: turns.map((turn, i) => ({
        assistantMessageId: turn.answer.id,
        backendId: sources[i]!.backendId,
        model: sources[i]!.model,
      })),
    };
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
    // An answer written without tools (after a refusal) goes on without them, or it is refused again.
    const source = { ...req, withoutTools: req.withoutTools || sentWithoutTools(this.deps.db, req.answerId) };
    const { conversationId, assistantMessageId } = this.begin(
      storeContinue(this.deps.db, source, this.now(), this.active.has(req.answerId)),
      source,
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
    this.launch(turn, source);
    return {
      conversationId: turn.conversationId,
      userMessageId: turn.userMessageId,
      assistantMessageId: turn.answer.id,
    };
  }

  private launch(turn: StoredTurn, source: AnswerSource, gate?: Gate): void {
    const { answer, resumed } = turn;
    const { db, emit } = this.deps;
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
    const output = { rowId: answer.id, writer, emit: (event: GenerationEvent) => coalescer.push(event) };
    // "Send without tools": this turn offers none, whatever the conversation chose.
    const tools = source.withoutTools ? null : (this.deps.tools ?? null);
    const before = resumed?.content.length ?? 0;
    const turnOf = { conversationId: answer.conversationId, backendId: source.backendId, model: source.model };
    // Tokens the latest request sent by the context step's count: a refusal that names no window learns from it.
    let sent: number | undefined;
    const fitRound = this.roundFitter(turn, source, (used) => (sent = used));
    const turnRun = (request: ModelRequest) =>
      runToolTurn(this.requestDeps, tools, turnOf, request, output, controller.signal, before, fitRound);
    // Answers to a server that serves one request at a time wait for their turn (Compare).
    const gated = (request: ModelRequest) =>
      gate
        ? gate(controller.signal, output.emit).then(
            (release) => turnRun(request).finally(release),
            // Stopped while it waited: nothing was sent, nothing was measured.
            () => ({ outcome: { status: 'cancelled' } as RequestOutcome, metrics: { ...noMetrics } }),
          )
        : turnRun(request);
    const run = this.fitted(turn, source)
      .then(({ request, refused, used }) => {
        sent = used;
        return refused ? refusedEnd(refused) : gated(request);
      })
      .then(({ outcome, metrics }) => {
        const learned =
          outcome.status === 'error' && this.deps.context
            ? { ...outcome, error: this.deps.context.learn(source.backendId, source.model, outcome.error, sent) }
            : outcome;
        this.settle(answer, learned, resumed ? continuedMetrics(resumed.metrics, metrics) : metrics, writer, coalescer);
      })
      .finally(() => {
        this.active.delete(answer.id);
        this.running.delete(run);
      });
    this.running.add(run);
  }

  /** The request as the context step fits it into the window (or as stored, without one). */
  private async fitted(
    turn: StoredTurn,
    source: AnswerSource,
  ): Promise<{ request: ModelRequest; refused: ChatError | null; used?: number }> {
    const request: ModelRequest = {
      target: source.target,
      model: source.model,
      params: turn.params,
      turns: turn.turns,
    };
    const context = this.deps.context;
    if (!context) return { request, refused: null };
    try {
      const fit = await context.fit(turn.conversationId, turn.history, source, turn.params);
      return {
        request: { ...request, turns: fit.turns, params: fit.params, numCtx: fit.numCtx },
        refused: fit.refused,
        used: fit.used,
      };
    } catch (err) {
      // Counting is a help, not a gate: when it fails the whole branch goes, and a server that refuses says so.
      console.error('[runnel] the context step failed; sending the whole branch:', toChatError(err).message);
      return { request, refused: null };
    }
  }

  /** Fits a tool turn's later rounds as the first request was fitted; none without a context step. */
  private roundFitter(turn: StoredTurn, source: AnswerSource, onUsed: (used: number) => void): FitRound | undefined {
    const context = this.deps.context;
    if (!context) return undefined;
    return async (grown) => {
      try {
        const fit = await context.fit(turn.conversationId, turn.history, source, turn.params, {
          ...grown,
          answerId: turn.answer.id,
        });
        onUsed(fit.used);
        return fit;
      } catch (err) {
        console.error('[runnel] the context step failed; sending the whole turn:', toChatError(err).message);
        return null;
      }
    };
  }

  private settle(
    answer: Message,
    outcome: RequestOutcome,
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
