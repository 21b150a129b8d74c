// What the versions tests share: watching one answer's events, building a chat turn by turn, showing
// each message's version, and reading the last chat/completions body the fake received.
import { expect } from 'vitest';
import type { ConversationDetail, GenerationEvent } from '../../src/shared/domain';
import type { Harness } from './core-harness';

export interface Watch {
  ended: Promise<GenerationEvent>;
  events(): GenerationEvent[];
  text(): string;
}

/** Events of `messageId` from now on (a continued answer keeps its id, so earlier runs are left out). */
export function watch(h: Harness, messageId: string): Watch {
  const from = h.payloads.length;
  const events = () =>
    h.payloads
      .slice(from)
      .filter((p) => p.messageId === messageId)
      .flatMap((p) => p.events);
  const ended = (async () => {
    for (;;) {
      const end = events().find((e) => e.type === 'done' || e.type === 'error');
      if (end) return end;
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  const text = () =>
    events()
      .map((e) => (e.type === 'delta' ? e.text : ''))
      .join('');
  return { ended, events, text };
}

export const shown = (d: ConversationDetail) =>
  d.messages.map((m) => `${m.role}:${m.content.slice(0, 24)} ${m.versions!.index + 1}/${m.versions!.count}`);

export async function chatOf(
  h: Harness,
  backendId: string,
  turns: string[],
  model = 'fake-chat',
): Promise<ConversationDetail> {
  let conversationId: string | null = null;
  for (const content of turns) {
    const run = await h.generate(backendId, model, content, conversationId);
    expect((await run.ended).type).toBe('done');
    conversationId = run.ids.conversationId;
  }
  return h.call<ConversationDetail>('conversations:get', { id: conversationId });
}

export type Body = { messages: { role: string; content: string }[]; continue_final_message?: boolean };
export const lastBody = (t: { fake: { requests: { path: string; body: unknown }[] } }) =>
  t.fake.requests.filter((r) => r.path.endsWith('/chat/completions')).at(-1)?.body as Body;
