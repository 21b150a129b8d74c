// An answer's text is cut at its calls' positions, each run of calls after the text before it.
import { describe, expect, it } from 'vitest';
import type { ToolCallRecord } from '../../../../shared/tools';
import { toolCall } from '../../state/tool-call-fixtures';
import { answerParts } from './answer-parts';

const shape = (content: string, calls: ToolCallRecord[]) =>
  answerParts(content, calls).map((p) => [p.text, p.calls.map((c) => c.id)]);

describe('answerParts', () => {
  it('is the whole text when there are no calls', () => {
    expect(shape('Hello', [])).toEqual([['Hello', []]]);
  });

  it('puts each round of calls where its text ended, with the text after the last round at the end', () => {
    const content = 'Let me look.Found two files.Done.';
    const calls = [
      toolCall('a', { round: 0, index: 0, position: 12 }),
      toolCall('b', { round: 0, index: 1, position: 12 }),
      toolCall('c', { round: 1, index: 0, position: 28 }),
    ];
    expect(shape(content, calls)).toEqual([
      ['Let me look.', ['a', 'b']],
      ['Found two files.', ['c']],
      ['Done.', []],
    ]);
  });

  it('joins rounds made with no text between them, and keeps calls at the start and past the end', () => {
    const calls = [
      toolCall('a', { round: 0, position: 0 }),
      toolCall('b', { round: 1, position: 0 }),
      toolCall('c', { round: 2, position: 99 }),
    ];
    expect(shape('Answer', calls)).toEqual([
      ['', ['a', 'b']],
      ['Answer', ['c']],
      ['', []],
    ]);
  });

  it('gives the same earlier parts as the answer grows, so they need not render again', () => {
    const calls = [toolCall('a', { position: 5 })];
    const before = answerParts('Text.Mo', calls);
    const after = answerParts('Text.More text', calls);
    expect(after[0]?.text).toBe(before[0]?.text);
    expect(after.map((p) => p.text)).toEqual(['Text.', 'More text']);
  });
});
