// How many requests a server serves at once, from what it says about itself: llama.cpp's /props
// names its slots (`total_slots`; one by default), and LM Studio (it answers /api/v0/models)
// answers one request at a time. Anything else is taken to serve requests side by side. The
// answer is kept per origin for a minute, so a comparison asks once.
import { isObject } from '../providers/json-fields';
import { withConnection } from '../providers/request-parts';
import type { BackendTarget } from '../providers/types';
import { defaultLimits, type HttpRequestPlan } from '../transports/types';
import { sendRequest } from '../transports/unary-request';

export interface ServerCapacity {
  /** The lane's key: the server's origin. */
  key: string;
  /** Requests served at once; Infinity when the server does not say it queues. */
  places: number;
}

const keepMs = 60_000;
const known = new Map<string, { places: number; until: number }>();

/** The origin a backend's requests go to (a backend's URL may end in /v1). */
export function serverKey(target: Pick<BackendTarget, 'baseUrl'>): string {
  try {
    return new URL(target.baseUrl).origin;
  } catch {
    return target.baseUrl;
  }
}

export async function serverCapacity(
  target: BackendTarget,
  timeoutMs = 1000,
  now = Date.now(),
): Promise<ServerCapacity> {
  const key = serverKey(target);
  // Only the OpenAI-compatible kind is served by llama.cpp and LM Studio.
  if (target.kind !== 'openai-chat') return { key, places: Infinity };
  const cached = known.get(key);
  if (cached && cached.until > now) return { key, places: cached.places };
  const places = await probePlaces(target, key, timeoutMs);
  known.set(key, { places, until: now + keepMs });
  return { key, places };
}

async function probePlaces(target: BackendTarget, origin: string, timeoutMs: number): Promise<number> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (target.apiKey) headers.authorization = `Bearer ${target.apiKey}`;
  const get = async (path: string): Promise<unknown> => {
    const plan: HttpRequestPlan = withConnection({ method: 'GET', url: `${origin}${path}`, headers }, target);
    try {
      return await sendRequest(plan, AbortSignal.timeout(timeoutMs), {
        ...defaultLimits,
        connectTimeoutMs: timeoutMs,
        maxEventBytes: 1024 * 1024,
      });
    } catch {
      return undefined;
    }
  };
  const [props, lmStudio] = await Promise.all([get('/props'), get('/api/v0/models')]);
  if (isObject(props)) {
    const slots = props['total_slots'];
    if (typeof slots === 'number' && Number.isInteger(slots) && slots >= 1) return slots;
    // A llama.cpp too old to name its slots: one, its default.
    if ('default_generation_settings' in props) return 1;
  }
  if (isObject(lmStudio) && Array.isArray(lmStudio['data'])) return 1;
  return Infinity;
}

/** Forgets what servers said (tests start fresh servers on reused ports). */
export function forgetCapacities(): void {
  known.clear();
}
