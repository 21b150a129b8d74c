// One model request into one answer row: plan, open, decode; text goes to the row in batches and to
// the renderer coalesced; errors a retry could fix are retried before the first token. It returns
// how the request ended and leaves recording that to the caller, which knows what the turn is.
import { chatError, toChatError, type ChatError } from '../../shared/chat-error';
import type { BackendKind, GenerationEvent, GenerationParams, MessageMetrics } from '../../shared/domain';
import type { MessageId } from '../../shared/ids';
import { moveContentToReasoning } from '../db/history/messages-repo';
import type { Db } from '../db/db';
import { decode } from '../providers/decode';
import { withConnection } from '../providers/request-parts';
import type { BackendTarget, ChatTurn, ProviderAdapter, ToolCall, ToolDefinition } from '../providers/types';
import type { OpenFrameBatches } from '../transports/open-stream';
import type { StreamLink, TransportLimits } from '../transports/types';
import { takesImages } from '../../shared/attachment-rules';
import { assertImagesAccepted } from './attachment-turns';
import { refusesToolImages, withoutToolImages } from './tool-images';
import type { BatchedTextWriter } from './batched-text-writer';
import { MetricsClock } from './metrics-clock';
import { retryDelay, sleep } from './retry-policy';
import { generationWords } from '../../shared/words/generation-words';

export interface RequestDeps {
  db: Db;
  adapters: Record<BackendKind, ProviderAdapter>;
  openFrameBatches: OpenFrameBatches;
  limits: TransportLimits;
  now: () => number;
}

/** What is sent, and to whom. */
export interface ModelRequest {
  target: BackendTarget;
  model: string;
  params: GenerationParams;
  turns: ChatTurn[];
  /** Tools offered to the model in this request. */
  tools?: ToolDefinition[];
  /** Ollama's num_ctx, from the context step. */
  numCtx?: number | null;
  /** False once the model refused a tool's images in this turn: they go as a line, at once. */
  toolImages?: boolean;
}

/** Where the output goes. The caller owns the writer and the emitter, so it can flush them mid-stream. */
export interface RequestOutput {
  rowId: MessageId;
  writer: BatchedTextWriter;
  emit: (event: GenerationEvent) => void;
}

export type RequestOutcome = { status: 'done' | 'cancelled' } | { status: 'error'; error: ChatError };

/** How the request ended; the server's finish reason is in `metrics.finishReason`. */
export interface RequestEnd {
  outcome: RequestOutcome;
  metrics: MessageMetrics;
  /** The tools the model called in this request, complete (the tool loop answers them and asks again). */
  calls: ToolCall[];
  /** What the provider wants back unchanged with these calls (ChatTurn.replay). */
  replay?: string;
  /** The model refused a tool's images (the request went again without them): later rounds send none. */
  toolImagesRefused?: true;
}

/** Never rejects for a failed request: a failure is an outcome, and the partial text stays written. */
export async function runRequest(
  deps: RequestDeps,
  request: ModelRequest,
  output: RequestOutput,
  signal: AbortSignal,
): Promise<RequestEnd> {
  const { db, adapters, openFrameBatches, limits, now } = deps;
  const { target, model, params, turns, tools, numCtx } = request;
  const { rowId, writer, emit } = output;
  const startedAt = performance.now();
  const metrics = new MetricsClock(startedAt);
  const link: { opened: StreamLink | null } = { opened: null };
  const onLink = (opened: StreamLink) => {
    link.opened = opened;
    emit({ type: 'figures', metrics: { transport: opened.transport, httpVersion: opened.httpVersion } });
  };
  const malformed: string[] = [];
  let calls: ToolCall[] = [];
  let replay: string | undefined;
  let outcome: RequestOutcome = { status: 'done' };

  const adapter = adapters[target.kind];
  let toolImages = takesImages(target.kind) && request.toolImages !== false;
  let toolImagesRefused = false;
  const streamOnce = async () => {
    // Inside the try below: a plan the adapter refuses (an invalid request template) ends the
    // answer as an error instead of leaving it streaming.
    // A tool's images go to kinds that take images; for the others (and a model that refused them)
    // a line says they were left out.
    const sent = toolImages ? turns : withoutToolImages(turns);
    assertImagesAccepted(target.kind, sent);
    const input = {
      model,
      messages: sent,
      params,
      ...(tools?.length ? { tools } : {}),
      ...(numCtx ? { numCtx } : {}),
    };
    const plan = withConnection(adapter.plan(input, target), target);
    const decoding = decode(adapter, openFrameBatches(plan, signal, limits, onLink), target, { tools: input.tools });
    for await (const events of decoding) {
      for (const event of events) {
        if (event.type === 'text' || event.type === 'reasoning') {
          const first = !metrics.hasTokens;
          metrics.token(event.type);
          if (first) emit({ type: 'figures', metrics: { ttftMs: metrics.snapshot().ttftMs } });
          writer.add(event.type === 'text' ? 'content' : 'reasoning', event.text);
          emit({ type: event.type === 'text' ? 'delta' : 'reasoning', text: event.text });
        } else if (event.type === 'usage') {
          metrics.addUsage(event.usage);
          emit({ type: 'usage', usage: event.usage });
        } else if (event.type === 'finish') {
          metrics.finish(event.reason);
        } else if (event.type === 'reasoning-reclassify') {
          writer.flush();
          metrics.reclassify();
          moveContentToReasoning(db, rowId, now());
          emit({ type: 'reasoning-reclassify' });
        } else if (event.type === 'malformed') {
          // A tool call written into the text that could not be read stays in the answer as text.
          if (!event.toolCall) malformed.push(event.excerpt);
        } else if (event.type === 'tool-call-delta') {
          // Shown growing only where tools were offered (the loop names them; their calls are stored).
          if (tools?.length)
            emit({ type: 'tool-call-args', index: event.index, toolName: event.name, text: event.text });
        } else if (event.type === 'tool-calls') {
          calls = event.calls;
          replay = event.replay;
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
        // A model without vision refused a tool's images: once more at once, with a line instead.
        if (toolImages && !signal.aborted && !metrics.hasTokens && refusesToolImages(error, turns)) {
          toolImages = false;
          toolImagesRefused = true;
          continue;
        }
        const delayMs = signal.aborted || metrics.hasTokens ? null : retryDelay(error, attempt);
        if (delayMs === null) throw err;
        emit({ type: 'retry', attempt: attempt + 1, delayMs, error });
        await sleep(delayMs, signal);
      }
    }
    if (outcome.status === 'done' && signal.aborted) outcome = { status: 'cancelled' };
    if (outcome.status === 'done' && malformed.length) {
      outcome = {
        status: 'error',
        error: chatError(
          'protocol',
          generationWords.say('unreadFrames', { count: malformed.length, first: malformed[0]! }),
          {
            skippedFrames: malformed.length,
          },
        ),
      };
    }
  } catch (err) {
    const error = toChatError(err);
    outcome = signal.aborted || error.code === 'cancelled' ? { status: 'cancelled' } : { status: 'error', error };
  }
  const carried = link.opened;
  const measured = {
    ...metrics.snapshot(),
    totalMs: Math.round(performance.now() - startedAt),
    transport: carried?.transport ?? null,
    httpVersion: carried?.httpVersion ?? null,
  };
  return {
    outcome,
    metrics: measured,
    calls,
    ...(replay ? { replay } : {}),
    ...(toolImagesRefused ? { toolImagesRefused } : {}),
  };
}
