// Keeps the reachability of the chosen backend current: checked when the user picks another
// backend (or edits this one), when the window comes back to the front, when an answer fails to
// connect, and, while it is unreachable, again and again with a growing pause (recheck-delay.ts).
import { useCallback, useEffect } from 'react';
import type { Backend, Message } from '../../../../shared/domain';
import type { ReachState } from '../../state/backends-slice';
import { useAppStore } from '../../state/store';
import { recheckDelayMs } from './recheck-delay';

export interface BackendStatus {
  backend: Backend | null;
  reach: ReachState | undefined;
  recheck(): void;
}

/** The id of the last answer when it could not reach its server: a hint that the server went away. */
function connectFailureOf(messages: readonly Message[]): string | null {
  const last = messages.findLast((m) => m.role === 'assistant');
  const code = last?.status === 'error' ? last.error?.code : undefined;
  return code === 'connect' || code === 'timeout' ? (last?.id ?? null) : null;
}

export function useBackendStatus(): BackendStatus {
  const backendId = useAppStore((s) => s.choice?.backendId ?? null);
  const backend = useAppStore((s) => s.backends.find((b) => b.id === backendId) ?? null);
  const reach = useAppStore((s) => (backendId ? s.reachability[backendId] : undefined));
  const check = useAppStore((s) => s.checkReachability);
  const failedAnswer = useAppStore((s) => connectFailureOf(s.messages));

  const recheck = useCallback(() => {
    if (backendId) void check(backendId);
  }, [backendId, check]);

  // Another backend, this one's address changed, or an answer could not connect: look now.
  const address = backend?.baseUrl;
  useEffect(() => {
    recheck();
  }, [recheck, address, failedAnswer]);

  useEffect(() => {
    const onFront = (): void => {
      if (document.visibilityState === 'visible') recheck();
    };
    window.addEventListener('focus', onFront);
    document.addEventListener('visibilitychange', onFront);
    return () => {
      window.removeEventListener('focus', onFront);
      document.removeEventListener('visibilitychange', onFront);
    };
  }, [recheck]);

  const waitMs = reach?.result?.reachable === false && !reach.checking ? recheckDelayMs(reach.failures) : null;
  useEffect(() => {
    if (waitMs === null) return;
    const timer = setTimeout(recheck, waitMs);
    return () => clearTimeout(timer);
  }, [waitMs, reach, recheck]);

  return { backend, reach, recheck };
}
