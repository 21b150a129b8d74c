// Long polling: start a job, then ask for its progress until the decoder has the whole answer
// (a PollStreamPlan; the adapter owns what the requests and answers mean). Each answer is read
// whole under the usual limits (connect timeout to the headers, idle timeout between bytes) and
// handed on as one frame. Stop aborts every request in flight, so the server sees the sockets
// close, and sends the plan's cancel request. A preferred streaming route is tried first. One
// answer is held whole only up to maxEventBytes. Toward maxResponseBytes a poll answer counts by
// what changed since the previous one (a cumulative text like KoboldCpp's /check would otherwise
// count its whole text again at every poll), so a job that never ends still stops there.
import { setTimeout as sleep } from 'node:timers/promises';
import { ChatFailure, chatError } from '../../shared/chat-error';
import { transportWords } from '../../shared/words/transport-words';
import { sendHttp } from './http-request';
import { frameNdjson } from './ndjson-stream';
import { frameSse } from './sse-stream';
import { ResponseBudget, frameTooLarge } from './size-limits';
import { readText } from './text-stream';
import type { Frame, HttpRequestPlan, JobRequest, PollFrame, PollStreamPlan, TransportLimits } from './types';

/** The longest timer Node accepts: a blocking start may legitimately say nothing for that long. */
const NO_TIMEOUT_MS = 2 ** 31 - 1;
/** The cancel request must not hold up the end of a stopped answer for long. */
const CANCEL_TIMEOUT_MS = 5_000;

const withConnection = (req: JobRequest, plan: PollStreamPlan): HttpRequestPlan => ({
  ...req,
  ...(plan.http ? { http: plan.http } : {}),
  ...(plan.tls ? { tls: plan.tls } : {}),
  ...(plan.extraHeaders ? { extraHeaders: plan.extraHeaders } : {}),
});

/** One whole answer as text (UTF-8 across chunks), within the connect and idle timeouts and the size limits. */
async function fetchText(
  req: HttpRequestPlan,
  signal: AbortSignal,
  limits: TransportLimits,
  budget?: ResponseBudget,
): Promise<string> {
  const host = new URL(req.url).host;
  const res = await sendHttp(req, signal, limits);
  const pieces: string[] = [];
  let length = 0;
  for await (const piece of readText(res, host, signal, limits, budget)) {
    pieces.push(piece);
    length += piece.length;
    if (length > limits.maxEventBytes) throw frameTooLarge(host, 'a poll answer', limits);
  }
  return pieces.join('');
}

function parseStart(text: string, host: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    const start = text.trim().slice(0, 80);
    throw new ChatFailure(chatError('protocol', transportWords.say('jobNotJson', { host, start })));
  }
}

const stopped = () => new ChatFailure(chatError('cancelled', transportWords.say('stopped')));

/** Bytes of `answer` after the part it shares with `previous`: what the poll brought that is new. */
export function changedBytes(previous: string, answer: string): number {
  const max = Math.min(previous.length, answer.length);
  let same = 0;
  while (same < max && previous.charCodeAt(same) === answer.charCodeAt(same)) same++;
  return Buffer.byteLength(answer.slice(same));
}

/** Counts poll answers toward the whole-answer limit by their change. */
class PollBudget {
  private previous = '';
  constructor(private readonly budget: ResponseBudget) {}

  spend(answer: string): void {
    this.budget.spend(changedBytes(this.previous, answer));
    this.previous = answer;
  }
}

export async function* openPolling(
  plan: PollStreamPlan,
  signal: AbortSignal,
  limits: TransportLimits,
): AsyncGenerator<Frame> {
  if (signal.aborted) throw stopped();
  // Aborted by Stop, and when the consumer stops reading (so no request outlives the stream).
  const inner = new AbortController();
  const onAbort = () => inner.abort();
  signal.addEventListener('abort', onAbort, { once: true });
  const host = new URL(plan.url).host;
  const budget = new ResponseBudget(host, limits);
  let start: unknown;
  try {
    if (plan.preferStream) {
      const streamed = yield* tryStream(plan, plan.preferStream, inner.signal, limits, budget);
      if (streamed) return;
    }
    if (plan.startBlocks) {
      yield* pollBesideBlockingStart(plan, inner.signal, limits, budget, (body) => (start = body));
      return;
    }
    const startText = await fetchText(plan, inner.signal, limits, budget);
    start = parseStart(startText, host);
    yield { framing: 'poll', phase: 'start', data: startText } satisfies PollFrame;
    const pollRequest = plan.poll(start);
    if (!pollRequest) {
      const excerpt = startText.trim().slice(0, 80);
      throw new ChatFailure(chatError('protocol', transportWords.say('noJobToPoll', { host, start: excerpt })));
    }
    const req = withConnection(pollRequest, plan);
    const polls = new PollBudget(budget);
    for (;;) {
      const data = await fetchText(req, inner.signal, limits);
      polls.spend(data);
      yield { framing: 'poll', phase: 'poll', data } satisfies PollFrame;
      await sleep(plan.intervalMs, undefined, { signal: inner.signal }).catch(() => {
        throw stopped();
      });
    }
  } catch (err) {
    if (signal.aborted) throw stopped();
    throw err;
  } finally {
    signal.removeEventListener('abort', onAbort);
    inner.abort();
    if (signal.aborted) await sendCancel(plan, start, limits);
  }
}

/** Streams the preferred route; false when it answered a fallback status and polling should run instead. */
async function* tryStream(
  plan: PollStreamPlan,
  route: NonNullable<PollStreamPlan['preferStream']>,
  signal: AbortSignal,
  limits: TransportLimits,
  budget: ResponseBudget,
): AsyncGenerator<Frame, boolean> {
  const { framing, fallbackStatuses, ...request } = route;
  const req = withConnection(request, plan);
  const host = new URL(req.url).host;
  let res;
  try {
    res = await sendHttp(req, signal, limits);
  } catch (err) {
    const status = err instanceof ChatFailure ? err.detail.status : undefined;
    if (status !== undefined && fallbackStatuses.includes(status)) return false;
    throw err;
  }
  const text = readText(res, host, signal, limits, budget);
  yield* framing === 'sse' ? frameSse(text, host, limits) : frameNdjson(text, host, limits);
  return true;
}

type Outcome = { kind: 'frame'; frame: PollFrame } | { kind: 'done' } | { kind: 'error'; err: unknown };

/**
 * The start request runs to the job's end with no timeout of its own (it says nothing until
 * then); polls run beside it and their timeouts watch the server. Their answers are frames in
 * order; the start's answer is the last frame.
 */
async function* pollBesideBlockingStart(
  plan: PollStreamPlan,
  signal: AbortSignal,
  limits: TransportLimits,
  budget: ResponseBudget,
  onStart: (body: unknown) => void,
): AsyncGenerator<Frame> {
  const queue: Outcome[] = [];
  let wake: (() => void) | undefined;
  const push = (o: Outcome) => {
    queue.push(o);
    wake?.();
  };
  const local = new AbortController();
  const both = AbortSignal.any([signal, local.signal]);
  const host = new URL(plan.url).host;
  let finished = false;

  const blocking = { ...limits, connectTimeoutMs: NO_TIMEOUT_MS, idleTimeoutMs: NO_TIMEOUT_MS };
  fetchText(plan, both, blocking, budget).then(
    (data) => {
      finished = true;
      try {
        onStart(parseStart(data, host));
      } catch {
        // the decoder judges the body; only the cancel request needed it parsed
      }
      push({ kind: 'frame', frame: { framing: 'poll', phase: 'start', data } });
      push({ kind: 'done' });
    },
    (err: unknown) => push({ kind: 'error', err }),
  );
  const pollLoop = async () => {
    const pollRequest = plan.poll(undefined);
    if (!pollRequest) return;
    const req = withConnection(pollRequest, plan);
    const polls = new PollBudget(budget);
    while (!finished) {
      await sleep(plan.intervalMs, undefined, { signal: both });
      const data = await fetchText(req, both, limits);
      polls.spend(data);
      if (!finished) push({ kind: 'frame', frame: { framing: 'poll', phase: 'poll', data } });
    }
  };
  pollLoop().catch((err: unknown) => {
    if (!finished && !both.aborted) push({ kind: 'error', err });
  });

  try {
    for (;;) {
      const next = queue.shift();
      if (!next) {
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
        continue;
      }
      if (next.kind === 'done') return;
      if (next.kind === 'error') throw next.err;
      yield next.frame;
    }
  } finally {
    finished = true;
    local.abort();
  }
}

async function sendCancel(plan: PollStreamPlan, start: unknown, limits: TransportLimits): Promise<void> {
  const request = plan.cancel?.(start);
  if (!request) return;
  const timeoutMs = Math.min(limits.connectTimeoutMs, CANCEL_TIMEOUT_MS);
  try {
    await fetchText(withConnection(request, plan), AbortSignal.timeout(timeoutMs), {
      ...limits,
      connectTimeoutMs: timeoutMs,
      idleTimeoutMs: timeoutMs,
    });
  } catch {
    // Best effort: the requests in flight are already aborted, which most servers notice.
  }
}
