// The context window as both sides see it: what the meter shows, where the figure came from, what
// the next request leaves out, and the token estimate used where no server tokenizer counts.

/** What a conversation does when its history no longer fits: leave out the oldest turns, or stop and ask. */
export const contextOverflowModes = ['drop-oldest', 'ask'] as const;
export type ContextOverflowMode = (typeof contextOverflowModes)[number];

/** A stored or imported mode read back; anything else is the default, leaving out the oldest. */
export const overflowModeOf = (value: string | null | undefined): ContextOverflowMode =>
  (contextOverflowModes as readonly string[]).includes(value ?? '') ? (value as ContextOverflowMode) : 'drop-oldest';

/** Where the window figure came from. */
export type WindowSource =
  | { kind: 'user' }
  /** `detail` names the server's field, e.g. "llama.cpp /props n_ctx". */
  | { kind: 'server'; detail: string }
  /** Read from the server's refusal of a longer request. */
  | { kind: 'corrected' }
  /** Ollama: the num_ctx Runnel sends (the model's trained window, capped by the backend's setting). */
  | { kind: 'num-ctx'; trained: number | null; cap: number }
  | { kind: 'unknown' };

/** What the next request of a conversation will send, measured against the window. */
export interface ContextStatus {
  /** Tokens; null when neither the server nor the user says. */
  window: number | null;
  source: WindowSource;
  /** Tokens the next request sends (history, system prompt, tools), room for the answer not included. */
  used: number;
  /** True when some of `used` is an estimate rather than the server's own count. */
  estimated: boolean;
  /** The first message still sent when older ones are left out; null when all go. */
  cutBefore: string | null;
  /** How many messages are left out. */
  leftOut: number;
  /** Set when the answer's max_tokens has to be lowered to fit, to this many tokens. */
  maxTokensLowered: number | null;
  overflow: ContextOverflowMode;
}

/**
 * A quick count of tokens in text, for text no tokenizer has counted: about four characters per
 * token for Latin script, one per CJK character (tokenizers split those finely), two per token for
 * other scripts. It leans high, so a request it passes rarely meets a refusal.
 */
export function estimateTokens(text: string): number {
  let ascii = 0;
  let cjk = 0;
  let other = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) ascii++;
    else if ((c >= 0x3000 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af) || (c >= 0xf900 && c <= 0xfaff)) cjk++;
    else if (c < 0xdc00 || c > 0xdfff) other++;
  }
  return Math.ceil(ascii / 3.5 + cjk + other / 2);
}

/** "3.1k" style: under 1000 as is, then thousands with one decimal under 10k. */
export function shortTokens(n: number): string {
  if (n < 1000) return String(n);
  if (n < 10_000) return `${(Math.round(n / 100) / 10).toString()}k`;
  return `${Math.round(n / 1000)}k`;
}
