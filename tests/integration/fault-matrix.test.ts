// Runs every cell of the table in docs/failures.md against a fake server of its kind, so the
// documented behaviour and the real behaviour cannot drift apart: the status and error code, the
// server's words, the partial text kept, whether the failure was retried (and after the server's
// Retry-After or pushback), and for a stopped stream that the server saw the client go.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackendKind, ConversationDetail, GenerationEvent } from '../../src/shared/domain';
import { sayIn } from '../../src/shared/words/all-words';
import { startAnthropicServer } from '../servers/anthropic-server';
import { startKoboldServer } from '../servers/koboldcpp-server';
import { startOllamaServer } from '../servers/ollama-server';
import { startOpenAiChatServer } from '../servers/openai-chat-server';
import { startRealtimeServer } from '../servers/realtime-server';
import { startResponsesServer } from '../servers/responses-server';
import { FAKE_RUNPOD_ENDPOINT, startRunPodServer } from '../servers/runpod-server';
import { startTritonServer } from '../servers/triton-grpc-server';
import { gatewayOptions, startWebSocketJsonServer } from '../servers/websocket-json-server';
import { createHarness, type Harness } from '../support/core-harness';
import { refusedOrigin } from '../support/refused-port';

const kinds = [
  'openai-chat',
  'openai-responses',
  'anthropic',
  'ollama',
  'openai-realtime',
  'websocket-json',
  'koboldcpp',
  'runpod',
  'triton-grpc',
] as const satisfies readonly BackendKind[];
type MatrixKind = (typeof kinds)[number];

interface Cell {
  fault: string;
  model: string;
  kind: MatrixKind;
  status: string;
  code?: string;
  words?: string;
  partialKept: boolean;
  /** Retried before the first token; with `retryAfterS`, each retry waited what the server asked. */
  retried: boolean;
  retryAfterS?: number;
}

const CELL = /^(\w+)(?:\/(\w+))?(?:\s+“([^”]+)”)?(\s+partial kept)?(\s+retried(?: after (\d+) s)?)?$/;

function readMatrix(): Cell[] {
  const lines = readFileSync(fileURLToPath(new URL('../../docs/failures.md', import.meta.url)), 'utf8').split('\n');
  // The first table of the document is the matrix (the limits table comes later).
  const start = lines.findIndex((line) => line.startsWith('|'));
  const end = lines.findIndex((line, i) => i > start && !line.startsWith('|'));
  const rows = lines.slice(start, end === -1 ? undefined : end).filter((line) => !/^\|[\s|:-]+$/.test(line));
  const header = rows[0]!.split('|').map((c) => c.trim());
  expect(header.slice(3, 3 + kinds.length)).toEqual(kinds);
  return rows.slice(1).flatMap((row) => {
    const cells = row.split('|').map((c) => c.trim());
    const model = /`([^`]+)`/.exec(cells[2] ?? '')?.[1] ?? 'closed-port';
    return kinds.map((kind, i): Cell => {
      const text = cells[3 + i] ?? '';
      const m = CELL.exec(text);
      if (!m) throw new Error(`docs/failures.md: cannot read cell "${text}" (${cells[1]}, ${kind})`);
      return {
        fault: cells[1]!,
        model,
        kind,
        status: m[1]!,
        code: m[2],
        words: m[3],
        partialKept: !!m[4],
        retried: !!m[5],
        retryAfterS: m[6] === undefined ? undefined : Number(m[6]),
      };
    });
  });
}

const cells = readMatrix();

interface Fake {
  close(): Promise<void>;
}

/** Where a cell runs: a fresh fake of its kind, the base URL that serves the fault, the model to ask for, and how the server reports Stop. */
interface Target {
  fake: Fake;
  baseUrl: string;
  model: string;
  options?: Record<string, string>;
  /** Resolves when the server sees the client give up the answer. */
  stopSeen(): Promise<unknown>;
}

const tokenDelayMs = 2;

/**
 * Most kinds pick the fault by model name. KoboldCpp and RunPod take no model, and a WebSocket
 * gateway only learns it after the upgrade: their fakes pick it by URL (a path segment, an
 * endpoint id), as `npm run fake-backends` does.
 */
const targets: Record<MatrixKind, (model: string) => Promise<Target>> = {
  'openai-chat': async (model) => {
    const fake = await startOpenAiChatServer({ tokenDelayMs });
    return { fake, baseUrl: fake.baseUrl, model, stopSeen: () => fake.nextClientAbort() };
  },
  'openai-responses': async (model) => {
    const fake = await startResponsesServer({ tokenDelayMs });
    return { fake, baseUrl: fake.baseUrl, model, stopSeen: () => fake.nextClientAbort() };
  },
  anthropic: async (model) => {
    const fake = await startAnthropicServer({ tokenDelayMs });
    return { fake, baseUrl: fake.baseUrl, model, stopSeen: () => fake.nextClientAbort() };
  },
  ollama: async (model) => {
    const fake = await startOllamaServer({ tokenDelayMs });
    return { fake, baseUrl: fake.baseUrl, model, stopSeen: () => fake.nextClientAbort() };
  },
  'openai-realtime': async (model) => {
    const fake = await startRealtimeServer({ tokenDelayMs });
    return { fake, baseUrl: fake.baseUrl, model, stopSeen: () => fake.nextClientAbort() };
  },
  'websocket-json': async (model) => {
    const fake = await startWebSocketJsonServer({ tokenDelayMs });
    const options = { ...gatewayOptions };
    return { fake, baseUrl: `${fake.baseUrl}/${model}`, model, options, stopSeen: () => fake.nextClientAbort() };
  },
  koboldcpp: async (model) => {
    const fake = await startKoboldServer({ tokenDelayMs });
    return { fake, baseUrl: `${fake.baseUrl}/${model}`, model: 'fake-chat', stopSeen: () => fake.nextClientAbort() };
  },
  runpod: async (model) => {
    const fake = await startRunPodServer({ tokenDelayMs });
    const baseUrl = fake.baseUrl.replace(`/${FAKE_RUNPOD_ENDPOINT}`, `/${model}`);
    // A job between polls has no request in flight: the server sees Stop as /cancel/{id}.
    return { fake, baseUrl, model: 'fake-chat', stopSeen: () => fake.nextCancel() };
  },
  'triton-grpc': async (model) => {
    const fake = await startTritonServer({ tokenDelayMs });
    return { fake, baseUrl: fake.baseUrl, model, stopSeen: () => fake.nextClientAbort() };
  },
};

/** The words of a cell that are Runnel's own sentence, and that sentence's key in the word books. */
const runnelSays: Record<string, string> = {
  'connection refused': 'transport.refused',
  'went silent': 'transport.wentSilent',
};

const opened: Fake[] = [];
/** For the silences: timeouts short enough to keep the test quick. */
let tight: Harness;
/** For everything else: timeouts long enough that a loaded machine never hits them by accident. */
let relaxed: Harness;
const silences = new Set(['fake-stall-first-byte', 'fake-stall', 'fake-silence-midstream']);
const harnessFor = (cell: Cell): Harness => (silences.has(cell.model) ? tight : relaxed);

async function addBackend(
  h: Harness,
  name: string,
  kind: MatrixKind,
  baseUrl: string,
  options?: Record<string, string>,
) {
  const saved = await h.call<{ id: string }>('backends:save', {
    backend: { name, kind, baseUrl, ...(options ? { options } : {}) },
  });
  return saved.id;
}

/** The backend a cell runs against, the model to ask for, and how the server reports Stop. */
async function setUp(
  h: Harness,
  cell: Cell,
): Promise<{ backend: string; model: string; stopSeen?: () => Promise<unknown> }> {
  if (cell.model === 'closed-port') {
    const path = cell.kind.startsWith('openai') ? '/v1' : '';
    const options = cell.kind === 'websocket-json' ? { ...gatewayOptions } : undefined;
    return {
      backend: await addBackend(h, `closed ${cell.kind}`, cell.kind, `${refusedOrigin}${path}`, options),
      model: 'fake-chat',
    };
  }
  const target = await targets[cell.kind](cell.model);
  opened.push(target.fake);
  const backend = await addBackend(h, `${cell.kind} ${cell.model}`, cell.kind, target.baseUrl, target.options);
  return { backend, model: target.model, stopSeen: target.stopSeen };
}

beforeAll(async () => {
  tight = await createHarness({ limits: { connectTimeoutMs: 1_500, idleTimeoutMs: 1_000 } });
  relaxed = await createHarness({ limits: { connectTimeoutMs: 15_000, idleTimeoutMs: 15_000 } });
}, 30_000);

afterAll(async () => {
  await tight.dispose();
  await relaxed.dispose();
  for (const fake of opened) await fake.close();
});

describe('docs/failures.md', () => {
  it('fills every cell: each fault, for every kind', () => {
    const rows = new Set(cells.map((c) => c.model));
    const required = [
      'fake-stall-first-byte',
      'fake-stall',
      'fake-silence-midstream',
      'fake-disconnect',
      'fake-utf8',
      'fake-error-401',
      'no-such-model',
      'fake-error-429',
      'fake-error-500',
      'fake-error-503',
      'fake-malformed',
      'fake-error-midstream',
      'fake-endless',
      'closed-port',
    ];
    expect([...rows]).toEqual(expect.arrayContaining(required));
    expect(cells.length).toBe(rows.size * kinds.length);
  });

  it.concurrent.each(cells.map((c) => [`${c.kind}: ${c.fault}`, c] as const))('%s', async (_name, cell) => {
    const h = harnessFor(cell);
    const { backend, model, stopSeen } = await setUp(h, cell);
    const run = await h.generate(backend, model, `${cell.fault} ${cell.kind}`);
    if (cell.status === 'cancelled') {
      await expect.poll(() => run.text().length, { timeout: 5_000 }).toBeGreaterThan(0);
      const seen = stopSeen!();
      const stoppedAt = performance.now();
      await h.call('generation:cancel', { messageId: run.ids.assistantMessageId });
      await seen;
      // The bound for a stream that never ends: the server sees Stop within half a second.
      expect(performance.now() - stoppedAt).toBeLessThan(500);
    }
    const end: GenerationEvent = await run.ended;
    const answer = (await h.call<ConversationDetail>('conversations:get', { id: run.ids.conversationId })).messages[1]!;
    expect(answer.status).toBe(cell.status);
    if (cell.code) expect(answer.error?.code).toBe(cell.code);
    if (cell.words) expect(answer.error?.message).toContain(cell.words);
    if (end.type === 'error') expect(end.error.message).toBe(answer.error?.message);
    const said = runnelSays[cell.words ?? ''];
    if (said) {
      // Runnel's own sentence reaches the renderer with its key, and reads in Chinese there.
      expect(answer.error?.said?.key).toBe(said);
      if (end.type === 'error') expect(end.error.said).toEqual(answer.error?.said);
      expect(sayIn('zh', answer.error!.said!)).toMatch(/[\u4e00-\u9fff]/);
    }
    if (cell.partialKept) {
      expect(answer.content.length).toBeGreaterThan(0);
      expect(answer.content).toBe(run.text());
    }
    const retries = run.events().filter((e): e is Extract<GenerationEvent, { type: 'retry' }> => e.type === 'retry');
    if (!cell.retried) expect(retries).toEqual([]);
    else if (cell.status === 'error') expect(retries.map((r) => r.attempt)).toEqual([1, 2]);
    else expect(retries.length).toBeGreaterThan(0);
    if (cell.retryAfterS !== undefined) {
      expect(retries.map((r) => r.delayMs)).toEqual(retries.map(() => cell.retryAfterS! * 1000));
    }
  });
});
