// The turns a request sends when earlier answers called tools, on a real SQLite file: each such
// answer as the rounds it was (its text split at the calls, the calls by their stored wire names,
// one result per call), for the next message, Regenerate, Edit and Continue of a turn cut during
// its tools (calls that never ended told as such, the text since the last round as the prefill).
import { describe, expect, it } from 'vitest';
import { asBackendId, type MessageId } from '../../shared/ids';
import { finishMessage } from '../db/history/messages-repo';
import { updateToolCall, type StoredToolCall } from '../db/history/tool-calls-repo';
import type { Db } from '../db/db';
import { openTemp } from '../db/temp-database';
import { questionAndAnswer, storeCall } from '../db/tool-call-fixtures';
import type { BackendTarget, ChatTurn } from '../providers/types';
import { notRunResult, roundsOf, stoppedResult } from './request-turns';
import { storeContinue, storeEdit, storeNewMessage, storeRegenerate } from './turn-rows';

const target: BackendTarget = { kind: 'openai-chat', baseUrl: 'http://h:1/v1', apiKey: null, http: 'auto' };
const source = { backendId: asBackendId('b'), target, model: 'm', params: {} };

type CallEnd = Partial<Pick<StoredToolCall, 'status' | 'result' | 'startedAt' | 'serverId'>>;

/** A conversation the way the loop leaves one: a question, and an answer whose calls and text are given. */
function toolChat(
  db: Db,
  content: string,
  calls: { round: number; position: number; end: CallEnd }[],
  status: 'done' | 'cancelled' | 'error' | 'interrupted' = 'done',
) {
  const { conversationId, question, answer } = questionAndAnswer(db, 'Weather in Paris?', 2);
  const indexIn = new Map<number, number>();
  for (const { round, position, end } of calls) {
    const index = indexIn.get(round) ?? 0;
    indexIn.set(round, index + 1);
    const made = storeCall(db, answer.id, { round, index, position }, 4);
    updateToolCall(db, made, { status: 'done', result: `result ${round}.${index}`, startedAt: 5, endedAt: 6, ...end });
  }
  db.prepare('UPDATE messages SET content = ? WHERE id = ?').run(content, answer.id);
  finishMessage(
    db,
    answer.id,
    {
      status,
      error: null,
      metrics: { ttftMs: 1, tokensPerSecond: null, promptTokens: null, completionTokens: null, finishReason: 'stop' },
    },
    7,
  );
  return { conversation: { id: conversationId }, question, answer };
}

const call = (round: number, index: number) => ({
  index,
  id: `call_${round}_${index}`,
  name: `weather__lookup_${round}_${index}`,
  arguments: `{"city":"Paris","n":${round}${index}}`,
});
const result = (round: number, index: number, content = `result ${round}.${index}`, isError = false): ChatTurn => ({
  role: 'tool',
  toolCallId: `call_${round}_${index}`,
  toolName: `weather__lookup_${round}_${index}`,
  content,
  isError,
});

/** Two rounds (two calls, then one) and a closing text: "Let me look." / "One more." / "It is sunny." */
const twoRounds = [
  { round: 0, position: 12, end: {} },
  { round: 0, position: 12, end: {} },
  { round: 1, position: 22, end: {} },
];
const twoRoundsText = 'Let me look. One more. It is sunny.';
const twoRoundsTurns: ChatTurn[] = [
  { role: 'assistant', content: 'Let me look.', toolCalls: [call(0, 0), call(0, 1)] },
  result(0, 0),
  result(0, 1),
  { role: 'assistant', content: ' One more.', toolCalls: [call(1, 0)] },
  result(1, 0),
  { role: 'assistant', content: ' It is sunny.' },
];

describe('earlier tool rounds in the turns a request sends', () => {
  it('a later message sends the earlier answer as its rounds: text, calls, results, text', () => {
    const db = openTemp();
    const { conversation } = toolChat(db, twoRoundsText, twoRounds);
    const turn = storeNewMessage(db, { ...source, conversationId: conversation.id, content: 'And tomorrow?' }, 10);
    expect(turn.turns).toEqual([
      { role: 'user', content: 'Weather in Paris?' },
      ...twoRoundsTurns,
      { role: 'user', content: 'And tomorrow?' },
    ]);
  });

  it('Regenerate and Edit of a later turn send the same history above it', () => {
    const db = openTemp();
    const { conversation } = toolChat(db, twoRoundsText, twoRounds);
    const next = storeNewMessage(db, { ...source, conversationId: conversation.id, content: 'And tomorrow?' }, 10);
    const again = storeRegenerate(db, { ...source, answerId: next.answer.id }, 11);
    expect(again.turns).toEqual(next.turns);
    const edited = storeEdit(db, { ...source, messageId: next.userMessageId, content: 'And Lyon?' }, 12);
    expect(edited.turns).toEqual([...next.turns.slice(0, -1), { role: 'user', content: 'And Lyon?' }]);
  });

  it('an answer that called tools but wrote no text still comes back, and its failures as errors', () => {
    const db = openTemp();
    const { conversation } = toolChat(
      db,
      '',
      [
        { round: 0, position: 0, end: { status: 'error', result: 'Timed out' } },
        { round: 0, position: 0, end: { status: 'denied', result: 'The user denied this tool call.' } },
      ],
      'error',
    );
    const turn = storeNewMessage(db, { ...source, conversationId: conversation.id, content: 'Well?' }, 10);
    expect(turn.turns.slice(1)).toEqual([
      { role: 'assistant', content: '', toolCalls: [call(0, 0), call(0, 1)] },
      result(0, 0, 'Timed out', true),
      result(0, 1, 'The user denied this tool call.', true),
      { role: 'user', content: 'Well?' },
    ]);
  });

  it('calls of a server removed since come back by the names the model used', () => {
    const db = openTemp();
    const { conversation } = toolChat(db, 'Done.', [{ round: 0, position: 0, end: { serverId: null } }]);
    db.prepare('UPDATE tool_calls SET server_id = NULL').run();
    const turn = storeNewMessage(db, { ...source, conversationId: conversation.id, content: 'Thanks' }, 10);
    expect(turn.turns[1]).toEqual({ role: 'assistant', content: '', toolCalls: [call(0, 0)] });
    expect(turn.turns[2]).toEqual(result(0, 0));
  });
});

describe('Continue of an answer cut during its tools', () => {
  it('sends the earlier rounds exactly, then the text written since as the prefill', () => {
    const db = openTemp();
    const { answer } = toolChat(db, 'Let me look. One more. It is', twoRounds, 'cancelled');
    const turn = storeContinue(db, { ...source, answerId: answer.id }, 10, false);
    expect(turn.turns).toEqual([
      { role: 'user', content: 'Weather in Paris?' },
      ...twoRoundsTurns.slice(0, -1),
      { role: 'assistant', content: ' It is' },
    ]);
    expect(turn.resumed?.content).toBe('Let me look. One more. It is');
  });

  it('tells the model which calls never ran and which were stopped while running; no empty prefill', () => {
    const db = openTemp();
    // As a restart leaves it: one call was waiting for the user, one was running.
    const { answer } = toolChat(
      db,
      'Let me look.',
      [
        { round: 0, position: 12, end: { status: 'cancelled', result: '', startedAt: null } },
        { round: 0, position: 12, end: { status: 'cancelled', result: '', startedAt: 5 } },
      ],
      'interrupted',
    );
    const turn = storeContinue(db, { ...source, answerId: answer.id }, 10, false);
    expect(turn.turns).toEqual([
      { role: 'user', content: 'Weather in Paris?' },
      { role: 'assistant', content: 'Let me look.', toolCalls: [call(0, 0), call(0, 1)] },
      result(0, 0, notRunResult, true),
      result(0, 1, stoppedResult, true),
    ]);
  });

  it('continues an answer whose only output was a tool call', () => {
    const db = openTemp();
    const { answer } = toolChat(
      db,
      '',
      [{ round: 0, position: 0, end: { status: 'cancelled', startedAt: null } }],
      'interrupted',
    );
    const turn = storeContinue(db, { ...source, answerId: answer.id }, 10, false);
    expect(turn.turns.slice(1)).toEqual([
      { role: 'assistant', content: '', toolCalls: [call(0, 0)] },
      result(0, 0, notRunResult, true),
    ]);
  });

  it('an answer without calls is continued as before: its text as the prefill', () => {
    const db = openTemp();
    const { answer } = toolChat(db, 'Half an ans', [], 'cancelled');
    const turn = storeContinue(db, { ...source, answerId: answer.id }, 10, false);
    expect(turn.turns).toEqual([
      { role: 'user', content: 'Weather in Paris?' },
      { role: 'assistant', content: 'Half an ans' },
    ]);
  });
});

describe('roundsOf', () => {
  const stored = (round: number, index: number, position: number): StoredToolCall => ({
    id: `${round}${index}`,
    messageId: 'a' as MessageId,
    round,
    index,
    position,
    wireId: `call_${round}_${index}`,
    wireName: `weather__lookup_${round}_${index}`,
    replay: '',
    serverId: 's',
    serverName: 'weather',
    toolName: 'lookup',
    description: '',
    readOnly: false,
    destructive: false,
    arguments: `{"city":"Paris","n":${round}${index}}`,
    status: 'done',
    result: `result ${round}.${index}`,
    resultTruncated: false,
    startedAt: 1,
    endedAt: 2,
  });

  it('orders calls by round and index, whatever order they come in', () => {
    const turns = roundsOf('ab', [stored(1, 0, 2), stored(0, 1, 1), stored(0, 0, 1)]);
    expect(turns.map((t) => [t.role, t.content, t.toolCalls?.map((c) => c.id)])).toEqual([
      ['assistant', 'a', ['call_0_0', 'call_0_1']],
      ['tool', 'result 0.0', undefined],
      ['tool', 'result 0.1', undefined],
      ['assistant', 'b', ['call_1_0']],
      ['tool', 'result 1.0', undefined],
    ]);
  });

  it('holds positions out of order or past the text inside it, losing no character', () => {
    const turns = roundsOf('abc', [stored(0, 0, 2), stored(1, 0, 1), stored(2, 0, 99)]);
    const texts = turns.filter((t) => t.role === 'assistant').map((t) => t.content);
    expect(texts).toEqual(['ab', '', 'c']);
    expect(texts.join('')).toBe('abc');
  });
});
