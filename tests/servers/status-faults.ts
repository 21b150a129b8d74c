// The HTTP status faults every fake serves by model name (or by URL, for the kinds that take no
// model): which status, whether a Retry-After goes with it, and fake-loading-then-ok's "busy the
// first time, fine after". Each fake wraps the status in its own API's error body with its own
// words, as the real server (or the proxy in front of it) would.

export const STATUS_FAULTS = {
  'fake-error-401': { status: 401, description: 'HTTP 401: the key is missing or wrong' },
  'fake-error-429': { status: 429, retryAfter: '1', description: 'HTTP 429 with Retry-After: 1' },
  'fake-error-500': { status: 500, description: 'HTTP 500: CUDA out of memory' },
  'fake-error-503': { status: 503, description: 'HTTP 503: busy or still loading the model' },
  'fake-loading-then-ok': {
    status: 503,
    retryAfter: '1',
    description: 'HTTP 503 + Retry-After: 1 the first time (model loading), then fake-chat',
  },
} as const satisfies Record<string, { status: number; retryAfter?: string; description: string }>;

export type StatusFaultModel = keyof typeof STATUS_FAULTS;
export type FaultStatus = (typeof STATUS_FAULTS)[StatusFaultModel]['status'];

export const isStatusFault = (model: string): model is StatusFaultModel => model in STATUS_FAULTS;

export interface StatusAnswer {
  status: FaultStatus;
  /** Headers to send with it (Retry-After when the fault has one and the server sends it). */
  headers: Record<string, string>;
}

/**
 * Remembers which requests fake-loading-then-ok has already refused, so the same request asked
 * again (a retry) gets a normal answer.
 */
export class StatusFaults {
  private readonly loaded = new Set<string>();

  /** `withRetryAfter`: false for servers that never send one (Ollama), so clients back off on their own. */
  constructor(private readonly withRetryAfter = true) {}

  /** The error to answer `model` with now, or undefined for a normal answer. `key` tells retries apart from new requests. */
  answer(model: string, key: string): StatusAnswer | undefined {
    if (!isStatusFault(model)) return undefined;
    if (model === 'fake-loading-then-ok') {
      if (this.loaded.has(key)) return undefined;
      this.loaded.add(key);
    }
    const fault: { status: FaultStatus; retryAfter?: string } = STATUS_FAULTS[model];
    const headers: Record<string, string> =
      fault.retryAfter && this.withRetryAfter ? { 'retry-after': fault.retryAfter } : {};
    return { status: fault.status, headers };
  }
}

/** The fake models of the status faults, for a fake's model list. */
export const statusFaultModels = (Object.keys(STATUS_FAULTS) as StatusFaultModel[]).map((id) => ({
  id,
  description: STATUS_FAULTS[id].description,
}));
