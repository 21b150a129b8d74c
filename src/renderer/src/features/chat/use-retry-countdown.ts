// Seconds left before Runnel tries a failed request again, ticking live; null once the attempt has
// started. Counted from when the retry was first shown (its error object keys it, so a remount keeps it).
import { useEffect, useState } from 'react';

const shownAt = new WeakMap<object, number>();

/** Ticks often enough that a whole second never shows late. */
const TICK_MS = 200;

export function useRetryCountdown(retry: object | null, delayMs: number | null): number | null {
  const [left, setLeft] = useState<{ retry: object | null; ms: number | null }>({ retry: null, ms: null });

  useEffect(() => {
    if (!retry || delayMs === null) return;
    let start = shownAt.get(retry);
    if (start === undefined) {
      start = Date.now();
      shownAt.set(retry, start);
    }
    const end = start + delayMs;
    const tick = (): void => {
      const ms = Math.max(0, end - Date.now());
      setLeft({ retry, ms });
      if (ms === 0) clearInterval(timer);
    };
    const timer = setInterval(tick, TICK_MS);
    return () => clearInterval(timer);
  }, [retry, delayMs]);

  if (!retry || delayMs === null) return null;
  // Before the first tick of this retry, the whole delay is left.
  const ms = left.retry === retry && left.ms !== null ? left.ms : delayMs;
  return ms > 0 ? Math.ceil(ms / 1000) : null;
}
