// How many requests a server serves at once, asked of real servers on real sockets: llama.cpp's
// /props (total_slots, or an older one without it), LM Studio's /api/v0/models, anything else.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BackendTarget } from '../providers/types';
import { forgetCapacities, serverCapacity } from './server-capacity';

let server: Server | null = null;
let asked: string[] = [];

/** A server answering the given paths with JSON, 404 elsewhere; resolves to its /v1 base URL. */
async function serve(routes: Record<string, unknown>): Promise<string> {
  server = createServer((req, res) => {
    asked.push(req.url ?? '');
    const body = routes[req.url ?? ''];
    res.writeHead(body === undefined ? 404 : 200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body ?? { error: 'not found' }));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
}

const target = (baseUrl: string, kind: BackendTarget['kind'] = 'openai-chat'): BackendTarget => ({
  kind,
  baseUrl,
  apiKey: 'k',
  http: 'auto',
});

beforeEach(() => {
  forgetCapacities();
  asked = [];
});

afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
});

describe('serverCapacity', () => {
  it('reads llama.cpp slots from /props, keyed by origin, and asks once', async () => {
    const base = await serve({ '/props': { total_slots: 4, default_generation_settings: {} } });
    const first = await serverCapacity(target(base));
    expect(first).toEqual({ key: base.replace(/\/v1$/, ''), places: 4 });
    expect(await serverCapacity(target(base))).toEqual(first);
    expect(asked.filter((p) => p === '/props')).toHaveLength(1);
  });

  it('takes an older llama.cpp without total_slots, and LM Studio, as one at a time', async () => {
    const llama = await serve({ '/props': { default_generation_settings: {}, build_info: 'b3000' } });
    expect((await serverCapacity(target(llama))).places).toBe(1);
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    const lmStudio = await serve({ '/api/v0/models': { object: 'list', data: [{ id: 'qwen' }] } });
    expect((await serverCapacity(target(lmStudio))).places).toBe(1);
  });

  it('lets any other server, a silent one and other kinds run side by side', async () => {
    const vllm = await serve({ '/version': { version: '0.11.0' } });
    expect((await serverCapacity(target(vllm))).places).toBe(Infinity);
    expect((await serverCapacity(target('http://127.0.0.1:9/v1'), 300)).places).toBe(Infinity);
    asked = [];
    expect((await serverCapacity(target('http://127.0.0.1:1', 'ollama'))).places).toBe(Infinity);
    expect(asked).toEqual([]);
  });
});
