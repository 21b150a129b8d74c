// The recognizer of tool calls written into the text: both formats, in the answer and in the
// reasoning, cut at every position of the stream (and one character at a time), several calls,
// blocks that cannot be read, mentions that are not calls, and bare Llama 3.1 calls; a block is
// shown growing while it is written (`tool-call-delta`), alike at every cut.
import { describe, expect, it } from 'vitest';
import { TextToolCallSplitter } from './text-tool-calls';
import type { ChatEvent, ToolCall, ToolDefinition } from './types';

const tools: ToolDefinition[] = [
  {
    name: 'get_weather',
    description: 'Weather for a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } } },
  },
  {
    name: 'read_file',
    description: 'Read a file',
    parameters: { type: 'object', properties: { path: { type: 'string' }, limit: { type: 'integer' } } },
  },
];

type Channel = 'text' | 'reasoning';

interface Seen {
  text: string;
  reasoning: string;
  calls: { index: number; name: string; arguments: unknown }[];
  malformed: string[];
  order: string[];
}

/** Runs `pieces` of one channel through a splitter and sums up what came out. */
function run(pieces: readonly string[], channel: Channel = 'text', before: ChatEvent[] = []): Seen {
  const splitter = new TextToolCallSplitter(tools);
  const events = [
    ...before.flatMap((e) => splitter.push(e)),
    ...pieces.flatMap((text) => splitter.push({ type: channel, text })),
    ...splitter.end(),
  ];
  return summary(events);
}

function summary(events: readonly ChatEvent[]): Seen {
  const seen: Seen = { text: '', reasoning: '', calls: [], malformed: [], order: [] };
  for (const e of events) {
    if (e.type === 'text') seen.text += e.text;
    else if (e.type === 'reasoning') seen.reasoning += e.text;
    else if (e.type === 'malformed') seen.malformed.push(e.excerpt);
    else if (e.type === 'tool-calls') {
      for (const c of e.calls) {
        expect(c.id).toMatch(/^call_\d+$/);
        seen.calls.push({ index: c.index, name: c.name, arguments: JSON.parse(c.arguments) as unknown });
      }
    }
    // The calls shown while written are looked at on their own (previews below).
    if (e.type !== 'tool-call-delta' && seen.order.at(-1) !== e.type) seen.order.push(e.type);
  }
  return seen;
}

interface Preview {
  index: number;
  name: string;
  args: string;
  /** Characters of visible text (answer and reasoning) before its first piece. */
  after: number;
  pieces: number;
}

/** The calls shown while written: each `tool-call-delta` index with its pieces joined. */
function previews(events: readonly ChatEvent[]): Preview[] {
  const out = new Map<number, Preview>();
  let shown = 0;
  for (const e of events) {
    if (e.type === 'text' || e.type === 'reasoning') shown += e.text.length;
    if (e.type !== 'tool-call-delta') continue;
    const seen = out.get(e.index);
    if (seen) {
      expect(e.name).toBe(seen.name);
      seen.args += e.text;
      seen.pieces++;
    } else out.set(e.index, { index: e.index, name: e.name, args: e.text, after: shown, pieces: 1 });
  }
  return [...out.values()];
}

function streamed(pieces: readonly string[], channel: Channel = 'text'): ChatEvent[] {
  const splitter = new TextToolCallSplitter(tools);
  return [...pieces.flatMap((text) => splitter.push({ type: channel, text })), ...splitter.end()];
}

/** `text` cut into pieces of one to three characters (the same cuts for the same seed). */
function tinyPieces(text: string, seed: number): string[] {
  const out: string[] = [];
  for (let at = 0, state = seed + 1; at < text.length;) {
    state = (state * 48_271) % 2_147_483_647;
    const size = 1 + (state % 3);
    out.push(text.slice(at, at + size));
    at += size;
  }
  return out;
}

/**
 * Events with what came in pieces joined: neighbouring text (or reasoning), neighbouring pieces of
 * one call shown while written; the made-up ids of calls left out (they differ between splitters).
 */
function joined(events: readonly ChatEvent[]): ChatEvent[] {
  const out: ChatEvent[] = [];
  for (const e of events) {
    const last = out.at(-1);
    if ((e.type === 'text' || e.type === 'reasoning') && last?.type === e.type) {
      out[out.length - 1] = { ...last, text: last.text + e.text };
    } else if (e.type === 'tool-call-delta' && last?.type === 'tool-call-delta' && last.index === e.index) {
      expect(e.name).toBe(last.name);
      out[out.length - 1] = { ...last, text: last.text + e.text };
    } else if (e.type === 'tool-calls') {
      out.push({ ...e, calls: e.calls.map((c) => ({ ...c, id: 'made up' })) });
    } else out.push(e);
  }
  return out;
}

/** The stream whole, cut once at every position, and one character at a time: all must agree. */
function everyCut(stream: string, channel: Channel = 'text'): Seen {
  const whole = run([stream], channel);
  for (let at = 1; at < stream.length; at++) {
    expect(run([stream.slice(0, at), stream.slice(at)], channel), `cut at ${at}`).toEqual(whole);
  }
  expect(run([...stream], channel)).toEqual(whole);
  return whole;
}

const hermes =
  'Let me check both.\n\n<tool_call>\n{"name": "get_weather", "arguments": {"city": "Paris"}}\n</tool_call>\n' +
  '<tool_call>\n{"name": "read_file", "arguments": "{\\"path\\": \\"/tmp/a.txt\\"}"}\n</tool_call>\n';

const qwenCoder =
  'I need the file first.\n<tool_call>\n<function=read_file>\n<parameter=path>\n/tmp/a b.txt\n</parameter>\n' +
  '<parameter=limit>\n10\n</parameter>\n</function>\n</tool_call>';

describe('tool calls written into the text', () => {
  it('Hermes / Qwen 2.5 blocks in the answer, at every cut: two calls, not shown, arguments object or JSON text', () => {
    expect(everyCut(hermes)).toEqual({
      text: 'Let me check both.',
      reasoning: '',
      calls: [
        { index: 0, name: 'get_weather', arguments: { city: 'Paris' } },
        { index: 1, name: 'read_file', arguments: { path: '/tmp/a.txt' } },
      ],
      malformed: [],
      order: ['text', 'tool-calls'],
    });
  });

  it('the Qwen3-Coder XML form in the reasoning, at every cut: values JSON when they parse, strings by the schema', () => {
    expect(everyCut(qwenCoder, 'reasoning')).toMatchObject({
      text: '',
      reasoning: 'I need the file first.',
      calls: [{ index: 0, name: 'read_file', arguments: { path: '/tmp/a b.txt', limit: 10 } }],
      malformed: [],
    });
  });

  it('XML values: strings where the schema says string, JSON otherwise, multi-line text kept', () => {
    const block =
      '<tool_call>\n<function=write>\n<parameter=zip>\n75001\n</parameter>\n<parameter=flags>\n["a", 1]\n</parameter>\n' +
      '<parameter=body>\nline one\nline two\n</parameter>\n</function>\n</tool_call>';
    const withSchema = new TextToolCallSplitter([
      { name: 'write', description: '', parameters: { properties: { zip: { type: 'string' } } } },
    ]);
    const events = [...withSchema.push({ type: 'text', text: block }), ...withSchema.end()];
    expect(summary(events).calls).toEqual([
      { index: 0, name: 'write', arguments: { zip: '75001', flags: ['a', 1], body: 'line one\nline two' } },
    ]);
    expect(run([block]).calls[0]!.arguments).toMatchObject({ zip: 75001 }); // no schema known: JSON
  });

  it('text after the calls is kept, the whitespace around them is not', () => {
    const seen = everyCut('Sure.\n<tool_call>{"name": "get_weather", "arguments": {}}</tool_call>\n\nDone, see above.');
    expect(seen.text).toBe('Sure.Done, see above.');
    expect(seen.calls).toEqual([{ index: 0, name: 'get_weather', arguments: {} }]);
  });

  it('a block that cannot be read is shown as text, whole, and reported', () => {
    const broken = 'Try:\n<tool_call>\n{"name": "get_weather", "arguments": {city: Paris}}\n</tool_call>\nthen more';
    const seen = everyCut(broken);
    expect(seen.text).toBe(broken);
    expect(seen.calls).toEqual([]);
    expect(seen.malformed).toHaveLength(1);
    expect(seen.malformed[0]).toMatch(/tool call in the answer could not be read \(not valid JSON\)/);
  });

  it('reports the malformed block with toolCall set, so it is told apart from an unreadable frame', () => {
    const splitter = new TextToolCallSplitter(tools);
    const events = [
      ...splitter.push({ type: 'text', text: '<tool_call>{"arguments": {}}</tool_call>' }),
      ...splitter.end(),
    ];
    expect(events).toContainEqual(expect.objectContaining({ type: 'malformed', toolCall: true }));
  });

  it('a block whose XML is broken, and one never closed, are text and reported; a readable one never closed is a call', () => {
    const xml = '<tool_call>\n<function=read_file>\n<parameter=path>/a</parameter>\n</tool_call>';
    expect(run([xml])).toMatchObject({ text: xml, calls: [], malformed: [expect.stringMatching(/<\/function>/)] });
    const open = '<tool_call>\n{"name": "get_weather", "arguments": {"city": "Par';
    expect(run([open])).toMatchObject({ text: open, calls: [], malformed: [expect.stringMatching(/never closed/)] });
    const cut = '<tool_call>\n{"name": "get_weather", "arguments": {"city": "Paris"}}\n';
    expect(run([cut])).toMatchObject({ text: '', calls: [{ name: 'get_weather' }], malformed: [] });
  });

  it('a mention of the tag in prose is text, not a call and not an error', () => {
    const prose = 'Models write <tool_call> before a call and </tool_call> after it.';
    expect(everyCut(prose)).toEqual({ text: prose, reasoning: '', calls: [], malformed: [], order: ['text'] });
  });

  it('calls in the reasoning count only when the answer calls nothing (else they were drafts)', () => {
    const run2 = (answer: string) => {
      const splitter = new TextToolCallSplitter(tools);
      return summary([
        ...splitter.push({
          type: 'reasoning',
          text: 'Weather first. <tool_call>{"name": "get_weather", "arguments": {"city": "Oslo"}}',
        }),
        ...splitter.push({ type: 'reasoning', text: '</tool_call>' }),
        ...splitter.push({ type: 'text', text: answer }),
        ...splitter.end(),
      ]);
    };
    expect(
      run2('<tool_call>\n<function=read_file>\n<parameter=path>\n/x\n</parameter>\n</function>\n</tool_call>'),
    ).toMatchObject({
      reasoning: 'Weather first.',
      text: '',
      calls: [{ index: 0, name: 'read_file', arguments: { path: '/x' } }],
    });
    expect(run2('')).toMatchObject({ calls: [{ index: 0, name: 'get_weather', arguments: { city: 'Oslo' } }] });
  });

  it('calls read from text that a reclassify turns into reasoning are reasoning calls', () => {
    const splitter = new TextToolCallSplitter(tools);
    const events = [
      ...splitter.push({ type: 'text', text: 'Plan: <tool_call>{"name": "get_weather", "arguments": {}}</tool_call>' }),
      ...splitter.push({ type: 'reasoning-reclassify' }),
      ...splitter.push({
        type: 'text',
        text: '<tool_call>{"name": "read_file", "arguments": {"path": "/z"}}</tool_call>',
      }),
      ...splitter.end(),
    ];
    expect(summary(events).calls).toEqual([{ index: 0, name: 'read_file', arguments: { path: '/z' } }]);
  });

  it('made-up ids never repeat an id the API gave in the same answer', () => {
    const splitter = new TextToolCallSplitter(tools);
    const probe = new TextToolCallSplitter(tools);
    probe.push({ type: 'text', text: '<tool_call>{"name": "get_weather", "arguments": {}}</tool_call>' });
    const [next] = probe.end().flatMap((e) => (e.type === 'tool-calls' ? e.calls : []));
    const following = `call_${Number(next!.id.slice(5)) + 1}`;
    splitter.push({ type: 'tool-calls', calls: [{ index: 0, id: following, name: 'get_time', arguments: '{}' }] });
    splitter.push({ type: 'text', text: '<tool_call>{"name": "get_weather", "arguments": {}}</tool_call>' });
    const ids = splitter.end().flatMap((e) => (e.type === 'tool-calls' ? e.calls.map((c) => c.id) : []));
    expect(ids[0]).toBe(following);
    expect(ids[1]).not.toBe(following);
  });

  it("merges the API's own calls first, numbering ours after them", () => {
    const splitter = new TextToolCallSplitter(tools);
    const api = { index: 0, id: 'chatcmpl-tool-1', name: 'get_weather', arguments: '{"city":"Rome"}' };
    const events = [
      ...splitter.push({
        type: 'text',
        text: '<tool_call>{"name": "read_file", "arguments": {"path": "/y"}}</tool_call>',
      }),
      ...splitter.push({ type: 'tool-calls', calls: [api] }),
      ...splitter.end(),
    ];
    const calls = events.flatMap((e) => (e.type === 'tool-calls' ? e.calls : []));
    expect(calls).toEqual([
      api,
      { index: 1, id: expect.stringMatching(/^call_\d+$/), name: 'read_file', arguments: '{"path":"/y"}' },
    ]);
    expect(new Set(calls.map((c) => c.id)).size).toBe(2);
  });

  it('an answer that is one bare JSON call (Llama 3.1), at every cut, with or without <|python_tag|>', () => {
    const call = { index: 0, name: 'get_weather', arguments: { city: 'Paris' } };
    expect(everyCut('{"name": "get_weather", "parameters": {"city": "Paris"}}')).toMatchObject({
      text: '',
      calls: [call],
    });
    expect(
      everyCut('\n<|python_tag|>{"type": "function", "name": "get_weather", "parameters": {"city": "Paris"}}'),
    ).toMatchObject({
      text: '',
      calls: [call],
    });
  });

  it('JSON that is not a call stays text, whole and unreported', () => {
    for (const json of [
      '{"answer": 42}',
      '{"name": "Bob", "age": 3}',
      '{"name": "x", "parameters": [1]}',
      '{ broken',
    ]) {
      expect(everyCut(json)).toEqual({ text: json, reasoning: '', calls: [], malformed: [], order: ['text'] });
    }
    // Only the start of an answer may be a bare call.
    expect(run(['See: {"name": "get_weather", "parameters": {}}']).calls).toEqual([]);
  });

  it('what was held goes out before a reasoning-reclassify, and the answer starts over after it', () => {
    const splitter = new TextToolCallSplitter(tools);
    const events = [
      ...splitter.push({ type: 'text', text: 'thinking aloud \n' }),
      ...splitter.push({ type: 'reasoning-reclassify' }),
      ...splitter.push({ type: 'text', text: '{"name": "get_weather", "parameters": {}}' }),
      ...splitter.end(),
    ];
    expect(events.slice(0, 3)).toEqual([
      { type: 'text', text: 'thinking aloud' },
      { type: 'text', text: ' \n' },
      { type: 'reasoning-reclassify' },
    ]);
    expect(summary(events).calls).toEqual([{ index: 0, name: 'get_weather', arguments: {} }]);
  });

  it('a Hermes block is shown growing once its name is known, its arguments as written, alike at every cut', () => {
    const whole = previews(streamed([hermes])).map(({ pieces: _p, ...rest }) => rest);
    expect(whole).toEqual([
      { index: 0, name: 'get_weather', args: '{"city": "Paris"}', after: 'Let me check both.'.length },
      { index: 1, name: 'read_file', args: '"{\\"path\\": \\"/tmp/a.txt\\"}"', after: 'Let me check both.'.length },
    ]);
    for (let at = 1; at < hermes.length; at++) {
      const cut = previews(streamed([hermes.slice(0, at), hermes.slice(at)]));
      expect(
        cut.map(({ pieces: _p, ...rest }) => rest),
        `cut at ${at}`,
      ).toEqual(whole);
    }
    // Three characters a piece (as the fake server streams): the arguments grow piece by piece,
    // the name comes with the first, and nothing of the tags shows as text.
    const bySmallPieces = streamed(hermes.match(/[\s\S]{1,3}/g)!);
    const [weather] = previews(bySmallPieces);
    expect(weather!.pieces).toBeGreaterThan(4);
    const first = bySmallPieces.find((e) => e.type === 'tool-call-delta');
    expect(first).toEqual({ type: 'tool-call-delta', index: 0, name: 'get_weather', text: '' });
    expect(summary(bySmallPieces).text).toBe('Let me check both.');
    // Before the first piece of a call, the text before it was already out.
    const at = bySmallPieces.indexOf(first!);
    expect(
      bySmallPieces
        .slice(0, at)
        .filter((e) => e.type === 'text')
        .map((e) => (e.type === 'text' ? e.text : ''))
        .join(''),
    ).toBe('Let me check both.');
  });

  it('a Qwen3-Coder XML block is shown growing as a JSON object of its parameters so far', () => {
    const whole = previews(streamed([...qwenCoder], 'reasoning'));
    expect(whole).toMatchObject([
      {
        index: 0,
        name: 'read_file',
        args: '{"path": "/tmp/a b.txt", "limit": "10"}',
        after: 'I need the file first.'.length,
      },
    ]);
    expect(whole[0]!.pieces).toBeGreaterThan(4);
    for (let at = 1; at < qwenCoder.length; at++) {
      const cut = previews(streamed([qwenCoder.slice(0, at), qwenCoder.slice(at)], 'reasoning'));
      expect(
        cut.map((p) => p.args),
        `cut at ${at}`,
      ).toEqual([whole[0]!.args]);
    }
  });

  it('no preview before the name is whole, none for a mention in prose, and a long body is not read again per piece', () => {
    const splitter = new TextToolCallSplitter(tools);
    expect(splitter.push({ type: 'text', text: '<tool_call>\n{"name": "get_wea' })).toEqual([]);
    expect(splitter.push({ type: 'text', text: 'ther", ' })).toEqual([
      { type: 'tool-call-delta', index: 0, name: 'get_weather', text: '' },
    ]);
    expect(previews(streamed(['I would use <tool_call> here, but no.']))).toEqual([]);
    // 20,000 characters of arguments a character at a time: past the first 4,096 the body is looked
    // at again only as it grows by an eighth, not once a piece.
    const body = 'x'.repeat(20_000);
    const long = `<tool_call>{"name": "read_file", "arguments": {"path": "${body}"}}</tool_call>`;
    const [shown] = previews(streamed([...long]));
    expect(shown!.args).toBe(`{"path": "${body}"}`);
    expect(shown!.pieces).toBeLessThan(4096 + 30);
  });

  it('long streams (blocks of 60,000 characters, long runs of newlines) in pieces of one to three characters give the same events as given whole', () => {
    // What a long call (a file written by the model) streamed a few characters at a time shows: the
    // same text, previews, calls and reports as the whole text at once, joined where they come in pieces.
    const code = Array.from({ length: 1500 }, (_, i) => `if (a < b && s !== "x\\${i}") return <T>(v);`).join('\n');
    const json = `<tool_call>\n{"name": "write_file", "arguments": {"path": "/a.ts", "content": ${JSON.stringify(code)}}}\n</tool_call>`;
    const xml = `<tool_call>\n<function=write_file>\n<parameter=path>\n/a.ts\n</parameter>\n<parameter=content>\n${code}\n</parameter>\n</function>\n</tool_call>`;
    const broken = `<tool_call>\n{"name": "write_file", "arguments": {"content": ${JSON.stringify(code)}}\n</tool_call>`;
    const streams = [
      `Here is the file.\n\n${json}\nDone.`,
      `Writing it. ${xml} <tool_call>{"name": "get_weather", "arguments": {}}</tool_call>`,
      `Oops: ${broken}\nand after it`,
      `{"name": "write_file", "parameters": {"content": ${JSON.stringify(code)}}}`,
      `An open one: ${json.slice(0, -20)}`,
      `${'\n'.repeat(30_000)}Plan:${' \n'.repeat(20_000)}${json}${'\n'.repeat(20_000)}`,
    ];
    for (const [i, stream] of streams.entries()) {
      expect(stream.length).toBeGreaterThan(60_000);
      for (const channel of ['text', 'reasoning'] as const) {
        const whole = joined(streamed([stream], channel));
        expect(joined(streamed(tinyPieces(stream, i), channel)), `stream ${i} in the ${channel}`).toEqual(whole);
        if (i === 0) expect(joined(streamed([...stream], channel)), `stream ${i} a character at a time`).toEqual(whole);
      }
    }
    // What was read, to be sure the comparison compares something.
    const readJson = joined(streamed([streams[0]!]));
    expect(readJson.map((e) => e.type)).toEqual(['text', 'tool-call-delta', 'text', 'tool-calls']);
    const readXml = joined(streamed([streams[1]!], 'reasoning'));
    expect(readXml.filter((e) => e.type === 'tool-call-delta')).toHaveLength(2);
    expect(readXml.at(-1)).toMatchObject({ calls: [{ name: 'write_file' }, { name: 'get_weather' }] });
    const call = readXml.at(-1)!.type === 'tool-calls' ? (readXml.at(-1) as { calls: ToolCall[] }).calls[0]! : null;
    expect(JSON.parse(call!.arguments)).toEqual({ path: '/a.ts', content: code });
    expect(joined(streamed([streams[2]!])).map((e) => e.type)).toEqual([
      'text',
      'tool-call-delta',
      'text',
      'malformed',
      'text',
    ]);
    expect(joined(streamed([streams[3]!])).map((e) => e.type)).toEqual(['tool-calls']);
    expect(joined(streamed([streams[4]!])).filter((e) => e.type === 'malformed')).toHaveLength(1);
  });

  it('streams made of pieces of calls, tags and prose give the same events cut anywhere as given whole', () => {
    // Many random streams (the same each run) of fragments that meet at every kind of edge: tags cut
    // in two, calls in both forms, broken ones, bare calls, surrogates. Everything but the previews
    // must match exactly; the previews too when nothing was malformed (a preview of a broken block
    // may stop where it stopped making sense, which depends on where the pieces ended).
    const fragments = [
      'Hello ',
      'text. ',
      '\n',
      '  ',
      '<tool_call>',
      '</tool_call>',
      '<tool_',
      '</tool',
      '{"name": "read_file", "arguments": {"path": "/a"}}',
      '{"name": "x", "arguments": "{\\"a\\": 1}"}',
      '<function=read_file>',
      '<parameter=path>',
      '\n/a b\n',
      '</parameter>',
      '</function>',
      '{',
      '}',
      '"',
      '\\',
      '<|python_tag|>',
      '{"type": "function", "name": "read_file", "parameters": {}}',
      '[{"name": "a"}]',
      'x'.repeat(50),
      '\u{1F600}',
      '\ud83d',
      '<',
      '<para',
      `<parameter=c>${'z<'.repeat(300)}`,
      '}  \n',
      '"arguments": ',
      ', ',
      '\n\n\n',
      ' \t ',
    ];
    let state = 99;
    const random = (n: number): number => (state = (state * 48_271) % 2_147_483_647) % n;
    const withoutPreviews = (events: ChatEvent[]) => events.filter((e) => e.type !== 'tool-call-delta');
    for (let i = 0; i < 1500; i++) {
      const stream = Array.from({ length: 1 + random(10) }, () => fragments[random(fragments.length)]).join('');
      const most = [1, 2, 5, 20][random(4)]!;
      const pieces: string[] = [];
      for (let at = 0; at < stream.length;) {
        const size = 1 + random(most);
        pieces.push(stream.slice(at, at + size));
        at += size;
      }
      const channel = random(2) ? 'text' : 'reasoning';
      const whole = joined(streamed([stream], channel));
      const cut = joined(streamed(pieces, channel));
      const where = `${JSON.stringify(stream)} in pieces of up to ${most}`;
      expect(withoutPreviews(cut), where).toEqual(withoutPreviews(whole));
      if (!whole.some((e) => e.type === 'malformed')) expect(cut, where).toEqual(whole);
    }
  });

  it('abandon (the stream failed) gives back the held text and no call', () => {
    const splitter = new TextToolCallSplitter(tools);
    splitter.push({ type: 'text', text: 'ok <tool_call>{"name": "get_weather", "arguments": {}}</tool_call> <tool' });
    expect(splitter.abandon()).toEqual([{ type: 'text', text: '<tool' }]);
  });
});
