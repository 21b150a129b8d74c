// A fake RunPod serverless endpoint running worker-vllm, for Runnel's tests, on the shared plumbing
// of fake-http-server.ts: POST /run ({id, status: IN_QUEUE}), GET /stream/{id} ({status, stream:
// [{output}]} with the output made since the last call, worker-vllm's {choices: [{tokens}],
// usage: {input, output}} batches), POST /cancel/{id}, GET /health, under
// /v2/{endpoint_id} with a bearer key. Jobs run on their own, as on RunPod, whether or not anyone
// polls. An endpoint serves one model and takes no model name, so the fault is picked by the
// endpoint: /v2/fake-endpoint plays `behaviour` (an option, changeable between jobs), and an
// endpoint named after a behaviour (/v2/fake-stall) plays that one, as separate deployments
// would. HTTP status faults come on the /run call.
import { randomUUID } from 'node:crypto';
import { startFakeHttpServer, type FakeServer, type FakeServerOptions } from './fake-http-server';
import { FAULT_TOKENS, endlessTokens, replyTokens } from './fake-replies';
import { asRecord, sendJson } from './http-json';
import { splitUtf8Write } from './paced-writer';
import { expectedKoboldText, isKoboldBehaviour, type KoboldBehaviour } from './koboldcpp-server';
import { StatusFaults, type FaultStatus } from './status-faults';
import { textToolTokens } from './text-tool-replies';

export type RunPodBehaviour = KoboldBehaviour;
export const FAKE_RUNPOD_ENDPOINT = 'fake-endpoint';
/** What worker-vllm's job error looks like when the engine dies (a CUDA fault). */
export const RUNPOD_JOB_ERROR = 'CUDA error: an illegal memory access was encountered';
/** The endpoint API's answers to /run for each status fault. */
const statusErrors: Record<FaultStatus, string> = {
  401: 'Unauthorized',
  429: 'Too many requests: rate limit exceeded for this endpoint',
  500: 'Internal server error',
  503: 'No workers are available right now, try again later',
};
const ENDLESS_DELAY_MS = 50;

/** Same texts as the KoboldCpp fake: the faulty ones end before the fault. */
export const expectedRunPodText = expectedKoboldText;

export interface RunPodCancel {
  id: string;
  tokensSent: number;
}

interface Job {
  id: string;
  status: 'IN_QUEUE' | 'IN_PROGRESS' | 'COMPLETED' | 'FAILED' | 'CANCELLED';
  behaviour: RunPodBehaviour;
  /** Batches not yet handed out by /stream. */
  pending: string[][];
  produced: number;
  promptTokens: number;
  error?: string;
  polls: number;
  brokenSent?: boolean;
}

export interface FakeRunPodServer extends FakeServer {
  behaviour: RunPodBehaviour;
  jobs: Map<string, Job>;
  /** Resolves with the next POST /cancel/{id} (queued when nobody waits yet). */
  nextCancel(): Promise<RunPodCancel>;
}

export interface FakeRunPodServerOptions extends FakeServerOptions {
  behaviour?: RunPodBehaviour;
}

const lastUser = (messages: unknown): string => {
  const list = Array.isArray(messages) ? messages : [];
  const user = [...list].reverse().find((m) => asRecord(m)?.['role'] === 'user');
  const content = asRecord(user)?.['content'];
  return typeof content === 'string' ? content : '';
};

export async function startRunPodServer(opts: FakeRunPodServerOptions = {}): Promise<FakeRunPodServer> {
  const tokenDelayMs = opts.tokenDelayMs ?? 15;
  const state = { behaviour: opts.behaviour ?? 'fake-chat' } as { behaviour: RunPodBehaviour };
  const jobs = new Map<string, Job>();
  const cancels: RunPodCancel[] = [];
  const cancelWaiters: ((c: RunPodCancel) => void)[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const base = `/v2/${FAKE_RUNPOD_ENDPOINT}`;
  const faults = new StatusFaults();
  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  /** The worker: tokens into `pending`, one batch per token (worker-vllm's smallest batch). */
  async function runJob(job: Job, tokens: string[]): Promise<void> {
    await wait(tokenDelayMs);
    if (job.status === 'CANCELLED') return;
    job.status = 'IN_PROGRESS';
    const emit = async (from: number, to: number) => {
      for (const t of tokens.slice(from, to)) {
        await wait(tokenDelayMs);
        if (job.status === 'CANCELLED') return;
        job.pending.push([t]);
        job.produced++;
      }
    };
    switch (job.behaviour) {
      case 'fake-stall':
        return;
      case 'fake-silence-midstream':
        await emit(0, FAULT_TOKENS.midstream);
        return; // /stream hangs once these are handed out
      case 'fake-endless':
        for (let i = 0; job.status === 'IN_PROGRESS'; i++) {
          await wait(ENDLESS_DELAY_MS);
          if (job.status !== 'IN_PROGRESS') return;
          job.pending.push([endlessTokens[i % endlessTokens.length] ?? ' on']);
          job.produced++;
        }
        return;
      case 'fake-error-midstream':
        await emit(0, FAULT_TOKENS.midstream);
        job.error = RUNPOD_JOB_ERROR;
        job.status = 'FAILED';
        return;
      case 'fake-disconnect':
        await emit(0, FAULT_TOKENS.disconnect);
        return; // /stream drops the connection once these are handed out
      case 'fake-malformed':
        await emit(0, FAULT_TOKENS.malformedBefore + FAULT_TOKENS.malformedAfter);
        job.status = 'COMPLETED';
        return;
      default:
        await emit(0, tokens.length);
        if (job.status === 'IN_PROGRESS') job.status = 'COMPLETED';
    }
  }

  const server = await startFakeHttpServer({
    host: opts.host,
    port: opts.port,
    basePath: base,
    name: 'fake runpod',
    route(req, res, start) {
      if (opts.apiKey !== undefined && req.headers['authorization'] !== `Bearer ${opts.apiKey}`) {
        return sendJson(res, 401, { error: 'Unauthorized' });
      }
      const at = /^\/v2\/([^/]+)\/([^/]+)(?:\/([^/]+))?$/.exec(req.path);
      const endpoint = at?.[1] ?? '';
      if (!at || (endpoint !== FAKE_RUNPOD_ENDPOINT && !isKoboldBehaviour(endpoint))) {
        return sendJson(res, 404, { error: 'endpoint not found' });
      }
      const behaviour: RunPodBehaviour = endpoint === FAKE_RUNPOD_ENDPOINT ? state.behaviour : endpoint;
      const [, , op, id] = at;
      if (req.method === 'GET' && op === 'health') {
        return sendJson(res, 200, {
          jobs: { completed: 0, failed: 0, inProgress: 0, inQueue: 0, retried: 0 },
          workers: { idle: 1, running: 0 },
        });
      }
      if (req.method === 'POST' && op === 'run') {
        const input = asRecord(asRecord(req.body)?.['input']);
        if (!input) return sendJson(res, 400, { error: 'input is required' });
        const lastUserMessage = lastUser(input['messages']);
        const fault = faults.answer(behaviour, lastUserMessage);
        if (fault) return sendJson(res, fault.status, { error: statusErrors[fault.status] }, fault.headers);
        if (behaviour === 'fake-stall-first-byte') {
          start(behaviour, {}, (ex) => ex.pause(3_600_000)); // the job request is taken and never answered
          return;
        }
        const job: Job = {
          id: `${randomUUID()}-u1`,
          status: 'IN_QUEUE',
          // Once fake-loading-then-ok has loaded, it answers like fake-chat.
          behaviour: behaviour === 'fake-loading-then-ok' ? 'fake-chat' : behaviour,
          pending: [],
          produced: 0,
          promptTokens: lastUserMessage.length,
          polls: 0,
        };
        jobs.set(job.id, job);
        const tokens = textToolTokens(job.behaviour, lastUserMessage) ?? replyTokens(job.behaviour, lastUserMessage);
        void runJob(job, tokens ?? []);
        return sendJson(res, 200, { id: job.id, status: job.status });
      }
      const job = id === undefined ? undefined : jobs.get(id);
      if (!job) return sendJson(res, 404, { error: 'job not found' });
      if (req.method === 'POST' && op === 'cancel') {
        if (job.status === 'IN_QUEUE' || job.status === 'IN_PROGRESS') job.status = 'CANCELLED';
        const cancel = { id: job.id, tokensSent: job.produced };
        const waiter = cancelWaiters.shift();
        if (waiter) waiter(cancel);
        else cancels.push(cancel);
        return sendJson(res, 200, { id: job.id, status: job.status });
      }
      if (req.method !== 'GET' || op !== 'stream') return sendJson(res, 404, { error: 'not found' });

      job.polls++;
      start(job.behaviour, { job }, async (ex) => {
        const batches = job.pending.splice(0);
        ex.tokensSent += batches.length;
        const body = JSON.stringify({
          status: job.status,
          stream: batches.map((tokens) => ({
            output: { choices: [{ tokens }], usage: { input: job.promptTokens, output: job.produced } },
          })),
          ...(job.error ? { error: job.error } : {}),
        });
        ex.res.writeHead(200, { 'content-type': 'application/json' });
        const hung =
          job.behaviour === 'fake-silence-midstream' && batches.length === 0 && job.produced === FAULT_TOKENS.midstream;
        if (job.behaviour === 'fake-stall' || hung) {
          ex.res.flushHeaders();
          return;
        }
        if (job.behaviour === 'fake-disconnect' && batches.length === 0 && job.produced === FAULT_TOKENS.disconnect) {
          return ex.drop(body.slice(0, body.length >> 1)); // half an answer, then the socket is gone
        }
        if (job.behaviour === 'fake-malformed' && job.produced >= FAULT_TOKENS.malformedBefore && !job.brokenSent) {
          job.brokenSent = true; // once; its batches go out with the next answer
          job.pending.unshift(...batches);
          ex.tokensSent -= batches.length;
          return ex.end('{"status": "IN_PROGRESS", "stream": [{"output": broken');
        }
        await ex.write(body, job.behaviour === 'fake-utf8' ? splitUtf8Write : undefined);
        ex.end();
      });
    },
  });

  const close = server.close.bind(server);
  Object.defineProperty(server, 'behaviour', {
    get: () => state.behaviour,
    set: (b: RunPodBehaviour) => {
      state.behaviour = b;
    },
  });
  return Object.assign(server as FakeRunPodServer, {
    jobs,
    nextCancel(): Promise<RunPodCancel> {
      const queued = cancels.shift();
      return queued ? Promise.resolve(queued) : new Promise<RunPodCancel>((resolve) => cancelWaiters.push(resolve));
    },
    async close() {
      for (const t of timers) clearTimeout(t);
      for (const job of jobs.values()) if (job.status === 'IN_PROGRESS') job.status = 'CANCELLED';
      await close();
    },
  });
}
