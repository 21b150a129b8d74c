import { describe, expect, it } from 'vitest';
import type { MessageMetrics } from '../../shared/domain';
import { continuedMetrics } from './continued-metrics';

const none: MessageMetrics = {
  ttftMs: null,
  tokensPerSecond: null,
  promptTokens: null,
  completionTokens: null,
  finishReason: null,
};

describe('metrics of a continued answer', () => {
  it('keeps the answer’s first token and prompt, takes the latest speed and end, adds the counts', () => {
    const before = {
      ...none,
      ttftMs: 120,
      tokensPerSecond: 30,
      promptTokens: 50,
      completionTokens: 64,
      finishReason: 'length',
    };
    const run = {
      ...none,
      ttftMs: 80,
      tokensPerSecond: 42,
      promptTokens: 114,
      completionTokens: 20,
      finishReason: 'stop',
    };
    expect(continuedMetrics(before, run)).toEqual({
      ttftMs: 120,
      tokensPerSecond: 42,
      promptTokens: 50,
      completionTokens: 84,
      finishReason: 'stop',
    });
  });

  it('leaves a count out when either run did not report one, and adds thinking time that was measured', () => {
    const stopped = { ...none, ttftMs: 90, reasoningMs: 1500 };
    const run = { ...none, ttftMs: 70, completionTokens: 12, finishReason: 'stop', reasoningMs: null };
    expect(continuedMetrics(stopped, run)).toEqual({
      ttftMs: 90,
      tokensPerSecond: null,
      promptTokens: null,
      completionTokens: null,
      finishReason: 'stop',
      reasoningMs: 1500,
    });
    // Stopped again before any token: the end is the new run's (none), nothing else is lost.
    expect(continuedMetrics({ ...none, ttftMs: 90, tokensPerSecond: 10 }, none)).toEqual({
      ...none,
      ttftMs: 90,
      tokensPerSecond: 10,
    });
  });
});
