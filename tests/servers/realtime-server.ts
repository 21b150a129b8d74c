// A fake OpenAI Realtime server: WebSocket at /v1/realtime?model=…, GET /v1/models. It speaks the GA
// event names (response.output_text.delta), except fake-utf8 which uses the beta
// response.text.delta, and picks a behaviour by model name (the URL's ?model=, so it is known at
// the upgrade): the texts of fake-replies.ts, faults (the upgrade answered with an HTTP status and
// an OpenAI error body, or never answered; in-band `error`, a dropped socket, a non-JSON frame,
// silence before or after some text) and an endless answer that runs until the client sends
// response.cancel or closes.
import type { IncomingMessage } from 'node:http';
import { FAULT_TOKENS, countPromptTokens, endlessTokens, replyTokens } from './fake-replies';
import {
  sendJson,
  startFakeWsServer,
  type FakeWsServer,
  type UpgradeAnswer,
  type WsSession,
} from './realtime-ws-plumbing';
import { STATUS_FAULTS, StatusFaults, type FaultStatus } from './status-faults';
import { playRealtimeTools } from './realtime-tools';

export const REALTIME_FAKE_MODELS = [
  'fake-chat',
  'fake-endless',
  'fake-error-midstream',
  'fake-disconnect',
  'fake-malformed',
  'fake-utf8',
  'fake-stall-first-byte',
  'fake-stall',
  'fake-silence-midstream',
  'fake-tools',
  ...(Object.keys(STATUS_FAULTS) as (keyof typeof STATUS_FAULTS)[]),
] as const;

/** The upgrade refusals, with OpenAI-style bodies. */
const statusBodies: Record<FaultStatus, { error: { type: string; message: string } }> = {
  401: { error: { type: 'invalid_request_error', message: 'Incorrect API key provided' } },
  429: { error: { type: 'rate_limit_error', message: 'Too many requests' } },
  500: { error: { type: 'server_error', message: 'CUDA out of memory while loading the model' } },
  503: { error: { type: 'server_error', message: 'Loading model' } },
};

export const REALTIME_MIDSTREAM_ERROR = 'The server had an error while processing your request. Sorry about that!';

export interface RealtimeFakeOptions {
  host?: string;
  port?: number;
  tokenDelayMs?: number;
  /** When set, the upgrade needs `Authorization: Bearer <key>` (401 otherwise). */
  apiKey?: string;
}

let nextId = 0;
const id = (prefix: string) => `${prefix}_${++nextId}`;

interface ItemCreate {
  type: 'conversation.item.create';
  item: { role: string; content: { type: string; text: string }[] };
}
const isItemCreate = (m: unknown): m is ItemCreate =>
  typeof m === 'object' && m !== null && (m as { type?: unknown }).type === 'conversation.item.create';
const typeOf = (m: unknown): string | undefined =>
  typeof m === 'object' && m !== null && typeof (m as { type?: unknown }).type === 'string'
    ? (m as { type: string }).type
    : undefined;

function lastUserText(received: unknown[]): string {
  const items = received.filter(isItemCreate).filter((m) => m.item.role === 'user');
  return (
    items
      .at(-1)
      ?.item.content.map((c) => c.text)
      .join('') ?? ''
  );
}

async function play(s: WsSession, delayMs: number): Promise<void> {
  const responseId = id('resp');
  const itemId = id('item');
  const user = lastUserText(s.record.received);
  const model = s.model;
  // The beta name for fake-utf8, so both spellings are exercised end to end.
  const deltaType = model === 'fake-utf8' ? 'response.text.delta' : 'response.output_text.delta';
  const delta = (text: string) => ({
    type: deltaType,
    event_id: id('event'),
    response_id: responseId,
    item_id: itemId,
    output_index: 0,
    content_index: 0,
    delta: text,
  });
  s.send({
    type: 'response.created',
    response: { id: responseId, object: 'realtime.response', status: 'in_progress' },
  });

  if (model === 'fake-stall') return; // the socket stays open and silent
  if (model === 'fake-endless') {
    for (let i = 0; ; i++) {
      await s.pause(50);
      s.send(delta(endlessTokens[i % endlessTokens.length]!));
      s.tokensSent++;
    }
  }

  const tokens = replyTokens(model, user) ?? [];
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
    if (model === 'fake-malformed' && i === FAULT_TOKENS.malformedBefore)
      s.send('{"type":"response.output_text.delta",');
    const text = JSON.stringify(delta(tokens[i]!));
    if (model === 'fake-utf8') {
      // Split inside the first multi-byte character, so the client reassembles a fragmented message.
      const bytes = Buffer.from(text, 'utf8');
      const at = bytes.findIndex((b) => b >= 0xc0);
      if (at >= 0) s.sendSplit(text, at + 1);
      else s.send(text);
    } else {
      s.send(text);
    }
    s.tokensSent++;
  }
  if (model === 'fake-error-midstream') {
    s.settle();
    // The documented shape of the `error` server event; the session stays open, as the API does.
    s.send({
      type: 'error',
      event_id: id('event'),
      error: { type: 'server_error', code: 'server_error', message: REALTIME_MIDSTREAM_ERROR, param: null },
    });
    return;
  }
  if (model === 'fake-disconnect') {
    s.drop();
    return;
  }
  if (model === 'fake-silence-midstream') return; // the session stays open, and nothing more comes
  s.settle();
  s.send({ type: 'response.output_text.done', response_id: responseId, item_id: itemId, text: tokens.join('') });
  const prompt = countPromptTokens(
    s.record.received.filter(isItemCreate).map((m) => m.item.content.map((c) => c.text).join('')),
  );
  s.send({
    type: 'response.done',
    event_id: id('event'),
    response: {
      id: responseId,
      object: 'realtime.response',
      status: 'completed',
      status_details: null,
      usage: { total_tokens: prompt + upTo, input_tokens: prompt, output_tokens: upTo },
    },
  });
}

export async function startRealtimeServer(options: RealtimeFakeOptions = {}): Promise<FakeWsServer> {
  const delayMs = options.tokenDelayMs ?? 15;
  const authorized = (req: IncomingMessage) =>
    !options.apiKey || req.headers.authorization === `Bearer ${options.apiKey}`;
  const faults = new StatusFaults();
  return startFakeWsServer({
    host: options.host,
    port: options.port,
    name: 'realtime fake',
    basePath: '/v1',
    route(req, res) {
      if (!authorized(req)) return sendJson(res, 401, { error: { message: 'Incorrect API key provided' } });
      if (req.method === 'GET' && req.url === '/v1/models') {
        return sendJson(res, 200, {
          object: 'list',
          data: REALTIME_FAKE_MODELS.map((m) => ({ id: m, object: 'model', owned_by: 'runnel-fake' })),
        });
      }
      sendJson(res, 404, { error: { message: `No route ${req.method} ${req.url}` } });
    },
    refuse(req, url): UpgradeAnswer {
      if (!authorized(req)) {
        return {
          status: 401,
          body: { error: { type: 'invalid_request_error', message: 'Incorrect API key provided' } },
        };
      }
      if (url.pathname !== '/v1/realtime') return { status: 404, body: { error: { message: 'Not found' } } };
      const model = url.searchParams.get('model') ?? '';
      if (!(REALTIME_FAKE_MODELS as readonly string[]).includes(model)) {
        return {
          status: 404,
          body: { error: { code: 'model_not_found', message: `The model '${model}' does not exist` } },
        };
      }
      if (model === 'fake-stall-first-byte') return 'stall';
      // No user message is known at the upgrade: fake-loading-then-ok refuses a model's first session.
      const fault = faults.answer(model, model);
      return fault ? { status: fault.status, body: statusBodies[fault.status], headers: fault.headers } : undefined;
    },
    onSession(s, onMessage) {
      s.model = s.record.query.get('model') ?? '';
      s.send({ type: 'session.created', event_id: id('event'), session: { id: id('sess'), model: s.model } });
      onMessage((m) => {
        const type = typeOf(m);
        if (type === 'session.update') s.send({ type: 'session.updated', event_id: id('event'), session: {} });
        else if (type === 'response.cancel') s.cancelledByClient();
        else if (type === 'response.create') {
          (s.model === 'fake-tools' ? playRealtimeTools(s, delayMs) : play(s, delayMs)).catch(() => {
            // pause() rejects once the client has cancelled or gone: the answer just stops.
          });
        }
      });
    },
  });
}
