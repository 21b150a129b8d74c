// How many tokens each message takes, remembered per backend, model and message: counted by the
// server's own tokenizer where it has one (llama.cpp and vLLM POST /tokenize, KoboldCpp POST
// /api/extra/tokencount), otherwise estimated. Requests never wait for a tokenizer: they take the
// remembered counts and estimates, and the messages not yet counted are sent to the tokenizer in
// the background, newest first, each once.
import { estimateTokens } from '../../../shared/context-window';
import { joinUrl, isObject, num } from '../../providers/json-fields';
import { koboldRoot } from '../../providers/koboldcpp/koboldcpp-adapter';
import { withConnection } from '../../providers/request-parts';
import type { BackendTarget, ChatTurn, ToolDefinition } from '../../providers/types';
import { defaultLimits } from '../../transports/types';
import { sendRequest } from '../../transports/unary-request';
import type { TokenizerKind } from './window-probes';

/** What a chat template adds around each turn (role markers, separators), about. */
const perTurn = 4;
/** An image, about: most vision encoders take a few hundred tokens per picture. */
export const imageTokens = 768;
/** Counted entries kept; the oldest go first. */
const maxEntries = 50_000;

/** The words of a turn that a tokenizer would see (its text, its calls, a result's tool name). */
export function turnText(turn: ChatTurn): string {
  let text = turn.content;
  for (const call of turn.toolCalls ?? []) text += `\n${call.name} ${call.arguments}`;
  if (turn.toolName) text += `\n${turn.toolName}`;
  return text;
}

const extra = (turns: readonly ChatTurn[]) =>
  turns.reduce((sum, t) => sum + perTurn + (t.images?.length ?? 0) * imageTokens, 0);

export function estimateTurns(turns: readonly ChatTurn[]): number {
  return turns.reduce((sum, t) => sum + estimateTokens(turnText(t)), 0) + extra(turns);
}

export function estimateTools(tools: readonly ToolDefinition[] | undefined): number {
  return tools?.length ? estimateTokens(JSON.stringify(tools)) : 0;
}

export interface Counted {
  tokens: number;
  /** True when a tokenizer counted it. */
  exact: boolean;
}

export interface CountJob {
  key: string;
  turns: readonly ChatTurn[];
}

export class TokenCounts {
  private readonly counted = new Map<string, number>();
  /** Estimates, so a long history is read once, not at every request. */
  private readonly estimates = new Map<string, number>();
  private readonly pending = new Set<string>();

  /** `message` changes key when its text does (a continued answer grows). */
  static key(backendId: string, model: string, messageId: string, length: number): string {
    return `${backendId}\u0000${model}\u0000${messageId}\u0000${length}`;
  }

  /** The tokenizer's count when there is one, else the estimate. */
  count(key: string, turns: readonly ChatTurn[]): Counted {
    const exact = this.counted.get(key);
    if (exact !== undefined) return { tokens: exact, exact: true };
    let estimate = this.estimates.get(key);
    if (estimate === undefined) {
      estimate = estimateTurns(turns);
      remember(this.estimates, key, estimate);
    }
    return { tokens: estimate, exact: false };
  }

  has(key: string): boolean {
    return this.counted.has(key);
  }

  /**
   * Counts the jobs (newest first, at most `limit`) with the server's tokenizer, one at a time,
   * so a long history is counted over a few requests without crowding the server. Never rejects.
   */
  async fill(
    target: BackendTarget,
    tokenizer: TokenizerKind,
    model: string,
    jobs: CountJob[],
    limit = 64,
  ): Promise<void> {
    const todo = jobs.filter((j) => !this.counted.has(j.key) && !this.pending.has(j.key)).slice(0, limit);
    for (const job of todo) this.pending.add(job.key);
    try {
      for (const job of todo) {
        const text = job.turns.map(turnText).join('\n');
        const tokens = await tokenize(target, tokenizer, model, text);
        if (tokens === null) return;
        remember(this.counted, job.key, tokens + extra(job.turns));
      }
    } finally {
      for (const job of todo) this.pending.delete(job.key);
    }
  }
}

function remember(map: Map<string, number>, key: string, tokens: number): void {
  if (map.size >= maxEntries) map.delete(map.keys().next().value!);
  map.set(key, tokens);
}

/** The server's count of `text`, or null when it does not answer as expected. */
export async function tokenize(
  target: BackendTarget,
  tokenizer: TokenizerKind,
  model: string,
  text: string,
): Promise<number | null> {
  const origin = new URL(target.baseUrl).origin;
  const [url, body] =
    tokenizer === 'koboldcpp'
      ? [joinUrl(koboldRoot(target.baseUrl), 'api/extra/tokencount'), { prompt: text }]
      : tokenizer === 'vllm'
        ? [joinUrl(origin, 'tokenize'), { model, prompt: text, add_special_tokens: false }]
        : [joinUrl(origin, 'tokenize'), { content: text }];
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (target.apiKey) headers.authorization = `Bearer ${target.apiKey}`;
  try {
    const answer = await sendRequest(
      withConnection({ method: 'POST', url, headers, body: JSON.stringify(body) }, target),
      AbortSignal.timeout(5000),
      { ...defaultLimits, connectTimeoutMs: 3000, maxEventBytes: 16 * 1024 * 1024 },
    );
    if (!isObject(answer)) return null;
    // llama.cpp: {"tokens": [...]}; vLLM: {"count": N, "tokens": [...]}; KoboldCpp: {"value": N, "ids": [...]}.
    const n =
      num(answer, 'count') ?? num(answer, 'value') ?? (Array.isArray(answer.tokens) ? answer.tokens.length : undefined);
    return n !== undefined && Number.isInteger(n) && n >= 0 ? n : null;
  } catch {
    return null;
  }
}
