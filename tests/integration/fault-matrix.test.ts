// Runs every cell of the table in docs/failures.md against the fake server of its kind, so the
// documented behaviour and the real behaviour cannot drift apart.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackendKind, ConversationDetail, GenerationEvent } from '../../src/shared/domain';
import { startAnthropicServer } from '../servers/anthropic-server';
import { startOllamaServer } from '../servers/ollama-server';
import { startOpenAiChatServer } from '../servers/openai-chat-server';
import { startResponsesServer } from '../servers/responses-server';
import { createHarness, type Harness } from '../support/core-harness';

interface Cell {
  fault: string;
  model: string;
  kind: MatrixKind;
  status: string;
  code?: string;
  words?: string;
  partialKept: boolean;
}

const kinds = ['openai-chat', 'openai-responses', 'anthropic', 'ollama'] as const satisfies readonly BackendKind[];
type MatrixKind = (typeof kinds)[number];

function readMatrix(): Cell[] {
  const doc = readFileSync(fileURLToPath(new URL('../../docs/failures.md', import.meta.url)), 'utf8');
  const rows = doc.split('\n').filter((line) => line.startsWith('|') && !/^\|[\s|:-]+$/.test(line));
  const header = rows[0]!.split('|').map((c) => c.trim());
  expect(header.slice(3, 7)).toEqual(kinds);
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
const fakes = new Map<MatrixKind, Fake>();
const backendIds = new Map<string, string>();
let h: Harness;
let closedBaseUrl: string;

beforeAll(async () => {
  h = await createHarness({ limits: { idleTimeoutMs: 600 } });
  const starters: Record<MatrixKind, () => Promise<Fake>> = {
    'openai-chat': () => startOpenAiChatServer({ tokenDelayMs: 2 }),
    'openai-responses': () => startResponsesServer({ tokenDelayMs: 2 }),
    anthropic: () => startAnthropicServer({ tokenDelayMs: 2 }),
    ollama: () => startOllamaServer({ tokenDelayMs: 2 }),
  };
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  closedBaseUrl = `http://127.0.0.1:${(probe.address() as { port: number }).port}`;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  for (const kind of kinds) {
    const fake = await starters[kind]();
    fakes.set(kind, fake);
    backendIds.set(kind, (await h.addBackend(fake.baseUrl, { kind })).id);
    const closed = await h.call<{ id: string }>('backends:save', {
      backend: { name: `closed ${kind}`, kind, baseUrl: `${closedBaseUrl}${kind.startsWith('openai') ? '/v1' : ''}` },
    });
    backendIds.set(`closed ${kind}`, closed.id);
  }
}, 30_000);

afterAll(async () => {
  await h.dispose();
  for (const fake of fakes.values()) await fake.close();
});

describe('docs/failures.md', () => {
  it('has a cell for every kind of every common fault', () => {
    expect(cells.length).toBeGreaterThanOrEqual(kinds.length * 9);
  });

  it.concurrent.each(cells.map((c) => [`${c.kind}: ${c.fault}`, c] as const))('%s', async (_name, cell) => {
    const backend = backendIds.get(cell.model === 'closed-port' ? `closed ${cell.kind}` : cell.kind)!;
    const run = await h.generate(
      backend,
      cell.model === 'closed-port' ? 'fake-chat' : cell.model,
      `${cell.fault} ${cell.kind}`,
    );
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
