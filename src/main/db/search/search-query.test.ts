// The search query builder: terms split as a user means them, FTS5 strings that cannot carry
// syntax, LIKE patterns with their wildcards escaped, and characters counted, not bytes.
import fc from 'fast-check';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSearchQuery, charCount, ftsString, likeContains, maxTerms, splitTerms } from './search-query';

describe('splitTerms', () => {
  it('splits on whitespace and keeps quoted parts whole', () => {
    expect(splitTerms('  hello   world ')).toEqual(['hello', 'world']);
    expect(splitTerms('"exact phrase" other')).toEqual(['exact phrase', 'other']);
    expect(splitTerms('"unclosed phrase here')).toEqual(['unclosed phrase here']);
    expect(splitTerms('tab\tand\nnewline')).toEqual(['tab', 'and', 'newline']);
    expect(splitTerms('a\u0000b')).toEqual(['a', 'b']);
    expect(splitTerms('same same SAME')).toEqual(['same', 'SAME']);
    expect(splitTerms('""  " "')).toEqual([]);
  });

  it('keeps at most maxTerms terms', () => {
    const many = Array.from({ length: 40 }, (_, i) => `t${i}`).join(' ');
    expect(splitTerms(many)).toHaveLength(maxTerms);
  });
});

describe('buildSearchQuery', () => {
  it('returns null when there is nothing to search for', () => {
    expect(buildSearchQuery('')).toBeNull();
    expect(buildSearchQuery('   \n ')).toBeNull();
    expect(buildSearchQuery('""')).toBeNull();
  });

  it('ANDs quoted phrases for terms of three characters or more', () => {
    expect(buildSearchQuery('hello world')).toEqual({
      terms: ['hello', 'world'],
      match: '"hello" "world"',
      likes: [],
      grams: null,
    });
  });

  it('counts characters, not bytes or UTF-16 units', () => {
    expect(charCount('北京')).toBe(2);
    expect(charCount('😀😀')).toBe(2);
    // Two CJK characters are six UTF-8 bytes but still too short for a trigram: one pair of characters.
    expect(buildSearchQuery('北京')).toEqual({ terms: ['北京'], match: null, likes: ['%北京%'], grams: '"5317g4eac"' });
    expect(buildSearchQuery('天安门')).toEqual({ terms: ['天安门'], match: '"天安门"', likes: [], grams: null });
    expect(buildSearchQuery('😀😀')).toMatchObject({ match: null, grams: '"1f600g1f600"' });
  });

  it('mixes both: long terms through the index, short ones through LIKE', () => {
    expect(buildSearchQuery('AI 模型训练 x')).toEqual({
      terms: ['AI', '模型训练', 'x'],
      match: '"模型训练"',
      likes: ['%AI%', '%x%'],
      grams: null,
    });
  });

  it('asks the index of characters and pairs when every term is short, ASCII letters folded as LIKE does', () => {
    expect(buildSearchQuery('AI x')).toMatchObject({ match: null, grams: '"61g69" "78"' });
    expect(buildSearchQuery('ai X')?.grams).toBe(buildSearchQuery('AI x')?.grams);
    // Beyond ASCII, case is kept, as LIKE keeps it.
    expect(buildSearchQuery('É')?.grams).toBe('"c9"');
    expect(buildSearchQuery('é')?.grams).toBe('"e9"');
  });

  it('turns FTS5 syntax into literal text', () => {
    const cases: [string, string | null][] = [
      ['foo*', '"foo*"'],
      ['NEAR(a b)', '"NEAR(a"'],
      ['this OR that', '"this" "that"'],
      ['AND NOT', '"AND" "NOT"'],
      ['-excluded', '"-excluded"'],
      ['^start', '"^start"'],
      ['body:secret', '"body:secret"'],
      ['{body}: x', '"{body}:"'],
      ['a + b', null],
      ['"say "hi" now"', '"say" "now"'],
    ];
    for (const [input, match] of cases) expect(buildSearchQuery(input)?.match, input).toBe(match);
    expect(buildSearchQuery('OR')?.likes).toEqual(['%OR%']);
  });

  it('escapes LIKE wildcards and the escape character', () => {
    expect(likeContains('%')).toBe('%\\%%');
    expect(likeContains('_')).toBe('%\\_%');
    expect(likeContains('a\\')).toBe('%a\\\\%');
    expect(buildSearchQuery('5% a_')?.likes).toEqual(['%5\\%%', '%a\\_%']);
  });

  it('doubles any double quote inside an FTS5 string', () => {
    expect(ftsString('say "hi"')).toBe('"say ""hi"""');
  });
});

describe('built queries against SQLite', () => {
  const db = new Database(':memory:');
  db.exec("CREATE VIRTUAL TABLE t USING fts5(body, tokenize = 'trigram')");
  db.exec('CREATE TABLE plain (body TEXT)');
  const texts = [
    'foo* is not a prefix query',
    'NEAR(a b) written in prose',
    'this OR that',
    '100% sure',
    'snake_case_name',
    'back\\slash',
    'ordinary text',
    '"quoted" words',
  ];
  for (const text of texts) {
    db.prepare('INSERT INTO t (body) VALUES (?)').run(text);
    db.prepare('INSERT INTO plain (body) VALUES (?)').run(text);
  }
  afterAll(() => db.close());

  const run = (input: string): string[] => {
    const q = buildSearchQuery(input);
    if (!q) return [];
    const likes = q.likes.map((_, i) => ` AND body LIKE @l${i} ESCAPE '\\'`).join('');
    const params: Record<string, string> = {};
    q.likes.forEach((l, i) => (params[`l${i}`] = l));
    if (q.match === null)
      return db
        .prepare<Record<string, string>, { body: string }>(`SELECT body FROM plain WHERE 1${likes}`)
        .all(params)
        .map((r) => r.body);
    return db
      .prepare<Record<string, string>, { body: string }>(`SELECT body FROM t WHERE t MATCH @m${likes}`)
      .all({ ...params, m: q.match })
      .map((r) => r.body);
  };

  it('finds operators and wildcards as the text they are', () => {
    expect(run('foo*')).toEqual(['foo* is not a prefix query']);
    expect(run('NEAR(a')).toEqual(['NEAR(a b) written in prose']);
    expect(run('this OR that')).toEqual(['this OR that']);
    expect(run('%')).toEqual(['100% sure']);
    expect(run('_')).toEqual(['snake_case_name']);
    expect(run('\\')).toEqual(['back\\slash']);
    expect(run('"quoted"')).toEqual(['"quoted" words']);
    expect(run('ordinary -text')).toEqual([]);
  });

  it('never produces an expression SQLite refuses, whatever is typed', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom(
            '"',
            '*',
            '(',
            ')',
            ':',
            '^',
            '-',
            '+',
            ' ',
            'a',
            'OR',
            'NEAR',
            '北',
            '%',
            '_',
            '\\',
            '\u0000',
          ),
          maxLength: 30,
        }),
        (input) => {
          expect(() => run(input)).not.toThrow();
        },
      ),
      { numRuns: 500 },
    );
  });
});
