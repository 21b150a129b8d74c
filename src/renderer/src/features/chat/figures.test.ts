// A message's figures as the user reads them: the reasoning group's summary in each phase of a
// stream, durations in words, and the metrics line with why the answer ended, in English and Chinese.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { MessageMetrics, MessageStatus } from '../../../../shared/domain';
import { emptyMetrics } from '../../state/apply-generation-events';
import { figuresMessages, formatDuration, formatThinking } from './figures-messages';
import { finishMeaning } from './finish-reason';
import { formatMetrics, MetricsLine } from './metrics-line';
import { ReasoningView } from './reasoning-view';

const en = figuresMessages.en;
const zh = figuresMessages.zh;

const reasoningView = (props: Partial<Parameters<typeof ReasoningView>[0]>): string =>
  renderToStaticMarkup(
    createElement(ReasoningView, {
      reasoning: 'First I *consider* it.',
      reasoningMs: null,
      streaming: false,
      answering: true,
      ...props,
    }),
  );

describe('ReasoningView', () => {
  it('is an open group named Reasoning that says "Thinking…" while the model thinks', () => {
    const html = reasoningView({ streaming: true, answering: false });
    expect(html).toContain('<details class="reasoning" data-part="reasoning" open="" aria-label="Reasoning">');
    expect(html).toContain('<summary>Thinking…</summary>');
    expect(html).toContain('<em>consider</em>');
  });

  it('folds once the answer starts, and says how long the thinking took once measured', () => {
    const answering = reasoningView({ streaming: true, answering: true });
    expect(answering).toContain('<details class="reasoning" data-part="reasoning" aria-label="Reasoning">');
    expect(answering).toContain('<summary>Reasoning</summary>');
    expect(reasoningView({ reasoningMs: 12_345 })).toContain('<summary>Thought for 12 s</summary>');
    expect(reasoningView({ reasoningMs: 800 })).toContain('<summary>Thought for less than a second</summary>');
    // A message stored before the time was measured.
    expect(reasoningView({ reasoningMs: undefined })).toContain('<summary>Reasoning</summary>');
  });

  it('has every summary in Chinese', () => {
    expect(zh.reasoning).toBe('推理过程');
    expect(zh.thinking).toBe('思考中…');
    expect(zh.thoughtFor(formatThinking(65_000, zh))).toBe('思考了 1 分 5 秒');
  });
});

describe('durations', () => {
  it.each([
    [0, '0 ms'],
    [240.4, '240 ms'],
    [4_200, '4.2 s'],
    [12_345, '12 s'],
    [59_600, '1 min 0 s'],
    [125_000, '2 min 5 s'],
  ])('%d ms reads %s', (ms, text) => {
    expect(formatDuration(ms, en)).toBe(text);
  });

  it('rounds thinking under a second to just that', () => {
    expect(formatThinking(999, en)).toBe('less than a second');
    expect(formatThinking(1_500, zh)).toBe('1.5 秒');
  });
});

describe('metrics line', () => {
  const metrics: MessageMetrics = {
    ttftMs: 312.6,
    tokensPerSecond: 41.26,
    promptTokens: 17,
    completionTokens: 230,
    finishReason: 'stop',
    reasoningMs: 2000,
  };

  it('lists time to first token, speed, token counts and the finish reason', () => {
    expect(formatMetrics(metrics, en).map((f) => f.text)).toEqual([
      'first token 313 ms',
      '41.3 tokens/s',
      '17 prompt + 230 completion tokens',
      'Finished',
    ]);
    expect(formatMetrics(metrics, zh).map((f) => f.text)).toEqual([
      '首个令牌 313 毫秒',
      '41.3 令牌/秒',
      '提示 17 + 生成 230 个令牌',
      '已完成',
    ]);
  });

  it('shows only what was measured, and says when the length limit cut the answer', () => {
    const partial = { ...metrics, ttftMs: null, tokensPerSecond: null, promptTokens: null, finishReason: 'length' };
    expect(formatMetrics(partial, en).map((f) => f.text)).toEqual([
      '? prompt + 230 completion tokens',
      'Stopped at the length limit',
    ]);
    const none = { ...partial, completionTokens: null, finishReason: null };
    expect(renderToStaticMarkup(createElement(MetricsLine, { metrics: none }))).toBe('');
  });

  it('renders each figure with a hint, separated by quiet dots', () => {
    const html = renderToStaticMarkup(createElement(MetricsLine, { metrics }));
    expect(html).toContain('<p class="metrics" data-part="metrics">');
    expect(html).toContain('<span data-figure="ttft" title="Time from sending the request to the first token">');
    expect(html.match(/aria-hidden="true"> · </g)).toHaveLength(3);
    // The server's own word stays in the hint.
    expect(html).toContain(
      '<span data-figure="finish" title="Why the model stopped; the server said “stop”">Finished</span>',
    );
  });
});

describe('finish reasons in words', () => {
  const finish = (finishReason: string | null, status: MessageStatus = 'done', m = en) =>
    formatMetrics({ ...emptyMetrics, finishReason }, m, status).find((f) => f.key === 'finish');

  it.each([
    ['stop', 'Finished', '已完成'],
    ['end_turn', 'Finished', '已完成'],
    ['completed', 'Finished', '已完成'],
    ['length', 'Stopped at the length limit', '已达长度上限而停止'],
    ['max_tokens', 'Stopped at the length limit', '已达长度上限而停止'],
    ['max_output_tokens', 'Stopped at the length limit', '已达长度上限而停止'],
    ['stop_sequence', 'Stopped at a stop sequence', '遇到停止序列而停止'],
    ['tool_calls', 'Stopped to call a tool', '停下来调用工具'],
    ['tool_use', 'Stopped to call a tool', '停下来调用工具'],
    ['content_filter', 'Stopped by the server’s content filter', '被服务器的内容过滤器停止'],
    ['refusal', 'The model declined to answer', '模型拒绝回答'],
    ['pause_turn', 'Paused by the server', '被服务器暂停'],
    ['incomplete', 'Cut off by the server', '被服务器中断'],
    ['load', 'Stopped: load', '已停止：load'],
    ['constructor', 'Stopped: constructor', '已停止：constructor'],
  ])('%s reads “%s” and “%s”', (reason, english, chinese) => {
    expect(finishMeaning(reason, 'done')).not.toBeNull();
    expect(finish(reason)?.text).toBe(english);
    expect(finish(reason, 'done', zh)?.text).toBe(chinese);
    expect(finish(reason)?.hint).toBe(`Why the model stopped; the server said “${reason}”`);
  });

  it('says the user stopped it, whatever the server then said, and nothing when no reason came', () => {
    expect(finish(null, 'cancelled')).toEqual({ key: 'finish', text: 'Stopped by you', hint: 'You pressed Stop' });
    expect(finish('stop', 'cancelled')?.text).toBe('Stopped by you');
    expect(finish(null, 'cancelled', zh)?.text).toBe('已由你停止');
    expect(finish(null, 'done')).toBeUndefined();
    expect(finish(null, 'error')).toBeUndefined();
    expect(finishMeaning(null, 'interrupted')).toBeNull();
  });

  it('is in the metrics line of a stopped answer', () => {
    const html = renderToStaticMarkup(
      createElement(MetricsLine, { metrics: { ...emptyMetrics, completionTokens: 3 }, status: 'cancelled' }),
    );
    expect(html).toContain('>Stopped by you</span>');
  });
});
