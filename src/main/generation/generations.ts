// Starts, runs and cancels generations: stores the user's message and a `streaming` answer at
// once, then pipes `decode(adapter, openStream(plan, signal))` into a coalescing emitter for the
// renderer and a batched writer for SQLite, and records how it ended. Partial text is never lost.
import { chatError, toChatError, type ChatError } from '../../shared/chat-error';
import type { BackendKind, GenerationEventPayload, GenerationParams, Message } from '../../shared/domain';
import type { BackendId, ConversationId, MessageId } from '../../shared/ids';
import type { Db } from '../db/open-database';
import { createConversation, setConversationModel, touchConversation } from '../db/conversations-repo';
import {
  activeBranch,
  appendMessageText,
  finishMessage,
  insertMessage,
  moveContentToReasoning,
} from '../db/messages-repo';
import { decode } from '../providers/decode';
import { withConnection } from '../providers/request-parts';
import type { BackendTarget, ChatTurn, ProviderAdapter } from '../providers/types';
import type { OpenStream } from '../transports/open-stream';
import type { TransportLimits } from '../transports/types';
import { BatchedTextWriter } from './batched-text-writer';
import { EventCoalescer } from './event-coalescer';
import { MetricsClock } from './metrics-clock';
import { retryDelay, sleep } from './retry-policy';
import { titleFrom } from './title-from';
import { insertAttachments } from '../db/attachments-repo';
import type { StagedFile } from './attachment-staging';
import { assertImagesAccepted, filesOf, withFiles } from './attachment-turns';

export interface GenerationDeps {
  db: Db;
  adapters: Record<BackendKind, ProviderAdapter>;
  openStream: OpenStream;
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

export interface StartRequest {
  conversationId: ConversationId | null;
  backendId: BackendId;
  target: BackendTarget;
  model: string;
  content: string;
  params: GenerationParams;
  /** Files staged for this message (checked already); stored with it and sent with every later turn. */
  attachments?: StagedFile[];
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

export class Generations {
  private readonly active = new Map<MessageId, Live>();
  private readonly running = new Set<Promise<void>>();
  private readonly now: () => number;

  constructor(private readonly deps: GenerationDeps) {
    this.now = deps.now ?? Date.now;
  }

  start(req: StartRequest): Started {
    const { db } = this.deps;
    const now = this.now();
    const conversation =
      req.conversationId ??
      createConversation(db, {
        title: titleFrom(req.content || (req.attachments?.[0]?.name ?? '')),
        backendId: req.backendId,
        model: req.model,
        now,
      }).id;
    if (req.conversationId) setConversationModel(db, conversation, req.backendId, req.model, now);
    const history = activeBranch(db, conversation);
    const base = { conversationId: conversation, backendId: req.backendId, model: req.model, params: req.params, now };
    const user = db.transaction(() => {
      const inserted = insertMessage(db, {
        ...base,
        parentId: history.at(-1)?.id ?? null,
        role: 'user',
        content: req.content,
        status: 'done',
      });
      if (req.attachments?.length) insertAttachments(db, inserted.id, req.attachments, now);
      return inserted;
    })();
    const answer = insertMessage(db, {
      ...base,
      parentId: user.id,
      role: 'assistant',
      content: '',
      status: 'streaming',
    });
    this.deps.onConversationChanged(conversation);

    const turns = toTurns(db, [...history, user]);
    const run = this.run(answer, req, turns).finally(() => {
      this.active.delete(answer.id);
      this.running.delete(run);
    });
    this.running.add(run);
    return { conversationId: conversation, userMessageId: user.id, assistantMessageId: answer.id };
  }

  /** Aborts the upstream request; the answer keeps its text and ends `cancelled`. */
  cancel(messageId: MessageId): boolean {
    const live = this.active.get(messageId);
    live?.controller.abort();
    return live !== undefined;
  }

  /**
   * Before a window reads a conversation that is still streaming: send what is pending and write
   * it, so the stored text is exactly the text already emitted and later deltas continue it.
   */
  sync(messageIds: Iterable<MessageId>): void {
    for (const id of messageIds) this.active.get(id)?.sync();
  }

  /** Stops every generation and waits until each has written its last batch. */
  async close(): Promise<void> {
    for (const live of this.active.values()) live.controller.abort();
    await Promise.allSettled([...this.running]);
  }

  private async run(answer: Message, req: StartRequest, turns: ChatTurn[]): Promise<void> {
    const { db, adapters, openStream, limits, emit } = this.deps;
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
    const metrics = new MetricsClock(performance.now());
    const malformed: string[] = [];
    let outcome: Outcome = { status: 'done' };

    const adapter = adapters[req.target.kind];
    const streamOnce = async () => {
      // Inside the try below: a plan the adapter refuses (an invalid request template) ends the
      // answer as an error instead of leaving it streaming.
      assertImagesAccepted(req.target.kind, turns);
      const plan = withConnection(
        adapter.plan({ model: req.model, messages: turns, params: req.params }, req.target),
        req.target,
      );
      for await (const events of decode(adapter, openStream(plan, controller.signal, limits), req.target)) {
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
    this.settle(answer, outcome, metrics, writer, coalescer);
  }

  private settle(
    answer: Message,
    outcome: Outcome,
    clock: MetricsClock,
    writer: BatchedTextWriter,
    coalescer: EventCoalescer,
  ): void {
    const { db } = this.deps;
    const metrics = clock.snapshot();
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

/** The conversation as the model sees it: answers that produced no text are left out. */
function toTurns(db: Db, messages: Message[]): ChatTurn[] {
  const files = filesOf(db, messages);
  return messages
    .filter((m) => m.role !== 'assistant' || m.content.length > 0)
    .map((m) => withFiles({ role: m.role, content: m.content }, files.get(m.id)));
}
