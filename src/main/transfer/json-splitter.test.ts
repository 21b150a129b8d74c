import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonSplitter, JsonStructureError, type SplitEvent, type SplitterOptions } from './json-splitter';

const options: SplitterOptions = { arrayField: 'conversations', maxEntryChars: 1_000_000 };

/** Feeds the text in pieces of `size` characters (1 = every possible split point). */
function run(text: string, size: number, opts: Partial<SplitterOptions> = {}): SplitEvent[] {
  const splitter = new JsonSplitter({ ...options, ...opts });
  const events: SplitEvent[] = [];
  for (let i = 0; i < text.length; i += size) events.push(...splitter.push(text.slice(i, i + size)));
  splitter.end();
  return events;
}

const entries = (events: SplitEvent[]) =>
  events.flatMap((e) => (e.kind === 'entry' ? [e.text === null ? null : (JSON.parse(e.text) as unknown)] : []));

describe('JsonSplitter', () => {
  const tricky = [
    { a: 'x]}"{[,', b: ['\\', '"\\"', '\u2028 中文 😀'] },
    'a string with \\" and ]',
    42,
    -1.5e3,
    true,
    null,
    [[], {}, [{}]],
  ];

  it('cuts a top-level array into its elements at any chunk boundary', () => {
    const text = JSON.stringify(tricky, null, 1);
    for (const size of [1, 2, 3, 7, 64, text.length]) {
      expect(entries(run(text, size))).toEqual(tricky);
    }
  });

  it('streams the named array of a top-level object and hands out its other fields whole', () => {
    const doc = {
      format: 'runnel.conversations',
      version: 1,
      app: { name: 'R' },
      conversations: tricky,
      after: [1, 2],
    };
    const text = JSON.stringify(doc);
    for (const size of [1, 5, text.length]) {
      const events = run(text, size);
      expect(events[0]).toEqual({ kind: 'root', root: 'object' });
      expect(entries(events)).toEqual(tricky);
      const fields = Object.fromEntries(
        events.flatMap((e) => (e.kind === 'field' ? [[e.key, JSON.parse(e.text ?? 'null') as unknown]] : [])),
      );
      expect(fields).toEqual({ format: 'runnel.conversations', version: 1, app: { name: 'R' }, after: [1, 2] });
    }
  });

  it('skips a byte-order mark and surrounding whitespace', () => {
    expect(entries(run('\ufeff \n[ {"a":1} , {"b":2} ]\n', 3))).toEqual([{ a: 1 }, { b: 2 }]);
  });

  it('reports an entry over the limit without its text, and goes on', () => {
    const text = JSON.stringify([{ big: 'x'.repeat(500) }, { small: 1 }]);
    const events = run(text, 16, { maxEntryChars: 100 }).filter((e) => e.kind === 'entry');
    expect(events).toEqual([
      { kind: 'entry', index: 0, text: null, oversized: true },
      { kind: 'entry', index: 1, text: '{"small":1}', oversized: false },
    ]);
  });

  it('counts without keeping text, or keeps only the first', () => {
    const text = JSON.stringify([{ a: 1 }, { b: 2 }, { c: 3 }]);
    expect(run(text, 4, { keepEntries: 'none' }).filter((e) => e.kind === 'entry' && e.text === null)).toHaveLength(3);
    expect(entries(run(text, 4, { keepEntries: 'first' }))).toEqual([{ a: 1 }, null, null]);
  });

  it('keeps only the fields asked for, but still names the others', () => {
    const events = run(JSON.stringify({ format: 'f', mapping: { huge: 'x'.repeat(100) } }), 7, {
      keepFields: ['format'],
      maxFieldChars: 10,
    });
    expect(events.filter((e) => e.kind === 'field')).toEqual([
      { kind: 'field', key: 'format', text: '"f"' },
      { kind: 'field', key: 'mapping', text: null },
    ]);
  });

  it('refuses what is not a JSON array or object, and a file cut short', () => {
    expect(() => run('hello', 1)).toThrow(JsonStructureError);
    expect(() => run('', 1)).toThrow(/empty/);
    expect(() => run('[{"a": 1}, {"b": ', 4)).toThrow(/cut off/);
    expect(() => run('{"a" 1}', 1)).toThrow(/":"/);
    expect(() => run('[1] [2]', 1)).toThrow(/after its end/);
  });

  it('hands out an entry with broken JSON inside as text, for JSON.parse to judge', () => {
    const events = run('[{"a": tru}, {"b": 1}]', 3).filter((e) => e.kind === 'entry');
    expect(events.map((e) => (e.kind === 'entry' ? e.text : null))).toEqual(['{"a": tru}', '{"b": 1}']);
  });

  it('gives back exactly the elements of any JSON array, however it is cut', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue(), { maxLength: 8 }), fc.integer({ min: 1, max: 40 }), (values, size) => {
        const text = JSON.stringify(values, null, size % 3);
        expect(entries(run(text, size))).toEqual(JSON.parse(text));
      }),
      { numRuns: 300 },
    );
  });
});
