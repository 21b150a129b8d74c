// Answers to one server wait their turn when that server serves fewer requests at once than a
// comparison sends it: each server (by origin) is a lane with a number of places; a request takes
// a place before it opens and gives it back at its end. Stop while waiting leaves the line.
import { ChatFailure, chatError } from '../../shared/chat-error';
import { generationWords } from '../../shared/words/generation-words';

interface Lane {
  running: number;
  waiting: { capacity: number; admit: () => void }[];
}

/** Gives a taken place back; calling it twice gives back one place only. */
export type Release = () => void;

export class ServerQueue {
  private readonly lanes = new Map<string, Lane>();

  /** Whether a request to `key` would wait now. */
  wouldWait(key: string, capacity: number): boolean {
    const lane = this.lanes.get(key);
    return lane !== undefined && (lane.running >= capacity || lane.waiting.length > 0);
  }

  /** How many requests to `key` hold a place now (for tests and the figures). */
  running(key: string): number {
    return this.lanes.get(key)?.running ?? 0;
  }

  /**
   * Resolves once a place is free (at once when one is), in the order asked; rejects with a
   * `cancelled` failure when `signal` aborts first.
   */
  enter(key: string, capacity: number, signal: AbortSignal): Promise<Release> {
    if (signal.aborted) return Promise.reject(stopped());
    const lane = this.lanes.get(key) ?? { running: 0, waiting: [] };
    this.lanes.set(key, lane);
    if (lane.running < capacity && lane.waiting.length === 0) {
      lane.running += 1;
      return Promise.resolve(this.releaser(key, lane));
    }
    return new Promise<Release>((resolve, reject) => {
      const entry = {
        capacity,
        admit: () => {
          signal.removeEventListener('abort', leave);
          lane.running += 1;
          resolve(this.releaser(key, lane));
        },
      };
      const leave = () => {
        lane.waiting.splice(lane.waiting.indexOf(entry), 1);
        this.forget(key, lane);
        reject(stopped());
      };
      signal.addEventListener('abort', leave, { once: true });
      lane.waiting.push(entry);
    });
  }

  private releaser(key: string, lane: Lane): Release {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      lane.running -= 1;
      const next = lane.waiting[0];
      if (next && lane.running < next.capacity) {
        lane.waiting.shift();
        next.admit();
      }
      this.forget(key, lane);
    };
  }

  private forget(key: string, lane: Lane): void {
    if (lane.running === 0 && lane.waiting.length === 0) this.lanes.delete(key);
  }
}

const stopped = () => new ChatFailure(chatError('cancelled', generationWords.say('stoppedWaiting')));
