// What a tool round carries besides text, on the real core against the fake servers and the real
// server-everything (stdio): its `get-tiny-image` result is kept like an attachment and goes to the
// next request as an image in each kind's own form (the request bytes checked per kind), comes back
// from storage the same way, and survives a Runnel JSON export and import; Anthropic's signed
// thinking before tool_use goes back unchanged with the calls, live and from storage.
import { afterEach, describe, expect, it } from 'vitest';
import type { ConversationDetail, DownloadTicket, ImportSummary } from '../../src/shared/domain';
import type { ToolServerView } from '../../src/shared/tools';
import { FAKE_THOUGHT, signatureOf } from '../servers/anthropic-tools';
import { startAnthropicServer } from '../servers/anthropic-server';
import type { FakeServer } from '../servers/fake-http-server';
import { startOllamaServer } from '../servers/ollama-server';
import { startOpenAiChatServer } from '../servers/openai-chat-server';
import { startResponsesServer } from '../servers/responses-server';
import { createHarness, type Harness } from '../support/core-harness';
import { download, upload } from '../support/transfer-client';
import { everythingScript, untilFirstServerConnected } from './mcp-support';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const clean of cleanups.splice(0).reverse()) await clean();
});

async function connectEverything(h: Harness): Promise<void> {
  await h.call<ToolServerView>('tools:save-server', {
    server: {
      name: 'everything',
      enabled: true,
      transport: 'stdio',
      command: process.execPath,
      args: [everythingScript, 'stdio'],
      approval: 'allow-all',
    },
  });
  await untilFirstServerConnected((channel) => h.call(channel));
}

type Kind = 'openai-chat' | 'anthropic' | 'ollama' | 'openai-responses';

const fakes: Record<Kind, { start: () => Promise<FakeServer & { baseUrl: string }>; path: string }> = {
  'openai-chat': { start: () => startOpenAiChatServer({ tokenDelayMs: 1 }), path: '/v1/chat/completions' },
  anthropic: { start: () => startAnthropicServer({ tokenDelayMs: 1 }), path: '/v1/messages' },
  ollama: { start: () => startOllamaServer({ tokenDelayMs: 1 }), path: '/api/chat' },
  'openai-responses': { start: () => startResponsesServer({ tokenDelayMs: 1 }), path: '/v1/responses' },
};

async function setup(kind: Kind) {
  const fake = await fakes[kind].start();
  cleanups.push(() => fake.close());
  const h = await createHarness();
  cleanups.push(() => h.dispose());
  await connectEverything(h);
  const backend = await h.addBackend(fake.baseUrl, { kind });
  const bodies = () =>
    fake.requests.filter((r) => r.path === fakes[kind].path).map((r) => r.body as Record<string, unknown>);
  return { h, fake, backend, bodies };
}

/** Runs `call get-tiny-image` to its end; the stored call, its image's bytes, and the answer. */
async function tinyImageTurn(h: Harness, backendId: string, conversationId: string | null = null) {
  const run = await h.generate(backendId, 'fake-tools', 'call get-tiny-image', conversationId);
  const end = await run.ended;
  expect(end, JSON.stringify(end)).toMatchObject({ type: 'done', status: 'done' });
  const detail = await h.call<ConversationDetail>('conversations:get', { id: run.ids.conversationId });
  const answer = detail.messages.at(-1)!;
  const call = answer.toolCalls![0]!;
  expect(call).toMatchObject({ toolName: 'get-tiny-image', status: 'done' });
  expect(call.images).toEqual([
    {
      id: expect.any(String),
      name: 'get-tiny-image-image-1.png',
      mime: 'image/png',
      size: expect.any(Number),
      kind: 'image',
    },
  ]);
  const file = await h.call<{ data: string; mime: string }>('attachments:get', { id: call.images![0]!.id });
  expect(file.mime).toBe('image/png');
  expect(file.data).toMatch(/^iVBOR/);
  // The answer's own files are not the tool's: it has none.
  expect(answer.attachments).toBeUndefined();
  return { run, call, base64: file.data, conversationId: run.ids.conversationId };
}

describe('a tool image goes to the next request as an image, in each kind’s form', () => {
  it('openai-chat: the tool message is text, a user message after the results carries the image', async () => {
    const { h, backend, bodies } = await setup('openai-chat');
    const { call, base64, conversationId } = await tinyImageTurn(h, backend.id);
    const [, reply] = bodies();
    const messages = reply!.messages as Record<string, unknown>[];
    const callId = (messages[1]!.tool_calls as { id: string }[])[0]!.id;
    expect(messages.slice(2)).toEqual([
      { role: 'tool', tool_call_id: callId, content: call.result },
      {
        role: 'user',
        content: [
          { type: 'text', text: `Images returned by the tool call ${callId} (everything__get-tiny-image):` },
          { type: 'image_url', image_url: { url: `data:image/png;base64,${base64}` } },
        ],
      },
    ]);
    expect(call.result).toContain('[Image (image/png)]');

    // The next turn rebuilds the round from storage: the same messages, the image included.
    await (
      await h.generate(backend.id, 'fake-chat', 'thanks', conversationId)
    ).ended;
    const rebuilt = bodies().at(-1)!.messages as Record<string, unknown>[];
    expect(rebuilt.slice(1, 4)).toEqual(messages.slice(1, 4));
  }, 60_000);

  it('anthropic: the tool_result holds the text and an image block', async () => {
    const { h, backend, bodies } = await setup('anthropic');
    const { call, base64 } = await tinyImageTurn(h, backend.id);
    const messages = bodies()[1]!.messages as { role: string; content: unknown }[];
    const useId = (messages[1]!.content as { type: string; id?: string }[]).find((b) => b.type === 'tool_use')!.id;
    expect(messages[2]).toEqual({
      role: 'user',
      content: [
        {
          type: 'tool_result',
          tool_use_id: useId,
          content: [
            { type: 'text', text: call.result },
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: base64 } },
          ],
        },
      ],
    });
  }, 60_000);

  it('ollama: the tool message takes `images`', async () => {
    const { h, backend, bodies } = await setup('ollama');
    const { call, base64 } = await tinyImageTurn(h, backend.id);
    const messages = bodies()[1]!.messages as Record<string, unknown>[];
    expect(messages.at(-1)).toEqual({
      role: 'tool',
      content: call.result,
      tool_name: 'everything__get-tiny-image',
      images: [base64],
    });
  }, 60_000);

  it('openai-responses: function_call_output carries input_text and input_image parts', async () => {
    const { h, backend, bodies } = await setup('openai-responses');
    const { call, base64 } = await tinyImageTurn(h, backend.id);
    const input = bodies()[1]!.input as Record<string, unknown>[];
    const fc = input.find((i) => i.type === 'function_call')!;
    expect(input.at(-1)).toEqual({
      type: 'function_call_output',
      call_id: fc.call_id,
      output: [
        { type: 'input_text', text: call.result },
        { type: 'input_image', image_url: `data:image/png;base64,${base64}`, detail: 'auto' },
      ],
    });
  }, 60_000);
});

describe('a model without vision', () => {
  it('refuses the image parts, so the request goes again at once with a line in their place, and the turn remembers it', async () => {
    const { h, backend, bodies } = await setup('openai-chat');
    const run = await h.generate(backend.id, 'fake-tools-text-only', 'call get-tiny-image');
    const end = await run.ended;
    expect(end, JSON.stringify(end)).toMatchObject({ type: 'done', status: 'done' });
    // No retry notice: nothing to wait for, the answer just goes on.
    expect(run.events().some((e) => e.type === 'retry')).toBe(false);
    // The question; the first round's results with the image (refused) and again without it; the
    // second round's results sent without images at once: the refusal is remembered for the turn.
    const sent = bodies();
    expect(sent).toHaveLength(4);
    const refused = sent[1]!.messages as { role: string; content: unknown }[];
    expect(refused.at(-1)!.role).toBe('user');
    for (const request of sent.slice(2)) {
      const retried = request.messages as { role: string; content: string }[];
      expect(retried.at(-1)!.role).toBe('tool');
      expect(retried.at(-1)!.content).toMatch(
        /\[Image \(image\/png\)\][\s\S]*\n\[An image the tool returned left out: this model takes text only\]$/,
      );
      expect(JSON.stringify(retried)).not.toContain('image_url');
    }
    // What the tool returned is still kept and shown, both rounds.
    const detail = await h.call<ConversationDetail>('conversations:get', { id: run.ids.conversationId });
    const calls = detail.messages.at(-1)!.toolCalls!;
    expect(calls).toHaveLength(2);
    for (const call of calls) expect(call.images).toHaveLength(1);
  }, 60_000);
});

describe('tool images in export and import', () => {
  it('Runnel JSON keeps the image on its call exactly; Markdown names it; an import restores it', async () => {
    const { h, backend } = await setup('openai-chat');
    const { base64, conversationId } = await tinyImageTurn(h, backend.id);
    const json = await download(
      h,
      await h.call<DownloadTicket>('export:conversation', { id: conversationId, format: 'json' }),
    );
    const exported = JSON.parse(json.toString('utf8')) as {
      conversations: { messages: { attachments?: unknown; toolCalls?: { images?: unknown[] }[] }[] }[];
    };
    const answer = exported.conversations[0]!.messages.at(-1)!;
    expect(answer.attachments).toBeUndefined();
    expect(answer.toolCalls![0]!.images).toEqual([
      {
        id: expect.any(String),
        kind: 'image',
        name: 'get-tiny-image-image-1.png',
        mime: 'image/png',
        size: Buffer.from(base64, 'base64').length,
        data: base64,
        createdAt: expect.any(Number),
      },
    ]);
    const md = await download(
      h,
      await h.call<DownloadTicket>('export:conversation', {
        id: conversationId,
        format: 'markdown',
        labels: { user: 'User', assistant: 'Assistant', system: 'System', reasoning: 'Reasoning' },
      }),
    );
    expect(md.toString('utf8')).toContain('🖼️ Image: get-tiny-image-image-1.png (image/png)');

    const target = await createHarness();
    cleanups.push(() => target.dispose());
    const summary = await target.call<ImportSummary>('import:run', {
      uploadId: await upload(target, 'import', [{ name: 'c.json', bytes: json }]),
    });
    expect(summary).toMatchObject({ added: 1, failed: 0 });
    const detail = await target.call<ConversationDetail>('conversations:get', { id: conversationId });
    const image = detail.messages.at(-1)!.toolCalls![0]!.images![0]!;
    expect((await target.call<{ data: string }>('attachments:get', { id: image.id })).data).toBe(base64);
    const again = await download(
      target,
      await target.call<DownloadTicket>('export:conversation', { id: conversationId, format: 'json' }),
    );
    expect(JSON.parse(again.toString('utf8')).conversations).toEqual(exported.conversations);
  }, 60_000);
});

describe('anthropic thinking with tools', () => {
  it('sends the signed thinking block back first in the assistant turn, live and rebuilt from storage', async () => {
    const { h, backend, bodies } = await setup('anthropic');
    const run = await h.generate(backend.id, 'fake-tools', 'Think first, then call get-sum');
    // The fake refuses (400) a follow-up whose last assistant turn does not start with the block.
    expect(await run.ended).toMatchObject({ type: 'done', status: 'done' });
    const thinking = { type: 'thinking', thinking: FAKE_THOUGHT, signature: signatureOf(FAKE_THOUGHT) };
    const assistant = (bodies()[1]!.messages as { role: string; content: { type: string }[] }[])[1]!;
    expect(assistant.role).toBe('assistant');
    expect(assistant.content[0]).toEqual(thinking);
    expect(assistant.content.slice(1).map((b) => b.type)).toEqual(['text', 'tool_use', 'tool_use']);
    // The thought was shown as reasoning too.
    const detail = await h.call<ConversationDetail>('conversations:get', { id: run.ids.conversationId });
    expect(detail.messages.at(-1)!.reasoning).toBe(FAKE_THOUGHT);

    // A later turn sends the rounds again from the database: the block is there, unchanged.
    await (
      await h.generate(backend.id, 'fake-tools', 'and again', run.ids.conversationId)
    ).ended;
    const later = bodies().at(-2)!.messages as { role: string; content: unknown }[];
    expect((later[1]!.content as unknown[])[0]).toEqual(thinking);
  }, 60_000);
});
