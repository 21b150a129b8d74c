import { describe, expect, it } from 'vitest';
import { ThinkTagSplitter } from './think-tags';
import type { ChatEvent } from './types';

/** Feeds text in the given pieces and folds the events the way the generation stores them. */
function run(pieces: string[]): { content: string; reasoning: string; events: ChatEvent[] } {
  const splitter = new ThinkTagSplitter();
  const events = [...pieces.flatMap((text) => splitter.push({ type: 'text', text })), ...splitter.end()];
  let content = '';
  let reasoning = '';
  for (const e of events) {
    if (e.type === 'text') content += e.text;
    else if (e.type === 'reasoning') reasoning += e.text;
    else if (e.type === 'reasoning-reclassify') {
      reasoning += content;
      content = '';
    }
  }
  return { content, reasoning, events };
}

/** Every way of cutting `text` in three. */
function* splits(text: string): Generator<string[]> {
  for (let i = 0; i <= text.length; i++) {
    for (let j = i; j <= text.length; j++) yield [text.slice(0, i), text.slice(i, j), text.slice(j)];
  }
}

describe('ThinkTagSplitter', () => {
  it('splits <think>…</think> out of the answer, wherever the chunks are cut', () => {
    const text = '<think>Let me see: 2 < 3.</think>\n\nYes, 2 is less than 3.';
    for (const pieces of splits(text)) {
      const r = run(pieces);
      expect([r.reasoning, r.content]).toEqual(['Let me see: 2 < 3.', 'Yes, 2 is less than 3.']);
    }
  });

  it('moves the text before a lone </think> into reasoning (the template opened the tag)', () => {
    const text = 'Thinking it over.</think>The answer.';
    for (const pieces of splits(text)) {
      const r = run(pieces);
      expect([r.reasoning, r.content]).toEqual(['Thinking it over.', 'The answer.']);
    }
    // A "<" just before the tag, cut anywhere, is text, and the tag is still found.
    for (const pieces of splits('a<b<</think>ok'))
      expect(run(pieces)).toMatchObject({ reasoning: 'a<b<', content: 'ok' });
  });

  it('streams the thought as it comes, not only at the end', () => {
    const r = run(['<think>one ', 'two ', 'three</think>', 'done']);
    expect(r.events.slice(0, 2)).toEqual([
      { type: 'reasoning', text: 'one ' },
      { type: 'reasoning', text: 'two ' },
    ]);
  });

  it('leaves text without tags untouched, including a "<" that starts no tag', () => {
    for (const text of ['<b>bold</b> and <thin ice', 'plain answer', '<', '   <thinking> is a word']) {
      for (const pieces of splits(text)) expect(run(pieces)).toMatchObject({ content: text, reasoning: '' });
    }
  });

  it('gives the same result for a long run of leading whitespace streamed a character at a time as given whole', () => {
    const space = ' \n'.repeat(20_000);
    for (const rest of ['<think>why</think>\n\nbecause', 'why</think>because', 'just text', '']) {
      const text = space + rest;
      const whole = run([text]);
      const pieces = run([...text]);
      expect([pieces.reasoning, pieces.content]).toEqual([whole.reasoning, whole.content]);
    }
    expect(run([...space, '<think>why</think>\n\nbecause'])).toMatchObject({ reasoning: 'why', content: 'because' });
    expect(run([...space, 'just text']).content).toBe(`${space}just text`);
  });

  it('keeps an unclosed thought as reasoning when the stream ends', () => {
    expect(run(['<think>cut off mid thou', 'ght'])).toMatchObject({ reasoning: 'cut off mid thought', content: '' });
  });

  it('passes other events through in order', () => {
    const splitter = new ThinkTagSplitter();
    expect(splitter.push({ type: 'usage', usage: { completionTokens: 3 } })).toEqual([
      { type: 'usage', usage: { completionTokens: 3 } },
    ]);
  });
});
