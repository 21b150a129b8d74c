// Live records bridge the gap between the stream and the database's batched writes.
import { describe, expect, it } from 'vitest';
import type { Message } from '../../../shared/domain';
import { asBackendId, asConversationId, asMessageId } from '../../../shared/ids';
import { emptyMetrics } from './apply-generation-events';
import { applyToLive, markAllIncomplete, markStarted, overlayLive } from './live-generations';
import { toolCall } from './tool-call-fixtures';

const c = asConversationId('c');
const a = asMessageId('a');

const stored = (over: Partial<Message> = {}): Message => ({
  id: a,
  conversationId: c,
  parentId: null,
  role: 'assistant',
  content: 'Hel',
  reasoning: '',
  status: 'streaming',
  error: null,
  backendId: asBackendId('b'),
  model: 'm',
  params: {},
  metrics: emptyMetrics,
  createdAt: 0,
  updatedAt: 0,
  ...over,
});

describe('live generations', () => {
  it('prefers a record that saw the whole stream over a lagging stored row', () => {
    let live = markStarted({}, c, a);
    live = applyToLive(live, { conversationId: c, messageId: a, events: [{ type: 'delta', text: 'Hello' }] });
    expect(overlayLive([stored()], live)[0]?.content).toBe('Hello');
  });

  it('events that raced ahead of the start answer still count once the start is known', () => {
    let live = applyToLive({}, { conversationId: c, messageId: a, events: [{ type: 'delta', text: 'Hi' }] });
    expect(live[a]?.complete).toBe(false);
    live = markStarted(live, c, a);
    expect(live[a]).toMatchObject({ complete: true, content: 'Hi' });
  });

  it('does not trust a record that joined mid-stream, except for how it ended', () => {
    let live = applyToLive({}, { conversationId: c, messageId: a, events: [{ type: 'delta', text: 'lo' }] });
    expect(overlayLive([stored()], live)[0]?.content).toBe('Hel');
    live = applyToLive(live, {
      conversationId: c,
      messageId: a,
      events: [{ type: 'done', status: 'done', metrics: emptyMetrics }],
    });
    expect(overlayLive([stored()], live)[0]).toMatchObject({ content: 'Hel', status: 'done' });
  });

  it('leaves finished stored rows alone, and forgets completeness after a drop', () => {
    let live = markStarted({}, c, a);
    live = applyToLive(live, { conversationId: c, messageId: a, events: [{ type: 'delta', text: 'X' }] });
    const done = stored({ status: 'done', content: 'Final' });
    expect(overlayLive([done], live)[0]).toBe(done);
    expect(markAllIncomplete(live)[a]?.complete).toBe(false);
  });

  it('lays the calls a record saw over the stored ones, keeping whichever got further', () => {
    // Joined mid-stream: the stored text wins, but a call the events moved on is shown as it is now.
    let live = applyToLive({}, { conversationId: c, messageId: a, events: [{ type: 'delta', text: 'lo' }] });
    live = applyToLive(live, {
      conversationId: c,
      messageId: a,
      events: [
        { type: 'tool-call', call: toolCall('t1', { status: 'running' }) },
        { type: 'tool-call', call: toolCall('t2', { index: 1 }) },
      ],
    });
    const row = stored({ toolCalls: [toolCall('t1', { status: 'done', result: 'ok' })] });
    const [shown] = overlayLive([row], live);
    expect(shown?.content).toBe('Hel');
    expect(shown?.toolCalls?.map((call) => [call.id, call.status])).toEqual([
      ['t1', 'done'],
      ['t2', 'awaiting-approval'],
    ]);
    // A record that saw everything brings its calls along with its text.
    const whole = applyToLive(markStarted({}, c, a), {
      conversationId: c,
      messageId: a,
      events: [{ type: 'tool-call', call: toolCall('t3') }],
    });
    expect(overlayLive([stored()], whole)[0]?.toolCalls?.map((call) => call.id)).toEqual(['t3']);
    const plain = stored();
    expect(overlayLive([plain], markStarted({}, c, a))[0]?.toolCalls).toBeUndefined();
  });

  it('says an answer waits for its server until its next event, and takes figures as they arrive', () => {
    let live = markStarted({}, c, a);
    live = applyToLive(live, { conversationId: c, messageId: a, events: [{ type: 'queued' }] });
    expect(live[a]?.queued).toBe(true);
    live = applyToLive(live, {
      conversationId: c,
      messageId: a,
      events: [{ type: 'figures', metrics: { transport: 'sse', httpVersion: '2' } }],
    });
    expect(live[a]?.queued).toBe(false);
    live = applyToLive(live, {
      conversationId: c,
      messageId: a,
      events: [
        { type: 'delta', text: 'Hi' },
        { type: 'figures', metrics: { ttftMs: 42 } },
      ],
    });
    expect(live[a]?.metrics).toMatchObject({ ttftMs: 42, transport: 'sse', httpVersion: '2', tokensPerSecond: null });
    expect(live[a]?.content).toBe('Hi');
  });
});
