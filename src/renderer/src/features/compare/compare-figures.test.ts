// The figures of compared answers: each row's best marked (earliest first token, highest speed,
// shortest total), only once two answers have it; counts and transport shown, never ranked; both languages.
import { describe, expect, it } from 'vitest';
import type { MessageMetrics } from '../../../../shared/domain';
import { emptyMetrics } from '../../state/apply-generation-events';
import { row } from '../../state/chat-fixtures';
import { figuresMessages } from '../chat/figures-messages';
import { compareFigures } from './compare-figures';
import { compareMessages } from './compare-messages';

const answer = (id: string, metrics: Partial<MessageMetrics>) =>
  row(id, { role: 'assistant', metrics: { ...emptyMetrics, ...metrics } });

const cells = (rows: ReturnType<typeof compareFigures>, key: string) =>
  rows.find((r) => r.key === key)!.cells.map((c) => `${c.text ?? '-'}${c.best ? ' *' : ''}`);

describe('compareFigures', () => {
  const answers = [
    answer('a', {
      ttftMs: 240,
      tokensPerSecond: 31.25,
      completionTokens: 40,
      totalMs: 1500,
      transport: 'sse',
      httpVersion: '1.1',
    }),
    answer('b', {
      ttftMs: 95,
      tokensPerSecond: 12,
      completionTokens: 300,
      totalMs: 12_400,
      transport: 'sse',
      httpVersion: '2',
    }),
    answer('c', { ttftMs: 500, transport: 'websocket', httpVersion: '1.1' }),
  ];

  it('marks the best of each ranked row and leaves counts and transport unranked', () => {
    const rows = compareFigures(answers, compareMessages.en, figuresMessages.en);
    expect(rows.map((r) => r.label)).toEqual(['First token', 'Speed', 'Tokens', 'Total time', 'Transport']);
    expect(cells(rows, 'ttft')).toEqual(['240 ms', '95 ms *', '500 ms']);
    expect(cells(rows, 'speed')).toEqual(['31.3 tok/s *', '12.0 tok/s', '-']);
    expect(cells(rows, 'tokens')).toEqual(['40', '300', '-']);
    expect(cells(rows, 'total')).toEqual(['1.5 s *', '12 s', '-']);
    expect(cells(rows, 'transport')).toEqual(['SSE · HTTP/1.1', 'SSE · HTTP/2', 'WebSocket · HTTP/1.1']);
  });

  it('ranks nothing while only one answer has a figure, and marks every answer that ties', () => {
    const rows = compareFigures(
      [answer('a', { ttftMs: 80, totalMs: 900 }), answer('b', { ttftMs: 80 }), answer('c', {})],
      compareMessages.en,
      figuresMessages.en,
    );
    expect(cells(rows, 'ttft')).toEqual(['80 ms *', '80 ms *', '-']);
    expect(cells(rows, 'total')).toEqual(['900 ms', '-', '-']);
  });

  it('speaks Chinese', () => {
    const rows = compareFigures(answers, compareMessages.zh, figuresMessages.zh);
    expect(rows.map((r) => r.label)).toEqual(['首个令牌', '速度', '令牌数', '总耗时', '传输方式']);
    expect(cells(rows, 'ttft')[1]).toBe('95 毫秒 *');
    expect(cells(rows, 'transport')[2]).toBe('WebSocket · HTTP/1.1');
  });

  it('ranks speed and total time among finished answers only', () => {
    const rows = compareFigures(
      [
        answer('a', { ttftMs: 30, tokensPerSecond: 20, totalMs: 2000 }),
        { ...answer('b', { ttftMs: 90, tokensPerSecond: 50, totalMs: 300 }), status: 'cancelled' as const },
        answer('c', { ttftMs: 60, tokensPerSecond: 10, totalMs: 4000 }),
      ],
      compareMessages.en,
      figuresMessages.en,
    );
    expect(cells(rows, 'ttft')).toEqual(['30 ms *', '90 ms', '60 ms']);
    expect(cells(rows, 'speed')).toEqual(['20.0 tok/s *', '50.0 tok/s', '10.0 tok/s']);
    expect(cells(rows, 'total')).toEqual(['2.0 s *', '300 ms', '4.0 s']);
  });
});
