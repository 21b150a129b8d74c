import { describe, expect, it } from 'vitest';
import { chatError } from '../../../shared/chat-error';
import { selectGroups, type CountedGroup } from './select-turns';
import { refusalIn } from './server-refusals';

const u = (tokens: number): CountedGroup => ({ role: 'user', tokens });
const a = (tokens: number): CountedGroup => ({ role: 'assistant', tokens });
const budget = { window: 1000, fixed: 100, answer: 200, minAnswer: 16 };

describe('selectGroups', () => {
  it('sends everything that fits', () => {
    expect(selectGroups([u(100), a(100), u(100)], budget)).toEqual({
      fits: true,
      first: 0,
      used: 400,
      answerLowered: null,
    });
  });

  it('leaves out whole turns from the oldest, never half a turn', () => {
    // Turns: [u100 a250] [u100 a250] [u50]: limit 800, fixed 100 → the latest two fit (100+50+350=500), the first does not (850).
    const groups = [u(100), a(250), u(100), a(250), u(50)];
    expect(selectGroups(groups, budget)).toEqual({ fits: true, first: 2, used: 500, answerLowered: null });
  });

  it('a long answer (its tool results) leaves with its short question', () => {
    const groups = [u(10), a(400), u(300), a(100), u(10)];
    expect(selectGroups(groups, budget)).toEqual({ fits: true, first: 2, used: 510, answerLowered: null });
  });

  it('the latest turn always goes; the answer’s room shrinks to what is left', () => {
    expect(selectGroups([u(300), a(300), u(750)], budget)).toEqual({
      fits: true,
      first: 2,
      used: 850,
      answerLowered: 150,
    });
  });

  it('refuses when not even a small answer fits', () => {
    expect(selectGroups([u(895)], budget)).toEqual({ fits: false, used: 995 });
  });

  it('a continued answer stays with its question', () => {
    const groups = [u(300), a(300), u(100), a(400)];
    expect(selectGroups(groups, budget)).toMatchObject({ fits: true, first: 2 });
  });
});

describe('refusalIn', () => {
  const err = (message: string) => chatError('invalid_input', message, { status: 400 });
  it.each([
    ["This model's maximum context length is 4096 tokens. However, you requested 5000 tokens", 4096],
    [
      "'max_tokens' or 'max_completion_tokens' is too large: 8000. This model's maximum context length is 4096 tokens and your request has 2778 input tokens (8000 > 4096 - 2778).",
      4096,
    ],
    ['request (4476 tokens) exceeds the available context size (4096 tokens), try increasing it', 4096],
    [
      'Input validation error: `inputs` tokens + `max_new_tokens` must be <= 2048. Given: 2000 `inputs` tokens and 100 `max_new_tokens`',
      2048,
    ],
    ['prompt is too long: 208310 tokens > 200000 maximum', 200000],
  ])('%s → %i', (message, window) => {
    expect(refusalIn(err(message))).toEqual({ window });
  });

  it('without a number', () => {
    expect(refusalIn(err('the request exceeds the available context size, try increasing it'))).toEqual({
      window: null,
    });
    expect(
      refusalIn(err('Your input exceeds the context window of this model. Please adjust your input and try again.')),
    ).toEqual({
      window: null,
    });
  });

  it('other errors are not refusals', () => {
    expect(refusalIn(err('The model `x` does not exist.'))).toBeNull();
    expect(refusalIn(chatError('connect', 'maximum context length is 5 tokens'))).toBeNull();
  });
});
