// Which turns of a branch go into a request so that it fits the window: the system prompt and the
// tools always, then whole turns from the newest back. A turn is a user message with the answers
// under it (their tool rounds and the files attached); it goes or stays whole. The latest turn
// always goes; when even it leaves too little room for the answer, max_tokens is lowered to what
// is left. Pure arithmetic on counts, so it runs in microseconds per message.

export interface CountedGroup {
  role: 'user' | 'assistant' | 'system';
  tokens: number;
}

export interface Budget {
  window: number;
  /** System prompt and tool definitions. */
  fixed: number;
  /** Room kept for the answer (max_tokens, or a share of the window when none is set). */
  answer: number;
  /** Below this much room for the answer, the request is not sent at all. */
  minAnswer: number;
}

export type Selection =
  | {
      fits: true;
      /** Index of the first group sent (0: nothing left out). */
      first: number;
      /** Tokens sent: fixed plus the groups kept. */
      used: number;
      /** Room for the answer when it had to shrink below `answer`; null when it did not. */
      answerLowered: number | null;
    }
  | { fits: false; used: number };

/** Where each turn starts: at every user message (and at 0, for a history that opens with an answer). */
function turnStarts(groups: readonly CountedGroup[]): number[] {
  const starts: number[] = [];
  groups.forEach((g, i) => {
    if (i === 0 || g.role === 'user') starts.push(i);
  });
  return starts;
}

export function selectGroups(groups: readonly CountedGroup[], budget: Budget): Selection {
  const starts = turnStarts(groups);
  const limit = budget.window - budget.answer;
  let used = budget.fixed;
  let first = groups.length;
  for (let s = starts.length - 1; s >= 0; s--) {
    const start = starts[s]!;
    let turn = 0;
    for (let i = start; i < first; i++) turn += groups[i]!.tokens;
    const latest = s === starts.length - 1;
    if (!latest && used + turn > limit) break;
    used += turn;
    first = start;
  }
  if (groups.length === 0) first = 0;
  if (used <= limit) return { fits: true, first, used, answerLowered: null };
  // Only the latest turn is left and it leaves less room than asked for the answer.
  const room = budget.window - used;
  return room >= budget.minAnswer ? { fits: true, first, used, answerLowered: room } : { fits: false, used };
}
