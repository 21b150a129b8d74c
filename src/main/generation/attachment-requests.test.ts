// The request each kind builds for a conversation with files: images in the shape of each API
// (OpenAI chat `image_url` data URLs, Responses and Realtime `input_image`, Anthropic base64
// `image` blocks, Ollama `images` without a prefix) on the turn that had them, earlier turns'
// images kept, and text files inside the user's message for every kind.
import { describe, expect, it } from 'vitest';
import type { BackendKind } from '../../shared/domain';
import { adapters } from '../providers/registry';
import type { BackendTarget, ChatInput, ChatTurn } from '../providers/types';
import type { StreamPlan, WebSocketStreamPlan } from '../transports/types';
import { withFiles } from './attachment-turns';

const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 9, 9]);
const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
const b64 = (data: Buffer) => data.toString('base64');

const target = (kind: BackendKind, options: Record<string, string> = {}): BackendTarget => ({
  kind,
  baseUrl: kind === 'openai-chat' || kind === 'openai-responses' ? 'http://h:1/v1' : 'http://h:1',
  apiKey: null,
  http: 'auto',
  options,
});

/** Two user turns: the first with a PNG (history), the last with a JPEG and no text, plus a system prompt. */
const turns: ChatTurn[] = [
  { role: 'system', content: 'Be brief.' },
  withFiles({ role: 'user', content: 'What is this?' }, [
    { name: 'a.png', mime: 'image/png', kind: 'image', data: png },
  ]),
  { role: 'assistant', content: 'A cat.' },
  withFiles({ role: 'user', content: 'And this?' }, [{ name: 'b.jpg', mime: 'image/jpeg', kind: 'image', data: jpeg }]),
];
const input: ChatInput = { model: 'vision', messages: turns, params: {} };

const bodyOf = (plan: StreamPlan) => JSON.parse(plan.body ?? 'null') as Record<string, unknown>;

describe('images on the wire, per kind', () => {
  it('openai-chat: text part then image_url parts with data URLs; text-only turns stay strings', () => {
    const body = bodyOf(adapters['openai-chat'].plan(input, target('openai-chat')));
    expect(body.messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is this?' },
          { type: 'image_url', image_url: { url: `data:image/png;base64,${b64(png)}` } },
        ],
      },
      { role: 'assistant', content: 'A cat.' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'And this?' },
          { type: 'image_url', image_url: { url: `data:image/jpeg;base64,${b64(jpeg)}` } },
        ],
      },
    ]);
  });

  it('openai-chat: an image with no text sends no empty text part', () => {
    const only = withFiles({ role: 'user', content: '' }, [
      { name: 'a.png', mime: 'image/png', kind: 'image', data: png },
    ]);
    const body = bodyOf(adapters['openai-chat'].plan({ ...input, messages: [only] }, target('openai-chat')));
    expect(body.messages).toEqual([
      { role: 'user', content: [{ type: 'image_url', image_url: { url: `data:image/png;base64,${b64(png)}` } }] },
    ]);
  });

  it('openai-responses: input_text then input_image whose image_url is a data URL string', () => {
    const body = bodyOf(adapters['openai-responses'].plan(input, target('openai-responses')));
    expect(body.instructions).toBe('Be brief.');
    expect(body.input).toEqual([
      {
        role: 'user',
        content: [
          { type: 'input_text', text: 'What is this?' },
          { type: 'input_image', image_url: `data:image/png;base64,${b64(png)}`, detail: 'auto' },
        ],
      },
      { role: 'assistant', content: 'A cat.' },
      {
        role: 'user',
        content: [
          { type: 'input_text', text: 'And this?' },
          { type: 'input_image', image_url: `data:image/jpeg;base64,${b64(jpeg)}`, detail: 'auto' },
        ],
      },
    ]);
  });

  it('ollama: images as bare base64 beside the content, no data: prefix', () => {
    const body = bodyOf(adapters.ollama.plan(input, target('ollama')));
    expect(body.messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'What is this?', images: [b64(png)] },
      { role: 'assistant', content: 'A cat.' },
      { role: 'user', content: 'And this?', images: [b64(jpeg)] },
    ]);
  });

  it('anthropic: image blocks with a base64 source and media type, then the text block', () => {
    const body = bodyOf(adapters.anthropic.plan(input, target('anthropic')));
    expect(body.system).toBe('Be brief.');
    const image = (mime: string, data: Buffer) => ({
      type: 'image',
      source: { type: 'base64', media_type: mime, data: b64(data) },
    });
    expect(body.messages).toEqual([
      { role: 'user', content: [image('image/png', png), { type: 'text', text: 'What is this?' }] },
      { role: 'assistant', content: 'A cat.' },
      { role: 'user', content: [image('image/jpeg', jpeg), { type: 'text', text: 'And this?' }] },
    ]);
  });

  it('anthropic: merging two user turns in a row keeps both texts and the image', () => {
    const twoUsers: ChatTurn[] = [
      { role: 'user', content: 'first' },
      withFiles({ role: 'user', content: 'second' }, [{ name: 'a.png', mime: 'image/png', kind: 'image', data: png }]),
    ];
    const body = bodyOf(adapters.anthropic.plan({ ...input, messages: twoUsers }, target('anthropic')));
    expect(body.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'first' },
          { type: 'image', source: { type: 'base64', media_type: 'image/png', data: b64(png) } },
          { type: 'text', text: 'second' },
        ],
      },
    ]);
  });

  it('openai-realtime: input_image parts with data URLs in the user items', () => {
    const plan = adapters['openai-realtime'].plan(input, target('openai-realtime')) as WebSocketStreamPlan;
    const items = plan.send
      .map((m) => JSON.parse(m) as { type: string; item?: { role: string; content: unknown[] } })
      .filter((m) => m.type === 'conversation.item.create')
      .map((m) => m.item);
    expect(items[0]).toEqual({
      type: 'message',
      role: 'user',
      content: [
        { type: 'input_text', text: 'What is this?' },
        { type: 'input_image', image_url: `data:image/png;base64,${b64(png)}` },
      ],
    });
    expect(items[2]?.content).toContainEqual({ type: 'input_image', image_url: `data:image/jpeg;base64,${b64(jpeg)}` });
  });
});

describe('text files on the wire, for every kind', () => {
  const withText: ChatInput = {
    model: 'm',
    params: {},
    messages: [
      withFiles({ role: 'user', content: 'Summarise it' }, [
        { name: 'notes.md', mime: 'text/markdown', kind: 'text', data: Buffer.from('# 会议\n- ship it') },
      ]),
    ],
  };
  const options: Partial<Record<BackendKind, Record<string, string>>> = {
    'websocket-json': { requestTemplate: '{"prompt": "{{prompt}}"}', deltaPath: 'delta' },
  };

  /** Every string the plan would put on the wire: JSON string values, or a gRPC message's bytes as UTF-8. */
  const wireStrings = (plan: StreamPlan): string[] => {
    const sent = 'send' in plan ? plan.send.map((m) => (typeof m === 'string' ? m : new TextDecoder().decode(m))) : [];
    const leaves = (v: unknown): string[] =>
      typeof v === 'string' ? [v] : v && typeof v === 'object' ? Object.values(v).flatMap(leaves) : [];
    return [plan.body ?? '', ...sent].flatMap((t) => {
      try {
        return leaves(JSON.parse(t));
      } catch {
        return [t];
      }
    });
  };

  for (const kind of Object.keys(adapters) as BackendKind[]) {
    it(`${kind}: the file's name and text reach the server before the user's words`, () => {
      const plan = adapters[kind].plan(withText, target(kind, options[kind]));
      const carrying = wireStrings(plan).find((t) => t.includes('File: notes.md'));
      expect(carrying).toBeDefined();
      expect(carrying).toContain('```md\n# 会议\n- ship it\n```');
      expect(carrying!.indexOf('# 会议')).toBeLessThan(carrying!.indexOf('Summarise it'));
    });
  }
});
