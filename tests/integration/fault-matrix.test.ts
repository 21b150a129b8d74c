// Runs every cell of the table in docs/failures.md against the fake server of its kind, so the
// documented behaviour and the real behaviour cannot drift apart.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackendKind, ConversationDetail, GenerationEvent } from '../../src/shared/domain';
import { startAnthropicServer } from '../servers/anthropic-server';
import { startOllamaServer } from '../servers/ollama-server';
import { startKoboldServer, type KoboldBehaviour } from '../servers/koboldcpp-server';
import { startOpenAiChatServer } from '../servers/openai-chat-server';
import { startRealtimeServer } from '../servers/realtime-server';
import { startResponsesServer } from '../servers/responses-server';
import { startRunPodServer } from '../servers/runpod-server';
import { gatewayOptions, startWebSocketJsonServer } from '../servers/websocket-json-server';
import { createHarness, type Harness } from '../support/core-harness';
import { refusedOrigin } from '../support/refused-port';

interface Cell {
  fault: string;
  model: string;
  kind: MatrixKind;
  status: string;
  code?: string;
  words?: string;
  partialKept: boolean;
}

const kinds = [
  'openai-chat',
  'openai-responses',
  'anthropic',
  'ollama',
  'openai-realtime',
  'websocket-json',
  'koboldcpp',
  'runpod',
] as const satisfies readonly BackendKind[];
type MatrixKind = (typeof kinds)[number];

function readMatrix(): Cell[] {
  const doc = readFileSync(fileURLToPath(new URL('../../docs/failures.md', import.meta.url)), 'utf8');
  const rows = doc.split('\n').filter((line) => line.startsWith('|') && !/^\|[\s|:-]+$/.test(line));
  const header = rows[0]!.split('|').map((c) => c.trim());
  expect(header.slice(3, 3 + kinds.length)).toEqual(kinds);
  return rows.slice(1).flatMap((row) => {
    const cells = row.split('|').map((c) => c.trim());
    const model = /`([^`]+)`/.exec(cells[2] ?? '')?.[1] ?? 'closed-port';
    return kinds.flatMap((kind, i): Cell[] => {
      const text = cells[3 + i] ?? '';
      if (text === '—') return [];
      const m = /^(\w+)(?:\/(\w+))?(?:\s+“([^”]+)”)?(\s+partial kept)?$/.exec(text);
      if (!m) throw new Error(`docs/failures.md: cannot read cell "${text}" (${cells[1]}, ${kind})`);
      return [{ fault: cells[1]!, model, kind, status: m[1]!, code: m[2], words: m[3], partialKept: !!m[4] }];
    });
  });
}

const cells = readMatrix();
type Fake = { baseUrl: string; close(): Promise<void> };
const opened: Fake[] = [];
const backendIds = new Map<string, string>();
let h: Harness;
let closedBaseUrl: string;

/** Most fakes pick the fault by model; KoboldCpp and RunPod take no model, so each fault gets a fake of its own. */
const byModel: Partial<Record<MatrixKind, () => Promise<Fake>>> = {
  'openai-chat': () => startOpenAiChatServer({ tokenDelayMs: 2 }),
  'openai-responses': () => startResponsesServer({ tokenDelayMs: 2 }),
  anthropic: () => startAnthropicServer({ tokenDelayMs: 2 }),
  ollama: () => startOllamaServer({ tokenDelayMs: 2 }),
  'openai-realtime': () => startRealtimeServer({ tokenDelayMs: 2 }),
  'websocket-json': () => startWebSocketJsonServer({ tokenDelayMs: 2 }),
};
const byBehaviour: Partial<Record<MatrixKind, (behaviour: KoboldBehaviour) => Promise<Fake>>> = {
  koboldcpp: (behaviour) => startKoboldServer({ tokenDelayMs: 2, behaviour }),
  runpod: (behaviour) => startRunPodServer({ tokenDelayMs: 2, behaviour }),
};
const optionsFor = (kind: MatrixKind) => (kind === 'websocket-json' ? { options: { ...gatewayOptions } } : {});

async function addBackend(name: string, kind: MatrixKind, baseUrl: string): Promise<string> {
  const saved = await h.call<{ id: string }>('backends:save', {
    backend: { name, kind, baseUrl, ...optionsFor(kind) },
  });
  return saved.id;
}

/** The backend a cell runs against, and the model to ask for. */
async function target(cell: Cell): Promise<{ backend: string; model: string }> {
  if (cell.model === 'closed-port') return { backend: backendIds.get(`closed ${cell.kind}`)!, model: 'fake-chat' };
  const perFault = byBehaviour[cell.kind];
  if (!perFault) return { backend: backendIds.get(cell.kind)!, model: cell.model };
  const fake = await perFault(cell.model as KoboldBehaviour);
  opened.push(fake);
  return { backend: await addBackend(`${cell.kind} ${cell.model}`, cell.kind, fake.baseUrl), model: 'fake-chat' };
}

beforeAll(async () => {
  h = await createHarness({ limits: { idleTimeoutMs: 600 } });
  closedBaseUrl = refusedOrigin;
  for (const kind of kinds) {
    const start = byModel[kind];
    if (start) {
      const fake = await start();
      opened.push(fake);
      backendIds.set(kind, await addBackend(`Fake ${kind}`, kind, fake.baseUrl));
    }
    const path = kind.startsWith('openai') ? '/v1' : '';
    backendIds.set(`closed ${kind}`, await addBackend(`closed ${kind}`, kind, `${closedBaseUrl}${path}`));
  }
}, 30_000);

afterAll(async () => {
  await h.dispose();
  for (const fake of opened) await fake.close();
});

describe('docs/failures.md', () => {
  it('covers every kind on the faults every transport can have', () => {
    const common = ['fake-disconnect', 'fake-malformed', 'fake-utf8', 'fake-stall', 'fake-endless', 'closed-port'];
    for (const kind of kinds) {
      expect(cells.filter((c) => c.kind === kind).map((c) => c.model)).toEqual(expect.arrayContaining(common));
    }
  });

  it.concurrent.each(cells.map((c) => [`${c.kind}: ${c.fault}`, c] as const))('%s', async (_name, cell) => {
    const { backend, model } = await target(cell);
    const run = await h.generate(backend, model, `${cell.fault} ${cell.kind}`);
    if (cell.status === 'cancelled') {
      await expect.poll(() => run.text().length, { timeout: 5_000 }).toBeGreaterThan(0);
      await h.call('generation:cancel', { messageId: run.ids.assistantMessageId });
    }
    const end: GenerationEvent = await run.ended;
    const answer = (await h.call<ConversationDetail>('conversations:get', { id: run.ids.conversationId })).messages[1]!;
    expect(answer.status).toBe(cell.status);
    if (cell.code) expect(answer.error?.code).toBe(cell.code);
    if (cell.words) expect(answer.error?.message).toContain(cell.words);
    if (end.type === 'error') expect(end.error.message).toBe(answer.error?.message);
    if (cell.partialKept) {
      expect(answer.content.length).toBeGreaterThan(0);
      expect(answer.content).toBe(run.text());
    }
  });
});
