// A real core on a real SQLite file in a temp folder, and helpers to run a generation to its end
// while recording every event batch the renderer would receive.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Backend, GenerationEvent, GenerationEventPayload } from '../../src/shared/domain';
import type { RequestOutput } from '../../src/shared/ipc/contract';
import { createCore, type Core, type CoreOptions } from '../../src/main/core/create-core';
import { FileSecretStore } from '../../src/main/secrets/secret-store';

export interface Harness {
  core: Core;
  dataDir: string;
  payloads: GenerationEventPayload[];
  call<T>(channel: string, input?: unknown): Promise<T>;
  addBackend(baseUrl: string, extra?: Record<string, unknown>): Promise<Backend>;
  generate(backendId: string, model: string, content: string, conversationId?: string | null): Promise<Run>;
  dispose(): Promise<void>;
}

export interface Run {
  ids: RequestOutput<'generation:start'>;
  /** Resolves with the terminal event once the answer ends. */
  ended: Promise<GenerationEvent>;
  events(): GenerationEvent[];
  text(): string;
}

export async function createHarness(options: Partial<CoreOptions> = {}): Promise<Harness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'runnel-it-'));
  const core = createCore({
    dataDir,
    host: 'web',
    version: 'test',
    secrets: new FileSecretStore(join(dataDir, 'secrets.plaintext.json')),
    // Main's own words in files (a Markdown export) follow the system's language: English here, whatever the machine's.
    systemLanguages: () => ['en-US'],
    ...options,
  });
  const payloads: GenerationEventPayload[] = [];
  const waiters = new Map<string, (e: GenerationEvent) => void>();
  core.subscribe((channel, payload) => {
    if (channel !== 'generation:event') return;
    const p = payload as GenerationEventPayload;
    payloads.push(p);
    const end = p.events.find((e) => e.type === 'done' || e.type === 'error');
    if (end) waiters.get(p.messageId)?.(end);
  });

  const call = async <T>(channel: string, input?: unknown): Promise<T> => {
    const result = await core.invoke(channel, input);
    if (!result.ok) throw Object.assign(new Error(result.error.message), { detail: result.error });
    return result.value as T;
  };

  return {
    core,
    dataDir,
    payloads,
    call,
    addBackend: (baseUrl, extra = {}) =>
      call<Backend>('backends:save', { backend: { name: `Fake ${baseUrl}`, kind: 'openai-chat', baseUrl, ...extra } }),
    async generate(backendId, model, content, conversationId = null) {
      const ids = await call<RequestOutput<'generation:start'>>('generation:start', {
        conversationId,
        backendId,
        model,
        content,
      });
      const ended = new Promise<GenerationEvent>((resolve) => waiters.set(ids.assistantMessageId, resolve));
      const events = () => payloads.filter((p) => p.messageId === ids.assistantMessageId).flatMap((p) => p.events);
      const text = () =>
        events()
          .map((e) => (e.type === 'delta' ? e.text : ''))
          .join('');
      return { ids, ended, events, text };
    },
    async dispose() {
      await core.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
