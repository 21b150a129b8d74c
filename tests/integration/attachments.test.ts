// Attachments through the real core on a real SQLite file, against the fake servers on real
// sockets: what each server received carries the image in its kind's format, later turns send the
// earlier images again, text files reach every kind inside the user's message, text-only kinds
// refuse images before anything is stored or sent, and the bytes come back for the history view.
import { deflateSync, crc32 } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { attachmentLimits, uploadChunkBytes } from '../../src/shared/attachment-rules';
import type { AttachmentMeta, BackendKind, ConversationDetail } from '../../src/shared/domain';
import type { RequestOutput } from '../../src/shared/ipc/contract';
import { startAnthropicServer } from '../servers/anthropic-server';
import type { FakeServer, RecordedRequest } from '../servers/fake-http-server';
import { startKoboldServer } from '../servers/koboldcpp-server';
import { startOllamaServer } from '../servers/ollama-server';
import { startOpenAiChatServer } from '../servers/openai-chat-server';
import { startRealtimeServer } from '../servers/realtime-server';
import type { FakeWsServer } from '../servers/realtime-ws-plumbing';
import { startResponsesServer } from '../servers/responses-server';
import { createHarness, type Harness } from '../support/core-harness';

/** A real PNG: `width` × 1 pixels of one colour. */
function png(width: number, rgb: [number, number, number] = [200, 30, 30]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(1, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(row)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const red = png(3);
const blue = png(5, [20, 40, 220]);
const dataUrl = (bytes: Buffer) => `data:image/png;base64,${bytes.toString('base64')}`;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const clean of cleanups.splice(0).reverse()) await clean();
});

async function setup<F>(kind: BackendKind, start: () => Promise<F & { baseUrl: string; close(): Promise<void> }>) {
  const fake = await start();
  const h = await createHarness({ limits: { idleTimeoutMs: 2_000 } });
  cleanups.push(
    () => fake.close(),
    () => h.dispose(),
  );
  const backendId = (await h.addBackend(fake.baseUrl, { kind })).id;
  return { fake, h, backendId };
}

/** Sends a file in pieces exactly as the renderer does and returns what main answered for the last one. */
async function stage(h: Harness, name: string, bytes: Buffer): Promise<AttachmentMeta> {
  let uploadId: string | undefined;
  for (let at = 0; ; at += uploadChunkBytes) {
    const last = at + uploadChunkBytes >= bytes.length;
    const answer = await h.call<RequestOutput<'attachments:stage'>>('attachments:stage', {
      name,
      chunk: bytes.subarray(at, at + uploadChunkBytes).toString('base64'),
      last,
      ...(uploadId ? { uploadId } : {}),
    });
    uploadId = answer.uploadId;
    if (last) return answer.attachment!;
  }
}

/** Starts a generation with files and waits for its end; returns the ids and how it ended. */
async function send(
  h: Harness,
  backendId: string,
  content: string,
  files: AttachmentMeta[],
  conversationId: string | null = null,
  model = 'fake-chat',
) {
  const ids = await h.call<RequestOutput<'generation:start'>>('generation:start', {
    conversationId,
    backendId,
    model,
    content,
    attachments: files.map((f) => f.id),
  });
  const end = () =>
    h.payloads
      .filter((p) => p.messageId === ids.assistantMessageId)
      .flatMap((p) => p.events)
      .find((e) => e.type === 'done' || e.type === 'error');
  await expect.poll(end, { timeout: 10_000 }).toBeDefined();
  return { ids, end: end()! };
}

const refusal = async (h: Harness, channel: string, input: unknown) => {
  const result = await h.core.invoke(channel, input);
  if (result.ok) throw new Error(`${channel} was accepted`);
  return result.error;
};

const lastChat = (fake: FakeServer, path: string): Record<string, unknown> =>
  fake.requests.filter((r: RecordedRequest) => r.path === path).at(-1)!.body as Record<string, unknown>;

describe('images reach each vision kind in its own format, and later turns send them again', () => {
  it('openai-chat: image_url parts with data URLs; the second turn resends the first image', async () => {
    const { fake, h, backendId } = await setup('openai-chat', () => startOpenAiChatServer({ tokenDelayMs: 1 }));
    const first = await send(h, backendId, 'What colour?', [await stage(h, 'red.png', red)]);
    expect(first.end.type).toBe('done');
    expect(lastChat(fake, '/v1/chat/completions').messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What colour?' },
          { type: 'image_url', image_url: { url: dataUrl(red) } },
        ],
      },
    ]);

    await send(h, backendId, 'And now?', [await stage(h, 'blue.png', blue)], first.ids.conversationId);
    const messages = lastChat(fake, '/v1/chat/completions').messages as { role: string; content: unknown }[];
    expect(messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(messages[0]!.content).toContainEqual({ type: 'image_url', image_url: { url: dataUrl(red) } });
    expect(messages[2]!.content).toContainEqual({ type: 'image_url', image_url: { url: dataUrl(blue) } });

    // A third turn with no new file still carries both earlier images.
    await send(h, backendId, 'Thanks', [], first.ids.conversationId);
    const third = lastChat(fake, '/v1/chat/completions').messages as { content: unknown }[];
    expect(JSON.stringify(third)).toContain(dataUrl(red));
    expect(JSON.stringify(third)).toContain(dataUrl(blue));
    expect(third.at(-1)!.content).toBe('Thanks');
  });

  it('openai-responses: input_image with a data URL string', async () => {
    const { fake, h, backendId } = await setup('openai-responses', () => startResponsesServer({ tokenDelayMs: 1 }));
    const run = await send(h, backendId, 'Describe', [await stage(h, 'red.png', red)]);
    expect(run.end.type).toBe('done');
    expect(lastChat(fake, '/v1/responses').input).toEqual([
      {
        role: 'user',
        content: [
          { type: 'input_text', text: 'Describe' },
          { type: 'input_image', image_url: dataUrl(red), detail: 'auto' },
        ],
      },
    ]);
  });

  it('anthropic: image blocks with a base64 source, before the text; history keeps them', async () => {
    const { fake, h, backendId } = await setup('anthropic', () => startAnthropicServer({ tokenDelayMs: 1 }));
    const first = await send(h, backendId, 'Describe', [await stage(h, 'red.png', red)]);
    expect(first.end.type).toBe('done');
    await send(h, backendId, 'Shorter', [], first.ids.conversationId);
    const body = lastChat(fake, '/v1/messages');
    expect((body.messages as unknown[])[0]).toEqual({
      role: 'user',
      content: [
        { type: 'image', source: { type: 'base64', media_type: 'image/png', data: red.toString('base64') } },
        { type: 'text', text: 'Describe' },
      ],
    });
    expect((body.messages as { content: unknown }[]).at(-1)).toEqual({ role: 'user', content: 'Shorter' });
  });

  it('ollama: images as bare base64 on the message; history keeps them', async () => {
    const { fake, h, backendId } = await setup('ollama', () => startOllamaServer({ tokenDelayMs: 1 }));
    const first = await send(h, backendId, 'Describe', [await stage(h, 'red.png', red)]);
    expect(first.end.type).toBe('done');
    await send(h, backendId, 'More', [await stage(h, 'blue.png', blue)], first.ids.conversationId);
    const messages = lastChat(fake, '/api/chat').messages as Record<string, unknown>[];
    expect(messages[0]).toEqual({ role: 'user', content: 'Describe', images: [red.toString('base64')] });
    expect(messages[2]).toEqual({ role: 'user', content: 'More', images: [blue.toString('base64')] });
  });

  it('openai-realtime: input_image parts in the user item', async () => {
    const { fake, h, backendId } = await setup<FakeWsServer>('openai-realtime', () =>
      startRealtimeServer({ tokenDelayMs: 1 }),
    );
    const run = await send(h, backendId, 'Describe', [await stage(h, 'red.png', red)]);
    expect(run.end.type).toBe('done');
    const items = fake.sessions
      .at(-1)!
      .received.filter((m) => (m as { type?: string }).type === 'conversation.item.create') as {
      item: { content: unknown[] };
    }[];
    expect(items[0]!.item.content).toEqual([
      { type: 'input_text', text: 'Describe' },
      { type: 'input_image', image_url: dataUrl(red) },
    ]);
  });

  it('an image larger than one upload piece arrives whole', async () => {
    const { fake, h, backendId } = await setup('openai-chat', () => startOpenAiChatServer({ tokenDelayMs: 1 }));
    const large = Buffer.concat([red, Buffer.alloc(uploadChunkBytes + 1000, 0x5a)]);
    const meta = await stage(h, 'large.png', large);
    expect(meta.size).toBe(large.length);
    await send(h, backendId, 'Big one', [meta]);
    expect(JSON.stringify(lastChat(fake, '/v1/chat/completions'))).toContain(dataUrl(large));
  });
});

describe('text files', () => {
  const notes = Buffer.from('# 会议记录\n- ship attachments\n');

  it('reach the server as a fenced block named by the file, before the user’s words, and stay for later turns', async () => {
    const { fake, h, backendId } = await setup('openai-chat', () => startOpenAiChatServer({ tokenDelayMs: 1 }));
    const first = await send(h, backendId, 'Summarise', [await stage(h, 'notes.md', notes)]);
    expect(first.end.type).toBe('done');
    const expected = 'File: notes.md\n```md\n# 会议记录\n- ship attachments\n```\n\nSummarise';
    expect(lastChat(fake, '/v1/chat/completions').messages).toEqual([{ role: 'user', content: expected }]);

    await send(h, backendId, 'Again', [], first.ids.conversationId);
    const later = lastChat(fake, '/v1/chat/completions').messages as { content: string }[];
    expect(later[0]!.content).toBe(expected);

    // What the user typed is stored as typed; the file is an attachment of the message.
    const detail = await h.call<ConversationDetail>('conversations:get', { id: first.ids.conversationId });
    expect(detail.messages[0]).toMatchObject({
      content: 'Summarise',
      attachments: [{ name: 'notes.md', kind: 'text', mime: 'text/markdown', size: notes.length }],
    });
  });

  it('reach a prompt-only kind (KoboldCpp) inside the rendered prompt', async () => {
    const { fake, h, backendId } = await setup('koboldcpp', () => startKoboldServer({ tokenDelayMs: 1 }));
    const run = await send(h, backendId, 'Summarise', [await stage(h, 'notes.md', notes)], null, 'koboldcpp');
    expect(run.end.type).toBe('done');
    const prompt = JSON.stringify(fake.requests.map((r) => r.body));
    expect(prompt).toContain('File: notes.md');
    expect(prompt).toContain('# 会议记录');
  });

  it('a message may be a file alone; the conversation is titled after it', async () => {
    const { h, backendId } = await setup('openai-chat', () => startOpenAiChatServer({ tokenDelayMs: 1 }));
    const run = await send(h, backendId, '', [await stage(h, 'notes.md', notes)]);
    const detail = await h.call<ConversationDetail>('conversations:get', { id: run.ids.conversationId });
    expect(detail.conversation.title).toBe('notes.md');
    expect(
      await refusal(h, 'generation:start', { conversationId: null, backendId, model: 'fake-chat', content: '' }),
    ).toMatchObject({
      code: 'invalid_input',
      message: 'A message needs some text or an attached file.',
    });
  });
});

describe('kinds that cannot take images', () => {
  it('refuse a new image before anything is stored or sent, and keep working for text', async () => {
    const { fake, h, backendId } = await setup('koboldcpp', () => startKoboldServer({ tokenDelayMs: 1 }));
    const image = await stage(h, 'red.png', red);
    const error = await refusal(h, 'generation:start', {
      conversationId: null,
      backendId,
      model: 'koboldcpp',
      content: 'What is this?',
      attachments: [image.id],
    });
    expect(error).toMatchObject({ code: 'invalid_input' });
    expect(error.message).toMatch(/Images cannot be sent here: KoboldCpp backends take text only/);
    expect(fake.requests.filter((r) => r.method === 'POST')).toEqual([]);
    expect(h.core.db.prepare('SELECT count(*) AS n FROM messages').get()).toEqual({ n: 0 });
  });

  it('refuse a conversation whose history holds images, naming why', async () => {
    const vision = await setup('openai-chat', () => startOpenAiChatServer({ tokenDelayMs: 1 }));
    const first = await send(vision.h, vision.backendId, 'Look', [await stage(vision.h, 'red.png', red)]);
    const kobold = await startKoboldServer({ tokenDelayMs: 1 });
    cleanups.push(() => kobold.close());
    const textOnly = await vision.h.addBackend(kobold.baseUrl, { kind: 'koboldcpp', name: 'Kobold' });
    const error = await refusal(vision.h, 'generation:start', {
      conversationId: first.ids.conversationId,
      backendId: textOnly.id,
      model: 'koboldcpp',
      content: 'Continue here',
    });
    expect(error.message).toMatch(/This conversation contains images, but KoboldCpp backends take text only/);
    expect(kobold.requests.filter((r) => r.method === 'POST')).toEqual([]);
  });
});

describe('staging and reading back', () => {
  it('gives the stored bytes back for the history view, with the metadata on the message', async () => {
    const { h, backendId } = await setup('openai-chat', () => startOpenAiChatServer({ tokenDelayMs: 1 }));
    const meta = await stage(h, 'red.png', red);
    const run = await send(h, backendId, 'Look', [meta]);
    const detail = await h.call<ConversationDetail>('conversations:get', { id: run.ids.conversationId });
    expect(detail.messages[0]!.attachments).toEqual([
      { id: meta.id, name: 'red.png', mime: 'image/png', size: red.length, kind: 'image' },
    ]);
    expect(detail.messages[1]).not.toHaveProperty('attachments');
    const file = await h.call<RequestOutput<'attachments:get'>>('attachments:get', { id: meta.id });
    expect(Buffer.from(file.data, 'base64').equals(red)).toBe(true);
    expect(await refusal(h, 'attachments:get', { id: 'no-such-file' })).toMatchObject({ code: 'not_found' });
  });

  it('refuses wrong types by their bytes, oversized pieces by schema, and staged ids used twice', async () => {
    const { h, backendId } = await setup('openai-chat', () => startOpenAiChatServer({ tokenDelayMs: 1 }));
    const fake = await refusal(h, 'attachments:stage', {
      name: 'photo.png',
      chunk: Buffer.from('MZ this is a program').toString('base64'),
      last: true,
    });
    expect(fake.message).toMatch(/"photo.png" cannot be attached: only PNG, JPEG, WebP and GIF images and text files/);
    const tooBig = await refusal(h, 'attachments:stage', {
      name: 'a.png',
      chunk: 'A'.repeat((uploadChunkBytes / 3) * 4 + 4),
      last: false,
    });
    expect(tooBig).toMatchObject({ code: 'invalid_input' });
    expect(tooBig.message).toMatch(/attachments:stage: chunk/);

    const meta = await stage(h, 'red.png', red);
    await send(h, backendId, 'Once', [meta]);
    const again = await refusal(h, 'generation:start', {
      conversationId: null,
      backendId,
      model: 'fake-chat',
      content: 'Twice',
      attachments: [meta.id],
    });
    expect(again).toMatchObject({ code: 'not_found' });
    const many = await refusal(h, 'generation:start', {
      conversationId: null,
      backendId,
      model: 'fake-chat',
      content: 'Many',
      attachments: Array.from({ length: attachmentLimits.perMessage + 1 }, (_, i) => `id-${i}`),
    });
    expect(many.message).toMatch(/attachments/);
  });
});
