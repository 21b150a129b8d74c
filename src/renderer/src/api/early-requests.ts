// Requests sent before the UI asks for them: at start the first screen's data is asked for at
// once, so it travels while React renders, and the first identical request takes the answer
// instead of asking again. An answer that an event may have made stale, or that waited too
// long, is dropped and asked for afresh.
import type { EventChannel } from '../../../shared/ipc/contract';

interface Early<T> {
  answer: Promise<T>;
  at: number;
  staleOn: EventChannel;
}

export interface EarlyRequests<T> {
  /** Sends now (via `send`) unless the same request is already waiting to be taken. */
  start(key: string, staleOn: EventChannel, send: () => Promise<T>): void;
  /** The waiting answer for `key`, once; undefined when there is none or it is stale. */
  take(key: string): Promise<T> | undefined;
  /** An event arrived: answers it may have changed are dropped. */
  eventArrived(channel: EventChannel): void;
}

export const earlyMaxAgeMs = 10_000;

export function createEarlyRequests<T>(now: () => number = () => performance.now()): EarlyRequests<T> {
  const waiting = new Map<string, Early<T>>();
  return {
    start(key, staleOn, send) {
      if (waiting.has(key)) return;
      const answer = send();
      // Nobody may take it: its failure is reported by the request that asks again.
      answer.catch(() => {});
      waiting.set(key, { answer, at: now(), staleOn });
    },
    take(key) {
      const early = waiting.get(key);
      waiting.delete(key);
      if (!early || now() - early.at > earlyMaxAgeMs) return undefined;
      return early.answer;
    },
    eventArrived(channel) {
      for (const [key, early] of waiting) if (early.staleOn === channel) waiting.delete(key);
    },
  };
}

/** The same request, the same key: channel and input as sent. */
export const requestKey = (channel: string, input: unknown): string => `${channel} ${JSON.stringify(input)}`;
