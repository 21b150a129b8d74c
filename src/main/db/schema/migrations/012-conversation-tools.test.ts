// Step 12 on real SQLite files: a conversation's choice of tools and the models that refused tools
// are stored, read back after the file is closed and opened again, and go with their conversation,
// server or backend.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { asBackendId, asConversationId } from '../../../../shared/ids';
import { createConversation, deleteConversation } from '../../history/conversations-repo';
import { getToolChoice, setToolChoice } from '../../history/conversation-tools-repo';
import { deleteBackend, insertBackend } from '../../settings/backends-repo';
import { deleteMcpServer, saveMcpServer } from '../../settings/mcp-servers-repo';
import {
  forgetToolRefusal,
  listToolRefusals,
  refusesTools,
  rememberToolRefusal,
} from '../../settings/model-tool-refusals-repo';
import { openTemp, tempFolder } from '../../temp-database';
import type { Db } from '../../db';
import { migrate } from '../migrate';
import { migrations } from './index';

const server = (db: Db, id: string) =>
  saveMcpServer(
    db,
    {
      id,
      name: id,
      enabled: true,
      transport: 'stdio',
      command: 'x',
      args: [],
      cwd: null,
      url: null,
      callTimeoutMs: null,
      approval: 'ask',
    },
    1,
  );

const backend = (db: Db) =>
  insertBackend(db, {
    name: 'Ollama',
    kind: 'ollama',
    baseUrl: 'http://127.0.0.1:11434',
    defaultModel: null,
    http: 'auto',
    now: 1,
  });

describe('migration 012: tools per conversation, models without tools', () => {
  it('upgrades a step-11 file, keeping its conversations, which then offer every tool', () => {
    const file = join(tempFolder(), 'step11.sqlite');
    const raw = new Database(file);
    migrate(raw, migrations.slice(0, 11));
    raw.exec("INSERT INTO conversations (id, title, created_at, updated_at) VALUES ('c', 'Old', 1, 1)");
    expect(migrate(raw, migrations.slice(0, 12))).toEqual([12]);
    expect(getToolChoice(raw, asConversationId('c'))).toEqual([]);
    raw.close();
  });

  it('keeps a choice across a reopen and drops it with the conversation or the server', () => {
    const file = join(tempFolder(), 'runnel.sqlite');
    let db = openTemp(file);
    server(db, 'files');
    server(db, 'web');
    const c = createConversation(db, { title: 'T', backendId: null, model: 'm', now: 1 }).id;
    const choice = [
      { serverId: 'files', tool: null, on: false },
      { serverId: 'files', tool: 'read', on: true },
      { serverId: 'web', tool: 'fetch', on: false },
      // A server that does not exist (removed meanwhile): left out, not an error.
      { serverId: 'gone', tool: 'x', on: false },
    ];
    expect(setToolChoice(db, c, choice)).toBe(true);
    db.close();
    db = openTemp(file);
    expect(getToolChoice(db, c)).toEqual(choice.slice(0, 3));
    expect(setToolChoice(db, asConversationId('nope'), choice)).toBe(false);

    deleteMcpServer(db, 'web');
    expect(getToolChoice(db, c)).toEqual(choice.slice(0, 2));
    deleteConversation(db, c);
    expect(db.prepare('SELECT count(*) AS n FROM conversation_tools').get()).toEqual({ n: 0 });
  });

  it('remembers a model that refused tools per backend until forgotten or the backend goes', () => {
    const file = join(tempFolder(), 'runnel.sqlite');
    let db = openTemp(file);
    const b = backend(db);
    expect(rememberToolRefusal(db, b.id, 'gemma:2b', 'gemma:2b does not support tools', 5)).toBe(true);
    expect(rememberToolRefusal(db, 'no-such-backend', 'm', 'x', 5)).toBe(false);
    db.close();
    db = openTemp(file);
    expect(refusesTools(db, b.id, 'gemma:2b')).toBe(true);
    expect(refusesTools(db, b.id, 'qwen3')).toBe(false);
    expect(listToolRefusals(db)).toEqual([
      { backendId: b.id, model: 'gemma:2b', message: 'gemma:2b does not support tools', refusedAt: 5 },
    ]);
    expect(forgetToolRefusal(db, b.id, 'gemma:2b')).toBe(true);
    expect(refusesTools(db, b.id, 'gemma:2b')).toBe(false);
    rememberToolRefusal(db, b.id, 'gemma:2b', 'again', 6);
    deleteBackend(db, asBackendId(b.id));
    expect(listToolRefusals(db)).toEqual([]);
  });
});
