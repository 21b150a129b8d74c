// Step 10 and the tool-call repository on a real SQLite file: calls kept in order under their
// answer, read with the branch, gone with it; unfinished ones never resumed; permissions scoped.
import { describe, expect, it } from 'vitest';
import { asMessageId } from '../../../../shared/ids';
import { createConversation, deleteConversation } from '../../history/conversations-repo';
import { activeBranch, insertMessage } from '../../history/messages-repo';
import {
  allowTool,
  cancelUnfinishedToolCalls,
  getToolCall,
  insertToolCall,
  toolAllowed,
  toolCallsOf,
  updateToolCall,
  type NewToolCall,
} from '../../history/tool-calls-repo';
import { openTemp } from '../../temp-database';

function answerWithCalls() {
  const db = openTemp();
  const conversation = createConversation(db, { title: 'T', backendId: null, model: 'm', now: 1 });
  const question = insertMessage(db, {
    conversationId: conversation.id,
    parentId: null,
    role: 'user',
    content: 'q',
    status: 'done',
    backendId: null,
    model: null,
    params: {},
    now: 1,
  });
  const answer = insertMessage(db, {
    conversationId: conversation.id,
    parentId: question.id,
    role: 'assistant',
    content: 'Let me look.',
    status: 'streaming',
    backendId: null,
    model: 'm',
    params: {},
    now: 2,
  });
  const call = (round: number, index: number, extra: Partial<NewToolCall> = {}): NewToolCall => ({
    messageId: answer.id,
    round,
    index,
    position: 12,
    wireId: `call_${round}_${index}`,
    wireName: 'files__read',
    serverId: 's1',
    serverName: 'files',
    toolName: 'read',
    description: 'Reads a file',
    readOnly: true,
    destructive: false,
    arguments: '{"path":"a.txt"}',
    status: 'awaiting-approval',
    ...extra,
  });
  return { db, conversation, answer, call };
}

describe('migration 010: tool calls', () => {
  it('keeps an answer’s calls in order and reads them with the branch, without the wire names', () => {
    const { db, conversation, answer, call } = answerWithCalls();
    insertToolCall(db, call(1, 0), 5);
    const first = insertToolCall(db, call(0, 1), 3);
    insertToolCall(db, call(0, 0), 3);
    expect(toolCallsOf(db, answer.id).map((c) => [c.round, c.index])).toEqual([
      [0, 0],
      [0, 1],
      [1, 0],
    ]);
    const done = updateToolCall(db, first, { status: 'done', result: 'contents', startedAt: 4, endedAt: 5 });
    expect(getToolCall(db, first.id)).toEqual(done);
    const shown = activeBranch(db, conversation.id).find((m) => m.id === answer.id);
    expect(shown?.toolCalls).toHaveLength(3);
    expect(shown?.toolCalls?.[1]).toMatchObject({ status: 'done', result: 'contents', toolName: 'read' });
    expect(shown?.toolCalls?.[1]).not.toHaveProperty('wireName');
    expect(activeBranch(db, conversation.id)[0]).not.toHaveProperty('toolCalls');
  });

  it('marks calls that waited or ran when the app stopped as cancelled, and leaves finished ones', () => {
    const { db, answer, call } = answerWithCalls();
    insertToolCall(db, call(0, 0), 1);
    const running = insertToolCall(db, call(0, 1), 1);
    updateToolCall(db, running, { status: 'running', startedAt: 2 });
    const finished = insertToolCall(db, call(0, 2), 1);
    updateToolCall(db, finished, { status: 'done', result: 'ok' });
    expect(cancelUnfinishedToolCalls(db, 9)).toBe(2);
    expect(toolCallsOf(db, answer.id).map((c) => c.status)).toEqual(['cancelled', 'cancelled', 'done']);
  });

  it('goes with its conversation', () => {
    const { db, conversation, answer, call } = answerWithCalls();
    insertToolCall(db, call(0, 0), 1);
    deleteConversation(db, conversation.id);
    expect(toolCallsOf(db, asMessageId(answer.id))).toEqual([]);
  });

  it('scopes permissions to a conversation or to always', () => {
    const { db } = answerWithCalls();
    expect(toolAllowed(db, 'c1', 's1', 'read')).toBe(false);
    allowTool(db, 'c1', 's1', 'read', 1);
    expect(toolAllowed(db, 'c1', 's1', 'read')).toBe(true);
    expect(toolAllowed(db, 'c2', 's1', 'read')).toBe(false);
    allowTool(db, null, 's1', 'read', 2);
    allowTool(db, null, 's1', 'read', 3);
    expect(toolAllowed(db, 'c2', 's1', 'read')).toBe(true);
    expect(toolAllowed(db, 'c2', 's1', 'write')).toBe(false);
  });
});
