// Step 14 on a real SQLite file: a tool's images are attachment rows marked with their call, read
// apart from the message's own files, gone with the call or the answer; a round's replay is kept on
// its call; rows written before the step read as they did.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { asMessageId } from '../../../../shared/ids';
import {
  attachmentMetaFor,
  insertAttachments,
  insertToolImages,
  toolImageMetaFor,
  toolImagesFor,
} from '../../history/attachments-repo';
import { createConversation } from '../../history/conversations-repo';
import { activeBranch, insertMessage } from '../../history/messages-repo';
import { insertToolCall, toolCallsOf } from '../../history/tool-calls-repo';
import { openTemp, tempFolder } from '../../temp-database';
import { migrate } from '../migrate';
import { migrations } from './index';

const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

function answerWithCall() {
  const db = openTemp();
  const conversation = createConversation(db, { title: 'T', backendId: null, model: 'm', now: 1 });
  const answer = insertMessage(db, {
    conversationId: conversation.id,
    parentId: null,
    role: 'assistant',
    content: 'Looking.',
    status: 'done',
    backendId: null,
    model: 'm',
    params: {},
    now: 2,
  });
  const call = insertToolCall(
    db,
    {
      messageId: answer.id,
      round: 0,
      index: 0,
      position: 8,
      wireId: 'toolu_1',
      wireName: 'everything__get-tiny-image',
      serverId: 's',
      serverName: 'everything',
      toolName: 'get-tiny-image',
      description: '',
      readOnly: true,
      destructive: false,
      arguments: '{}',
      status: 'done',
      replay: '{"anthropic":[]}',
    },
    3,
  );
  return { db, conversation, answer, call };
}

describe('migration 014: tool media', () => {
  it('keeps a tool’s images apart from the answer’s own files, and on its call in a branch read', () => {
    const { db, conversation, answer, call } = answerWithCall();
    insertAttachments(db, answer.id, [{ name: 'own.png', mime: 'image/png', kind: 'image', data: png }], 4);
    const [meta] = insertToolImages(db, answer.id, call.id, () => 'tool.png', [{ mime: 'image/png', data: png }], 5);
    expect(
      attachmentMetaFor(db, [answer.id])
        .get(answer.id)
        ?.map((f) => f.name),
    ).toEqual(['own.png']);
    expect(toolImageMetaFor(db, [answer.id]).get(call.id)).toEqual([meta]);
    expect(toolImagesFor(db, [answer.id]).get(call.id)?.[0]?.data).toEqual(png);
    const shown = activeBranch(db, conversation.id)[0]!;
    expect(shown.toolCalls?.[0]?.images).toEqual([meta]);
    expect(shown.attachments?.map((f) => f.name)).toEqual(['own.png']);
    expect(toolCallsOf(db, answer.id)[0]?.replay).toBe('{"anthropic":[]}');
  });

  it('drops the images with their call', () => {
    const { db, answer, call } = answerWithCall();
    insertToolImages(db, answer.id, call.id, () => 'tool.png', [{ mime: 'image/png', data: png }], 5);
    db.prepare('DELETE FROM tool_calls WHERE id = ?').run(call.id);
    expect(toolImageMetaFor(db, [asMessageId(answer.id)]).size).toBe(0);
    expect((db.prepare('SELECT count(*) AS n FROM attachments').get() as { n: number }).n).toBe(0);
  });

  it('reads calls and files written under step 11 as before: no replay, no tool images', () => {
    const db = new Database(join(tempFolder(), 'raw.sqlite'));
    try {
      migrate(db, migrations.slice(0, 11));
      db.exec(
        `INSERT INTO conversations (id, title, created_at, updated_at) VALUES ('c', 'T', 1, 1);
         INSERT INTO messages (id, conversation_id, role, content, status, created_at, updated_at)
         VALUES ('m', 'c', 'assistant', 'a', 'done', 1, 1);
         INSERT INTO tool_calls (id, message_id, round, position, call_index, wire_id, wire_name, server_name,
           tool_name, arguments, status, created_at) VALUES ('t', 'm', 0, 0, 0, 'w', 'n', 's', 'x', '{}', 'done', 1);
         INSERT INTO attachments (id, message_id, position, kind, name, mime, size, data, created_at)
         VALUES ('f', 'm', 0, 'text', 'a.txt', 'text/plain', 1, x'61', 1);`,
      );
      expect(migrate(db, migrations)).toContain(14);
      expect(db.prepare("SELECT replay FROM tool_calls WHERE id = 't'").get()).toEqual({ replay: '' });
      expect(db.prepare("SELECT tool_call_id FROM attachments WHERE id = 'f'").get()).toEqual({ tool_call_id: null });
    } finally {
      db.close();
    }
  });
});
