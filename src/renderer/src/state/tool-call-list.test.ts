// An answer's calls stay one per id, in the model's order, each as far along as it was seen.
import { describe, expect, it } from 'vitest';
import { mergeToolCalls, withToolCall } from './tool-call-list';
import { toolCall } from './tool-call-fixtures';

const ids = (calls: readonly { id: string }[] | undefined) => calls?.map((c) => c.id);

describe('withToolCall', () => {
  it('adds calls in order of round, then index, whatever order they arrive in', () => {
    let calls = withToolCall(undefined, toolCall('r1i0', { round: 1, index: 0 }));
    calls = withToolCall(calls, toolCall('r0i1', { round: 0, index: 1 }));
    calls = withToolCall(calls, toolCall('r0i0', { round: 0, index: 0 }));
    calls = withToolCall(calls, toolCall('r1i1', { round: 1, index: 1 }));
    expect(ids(calls)).toEqual(['r0i0', 'r0i1', 'r1i0', 'r1i1']);
  });

  it('replaces a call by id in its place, without duplicating it', () => {
    const first = [toolCall('x', { index: 0 }), toolCall('y', { index: 1 })];
    const calls = withToolCall(first, toolCall('x', { index: 0, status: 'running', startedAt: 5 }));
    expect(ids(calls)).toEqual(['x', 'y']);
    expect(calls[0]).toMatchObject({ status: 'running', startedAt: 5 });
    expect(first[0]?.status).toBe('awaiting-approval');
  });
});

describe('mergeToolCalls', () => {
  it('keeps the stored list itself when nothing live is known', () => {
    const stored = [toolCall('x')];
    expect(mergeToolCalls(stored, undefined)).toBe(stored);
    expect(mergeToolCalls(stored, [])).toBe(stored);
    expect(mergeToolCalls(undefined, undefined)).toBeUndefined();
  });

  it('keeps whichever copy of a call got further, and adds calls only one side knows', () => {
    const stored = [toolCall('x', { status: 'done', result: 'ok' }), toolCall('y', { index: 1 })];
    const live = [
      toolCall('x', { status: 'running' }),
      toolCall('y', { index: 1, status: 'denied' }),
      toolCall('z', { round: 1 }),
    ];
    const merged = mergeToolCalls(stored, live);
    expect(merged?.map((c) => [c.id, c.status])).toEqual([
      ['x', 'done'],
      ['y', 'denied'],
      ['z', 'awaiting-approval'],
    ]);
  });
});
