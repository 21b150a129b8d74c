// Round trips and imports on real SQLite files: Runnel JSON out and back in losslessly, ChatGPT
// exports (split ones too), a second import adding nothing, and broken files reported, not fatal.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ImportProgress } from '../../shared/domain';
import { asConversationId } from '../../shared/ids';
import { allConversationIds, createConversation } from '../db/history/conversations-repo';
import {
  activeBranch,
  appendMessageText,
  finishMessage,
  insertMessage,
  markSentWithoutTools,
} from '../db/history/messages-repo';
import type { Db } from '../db/db';
import { openTemp, tempFolder } from '../db/temp-database';
import { runImport, type ImportFile } from './import-run';
import { conversationMarkdown, englishLabels } from './markdown-export';
import { runnelHeader, writeRunnelFile } from './runnel-export';
import { sayIn } from '../../shared/words/all-words';

const fixtures = fileURLToPath(new URL('../../../tests/fixtures/imports/', import.meta.url));
const fixture = (name: string): ImportFile => ({ name, path: join(fixtures, name) });

/** Every row of the tables an export must carry, in a stable order, for exact comparison. */
function snapshot(db: Db) {
  return {
    conversations: db.prepare('SELECT * FROM conversations ORDER BY id').all(),
    messages: db.prepare('SELECT * FROM messages ORDER BY id').all(),
    attachments: db.prepare('SELECT * FROM attachments ORDER BY id').all(),
  };
}

async function exportAll(db: Db): Promise<string> {
  const file = join(tempFolder(), 'export.json');
  await writeRunnelFile(db, file, allConversationIds(db), runnelHeader('test'));
  return file;
}

/** A conversation made the way the app makes one: a question, an answer that streamed, a regenerated answer. */
function seed(db: Db): void {
  const conversation = createConversation(db, { title: 'Seeded', backendId: null, model: 'm', now: 1000 });
  const id = asConversationId(conversation.id);
  db.prepare(`UPDATE conversations SET context_overflow = 'ask' WHERE id = ?`).run(id);
  const question = insertMessage(db, {
    conversationId: id,
    parentId: null,
    role: 'user',
    content: 'Why is the sky blue? 天空',
    status: 'done',
    backendId: null,
    model: null,
    params: {},
    now: 1001,
  });
  for (const [n, text] of [
    [1, 'Rayleigh scattering.'],
    [2, '```python\nprint("blue")\n```'],
  ] as const) {
    const answer = insertMessage(db, {
      conversationId: id,
      parentId: question.id,
      role: 'assistant',
      content: '',
      status: 'streaming',
      backendId: null,
      model: 'm',
      params: { temperature: 0.5, seed: n },
      now: 1001 + n,
    });
    appendMessageText(db, answer.id, { content: text, reasoning: `thinking ${n}\n> quoted` }, 1002 + n);
    finishMessage(
      db,
      answer.id,
      {
        status: n === 1 ? 'done' : 'error',
        // Runnel's own sentence keeps its key through the file, so an import reads it in the UI's language.
        error:
          n === 1
            ? null
            : {
                code: 'server',
                message: 'Stopped',
                retryable: true,
                status: 500,
                said: { key: 'transport.stopped', values: {} },
              },
        metrics: {
          ttftMs: 12.5,
          tokensPerSecond: 30,
          promptTokens: 7,
          completionTokens: 9,
          finishReason: 'stop',
          ...(n === 1 ? { totalMs: 640, transport: 'sse' as const, httpVersion: '2' as const } : {}),
        },
      },
      1003 + n,
    );
    if (n === 2) markSentWithoutTools(db, answer.id);
    if (n === 1) {
      db.prepare(
        `INSERT INTO attachments (id, message_id, position, kind, name, mime, size, data, created_at)
         VALUES ('att-1', ?, 0, 'image', 'dot.png', 'image/png', 4, X'89504E47', 5)`,
      ).run(question.id);
    }
  }
}

describe('Runnel JSON', () => {
  it('round-trips every conversation, branch and field into a fresh database', async () => {
    const first = openTemp();
    seed(first);
    await runImport({ db: first, files: [fixture('runnel-sample.json')] });
    const file = await exportAll(first);

    const second = openTemp();
    const summary = await runImport({ db: second, files: [{ name: 'export.json', path: file }] });
    expect(summary).toMatchObject({ total: 3, added: 3, failed: 0, problems: [] });
    expect(snapshot(second)).toEqual(snapshot(first));
    expect(snapshot(second).messages.some((m) => (m as { transport: string | null }).transport === 'sse')).toBe(true);
    expect(snapshot(second).messages.filter((m) => (m as { without_tools: number }).without_tools === 1)).toHaveLength(
      1,
    );
    expect(
      snapshot(second).messages.some((m) => (m as { error_json: string | null }).error_json?.includes('"said"')),
    ).toBe(true);

    // And out again: the same records (only the export time differs).
    const again = JSON.parse(readFileSync(await exportAll(second), 'utf8')) as { conversations: unknown };
    expect(again.conversations).toEqual(
      (JSON.parse(readFileSync(file, 'utf8')) as { conversations: unknown }).conversations,
    );
  });

  it("imports nothing new the second time, and adds a later export's new branch to the same conversation", async () => {
    const db = openTemp();
    seed(db);
    const file = await exportAll(db);
    const other = openTemp();
    expect(await runImport({ db: other, files: [{ name: 'a', path: file }] })).toMatchObject({ added: 1, messages: 3 });
    const before = snapshot(other);
    expect(await runImport({ db: other, files: [{ name: 'a', path: file }] })).toMatchObject({
      added: 0,
      updated: 0,
      unchanged: 1,
      messages: 0,
    });
    expect(snapshot(other)).toEqual(before);

    // The original grows a third answer; importing its new export adds just that message.
    const [conversation] = allConversationIds(db);
    const question = db.prepare('SELECT id FROM messages WHERE role = ?').get('user') as { id: string };
    insertMessage(db, {
      conversationId: asConversationId(conversation ?? ''),
      parentId: question.id as never,
      role: 'assistant',
      content: 'Third version',
      status: 'done',
      backendId: null,
      model: 'm',
      params: {},
      now: 2000,
    });
    const later = await exportAll(db);
    expect(await runImport({ db: other, files: [{ name: 'b', path: later }] })).toMatchObject({
      updated: 1,
      messages: 1,
    });
    expect(activeBranch(other, asConversationId(conversation ?? '')).at(-1)?.content).toBe('Third version');
  });

  it('reports each bad conversation with the reason and writes nothing of it', async () => {
    const db = openTemp();
    const summary = await runImport({ db, files: [fixture('runnel-malformed.json')] });
    expect(summary).toMatchObject({ total: 6, added: 1, failed: 5 });
    const reasons = summary.problems.map((p) => [p.entry, p.message]);
    expect(reasons).toEqual([
      [1, expect.stringMatching(/messages\[1\]\.role: expected one of system, user, assistant/)],
      [2, expect.stringMatching(/not in the file/)],
      [3, expect.stringMatching(/__proto__: expected no such field/)],
      [4, expect.stringMatching(/appears twice/)],
      [5, expect.stringMatching(/expected an object/)],
    ]);
    expect(summary.problems[0]?.title).toBe('Bad role');
    expect(db.prepare('SELECT title FROM conversations').all()).toEqual([{ title: 'Cut off answer' }]);
    expect(db.prepare('SELECT count(*) AS n FROM messages').get()).toEqual({ n: 2 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('keeps the rest of a batch when the database refuses a row midway, and nothing of that conversation', async () => {
    const db = openTemp();
    db.exec(`CREATE TRIGGER refuse BEFORE INSERT ON messages WHEN new.content LIKE 'Since Go 1.21%'
             BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`);
    const summary = await runImport({ db, files: [fixture('runnel-sample.json')] });
    expect(summary).toMatchObject({ added: 1, failed: 1 });
    expect(summary.problems).toEqual([
      { file: 'runnel-sample.json', entry: 0, title: 'Hash maps in Go', message: 'refused by the test' },
    ]);
    expect(db.prepare('SELECT title FROM conversations').all()).toEqual([{ title: 'Cut off answer' }]);
    expect(db.prepare('SELECT count(*) AS n FROM messages').get()).toEqual({ n: 2 });
  });

  it('keeps what came before the point where a file breaks off', async () => {
    const db = openTemp();
    seed(db);
    await runImport({ db, files: [fixture('runnel-sample.json')] });
    const text = readFileSync(await exportAll(db), 'utf8');
    const cut = join(tempFolder(), 'cut.json');
    // Cut inside the last conversation.
    writeFileSync(cut, text.slice(0, text.lastIndexOf('"messages"') + 20));
    const other = openTemp();
    const summary = await runImport({ db: other, files: [{ name: 'cut.json', path: cut }] });
    expect(summary.added).toBe(2);
    expect(summary.problems.at(-1)?.message).toMatch(/cut off/);
  });

  it('refuses a file from a newer Runnel and files that are neither format', async () => {
    const db = openTemp();
    const folder = tempFolder();
    writeFileSync(join(folder, 'notes.json'), '{"hello": "world"}');
    copyFileSync(join(fixtures, 'chatgpt-split/message_feedback.json'), join(folder, 'feedback.json'));
    writeFileSync(join(folder, 'empty.json'), '');
    const summary = await runImport({
      db,
      files: [
        fixture('runnel-newer-version.json'),
        { name: 'notes.json', path: join(folder, 'notes.json') },
        { name: 'feedback.json', path: join(folder, 'feedback.json') },
        { name: 'empty.json', path: join(folder, 'empty.json') },
      ],
    });
    expect(summary.problems.map((p) => [p.file, p.message])).toEqual([
      ['runnel-newer-version.json', expect.stringMatching(/newer Runnel \(format version 99/)],
      ['notes.json', expect.stringMatching(/neither a Runnel export nor a ChatGPT export/)],
      ['feedback.json', expect.stringMatching(/not of ChatGPT conversations/)],
      ['empty.json', expect.stringMatching(/empty/)],
    ]);
    // Runnel's own sentences carry their key, so the report reads in the UI's language.
    expect(summary.problems.map((p) => p.said && sayIn('zh', p.said))).toEqual([
      '这个导出文件来自更新版本的 Runnel（格式版本 99；本 Runnel 最高读取 1）。请更新 Runnel 后再导入。',
      '这个文件既不是 Runnel 导出文件，也不是 ChatGPT 导出文件（conversations.json）。',
      '这个文件是列表，但不是 ChatGPT 对话。',
      '文件是空的。',
    ]);
    expect(summary.problems.every((p) => sayIn('en', p.said!) === p.message)).toBe(true);
    expect(summary.added).toBe(0);
    expect(db.prepare('SELECT count(*) AS n FROM conversations').get()).toEqual({ n: 0 });
  });
});

describe('ChatGPT export', () => {
  it('imports a split export from all its parts, with progress, once', async () => {
    const db = openTemp();
    const files = ['chatgpt-split/conversations-000.json', 'chatgpt-split/conversations-001.json'].map(fixture);
    const progress: Omit<ImportProgress, 'uploadId'>[] = [];
    const summary = await runImport({ db, files, onProgress: (p) => progress.push(p), batchConversations: 1 });
    expect(summary).toMatchObject({ files: 2, total: 3, added: 3, failed: 0, messages: 9 });
    const titles = (db.prepare('SELECT title FROM conversations ORDER BY created_at').all() as { title: string }[]).map(
      (r) => r.title,
    );
    expect(titles).toEqual(['Split export: first', 'Split export: second', 'Split export: third']);
    // Counted first, then one step per conversation, ending at the total.
    expect(progress.filter((p) => p.phase === 'reading').map((p) => p.total)).toEqual([2, 3]);
    expect(progress.filter((p) => p.phase === 'importing').map((p) => p.done)).toEqual([0, 1, 2, 3, 3]);
    expect(progress.at(-1)).toEqual({ phase: 'done', done: 3, total: 3 });

    const again = await runImport({ db, files });
    expect(again).toMatchObject({ added: 0, unchanged: 3, messages: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM messages').get()).toEqual({ n: 9 });
  });

  it('imports conversations.json with its branches and active branch, and reports the broken entries', async () => {
    const db = openTemp();
    const summary = await runImport({
      db,
      files: [fixture('chatgpt-conversations.json'), fixture('chatgpt-malformed.json')],
    });
    expect(summary).toMatchObject({ total: 9, added: 5, failed: 4 });
    expect(summary.problems.map((p) => [p.file, p.entry, p.title])).toEqual([
      ['chatgpt-malformed.json', 1, null],
      ['chatgpt-malformed.json', 2, 'No mapping here'],
      ['chatgpt-malformed.json', 3, 'Loop'],
      ['chatgpt-malformed.json', 4, 'Only hidden nodes'],
    ]);
    const sorting = db.prepare("SELECT id FROM conversations WHERE title = 'Sorting in Rust'").get() as { id: string };
    const shown = activeBranch(db, asConversationId(sorting.id));
    expect(shown.map((m) => [m.role, m.status])).toEqual([
      ['user', 'done'],
      ['assistant', 'done'],
      ['user', 'done'],
      ['assistant', 'cancelled'],
    ]);
    const markdown = conversationMarkdown('Sorting in Rust', shown, englishLabels);
    expect(markdown).toContain('## Assistant · gpt-4o');
  });
});

describe('the export format and the schema', () => {
  it('covers every column of the tables it exports (a new column needs a field in runnel-format.ts)', () => {
    const db = openTemp();
    const columns = (table: string) =>
      (db.prepare('SELECT name FROM pragma_table_info(?)').all(table) as { name: string }[]).map((r) => r.name).sort();
    // deleted_at is left out on purpose: conversations waiting for undo are not exported.
    expect(columns('conversations')).toEqual(
      [
        'id',
        'title',
        'backend_id',
        'model',
        'active_leaf_id',
        'created_at',
        'updated_at',
        'pinned',
        'deleted_at',
        'system_prompt',
        'params_json',
        'context_overflow',
      ].sort(),
    );
    expect(columns('messages')).toEqual(
      [
        'id',
        'conversation_id',
        'parent_id',
        'role',
        'content',
        'reasoning',
        'status',
        'error_json',
        'backend_id',
        'model',
        'params_json',
        'ttft_ms',
        'tokens_per_second',
        'prompt_tokens',
        'completion_tokens',
        'finish_reason',
        'created_at',
        'updated_at',
        'active_at',
        'reasoning_ms',
        'total_ms',
        'transport',
        'http_version',
        'without_tools',
      ].sort(),
    );
    // tool_call_id: a tool's images are exported on their call (toolCalls[].images), not as files.
    expect(columns('attachments')).toEqual(
      ['id', 'message_id', 'position', 'kind', 'name', 'mime', 'size', 'data', 'created_at', 'tool_call_id'].sort(),
    );
  });
});

describe('Markdown', () => {
  it('writes the shown branch with roles, reasoning folded as a quote, and code intact', () => {
    const db = openTemp();
    seed(db);
    const [id] = allConversationIds(db);
    const markdown = conversationMarkdown('Seeded', activeBranch(db, asConversationId(id ?? '')), englishLabels);
    expect(markdown).toBe(
      [
        '# Seeded',
        '## User',
        '📎 dot.png',
        'Why is the sky blue? 天空',
        '## Assistant · m',
        '<details>\n<summary>Reasoning</summary>\n\n> thinking 2\n> > quoted\n\n</details>',
        '```python\nprint("blue")\n```',
        '> ⚠️ Stopped',
      ].join('\n\n') + '\n',
    );
  });

  it('closes a fence a cut-off answer left open, so later turns stay outside it', () => {
    const markdown = conversationMarkdown(
      't',
      [
        { role: 'assistant', content: 'Here:\n```js\nconst a = 1;', reasoning: '', model: null, error: null },
        { role: 'user', content: 'thanks', reasoning: '', model: null, error: null },
      ],
      { user: '用户', assistant: '助手', system: '系统', reasoning: '推理' },
    );
    expect(markdown).toBe('# t\n\n## 助手\n\nHere:\n```js\nconst a = 1;\n```\n\n## 用户\n\nthanks\n');
  });
});
