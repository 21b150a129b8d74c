// One assistant turn as a loop: a model request, the tools it called (each asked of the user
// unless allowed, then run, concurrently), their results sent back in the next request, until the
// model answers without calls or the round limit is reached. The calls are rows of their own under
// the answer (tool-calls-repo.ts), told to every window as they change. The loop knows no wire
// format (the adapters encode tools and decode calls) and no MCP (the host runs the calls).
import { chatError, type ChatError } from '../../shared/chat-error';
import type { GenerationEvent, GenerationParams } from '../../shared/domain';
import type { BackendId, ConversationId } from '../../shared/ids';
import type { ToolChoice } from '../../shared/tool-choice';
import type { ToolCallStatus } from '../../shared/tools';
import {
  insertToolCall,
  nextToolRound,
  toolCallRecord,
  updateToolCall,
  type StoredToolCall,
} from '../db/history/tool-calls-repo';
import { insertToolImages } from '../db/history/attachments-repo';
import type { ChatTurn, ToolCall, ToolDefinition, TurnImage } from '../providers/types';
import { continuedMetrics } from './continued-metrics';
import { admitToolImages, asTurnImages, toolImageName } from './tool-images';
import { runRequest, type ModelRequest, type RequestDeps, type RequestEnd, type RequestOutput } from './run-request';
import { generationWords } from '../../shared/words/generation-words';

/** What a wire name offered to the model stands for. */
export interface OfferedTool {
  serverId: string;
  serverName: string;
  toolName: string;
  description: string;
  readOnly: boolean;
  destructive: boolean;
}

export interface ToolOffer {
  definitions: ToolDefinition[];
  resolve(wireName: string): OfferedTool | null;
}

export interface ToolResult {
  text: string;
  truncated: boolean;
  isError: boolean;
  /** Images the tool returned, for a model that takes them. */
  images: TurnImage[];
}

/** Whose turn it is: the conversation (its choice of tools) and the model asked (which may take none). */
export interface ToolTurn {
  conversationId: ConversationId;
  backendId: BackendId;
  model: string;
}

/**
 * Whom the tools are offered to: a turn, or a new conversation not stored yet, with the choice the
 * composer holds for it (the meter counts what its first message will offer).
 */
export interface ToolAsk {
  conversationId: ConversationId | null;
  backendId: BackendId;
  model: string;
  /** Instead of the stored choice (none stored and none given: every tool). */
  choice?: ToolChoice;
}

/** The tools side of a turn: what is offered, the user's approval, and running a call. */
export interface ToolHost {
  /** The tools the conversation chose, or none for a model remembered to refuse them. */
  offer(ask: ToolAsk): Promise<ToolOffer>;
  /** A request that offered tools was refused for them (`error.toolsRefused`); the host may remember it. */
  refused?(turn: ToolTurn, error: ChatError): void;
  /** Whether the call will wait for the user (it is shown so from the start) or run at once. */
  mustAsk(call: Pick<StoredToolCall, 'serverId' | 'toolName' | 'destructive'>, conversationId: ConversationId): boolean;
  /** Resolves at once when the policy allows the call, else when the user answers (or the signal ends it). */
  approve(call: StoredToolCall, conversationId: ConversationId, signal: AbortSignal): Promise<'allow' | 'deny'>;
  run(call: StoredToolCall, signal: AbortSignal): Promise<ToolResult>;
  /** Model requests one turn may make (default 10). */
  readonly maxRounds?: number;
}

export const defaultMaxRounds = 10;

/**
 * What a turn's rounds have added to its request since the first: the turns as sent after the
 * history (the answer's text and calls, then the results), the same round by round (each round's
 * own text, for counting), and whether the first of them took the place of the history's last turn
 * (a continued answer's text, which opens the first round's turn).
 */
export interface GrownTurn {
  turns: ChatTurn[];
  rounds: ChatTurn[][];
  replacesLast: boolean;
}

/** A later round's request fitted into the model's window again (the context step), or why it is not sent. */
export interface RoundFit {
  turns: ChatTurn[];
  params: GenerationParams;
  refused: ChatError | null;
}

/** Fits each later round; null when it cannot tell (the request then carries every turn). */
export type FitRound = (grown: GrownTurn) => Promise<RoundFit | null>;

const denied = 'The user denied this tool call.';
const noSuchTool = (name: string) => `There is no tool named "${name}" here; use one of the tools offered.`;

/** Runs the turn; without tools on offer it is one request, as before tools existed. */
export async function runToolTurn(
  deps: RequestDeps,
  host: ToolHost | null,
  turn: ToolTurn,
  request: ModelRequest,
  output: RequestOutput,
  signal: AbortSignal,
  /** Characters the answer already has (a continued answer): calls stand after them. */
  contentBefore = 0,
  /** Fits every round after the first into the model's window; none: the rounds are added to the first request's turns. */
  fitRound?: FitRound,
): Promise<RequestEnd> {
  const { conversationId } = turn;
  const offer = host ? await host.offer(turn) : null;
  if (!host || !offer || offer.definitions.length === 0) return runRequest(deps, request, output, signal);
  const maxRounds = host.maxRounds ?? defaultMaxRounds;
  let content = '';
  const counting: RequestOutput = {
    ...output,
    emit: (event: GenerationEvent) => {
      if (event.type === 'delta') content += event.text;
      // A call being written is shown by its tool's own name, as its stored call will be.
      if (event.type === 'tool-call-args') {
        output.emit({ ...event, toolName: offer.resolve(event.toolName)?.toolName ?? event.toolName });
      } else output.emit(event);
    },
  };
  // A continued answer's text (the prefill) and what the first round added are one turn with the calls.
  const last = request.turns.at(-1);
  const prefill = last?.role === 'assistant' && !last.toolCalls ? last.content : null;
  const base = prefill === null ? request.turns : request.turns.slice(0, -1);
  const grown: GrownTurn = { turns: [], rounds: [], replacesLast: prefill !== null };
  let sending: ModelRequest = request;
  let total: RequestEnd | null = null;
  // Made-up ids (`call_0`) start again each request; the results sent back must name one call each
  // among all the request carries: earlier answers' calls and a continued answer's earlier rounds.
  const usedIds = new Set(request.turns.flatMap((t) => t.toolCalls?.map((c) => c.id) ?? []));
  const unique = (call: ToolCall, round: number): ToolCall => {
    const id = usedIds.has(call.id) ? `call_${round}_${call.index}` : call.id;
    usedIds.add(id);
    return id === call.id ? call : { ...call, id };
  };
  // A continued answer's rounds are numbered on from those it stored before (0 for a new answer).
  const firstRound = nextToolRound(deps.db, output.rowId);
  // A model that refused a tool's images once is sent none for the rest of the turn.
  let toolImages = request.toolImages;
  for (let round = firstRound; ; round++) {
    const roundStart = content.length;
    const sent: ModelRequest = { ...sending, tools: offer.definitions };
    const end = await runRequest(deps, toolImages === false ? { ...sent, toolImages } : sent, counting, signal);
    if (end.toolImagesRefused) toolImages = false;
    total = total ? { ...end, metrics: continuedMetrics(total.metrics, end.metrics) } : end;
    if (end.outcome.status === 'error' && end.outcome.error.toolsRefused) host.refused?.(turn, end.outcome.error);
    if (end.outcome.status !== 'done' || end.calls.length === 0) return total;
    if (round - firstRound + 1 >= maxRounds) {
      const error = chatError('protocol', generationWords.say('toolRounds', { rounds: maxRounds }));
      return { ...total, outcome: { status: 'error', error } };
    }
    output.writer.flush();
    const made = end.calls.map((call) => unique(call, round));
    const calls = made.map((call, index) =>
      store(
        deps,
        host,
        conversationId,
        output,
        offer,
        call,
        { round, index, position: contentBefore + content.length },
        index === 0 ? end.replay : undefined,
      ),
    );
    const results = await Promise.all(calls.map((call) => answer(deps, host, output, conversationId, call, signal)));
    if (signal.aborted) return { ...total, outcome: { status: 'cancelled' } };
    const said: ChatTurn = {
      role: 'assistant',
      content: content.slice(roundStart),
      toolCalls: made,
      ...(end.replay ? { replay: end.replay } : {}),
    };
    const answered = calls.map((call, i): ChatTurn => ({
      role: 'tool',
      toolCallId: call.wireId,
      toolName: call.wireName,
      content: results[i]!.text,
      isError: results[i]!.isError,
      ...(results[i]!.images.length ? { images: results[i]!.images } : {}),
    }));
    const opening = grown.turns.length === 0 && prefill !== null;
    grown.turns.push(opening ? { ...said, content: prefill + said.content } : said, ...answered);
    grown.rounds.push([said, ...answered]);
    // The turn grew by the calls and results: it is fitted into the window again, like the first request.
    const fit = fitRound ? await fitRound(grown) : null;
    if (fit?.refused) return { ...total, outcome: { status: 'error', error: fit.refused } };
    sending = fit
      ? { ...request, turns: fit.turns, params: fit.params }
      : { ...request, turns: [...base, ...grown.turns] };
  }
}

function store(
  deps: RequestDeps,
  host: ToolHost,
  conversationId: ConversationId,
  output: RequestOutput,
  offer: ToolOffer,
  call: ToolCall,
  place: { round: number; index: number; position: number },
  replay: string | undefined,
): StoredToolCall {
  const tool = offer.resolve(call.name);
  const asks =
    tool !== null &&
    host.mustAsk({ serverId: tool.serverId, toolName: tool.toolName, destructive: tool.destructive }, conversationId);
  const stored = insertToolCall(
    deps.db,
    {
      messageId: output.rowId,
      ...place,
      wireId: call.id,
      wireName: call.name,
      serverId: tool?.serverId ?? null,
      serverName: tool?.serverName ?? '',
      toolName: tool?.toolName ?? call.name,
      description: tool?.description ?? '',
      readOnly: tool?.readOnly ?? false,
      destructive: tool?.destructive ?? false,
      arguments: call.arguments,
      status: !tool ? 'error' : asks ? 'awaiting-approval' : 'running',
      ...(replay ? { replay } : {}),
    },
    deps.now(),
  );
  output.emit({ type: 'tool-call', call: toolCallRecord(stored) });
  return stored;
}

/** Approval, then the run; every change of the call is stored and told. Never rejects. */
async function answer(
  deps: RequestDeps,
  host: ToolHost,
  output: RequestOutput,
  conversationId: ConversationId,
  call: StoredToolCall,
  signal: AbortSignal,
): Promise<ToolResult> {
  let current = call;
  const set = (status: ToolCallStatus, change: Partial<StoredToolCall> = {}) => {
    current = updateToolCall(deps.db, current, { status, ...change });
    output.emit({ type: 'tool-call', call: toolCallRecord(current) });
  };
  const text = (value: string, isError: boolean): ToolResult => ({
    text: value,
    truncated: false,
    isError,
    images: [],
  });
  if (current.serverId === null) {
    set('error', { result: noSuchTool(current.wireName), endedAt: deps.now() });
    return text(noSuchTool(current.wireName), true);
  }
  const decision =
    current.status === 'awaiting-approval'
      ? await host.approve(current, conversationId, signal).catch(() => 'deny' as const)
      : 'allow';
  if (signal.aborted) {
    set('cancelled', { endedAt: deps.now() });
    return text('The user stopped the turn.', true);
  }
  if (decision === 'deny') {
    set('denied', { result: denied, endedAt: deps.now() });
    return text(denied, true);
  }
  if (current.status === 'running') current = updateToolCall(deps.db, current, { startedAt: deps.now() });
  else set('running', { startedAt: deps.now() });
  try {
    const result = await host.run(current, signal);
    // Images are kept like attachments (under the answer, marked with the call), capped and checked.
    const admitted = admitToolImages(result.images);
    const images = admitted.images.length
      ? insertToolImages(
          deps.db,
          current.messageId,
          current.id,
          (i, mime) => toolImageName(current.toolName, i, mime),
          admitted.images,
          deps.now(),
        )
      : [];
    const shown = [result.text, ...admitted.notes].filter(Boolean).join('\n');
    set(signal.aborted ? 'cancelled' : result.isError ? 'error' : 'done', {
      result: shown,
      resultTruncated: result.truncated,
      endedAt: deps.now(),
      ...(images.length ? { images } : {}),
    });
    return { ...result, text: shown, images: asTurnImages(admitted.images) };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    set(signal.aborted ? 'cancelled' : 'error', { result: message, endedAt: deps.now() });
    return text(`The tool failed: ${message}`, true);
  }
}
