// Attachment rows on a real SQLite file: bytes kept exactly, order kept, metadata per branch,
// gone with their message.
import { describe, expect, it } from 'vitest';
import { asMessageId } from '../../../shared/ids';
import {
  attachmentMetaFor,
  attachmentsFor,
  getAttachment,
  insertAttachments,
  withAttachmentMeta,
} from './attachments-repo';
import { createConversation } from './conversations-repo';
import { activeBranch, insertMessage } from './messages-repo';
import type { Db } from '../db';
import { openTemp } from '../temp-database';

const pngBytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 255, 1, 2, 3]);

function conversationWithTurn(db: Db) {
  const conversation = createConversation(db, { title: 't', backendId: null, model: null, now: 1 });
  const base = { conversationId: conversation.id, backendId: null, model: null, params: {}, now: 2 };
  const user = insertMessage(db, { ...base, parentId: null, role: 'user', content: 'look', status: 'done' });
  const answer = insertMessage(db, { ...base, parentId: user.id, role: 'assistant', content: 'ok', status: 'done' });
  return { conversation, user, answer };
}

describe('attachments repository', () => {
  it('stores files in order with their bytes exactly, keeping a given id', () => {
    const db = openTemp();
    const { user } = conversationWithTurn(db);
    const meta = insertAttachments(
      db,
      user.id,
      [
        { id: 'staged-1', name: 'cat.png', mime: 'image/png', kind: 'image', data: pngBytes },
        { name: 'notes.md', mime: 'text/markdown', kind: 'text', data: new TextEncoder().encode('# 笔记\n') },
      ],
      5,
    );
    expect(meta).toEqual([
      { id: 'staged-1', name: 'cat.png', mime: 'image/png', size: 13, kind: 'image' },
      { id: expect.any(String), name: 'notes.md', mime: 'text/markdown', size: 9, kind: 'text' },
    ]);
    const stored = getAttachment(db, 'staged-1');
    expect(stored?.messageId).toBe(user.id);
    expect([...stored!.data]).toEqual([...pngBytes]);
    const files = attachmentsFor(db, [user.id]).get(user.id)!;
    expect(files.map((f) => f.name)).toEqual(['cat.png', 'notes.md']);
    expect(new TextDecoder().decode(files[1]!.data)).toBe('# 笔记\n');
    expect(getAttachment(db, 'nope')).toBeNull();
  });

  it('gives metadata for a whole branch at once, and none for messages without files', () => {
    const db = openTemp();
    const { conversation, user, answer } = conversationWithTurn(db);
    insertAttachments(db, user.id, [{ name: 'a.png', mime: 'image/png', kind: 'image', data: pngBytes }], 5);
    const meta = attachmentMetaFor(db, [user.id, answer.id]);
    expect([...meta.keys()]).toEqual([user.id]);
    expect(meta.get(user.id)?.[0]).not.toHaveProperty('data');

    const branch = activeBranch(db, conversation.id);
    expect(branch[0]?.attachments).toEqual([
      { id: expect.any(String), name: 'a.png', mime: 'image/png', size: 13, kind: 'image' },
    ]);
    expect(branch[1]).not.toHaveProperty('attachments');
    expect(withAttachmentMeta(db, [])).toEqual([]);
    expect(attachmentMetaFor(db, []).size).toBe(0);
  });

  it('refuses a file for a message that does not exist, and two at the same place', () => {
    const db = openTemp();
    const { user } = conversationWithTurn(db);
    const file = { name: 'a.png', mime: 'image/png', kind: 'image' as const, data: pngBytes };
    expect(() => insertAttachments(db, asMessageId('missing'), [file], 5)).toThrow(/FOREIGN KEY/);
    insertAttachments(db, user.id, [{ ...file, id: 'one' }], 5);
    expect(() => insertAttachments(db, user.id, [{ ...file, id: 'one' }], 6)).toThrow(/UNIQUE/);
  });

  it('goes with its message when the conversation is purged', () => {
    const db = openTemp();
    const { conversation, user } = conversationWithTurn(db);
    insertAttachments(db, user.id, [{ id: 'x', name: 'a.png', mime: 'image/png', kind: 'image', data: pngBytes }], 5);
    db.prepare('DELETE FROM conversations WHERE id = ?').run(conversation.id);
    expect(db.prepare('SELECT count(*) AS n FROM attachments').get()).toEqual({ n: 0 });
  });
});
