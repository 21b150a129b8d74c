// The rule the paint-batched store update applies: deltas append, tool calls are added or replaced
// by id, the end sets status, metrics, error.
import { describe, expect, it } from 'vitest';
import { chatError } from '../../../shared/chat-error';
import type { GenerationEventPayload, Message, MessageMetrics } from '../../../shared/domain';
import { asBackendId, asConversationId, asMessageId } from '../../../shared/ids';
import { applyEvents, applyGenerationEvents, emptyMetrics, type StreamFields } from './apply-generation-events';
import { toolCall } from './tool-call-fixtures';

const conversationId = asConversationId('c1');

function message(id: string, over: Partial<Message> = {}): Message {
  return {
    id: asMessageId(id),
    conversationId,
    parentId: null,
    role: 'assistant',
    content: '',
    reasoning: '',
    status: 'streaming',
    error: null,
    backendId: asBackendId('b1'),
    model: 'm',
    params: {},
    metrics: emptyMetrics,
    createdAt: 0,
    updatedAt: 0,
    ...over,
  };
}

const payload = (messageId: string, events: GenerationEventPayload['events']): GenerationEventPayload => ({
  conversationId,
  messageId: asMessageId(messageId),
  events,
});

const metrics: MessageMetrics = {
  ttftMs: 120,
  tokensPerSecond: 42.5,
  promptTokens: 10,
  completionTokens: 20,
  finishReason: 'stop',
};

describe('applyGenerationEvents', () => {
  it('appends deltas and reasoning in order, across batches', () => {
    const user = message('u', { role: 'user', status: 'done', content: 'hi' });
    let messages = [user, message('a')];
    messages = applyGenerationEvents(
      messages,
      payload('a', [
        { type: 'reasoning', text: 'Let me ' },
        { type: 'reasoning', text: 'think.' },
        { type: 'delta', text: 'Hel' },
      ]),
    );
    messages = applyGenerationEvents(
      messages,
      payload('a', [
        { type: 'delta', text: 'lo ' },
        { type: 'delta', text: '世界' },
      ]),
    );
    expect(messages[1]).toMatchObject({ content: 'Hello 世界', reasoning: 'Let me think.', status: 'streaming' });
    expect(messages[0]).toBe(user);
  });

  it('merges usage into the metrics while streaming', () => {
    const [a] = applyGenerationEvents(
      [message('a')],
      payload('a', [
        { type: 'usage', usage: { promptTokens: 5 } },
        { type: 'usage', usage: { completionTokens: 7, tokensPerSecond: 30 } },
      ]),
    );
    expect(a?.metrics).toEqual({ ...emptyMetrics, promptTokens: 5, completionTokens: 7, tokensPerSecond: 30 });
  });

  it('sets status and metrics on done, including cancelled', () => {
    const [done] = applyGenerationEvents(
      [message('a')],
      payload('a', [
        { type: 'delta', text: 'x' },
        { type: 'done', status: 'done', metrics },
      ]),
    );
    expect(done).toMatchObject({ content: 'x', status: 'done', metrics, error: null });
    const [cancelled] = applyGenerationEvents(
      [message('a')],
      payload('a', [{ type: 'done', status: 'cancelled', metrics }]),
    );
    expect(cancelled?.status).toBe('cancelled');
  });

  it('keeps the partial text and records the error', () => {
    const error = chatError('server', 'upstream exploded', { status: 500 });
    const [a] = applyGenerationEvents(
      [message('a', { content: 'partial ' })],
      payload('a', [
        { type: 'delta', text: 'text' },
        { type: 'error', error, metrics },
      ]),
    );
    expect(a).toMatchObject({ content: 'partial text', status: 'error', error, metrics });
  });

  it('ignores events after the end, so a replay cannot duplicate text', () => {
    const finished = message('a', { content: 'final', status: 'done' });
    const messages = [finished];
    expect(applyGenerationEvents(messages, payload('a', [{ type: 'delta', text: 'again' }]))).toBe(messages);
  });

  it('returns the same array for a message that is not open', () => {
    const messages = [message('a')];
    expect(applyGenerationEvents(messages, payload('other', [{ type: 'delta', text: 'x' }]))).toBe(messages);
  });
});

describe('retries', () => {
  it('shows why a request is tried again, and forgets it once text arrives', () => {
    const start: StreamFields = { content: '', reasoning: '', status: 'streaming', error: null, metrics: emptyMetrics };
    const waiting = applyEvents(start, [
      {
        type: 'retry',
        attempt: 1,
        delayMs: 1000,
        error: { code: 'server', message: 'Loading model', retryable: true, status: 503 },
      },
    ]);
    // The server's words as they came; the wait is data, worded (and counted down) by the message view.
    expect(waiting.error).toMatchObject({ message: 'Loading model', status: 503, retryAfterMs: 1000 });
    expect(waiting.status).toBe('streaming');
    expect(applyEvents(waiting, [{ type: 'delta', text: 'Hi' }])).toMatchObject({ content: 'Hi', error: null });
  });
});

describe('tool calls', () => {
  it('adds a call where the text stands, replaces it by id as it changes, and keeps the text going', () => {
    let messages = [message('a', { content: 'Let me look.' })];
    messages = applyGenerationEvents(
      messages,
      payload('a', [
        { type: 'tool-call', call: toolCall('t1', { position: 12 }) },
        { type: 'tool-call', call: toolCall('t2', { position: 12, index: 1 }) },
      ]),
    );
    messages = applyGenerationEvents(
      messages,
      payload('a', [
        { type: 'tool-call', call: toolCall('t1', { position: 12, status: 'running', startedAt: 10 }) },
        { type: 'tool-call', call: toolCall('t1', { position: 12, status: 'done', result: 'x', endedAt: 20 }) },
        { type: 'tool-call', call: toolCall('t2', { position: 12, index: 1, status: 'denied' }) },
        { type: 'delta', text: ' Found it.' },
      ]),
    );
    const [a] = messages;
    expect(a?.content).toBe('Let me look. Found it.');
    expect(a?.toolCalls?.map((c) => [c.id, c.status, c.result])).toEqual([
      ['t1', 'done', 'x'],
      ['t2', 'denied', ''],
    ]);
  });

  it('orders calls by round, then index, across batches', () => {
    let messages = [message('a')];
    for (const call of [
      toolCall('r1', { round: 1, position: 4 }),
      toolCall('r0b', { round: 0, index: 1 }),
      toolCall('r0a', { round: 0, index: 0 }),
    ]) {
      messages = applyGenerationEvents(messages, payload('a', [{ type: 'tool-call', call }]));
    }
    expect(messages[0]?.toolCalls?.map((c) => c.id)).toEqual(['r0a', 'r0b', 'r1']);
  });

  it('applies a call that changes after the end (cancelled on Stop), but no more text', () => {
    const [a] = applyGenerationEvents(
      [message('a', { toolCalls: [toolCall('t1', { status: 'running' })] })],
      payload('a', [
        { type: 'done', status: 'cancelled', metrics },
        { type: 'delta', text: 'late' },
        { type: 'tool-call', call: toolCall('t1', { status: 'cancelled', endedAt: 3 }) },
      ]),
    );
    expect(a).toMatchObject({ content: '', status: 'cancelled' });
    expect(a?.toolCalls).toEqual([toolCall('t1', { status: 'cancelled', endedAt: 3 })]);
  });

  it('a replayed call changes nothing but its own record', () => {
    const call = toolCall('t1', { status: 'done' });
    const start = message('a', { toolCalls: [call], status: 'done' });
    const [a] = applyGenerationEvents([start], payload('a', [{ type: 'tool-call', call }]));
    expect(a?.toolCalls).toEqual([call]);
    expect(a?.content).toBe(start.content);
  });
});

describe('a call the model is still writing', () => {
  const args = (index: number, toolName: string, text: string) =>
    ({ type: 'tool-call-args', index, toolName, text }) as const;

  it('appears with the text so far as its place and grows by the piece, calls kept apart', () => {
    const [a] = applyGenerationEvents(
      [message('a', { content: 'Let me look.' })],
      payload('a', [
        args(0, 'echo', ''),
        args(1, 'get-sum', '{"a":'),
        args(0, 'echo', '{"message":"hi"}'),
        args(1, 'get-sum', '2}'),
      ]),
    );
    expect(a?.writingCalls).toEqual([
      { index: 0, toolName: 'echo', arguments: '{"message":"hi"}', position: 12 },
      { index: 1, toolName: 'get-sum', arguments: '{"a":2}', position: 12 },
    ]);
  });

  it('is replaced by the stored calls when they come, and is gone when the answer ends without them', () => {
    const writing = applyGenerationEvents([message('a')], payload('a', [args(0, 'echo', '{"m')]));
    const [stored] = applyGenerationEvents(writing, payload('a', [{ type: 'tool-call', call: toolCall('t1') }]));
    expect(stored?.writingCalls).toBeUndefined();
    expect(stored?.toolCalls?.map((c) => c.id)).toEqual(['t1']);
    const [stopped] = applyGenerationEvents(writing, payload('a', [{ type: 'done', status: 'cancelled', metrics }]));
    expect(stopped).toMatchObject({ status: 'cancelled' });
    expect(stopped?.writingCalls).toBeUndefined();
  });

  it('starts over when the request is tried again', () => {
    const [a] = applyGenerationEvents(
      [message('a')],
      payload('a', [
        args(0, 'echo', '{"m'),
        { type: 'retry', attempt: 1, delayMs: 500, error: chatError('server', 'Bad gateway') },
        args(0, 'echo', '{"message":1}'),
      ]),
    );
    expect(a?.writingCalls).toEqual([{ index: 0, toolName: 'echo', arguments: '{"message":1}', position: 0 }]);
  });

  it('does not grow once the answer has ended (a late or replayed piece)', () => {
    const [a] = applyGenerationEvents([message('a', { status: 'done' })], payload('a', [args(0, 'echo', '{}')]));
    expect(a?.writingCalls).toBeUndefined();
  });
});
