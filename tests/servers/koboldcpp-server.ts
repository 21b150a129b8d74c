// A fake KoboldCpp (native API, koboldcpp.py) for Runnel's tests, on the shared plumbing of
// fake-http-server.ts: POST /api/extra/generate/stream (SSE `event: message` + `data: {"token",
// "finish_reason"}`, switchable off to play an older KoboldCpp that 404s it), the blocking POST
// /api/v1/generate with /api/extra/generate/check {genkey} for the text so far, POST
// /api/extra/abort {genkey}, GET /api/v1/model and /api/extra/version. KoboldCpp serves one model
// and takes no model name, so the fault is picked by `behaviour` (an option, changeable between
// requests) or, as behind a reverse proxy, by the first segment of the URL: a base URL of
// http://host:port/fake-stall serves fake-stall whatever the option says. HTTP status faults come
// on the generate call (the SSE route and /api/v1/generate), in KoboldCpp's `{"detail"}` shape.
import { startFakeHttpServer, type FakeServer, type FakeServerOptions, type Exchange } from './fake-http-server';
import { FAULT_TOKENS, endlessTokens, replyTokens, tokenize } from './fake-replies';
import { asRecord, sendJson, sendText } from './http-json';
import { plainWrite, splitUtf8Write, type Writer } from './paced-writer';
import { STATUS_FAULTS, StatusFaults, type FaultStatus } from './status-faults';
import { TEXT_TOOL_BEHAVIOURS, textToolTokens } from './text-tool-replies';

export const KOBOLD_BEHAVIOURS = [
  'fake-chat',
  'fake-endless',
  'fake-error-midstream',
  'fake-disconnect',
  'fake-malformed',
  'fake-utf8',
  'fake-stall-first-byte',
  'fake-stall',
  'fake-silence-midstream',
  ...(Object.keys(STATUS_FAULTS) as (keyof typeof STATUS_FAULTS)[]),
  // Hermes <tool_call> blocks in the text, then plain text once the prompt holds a tool result.
  ...TEXT_TOOL_BEHAVIOURS,
] as const;
export type KoboldBehaviour = (typeof KOBOLD_BEHAVIOURS)[number];

export const isKoboldBehaviour = (name: string): name is KoboldBehaviour =>
  (KOBOLD_BEHAVIOURS as readonly string[]).includes(name);

/** KoboldCpp's error bodies for each status fault; 503 is its own answer while another generation runs. */
const statusBodies: Record<FaultStatus, unknown> = {
  401: { error: 'Error: Authentication failed, incorrect or missing API Key!' },
  429: { detail: { msg: 'Too many requests, please slow down.', type: 'rate_limited' } },
  500: { detail: { msg: 'CUDA out of memory while loading the model', type: 'server_error' } },
  503: { detail: { msg: 'Server is busy; please try again later.', type: 'service_unavailable' } },
};

/** The behaviour a path asks for (its first segment when that is a behaviour), and the path without it. */
export function routedBehaviour(path: string): { behaviour: KoboldBehaviour | undefined; path: string } {
  const first = /^\/([^/]+)(\/.*)?$/.exec(path);
  if (first && isKoboldBehaviour(first[1]!)) return { behaviour: first[1], path: first[2] ?? '/' };
  return { behaviour: undefined, path };
}

export const FAKE_KOBOLD_VERSION = '1.102';
const ENDLESS_DELAY_MS = 50;

export interface KoboldAbort {
  genkey: string;
  tokensSent: number;
}

export interface FakeKoboldServer extends FakeServer {
  /** What the next generation does. */
  behaviour: KoboldBehaviour;
  /** Resolves with the next POST /api/extra/abort (queued when nobody waits yet). */
  nextAbortRequest(): Promise<KoboldAbort>;
}

export interface FakeKoboldServerOptions extends Omit<FakeServerOptions, 'apiKey'> {
  /** false: no SSE route (404), as before KoboldCpp had one. Default true. */
  sse?: boolean;
  behaviour?: KoboldBehaviour;
  /** KoboldCpp's --password, checked as `Authorization: Bearer <password>`. */
  password?: string;
}

interface Generation {
  genkey: string;
  text: string;
  tokens: number;
  aborted: boolean;
}

/** The last user turn of a ChatML prompt (the fakes echo it); the whole prompt otherwise. */
export function lastUserTurn(prompt: string): string {
  const turns = [...prompt.matchAll(/<\|im_start\|>user\n([\s\S]*?)<\|im_end\|>/g)];
  return turns.at(-1)?.[1] ?? prompt;
}

/** The text a client should end up with for `behaviour` (faulty ones: what comes before the fault). */
export function expectedKoboldText(behaviour: KoboldBehaviour, lastUserMessage: string): string {
  const tokens = replyTokens(behaviour, lastUserMessage) ?? [];
  switch (behaviour) {
    case 'fake-error-midstream':
    case 'fake-silence-midstream':
    case 'fake-disconnect':
      return tokens.slice(0, FAULT_TOKENS.midstream).join('');
    case 'fake-malformed':
      return tokens.slice(0, FAULT_TOKENS.malformedBefore + FAULT_TOKENS.malformedAfter).join('');
    default:
      return tokens.join('');
  }
}

/** The context size the fake KoboldCpp says it was started with. */
export const FAKE_KOBOLD_CONTEXT = 4096;

export async function startKoboldServer(opts: FakeKoboldServerOptions = {}): Promise<FakeKoboldServer> {
  const tokenDelayMs = opts.tokenDelayMs ?? 15;
  const sse = opts.sse ?? true;
  let current: Generation | null = null;
  const abortQueue: KoboldAbort[] = [];
  const abortWaiters: ((a: KoboldAbort) => void)[] = [];
  const state = { behaviour: opts.behaviour ?? 'fake-chat' } as { behaviour: KoboldBehaviour };
  const faults = new StatusFaults();

  const server = await startFakeHttpServer({
    host: opts.host,
    port: opts.port,
    basePath: '',
    name: 'fake koboldcpp',
    route(req, res, start) {
      if (opts.password !== undefined && req.headers['authorization'] !== `Bearer ${opts.password}`) {
        // KoboldCpp's words for a missing or wrong --password.
        return sendJson(res, 401, statusBodies[401]);
      }
      const routed = routedBehaviour(req.path);
      const behaviourNow = routed.behaviour ?? state.behaviour;
      const route = `${req.method} ${routed.path}`;
      if (route === 'GET /api/v1/model') return sendJson(res, 200, { result: `koboldcpp/${behaviourNow}` });
      // The window KoboldCpp was started with (--contextsize), and its tokenizer's count.
      if (route === 'GET /api/extra/true_max_context_length') return sendJson(res, 200, { value: FAKE_KOBOLD_CONTEXT });
      if (route === 'POST /api/extra/tokencount') {
        const prompt = asRecord(req.body)?.['prompt'];
        const tokens = tokenize(typeof prompt === 'string' ? prompt : '');
        return sendJson(res, 200, { value: tokens.length, ids: tokens.map((_, i) => 1000 + i) });
      }
      if (route === 'GET /api/extra/version') {
        return sendJson(res, 200, { result: 'KoboldCpp', version: FAKE_KOBOLD_VERSION });
      }
      const body = asRecord(req.body) ?? {};
      const genkey = typeof body['genkey'] === 'string' ? body['genkey'] : '';
      if (route === 'POST /api/extra/generate/check') {
        // The text so far of the generation with this genkey; nothing for any other key.
        const text = current && current.genkey === genkey ? current.text : '';
        // A hung server: its /check hangs too (no answer at all, or the headers and no body).
        if (behaviourNow === 'fake-stall-first-byte') return;
        const hungAfterText =
          behaviourNow === 'fake-silence-midstream' && (current?.tokens ?? 0) >= FAULT_TOKENS.midstream;
        if (behaviourNow === 'fake-stall' || hungAfterText) {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.flushHeaders();
          return;
        }
        if (
          behaviourNow === 'fake-malformed' &&
          current?.genkey === genkey &&
          current.tokens === FAULT_TOKENS.malformedBefore
        ) {
          res.writeHead(200, { 'content-type': 'application/json' });
          return res.end('{"results": [{"text": broken');
        }
        const answer = JSON.stringify({ results: [{ text }] });
        if (behaviourNow === 'fake-utf8') {
          res.writeHead(200, { 'content-type': 'application/json' });
          void splitUtf8Write(res, answer, new AbortController().signal).then(() => res.end());
          return;
        }
        return sendJson(res, 200, { results: [{ text }] });
      }
      if (route === 'POST /api/extra/abort') {
        const found = current !== null && current.genkey === genkey;
        if (found && current) {
          current.aborted = true;
          const abort = { genkey, tokensSent: current.tokens };
          const waiter = abortWaiters.shift();
          if (waiter) waiter(abort);
          else abortQueue.push(abort);
        }
        return sendJson(res, 200, { success: found ? 'true' : 'false', done: found ? 'true' : 'false' });
      }
      const streamed = route === 'POST /api/extra/generate/stream';
      if (route !== 'POST /api/v1/generate' && !(streamed && sse)) {
        return sendText(res, 404, 'Error: HTTP Server is unable to find the requested endpoint');
      }
      const prompt = typeof body['prompt'] === 'string' ? body['prompt'] : '';
      const fault = faults.answer(behaviourNow, prompt);
      if (fault) return sendJson(res, fault.status, statusBodies[fault.status], fault.headers);
      // Once fake-loading-then-ok has loaded, it answers like fake-chat.
      const behaviour = behaviourNow === 'fake-loading-then-ok' ? 'fake-chat' : behaviourNow;
      if (behaviour === 'fake-stall-first-byte') {
        start(behaviour, {}, (ex) => ex.pause(3_600_000)); // the request is taken and never answered
        return;
      }
      const generation: Generation = { genkey, text: '', tokens: 0, aborted: false };
      current = generation;
      start(behaviour, { generation, behaviour, prompt }, streamed ? playSse : playBlocking);
    },
  });

  interface Play extends Exchange {
    generation: Generation;
    behaviour: KoboldBehaviour;
    prompt: string;
  }

  const tokensOf = (ex: Play): string[] =>
    textToolTokens(ex.behaviour, ex.prompt) ?? replyTokens(ex.behaviour, lastUserTurn(ex.prompt)) ?? [];

  /** Makes tokens at the fake's pace into the generation's text; `each` puts one on the wire. */
  async function generate(ex: Play, count: number, each: (t: string) => Promise<void>, from = 0): Promise<void> {
    const tokens = tokensOf(ex);
    for (const t of tokens.slice(from, from + count)) {
      await ex.pause(tokenDelayMs);
      ex.generation.text += t;
      ex.generation.tokens++;
      ex.tokensSent++;
      await each(t);
    }
  }

  async function playSse(ex: Play): Promise<void> {
    const writer: Writer = ex.behaviour === 'fake-utf8' ? splitUtf8Write : plainWrite;
    const event = (data: object) => ex.write(`event: message\ndata: ${JSON.stringify(data)}\n\n`, writer);
    ex.res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    ex.res.flushHeaders();
    // koboldcpp.py sends finish_reason as the string "null" until the end.
    const token = (t: string) => event({ token: t, finish_reason: 'null' });
    switch (ex.behaviour) {
      case 'fake-stall':
        return;
      case 'fake-endless':
        for (let i = 0; !ex.generation.aborted; i++) {
          await ex.pause(ENDLESS_DELAY_MS);
          ex.tokensSent++;
          ex.generation.tokens++;
          await token(endlessTokens[i % endlessTokens.length] ?? ' on');
        }
        await event({ token: '', finish_reason: 'abort' });
        return ex.end();
      case 'fake-error-midstream':
        await generate(ex, FAULT_TOKENS.midstream, token);
        await event({ token: '', finish_reason: 'error' });
        return ex.end();
      case 'fake-silence-midstream':
        return generate(ex, FAULT_TOKENS.midstream, token); // then nothing more, the stream open
      case 'fake-disconnect': {
        await generate(ex, FAULT_TOKENS.disconnect, token);
        await ex.pause(tokenDelayMs);
        const frame = `event: message\ndata: ${JSON.stringify({ token: ' lost', finish_reason: 'null' })}\n\n`;
        return ex.drop(frame.slice(0, frame.length >> 1));
      }
      case 'fake-malformed':
        await generate(ex, FAULT_TOKENS.malformedBefore, token);
        await ex.write('event: message\ndata: {"token": broken\n\n');
        await generate(ex, FAULT_TOKENS.malformedAfter, token, FAULT_TOKENS.malformedBefore);
        await event({ token: '', finish_reason: 'stop' });
        return ex.end();
      default:
        await generate(ex, Number.MAX_SAFE_INTEGER, token);
        await event({ token: '', finish_reason: 'stop' });
        return ex.end();
    }
  }

  /** /api/v1/generate: nothing on the wire until the generation ends, then one JSON answer. */
  async function playBlocking(ex: Play): Promise<void> {
    const none = () => Promise.resolve();
    const answer = (finish: string) =>
      JSON.stringify({
        results: [
          {
            text: ex.generation.text,
            finish_reason: finish,
            prompt_tokens: lastUserTurn(ex.prompt).length,
            completion_tokens: ex.generation.tokens,
          },
        ],
      });
    const send = async (body: string) => {
      ex.res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) });
      await ex.write(body, ex.behaviour === 'fake-utf8' ? splitUtf8Write : plainWrite);
      ex.end();
    };
    // Long enough for a few polls to see the text before the fault.
    const settle = () => ex.pause(tokenDelayMs * 10 + 100);
    switch (ex.behaviour) {
      case 'fake-stall':
        return ex.pause(3_600_000);
      case 'fake-endless':
        for (let i = 0; !ex.generation.aborted; i++) {
          await ex.pause(ENDLESS_DELAY_MS);
          ex.generation.text += endlessTokens[i % endlessTokens.length] ?? ' on';
          ex.generation.tokens++;
          ex.tokensSent++;
        }
        return send(answer('abort'));
      case 'fake-error-midstream':
        await generate(ex, FAULT_TOKENS.midstream, none);
        await settle();
        return send(answer('error'));
      case 'fake-silence-midstream':
        // The generation hangs after a few tokens: /check keeps answering the same text, the
        // generate call never ends. Only a user's Stop (or patience) ends it.
        await generate(ex, FAULT_TOKENS.midstream, none);
        return ex.pause(3_600_000);
      case 'fake-disconnect': {
        await generate(ex, FAULT_TOKENS.disconnect, none);
        await settle();
        const body = answer('stop');
        ex.res.writeHead(200, {
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
        });
        return ex.drop(body.slice(0, body.length >> 1));
      }
      case 'fake-malformed':
        await generate(ex, FAULT_TOKENS.malformedBefore, none);
        await settle(); // a check lands here and gets the broken answer
        await generate(ex, FAULT_TOKENS.malformedAfter, none, FAULT_TOKENS.malformedBefore);
        return send(answer('stop'));
      default:
        await generate(ex, Number.MAX_SAFE_INTEGER, none);
        return send(answer('stop'));
    }
  }

  // A getter and setter, so a test can switch the behaviour between requests.
  Object.defineProperty(server, 'behaviour', {
    get: () => state.behaviour,
    set: (b: KoboldBehaviour) => {
      state.behaviour = b;
    },
  });
  return Object.assign(server as FakeKoboldServer, {
    nextAbortRequest(): Promise<KoboldAbort> {
      const queued = abortQueue.shift();
      return queued ? Promise.resolve(queued) : new Promise<KoboldAbort>((resolve) => abortWaiters.push(resolve));
    },
  });
}
