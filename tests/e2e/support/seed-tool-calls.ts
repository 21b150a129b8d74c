// Test support: writes conversations whose answers made tool calls straight into a data folder's
// SQLite file through the real repositories. Call it while the web host runs: at start the host
// marks calls that were waiting or running as cancelled (never resumed), so calls seeded before it
// started could not be seen waiting. A second connection to the WAL database is safe meanwhile.
import { join } from 'node:path';
import { createConversation } from '../../../src/main/db/history/conversations-repo';
import { insertMessage } from '../../../src/main/db/history/messages-repo';
import { insertToolCall, updateToolCall, type NewToolCall } from '../../../src/main/db/history/tool-calls-repo';
import { openDatabase } from '../../../src/main/db/lifecycle/open-database';
import type { Db } from '../../../src/main/db/db';
import type { MessageStatus } from '../../../src/shared/domain';
import type { MessageId } from '../../../src/shared/ids';
import type { ToolCallStatus } from '../../../src/shared/tools';

/** A call to seed: where it stands and how it ended (or that it has not). */
export interface SeedCall {
  toolName: string;
  serverName?: string;
  description?: string;
  readOnly?: boolean;
  destructive?: boolean;
  arguments: string;
  status: ToolCallStatus;
  result?: string;
  resultTruncated?: boolean;
  /** How long it ran, in ms (only for calls that ran). */
  tookMs?: number;
}

/** An answer as the tool loop leaves it: text, a round of calls, more text, and so on. */
export interface SeedAnswer {
  /** Text before the first round, between rounds, and after the last: one more than `rounds`. */
  texts: string[];
  rounds: SeedCall[][];
  status: MessageStatus;
}

/** Writes a conversation of one question and one answer with tool calls; returns its answer's id. */
export function seedToolCallConversation(
  dataDir: string,
  title: string,
  question: string,
  answer: SeedAnswer,
): MessageId {
  if (answer.texts.length !== answer.rounds.length + 1) throw new Error('one text more than rounds of calls');
  const db = openDatabase(join(dataDir, 'runnel.sqlite'));
  try {
    return db.transaction(() => write(db, title, question, answer))();
  } finally {
    db.close();
  }
}

function write(db: Db, title: string, question: string, answer: SeedAnswer): MessageId {
  const now = Date.now() - 60_000;
  const conversation = createConversation(db, { title, backendId: null, model: 'fake-chat', now });
  const common = { conversationId: conversation.id, backendId: null, params: {} };
  const user = insertMessage(db, {
    ...common,
    parentId: null,
    role: 'user',
    content: question,
    status: 'done',
    model: null,
    now,
  });
  const reply = insertMessage(db, {
    ...common,
    parentId: user.id,
    role: 'assistant',
    content: answer.texts.join(''),
    status: answer.status,
    model: 'fake-chat',
    now: now + 1000,
  });
  let position = 0;
  answer.rounds.forEach((calls, round) => {
    position += answer.texts[round]!.length;
    calls.forEach((call, index) => insertCall(db, reply.id, { round, index, position }, call, now + 2000));
  });
  return reply.id;
}

function insertCall(
  db: Db,
  messageId: MessageId,
  place: { round: number; index: number; position: number },
  call: SeedCall,
  at: number,
): void {
  const wireName = `srv__${call.toolName}`;
  const fresh: NewToolCall = {
    messageId,
    ...place,
    wireId: `call_${place.round}_${place.index}`,
    wireName,
    serverId: 'seeded-server',
    serverName: call.serverName ?? 'Workspace',
    toolName: call.toolName,
    description: call.description ?? '',
    readOnly: call.readOnly ?? false,
    destructive: call.destructive ?? false,
    arguments: call.arguments,
    status: call.status === 'awaiting-approval' ? 'awaiting-approval' : 'running',
  };
  const stored = insertToolCall(db, fresh, at);
  if (call.status === 'awaiting-approval') return;
  const ran = call.tookMs !== undefined;
  updateToolCall(db, stored, {
    status: call.status,
    result: call.result ?? '',
    resultTruncated: call.resultTruncated ?? false,
    startedAt: ran || call.status === 'running' ? at : null,
    endedAt: call.status === 'running' ? null : at + (call.tookMs ?? 0),
  });
}
