// How long to wait before asking again whether an unreachable backend is back: soon at first (a
// server restarting), then less and less often, never more than a minute apart.
export const firstRecheckMs = 2_000;
export const maxRecheckMs = 60_000;

/** The wait after `failures` checks in a row found the server unreachable (1 → 2 s, 2 → 4 s, …). */
export function recheckDelayMs(failures: number): number {
  return Math.min(maxRecheckMs, firstRecheckMs * 2 ** Math.max(0, failures - 1));
}
