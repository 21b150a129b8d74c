// When a failed or crashed MCP server is started again: 1 s, 2 s, 4 s … up to 60 s, and back to
// 1 s once a connection has stayed up for a minute.
export interface BackoffSchedule {
  firstMs: number;
  maxMs: number;
  /** A connection up this long counts as stable: the next failure starts the schedule again. */
  stableMs: number;
}

export const defaultBackoff: BackoffSchedule = { firstMs: 1_000, maxMs: 60_000, stableMs: 60_000 };

/** The wait before the next start after `failures` failures in a row (1 or more). */
export function backoffDelay(failures: number, schedule: BackoffSchedule = defaultBackoff): number {
  const doublings = Math.min(Math.max(failures, 1) - 1, 30);
  return Math.min(schedule.firstMs * 2 ** doublings, schedule.maxMs);
}

/** Failures in a row after one more; `upForMs` is how long the connection had been up (null: never up). */
export function failuresAfter(
  previous: number,
  upForMs: number | null,
  schedule: BackoffSchedule = defaultBackoff,
): number {
  return (upForMs !== null && upForMs >= schedule.stableMs ? 0 : previous) + 1;
}
