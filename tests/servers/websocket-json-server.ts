// A fake custom WebSocket gateway for the websocket-json kind: WebSocket at /ws, GET /v1/models.
// It takes one JSON request `{"model", "messages", "prompt"?}` and answers in its own dialect,
// which the backend's paths must map: `{"type":"delta","choices":[{"delta":{"content":"…"}}]}`,
// then `{"type":"done"}`, or `{"type":"error","message":"…"}`. Behaviours by model name, texts
// from fake-replies.ts; it has no cancel message, so Stop is seen as the socket closing. The model
// only arrives after the upgrade, so a fault that happens at the upgrade (an HTTP status, an
// upgrade never answered) is picked by the URL instead, as a gateway routes: `/ws/<fault>`; any
// fault can be picked that way, and the path's wins over the model's.
import type { IncomingMessage } from 'node:http';
import { FAULT_TOKENS, endlessTokens, replyTokens } from './fake-replies';
import {
  sendJson,
  startFakeWsServer,
  type FakeWsServer,
  type UpgradeAnswer,
  type WsSession,
} from './realtime-ws-plumbing';
import { STATUS_FAULTS, StatusFaults, type FaultStatus } from './status-faults';

export const GATEWAY_FAKE_MODELS = [
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
] as const;

const isGatewayModel = (name: string): boolean => (GATEWAY_FAKE_MODELS as readonly string[]).includes(name);

/** The gateway's refusals of the upgrade: `{"error": "…"}` with its own words. */
const statusErrors: Record<FaultStatus, string> = {
  401: 'Gateway token missing or wrong',
  429: 'Too many requests for this gateway, slow down',
  500: 'CUDA out of memory while loading the model',
  503: 'Loading model',
};

export const GATEWAY_MIDSTREAM_ERROR = 'The gateway had an error while processing the request: worker 3 crashed';

/** The options that map this gateway's dialect (what a user would type in settings). */
export const gatewayOptions = {
  requestTemplate: '{"model": "{{model}}", "messages": {{messages}}, "prompt": "{{prompt}}"}',
  deltaPath: 'choices.0.delta.content',
  donePath: 'type=done',
  errorPath: 'type=error',
} as const;

export interface GatewayFakeOptions {
  host?: string;
  port?: number;
  tokenDelayMs?: number;
  apiKey?: string;
}

interface GatewayRequest {
  model?: unknown;
  prompt?: unknown;
  messages?: unknown;
}

async function play(s: WsSession, request: GatewayRequest, delayMs: number, routed: string | null): Promise<void> {
  const model = routed ?? (typeof request.model === 'string' ? request.model : '');
  s.model = model;
  const prompt = typeof request.prompt === 'string' ? request.prompt : '';
  const delta = (text: string) => ({ type: 'delta', choices: [{ index: 0, delta: { content: text } }] });
  if (!(GATEWAY_FAKE_MODELS as readonly string[]).includes(model)) {
    s.settle();
    s.send({ type: 'error', message: `model '${model}' is not served by this gateway` });
    return;
  }
  if (model === 'fake-stall' || model === 'fake-stall-first-byte') return;
  if (model === 'fake-endless') {
    for (let i = 0; ; i++) {
      await s.pause(50);
      s.send(delta(endlessTokens[i % endlessTokens.length]!));
      s.tokensSent++;
    }
  }
  const tokens = replyTokens(model, prompt) ?? [];
  const upTo =
    model === 'fake-error-midstream' || model === 'fake-silence-midstream'
      ? FAULT_TOKENS.midstream
      : model === 'fake-disconnect'
        ? FAULT_TOKENS.disconnect
        : model === 'fake-malformed'
          ? FAULT_TOKENS.malformedBefore + FAULT_TOKENS.malformedAfter
          : tokens.length;
  for (let i = 0; i < upTo; i++) {
    await s.pause(delayMs);
    if (model === 'fake-malformed' && i === FAULT_TOKENS.malformedBefore) s.send('{"type":"delta","choices":[{');
    const text = JSON.stringify(delta(tokens[i]!));
    const bytes = Buffer.from(text, 'utf8');
    const at = bytes.findIndex((b) => b >= 0xc0);
    if (model === 'fake-utf8' && at >= 0) s.sendSplit(text, at + 1);
    else s.send(text);
    s.tokensSent++;
  }
  if (model === 'fake-error-midstream') {
    s.settle();
    s.send({ type: 'error', message: GATEWAY_MIDSTREAM_ERROR });
    return;
  }
  if (model === 'fake-disconnect') return s.drop();
  if (model === 'fake-silence-midstream') return; // the socket stays open, and nothing more comes
  s.settle();
  s.send({ type: 'done', usage: { completion_tokens: upTo } });
}

export async function startWebSocketJsonServer(options: GatewayFakeOptions = {}): Promise<FakeWsServer> {
  const delayMs = options.tokenDelayMs ?? 15;
  const authorized = (req: IncomingMessage) =>
    !options.apiKey || req.headers.authorization === `Bearer ${options.apiKey}`;
  const faults = new StatusFaults();
  /** The fault a `/ws/<fault>` URL routes to; null for plain `/ws`. */
  const routedFault = (url: URL): string | null => (url.pathname === '/ws' ? null : url.pathname.slice('/ws/'.length));
  return startFakeWsServer({
    host: options.host,
    port: options.port,
    name: 'websocket-json fake',
    basePath: '/ws',
    route(req, res) {
      if (!authorized(req)) return sendJson(res, 401, { error: 'unauthorized' });
      if (req.method === 'GET' && req.url === '/v1/models') {
        return sendJson(res, 200, { data: GATEWAY_FAKE_MODELS.map((id) => ({ id })) });
      }
      sendJson(res, 404, { error: `No route ${req.method} ${req.url}` });
    },
    refuse(req, url): UpgradeAnswer {
      if (!authorized(req)) return { status: 401, body: { error: statusErrors[401] } };
      const routed = routedFault(url);
      if (routed !== null && !(url.pathname.startsWith('/ws/') && isGatewayModel(routed))) {
        return { status: 404, body: { error: `No WebSocket at ${url.pathname}` } };
      }
      if (routed === 'fake-stall-first-byte') return 'stall';
      // The route is all the gateway knows before the upgrade: fake-loading-then-ok refuses its first session.
      const fault = routed === null ? undefined : faults.answer(routed, routed);
      return fault
        ? { status: fault.status, body: { error: statusErrors[fault.status] }, headers: fault.headers }
        : undefined;
    },
    onSession(s, onMessage) {
      let started = false;
      const routed = routedFault(new URL(s.record.path, 'http://fake'));
      onMessage((m) => {
        if (started || typeof m !== 'object' || m === null) return;
        started = true;
        // fake-loading-then-ok, once accepted, answers like fake-chat.
        const behaviour = routed === 'fake-loading-then-ok' ? 'fake-chat' : routed;
        play(s, m as GatewayRequest, delayMs, behaviour).catch(() => {
          // pause() rejects once the client has gone: the answer just stops.
        });
      });
    },
  });
}
