import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { GenerationEvent } from '../../shared/domain';
import { BatchedTextWriter } from './batched-text-writer';
import { EventCoalescer } from './event-coalescer';
import { titleFrom } from './title-from';

const metrics = { ttftMs: 1, tokensPerSecond: null, promptTokens: null, completionTokens: null, finishReason: 'stop' };

describe('EventCoalescer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('joins deltas within one interval into one message, and sends the end at once', () => {
    const sent: GenerationEvent[][] = [];
    const c = new EventCoalescer(16, (e) => sent.push(e));
    c.push({ type: 'reasoning', text: 'th' });
    c.push({ type: 'reasoning', text: 'ink' });
    c.push({ type: 'delta', text: 'Hel' });
    c.push({ type: 'delta', text: 'lo' });
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(16);
    expect(sent).toEqual([
      [
        { type: 'reasoning', text: 'think' },
        { type: 'delta', text: 'Hello' },
      ],
    ]);
    c.push({ type: 'delta', text: '!' });
    c.push({ type: 'done', status: 'done', metrics });
    expect(sent[1]).toEqual([
      { type: 'delta', text: '!' },
      { type: 'done', status: 'done', metrics },
    ]);
  });
});

describe('EventCoalescer with usage on every chunk (vLLM)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('keeps one usage snapshot per batch and still joins the text around it', () => {
    const sent: GenerationEvent[][] = [];
    const c = new EventCoalescer(16, (e) => sent.push(e));
    for (let i = 1; i <= 50; i++) {
      c.push({ type: 'delta', text: 'x' });
      c.push({ type: 'usage', usage: { promptTokens: 3, completionTokens: i } });
    }
    vi.advanceTimersByTime(16);
    expect(sent).toEqual([
      [
        { type: 'delta', text: 'x'.repeat(50) },
        { type: 'usage', usage: { promptTokens: 3, completionTokens: 50 } },
      ],
    ]);
  });
});

describe('BatchedTextWriter', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('writes once per interval and once at the end, never losing text', () => {
    const writes: { content: string; reasoning: string }[] = [];
    const w = new BatchedTextWriter(300, (chunk) => writes.push(chunk));
    for (let i = 0; i < 100; i++) w.add('content', `${i} `);
    w.add('reasoning', 'r');
    vi.advanceTimersByTime(300);
    w.add('content', 'end');
    w.flush();
    expect(writes).toHaveLength(2);
    expect(writes.map((x) => x.content).join('')).toBe(`${Array.from({ length: 100 }, (_, i) => `${i} `).join('')}end`);
    expect(writes[0]!.reasoning).toBe('r');
  });
});

describe('titleFrom', () => {
  it('takes the first line, shortened at a word', () => {
    expect(titleFrom('  Hello there\nsecond line')).toBe('Hello there');
    expect(titleFrom('word '.repeat(30))).toMatch(/^(word ){10,}.*…$/);
    expect(titleFrom('\n\n')).toBe('New chat');
    // As it reads rendered: no markdown marks.
    expect(titleFrom('Here is **the summary**, with `code`')).toBe('Here is the summary, with code');
    expect(titleFrom('## A heading\nbody')).toBe('A heading');
    expect(titleFrom('```python\nprint(1)\n```')).toBe('print(1)');
    expect(titleFrom('| name | size |\n|---|---|\n| a | 1 |')).toBe('name size');
    expect(titleFrom('$$\n\\int_0^1 x\\,dx\n$$\nWhat is it?')).toBe('\\int_0^1 x\\,dx');
    expect(titleFrom('Solve $x^2 = 4$ for x\nplease')).toBe('Solve x^2 = 4 for x');
  });
});

describe('EventCoalescer with tool call arguments', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('joins the pieces of each call, interleaved calls apart, so a fast stream sends one event per call per interval', () => {
    const sent: GenerationEvent[][] = [];
    const c = new EventCoalescer(16, (e) => sent.push(e));
    const piece = (index: number, text: string): GenerationEvent => ({
      type: 'tool-call-args',
      index,
      toolName: index === 0 ? 'echo' : 'get-sum',
      text,
    });
    for (const [index, text] of [
      [0, '{"mes'],
      [1, '{"a":'],
      [0, 'sage":'],
      [1, '2,"b":3}'],
      [0, '"hi"}'],
    ] as const) {
      c.push(piece(index, text));
    }
    vi.advanceTimersByTime(16);
    expect(sent).toEqual([[piece(0, '{"message":"hi"}'), piece(1, '{"a":2,"b":3}')]]);
    c.push(piece(0, ' '));
    vi.advanceTimersByTime(16);
    expect(sent[1]).toEqual([piece(0, ' ')]);
  });
});
