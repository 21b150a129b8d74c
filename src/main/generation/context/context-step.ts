// The context step, between a turn's rows and its request: which window the model has (asked of
// the server, or set by the user), how many tokens the history takes, and which of the oldest
// turns to leave out so that history plus the answer's room fits. It also answers the composer's
// meter, and learns a smaller window from a server's refusal.
import { chatError, type ChatError } from '../../../shared/chat-error';
import { contextWords } from '../../../shared/words/context-words';
import type { ContextOverflowMode, ContextStatus, WindowSource } from '../../../shared/context-window';
import { allTools, type ToolChoice } from '../../../shared/tool-choice';
import type { ConversationSettings, GenerationParams } from '../../../shared/domain';
import type { BackendId, ConversationId } from '../../../shared/ids';
import { getContextOverflow } from '../../db/history/conversation-settings-repo';
import { activeBranch } from '../../db/history/messages-repo';
import type { Db } from '../../db/db';
import { getModelWindow, setCorrectedWindow, setReportedWindow } from '../../db/settings/model-windows-repo';
import type { BackendTarget, ChatTurn, ToolDefinition } from '../../providers/types';
import { flatten, historyFor, paramsFor, systemTurns, type RequestHistory } from '../request-turns';
import type { ToolHost } from '../tool-loop';
import { selectGroups, type CountedGroup } from './select-turns';
import { refusalIn } from './server-refusals';
import { estimateTools, estimateTurns, TokenCounts, type CountJob, type Counted } from './token-counts';
import { probeWindow, type TokenizerKind } from './window-probes';

/** Ollama's num_ctx when the backend sets no cap: enough for a long chat, small enough for most GPUs' KV cache. */
export const defaultNumCtxCap = 8192;
/** Trim and retry counts every message this much larger than the count said. */
const trimMargin = 1.3;

export interface ContextDeps {
  db: Db;
  target(backendId: string): Promise<BackendTarget>;
  tools?: Pick<ToolHost, 'offer'> | null;
  now: () => number;
}

export interface ResolvedWindow {
  window: number | null;
  source: WindowSource;
  /** Ollama: the num_ctx to send. */
  numCtx: number | null;
  tokenizer: TokenizerKind | null;
}

/** Who is asked and what the conversation allows. */
export interface PlanInput {
  backendId: string;
  model: string;
  params: GenerationParams;
  tools?: readonly ToolDefinition[];
  trim?: boolean;
}

export interface Plan {
  window: number | null;
  /** Index of the first group sent. */
  first: number;
  used: number;
  estimated: boolean;
  fits: boolean;
  answerLowered: number | null;
  jobs: CountJob[];
}

/**
 * What a tool turn's rounds have added to its request since its first one: the turns as they are
 * sent after the history, and the same round by round for counting (each round's own text, calls
 * and results; a continued answer's earlier text is counted with its message).
 */
export interface TurnRounds {
  /** The answer whose rounds these are (their counts are remembered under it). */
  answerId: string;
  turns: ChatTurn[];
  rounds: ChatTurn[][];
  /** The history's last turn (a continued answer's text) opens the first round's turn, so it is not sent again. */
  replacesLast: boolean;
}

export interface Fitted {
  turns: ChatTurn[];
  params: GenerationParams;
  numCtx: number | null;
  /** The request is not sent: the user chose to be asked, or even the latest turn does not fit. */
  refused: ChatError | null;
  /** Tokens the request sends, by the step's count. */
  used: number;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
/** The count given to a message too far back to be read: larger than any window. */
const unreached = 1_000_000_000;

function capOf(target: BackendTarget): number {
  const n = Number(target.options?.numCtxMax);
  return Number.isInteger(n) && n >= 256 ? n : defaultNumCtxCap;
}

export class ContextStep {
  readonly counts = new TokenCounts();
  private readonly probedThisRun = new Set<string>();

  constructor(private readonly deps: ContextDeps) {}

  /** Asks the server again (Test connection, a model chosen for the first time in this run). */
  async refresh(backendId: string, model: string, target: BackendTarget): Promise<void> {
    this.probedThisRun.add(`${backendId}\u0000${model}`);
    const found = await probeWindow(target, model);
    // A server that is down for the moment says nothing: what it said before stays.
    const before = getModelWindow(this.deps.db, backendId as BackendId, model);
    if (!found.reported && !found.trained && (before?.reported || before?.trained)) return;
    setReportedWindow(this.deps.db, backendId as BackendId, model, found, this.deps.now());
  }

  /** The window to plan with; asks the server when nothing is stored (or, with `recheck`, once per run). */
  async resolve(backendId: string, model: string, target: BackendTarget, recheck = false): Promise<ResolvedWindow> {
    let stored = getModelWindow(this.deps.db, backendId as BackendId, model);
    const key = `${backendId}\u0000${model}`;
    if (stored?.checkedAt == null || (recheck && !this.probedThisRun.has(key))) {
      await this.refresh(backendId, model, target);
      stored = getModelWindow(this.deps.db, backendId as BackendId, model);
    }
    const tokenizer = (stored?.tokenizer ?? null) as TokenizerKind | null;
    if (target.kind === 'ollama') {
      const cap = capOf(target);
      const numCtx = stored?.userWindow ?? (stored?.trained ? Math.min(stored.trained, cap) : null);
      const source: WindowSource = stored?.userWindow
        ? { kind: 'user' }
        : numCtx
          ? { kind: 'num-ctx', trained: stored?.trained ?? null, cap }
          : { kind: 'unknown' };
      return { window: numCtx, source, numCtx, tokenizer };
    }
    if (stored?.userWindow) return { window: stored.userWindow, source: { kind: 'user' }, numCtx: null, tokenizer };
    if (stored?.corrected) return { window: stored.corrected, source: { kind: 'corrected' }, numCtx: null, tokenizer };
    if (stored?.reported) {
      return {
        window: stored.reported,
        source: { kind: 'server', detail: stored.source ?? '' },
        numCtx: null,
        tokenizer,
      };
    }
    return { window: null, source: { kind: 'unknown' }, numCtx: null, tokenizer };
  }

  /**
   * Which groups go: counts (remembered, else estimated and scaled by what the server reported
   * for an earlier answer's prompt), then whole turns from the newest back. Synchronous and
   * without I/O: this is what a request's start waits for.
   */
  plan(history: RequestHistory, window: number | null, input: PlanInput, rounds: readonly CountJob[] = []): Plan {
    const { backendId, model } = input;
    const margin = input.trim ? trimMargin : 1;
    const jobs: CountJob[] = [];
    // The system prompt can change between requests, so it is estimated each time (it is short).
    const fixedRaw = estimateTurns(history.system) + estimateTools(input.tools);
    // Counted from the newest back, only as far as could possibly be sent: past twice the window
    // (counts are never scaled below half) the older messages go unread, so a long history costs
    // what its end costs.
    const reach = window === null ? Infinity : 2 * window;
    const raw: (Counted | undefined)[] = new Array<Counted | undefined>(history.groups.length);
    let total = fixedRaw;
    // A tool turn's rounds are the newest of all, and part of the latest turn: always counted.
    const roundsRaw = rounds.map((r) => {
      const counted = this.counts.count(r.key, r.turns);
      if (!counted.exact) jobs.push(r);
      total += counted.tokens;
      return counted;
    });
    // The latest turn always goes, so it is always read, however large (its count is what the user is told).
    let latest = history.groups.length - 1;
    while (latest > 0 && history.groups[latest]!.message.role !== 'user') latest--;
    for (let i = history.groups.length - 1; i >= 0 && (total <= reach || i >= latest); i--) {
      const g = history.groups[i]!;
      const key = TokenCounts.key(backendId, model, g.message.id, g.message.content.length);
      const counted = this.counts.count(key, g.turns);
      if (!counted.exact) jobs.push({ key, turns: g.turns });
      raw[i] = counted;
      total += counted.tokens;
    }
    const factor = calibration(history, raw, fixedRaw, window);
    let estimated = false;
    const scaled = (c: Counted) => {
      estimated ||= !c.exact;
      return Math.ceil((c.exact ? c.tokens : Math.ceil(c.tokens * factor)) * margin);
    };
    const groups: CountedGroup[] = history.groups.map((g, i) => {
      const c = raw[i];
      // Beyond reach: more than the window by any count, so it is never chosen.
      return { role: g.message.role, tokens: c ? scaled(c) : unreached };
    });
    for (const c of roundsRaw) groups.push({ role: 'assistant', tokens: scaled(c) });
    const fixed = Math.ceil(fixedRaw * factor * margin);
    if (window === null) {
      const used = groups.reduce((s, g) => s + g.tokens, fixed);
      return { window, first: 0, used, estimated: true, fits: true, answerLowered: null, jobs };
    }
    const answer = input.params.maxTokens ?? Math.min(1024, Math.floor(window / 4));
    const selection = selectGroups(groups, { window, fixed, answer, minAnswer: Math.min(16, answer) });
    if (!selection.fits) {
      return { window, first: 0, used: selection.used, estimated, fits: false, answerLowered: null, jobs };
    }
    // Only a max_tokens the user set is lowered and told; without one, room for the answer is what is left.
    const lowered = selection.answerLowered;
    return {
      window,
      first: selection.first,
      used: selection.used,
      estimated,
      fits: true,
      answerLowered: lowered !== null && (input.params.maxTokens ?? Infinity) > lowered ? lowered : null,
      jobs,
    };
  }

  /**
   * The request as it will go: the turns that fit, max_tokens lowered if it had to be, Ollama's
   * num_ctx. A tool turn's later rounds come here again with what its rounds added (`rounds`):
   * they are part of the latest turn, so they leave out more of the oldest turns, or, when the
   * latest turn alone no longer fits, the request is not sent.
   */
  async fit(
    conversationId: ConversationId,
    history: RequestHistory,
    source: { backendId: string; model: string; target: BackendTarget; trim?: boolean },
    params: GenerationParams,
    rounds?: TurnRounds,
  ): Promise<Fitted> {
    const resolved = await this.resolve(source.backendId, source.model, source.target);
    const tools = this.deps.tools
      ? (await this.deps.tools.offer({ conversationId, backendId: source.backendId as BackendId, model: source.model }))
          .definitions
      : [];
    const parts = (rounds?.rounds ?? []).map((turns, i): CountJob => ({
      key: TokenCounts.key(source.backendId, source.model, `${rounds!.answerId}\u0000round ${i}`, textLength(turns)),
      turns,
    }));
    const plan = this.plan(history, resolved.window, { ...source, params, tools, trim: source.trim }, parts);
    this.countLater(source.target, resolved.tokenizer, source.model, plan.jobs);
    const sent = plan.first === 0 ? flatten(history) : flatten(history, plan.first);
    if (rounds) sent.splice(rounds.replacesLast ? -1 : sent.length, 1, ...rounds.turns);
    const base = { turns: sent, params, numCtx: resolved.numCtx, used: plan.used };
    if (!plan.fits) {
      const refused = rounds?.rounds.length
        ? toolResultsTooLarge(plan.used, resolved.window!)
        : tooLong(plan.used, resolved.window!);
      return { ...base, refused };
    }
    const overflow = getContextOverflow(this.deps.db, conversationId);
    if (plan.first > 0 && overflow === 'ask' && !source.trim) {
      return { ...base, refused: askFirst(resolved.window!, plan.first, rounds !== undefined) };
    }
    return {
      ...base,
      params: plan.answerLowered === null ? params : { ...params, maxTokens: plan.answerLowered },
      refused: null,
    };
  }

  /**
   * What the composer's meter shows for the conversation's next request. A new conversation has no
   * row yet: its `draft` settings and tools are what its first request will carry.
   */
  async status(
    conversationId: ConversationId | null,
    backendId: string,
    model: string,
    draft: { settings?: ConversationSettings; tools?: ToolChoice } = {},
  ): Promise<ContextStatus> {
    const target = await this.deps.target(backendId);
    const resolved = await this.resolve(backendId, model, target, true);
    const { db } = this.deps;
    const messages = conversationId ? activeBranch(db, conversationId) : [];
    const history = conversationId
      ? historyFor(db, conversationId, messages)
      : { system: systemTurns(draft.settings?.systemPrompt ?? ''), groups: [] };
    const params = conversationId ? paramsFor(db, conversationId, { params: {} }) : (draft.settings?.params ?? {});
    const ask = { conversationId, backendId: backendId as BackendId, model };
    const tools = this.deps.tools
      ? (await this.deps.tools.offer(conversationId ? ask : { ...ask, choice: draft.tools ?? allTools })).definitions
      : [];
    const plan = this.plan(history, resolved.window, { backendId, model, params, tools });
    this.countLater(target, resolved.tokenizer, model, plan.jobs);
    const cut = plan.first > 0 ? history.groups[plan.first] : undefined;
    const leftOut = cut ? messages.findIndex((m) => m.id === cut.message.id) : 0;
    return {
      window: resolved.window,
      source: resolved.source,
      used: plan.used,
      estimated: plan.estimated,
      cutBefore: cut ? cut.message.id : null,
      leftOut: Math.max(0, leftOut),
      maxTokensLowered: plan.answerLowered,
      overflow: conversationId
        ? getContextOverflow(db, conversationId)
        : (draft.settings?.contextOverflow ?? 'drop-oldest'),
    };
  }

  /**
   * A request's error: when the server refused it for its length, the window it named is
   * remembered and the error says what happened, with the window, so "Trim and retry" can follow.
   */
  learn(backendId: string, model: string, error: ChatError, sent?: number): ChatError {
    // The step's own refusals (stop and ask) already say so.
    const refusal = error.contextOverflow ? null : refusalIn(error);
    if (!refusal) return error;
    // Without a figure in the message, what was sent was too much by the server's count, which
    // ours fell short of: the window is taken as a tenth below what we counted.
    const window = refusal.window ?? (sent && sent > 256 ? Math.floor(sent * 0.9) : null);
    if (window) setCorrectedWindow(this.deps.db, backendId as BackendId, model, window);
    return { ...error, retryable: false, contextOverflow: { window: refusal.window } };
  }

  private countLater(target: BackendTarget, tokenizer: TokenizerKind | null, model: string, jobs: CountJob[]): void {
    if (tokenizer && jobs.length) void this.counts.fill(target, tokenizer, model, jobs);
  }
}

/**
 * Estimates scaled to the server's own figure: the latest answer's request reported how many
 * prompt tokens it took, which is what came before it. Used only when that request plausibly
 * sent all of it (its estimate within the window), and held between half and three times.
 */
function calibration(
  history: RequestHistory,
  raw: readonly (Counted | undefined)[],
  fixed: number,
  window: number | null,
): number {
  let anchor = -1;
  for (let i = history.groups.length - 1; i >= 0; i--) {
    const m = history.groups[i]!.message;
    if (m.role === 'assistant' && (m.metrics.promptTokens ?? 0) > 0) {
      anchor = i;
      break;
    }
  }
  if (anchor < 0) return 1;
  let before = fixed;
  for (let i = 0; i < anchor; i++) {
    const c = raw[i];
    // Unread (too far back to have fit) or counted by the tokenizer: the estimate needs no scaling.
    if (!c || c.exact) return 1;
    before += c.tokens;
  }
  if (before <= 0 || (window !== null && before > window)) return 1;
  return clamp(history.groups[anchor]!.message.metrics.promptTokens! / before, 0.5, 3);
}

/** Characters a round's turns carry, so a round counted again after it changed is counted afresh. */
const textLength = (turns: readonly ChatTurn[]) => turns.reduce((n, t) => n + t.content.length, 0);

function tooLong(used: number, window: number): ChatError {
  return chatError('invalid_input', contextWords.say('tooLong', { used, window }));
}

/** Leaving out older turns cannot help: the latest turn's own tool results are what does not fit. */
function toolResultsTooLarge(used: number, window: number): ChatError {
  return chatError('invalid_input', contextWords.say('toolResultTooLarge', { used, window }), {
    contextOverflow: { window, toolResults: true },
  });
}

function askFirst(window: number, leftOut: number, inRound: boolean): ChatError {
  return chatError('invalid_input', contextWords.say(inRound ? 'askBeforeRound' : 'askFirst', { window, leftOut }), {
    contextOverflow: { window, asked: true },
  });
}

export type { ContextOverflowMode };
