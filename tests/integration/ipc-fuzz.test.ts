// The IPC boundary under fuzzing: every request channel of the contract, called on a real core
// (real SQLite file) with malformed payloads, answers an error envelope and never throws, never
// fails as `internal` (a handler crashing on input its schema let through), never pollutes
// Object.prototype, and leaves the core answering normally afterwards.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodes, isChatError } from '../../src/shared/chat-error';
import { requestChannels, type Envelope } from '../../src/shared/ipc/contract';
import { createHarness, type Harness } from '../support/core-harness';

const seed = Number(process.env.FUZZ_SEED ?? 20_250_131);

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
  await h.call('backends:save', {
    backend: { name: 'Nowhere', kind: 'openai-chat', baseUrl: 'http://127.0.0.1:9/v1', defaultModel: 'm' },
  });
});
afterAll(() => h.dispose());

// Every field name the contract uses, so generated objects reach past the first "no such field".
const fieldNames = [
  'id',
  'messageId',
  'backendId',
  'conversationId',
  'content',
  'model',
  'params',
  'temperature',
  'maxTokens',
  'url',
  'backend',
  'name',
  'kind',
  'baseUrl',
  'apiKey',
  'options',
  'headers',
  'query',
  'limit',
  'after',
  'before',
  'through',
  'direction',
  'settings',
  'choice',
  'serverId',
  'tool',
  'on',
  'withoutTools',
  'tools',
  'format',
  'labels',
  'purpose',
  'files',
  'uploadId',
  'file',
  'offset',
  'data',
  'chunk',
  'last',
  'title',
  'pinned',
  'language',
  'appearance',
  'systemPrompt',
  'attachments',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
];

const hostileString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '',
    '../../../../etc/passwd',
    '..\\..\\windows\\win.ini',
    "'; DROP TABLE messages; --",
    '%00',
    '\u0000',
    'javascript:alert(1)',
    'file:///etc/passwd',
    'http://169.254.169.254/latest/meta-data/',
    '00000000-0000-0000-0000-000000000000',
    'a'.repeat(70_000),
    '{{model}}',
    'NaN',
  ),
);

const hostileNumber = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom(Number.NaN, Infinity, -Infinity, -0, 2 ** 53, -(2 ** 53), 2 ** 40 + 1, 1e308),
);

const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    hostileNumber,
    fc.boolean(),
    fc.constantFrom(null, undefined),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...fieldNames), fc.string({ maxLength: 8 })), tie('value'), {
      maxKeys: 5,
    }),
  ),
})).value;

/** What the two hosts can deliver: anything JSON or structured clone carries, and odd objects. */
const payload: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({
    withBigInt: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withTypedArray: true,
    withSparseArray: true,
    withNullPrototype: true,
    withBoxedValues: true,
    key: fc.oneof(fc.string(), fc.constantFrom(...fieldNames)),
  }),
  hostileValue,
  fc.constantFrom(
    JSON.parse('{"__proto__": {"polluted": true}}') as unknown,
    JSON.parse('{"id": "x", "__proto__": {"polluted": true}}') as unknown,
    { constructor: { prototype: { polluted: true } } },
    Object.create({ id: 'inherited' }) as unknown,
    new Array(100_000).fill('x'),
    Array.from({ length: 5000 }, (_, i) => ({ [`k${i}`]: i })),
  ),
);

function expectErrorOrValue(channel: string, result: Envelope<unknown>): void {
  expect(typeof result).toBe('object');
  if (result.ok) return;
  expect(isChatError(result.error), `${channel}: ${JSON.stringify(result.error)}`).toBe(true);
  expect(errorCodes).toContain(result.error.code);
  // `internal` means a handler threw on input its schema accepted: a crash behind the boundary.
  expect(result.error.code, `${channel}: ${result.error.message}`).not.toBe('internal');
}

const clean = () => {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.prototype).not.toHaveProperty('polluted');
};

describe('every request channel, fed malformed payloads', () => {
  it.each(requestChannels)('%s answers an error envelope, never throws, never crashes', async (channel) => {
    await fc.assert(
      fc.asyncProperty(payload, async (input) => {
        const result = await h.core.invoke(channel, input);
        expectErrorOrValue(channel, result);
        clean();
      }),
      // servers:discover probes the usual local ports when its (empty) input is valid: fewer runs.
      { seed, numRuns: channel === 'servers:discover' ? 8 : 60 },
    );
  });

  it('answers near-valid payloads (one field broken, missing or extra) without crashing', async () => {
    const backendId = (await h.call<{ id: string }[]>('backends:list'))[0]!.id;
    const started = await h.call<{ conversationId: string; userMessageId: string; assistantMessageId: string }>(
      'generation:start',
      {
        conversationId: null,
        backendId,
        model: 'm',
        content: 'hello',
      },
    );
    const conversationId = started.conversationId;
    const messageId = started.assistantMessageId;
    // A valid input per channel, where one is easy to write; the property breaks it one field at a time.
    const valid: Record<string, Record<string, unknown>> = {
      'conversations:list': { limit: 10 },
      'conversations:get': { id: conversationId },
      'conversations:rename': { id: conversationId, title: 'Renamed' },
      'conversations:pin': { id: conversationId, pinned: true },
      'conversations:select-version': { id: conversationId, messageId, direction: 'next' },
      'search:messages': { query: 'hello', limit: 5 },
      'generation:start': { conversationId, backendId, model: 'm', content: 'again', params: { temperature: 0.5 } },
      'generation:regenerate': { messageId, backendId, model: 'm', withoutTools: true },
      'conversations:save-tools': { id: conversationId, choice: [{ serverId: 'mcp-x', tool: 'echo', on: false }] },
      'tools:forget-refusal': { backendId, model: 'm' },
      'generation:continue': { messageId },
      'generation:cancel': { messageId },
      'generation:compare': {
        conversationId,
        backendId,
        model: 'm',
        content: 'both',
        others: [{ backendId, model: 'n' }],
      },
      'conversations:answers': { id: conversationId, messageId: started.userMessageId },
      'conversations:continue-with': { id: conversationId, messageId },
      'backends:save': { backend: { name: 'Fuzzed', kind: 'ollama', baseUrl: 'http://127.0.0.1:9' } },
      'backends:test': { id: backendId },
      'links:open': { url: 'https://example.com/' },
      'export:conversation': { id: conversationId, format: 'markdown' },
      'presets:save': { name: 'P', systemPrompt: 'Be brief.', params: {} },
      'preferences:set': { language: 'en' },
      'data:upload-begin': { purpose: 'import', files: [{ name: 'a.json', size: 10 }] },
      'attachments:stage': { name: 'a.txt', chunk: 'aGVsbG8=', last: true },
    };
    const channels = Object.keys(valid).filter((c) => (requestChannels as string[]).includes(c));
    expect(channels.length).toBeGreaterThan(10);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...channels),
        fc.oneof(fc.constant('break'), fc.constant('drop'), fc.constant('extra')),
        fc.nat(),
        hostileValue,
        async (channel, how, which, value) => {
          const input: Record<string, unknown> = { ...valid[channel] };
          const keys = Object.keys(input);
          const key = keys[which % Math.max(1, keys.length)] ?? 'id';
          if (how === 'break') input[key] = value;
          else if (how === 'drop') delete input[key];
          else input[fieldNames[which % fieldNames.length]!] = value;
          expectErrorOrValue(channel, await h.core.invoke(channel, input));
          clean();
        },
      ),
      { seed, numRuns: 300 },
    );
  });

  it('refuses channels that do not exist, including prototype names', async () => {
    for (const channel of [
      'nope',
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
      '',
      null,
      42,
      {},
      ['app:info'],
    ]) {
      const result = await h.core.invoke(channel, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    clean();
  });

  it('still answers normally afterwards', async () => {
    expect(await h.core.invoke('app:info', {})).toMatchObject({ ok: true, value: { host: 'web' } });
    const backends = await h.core.invoke('backends:list', {});
    expect(backends).toMatchObject({ ok: true });
    clean();
  });
});
