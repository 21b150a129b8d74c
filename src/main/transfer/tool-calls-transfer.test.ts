// Tool calls through export and import on real SQLite files: Runnel JSON keeps every column of
// every call, a second import adds nothing, a file without them imports as before, a bad call
// fails its conversation with the path to it; Markdown folds each call where the answer made it.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sayIn } from '../../shared/words/all-words';
import { asConversationId, type ConversationId } from '../../shared/ids';
import { allConversationIds } from '../db/history/conversations-repo';
import { activeBranch, finishMessage } from '../db/history/messages-repo';
import { updateToolCall } from '../db/history/tool-calls-repo';
import type { Db } from '../db/db';
import { openTemp, tempFolder } from '../db/temp-database';
import { questionAndAnswer, storeCall } from '../db/tool-call-fixtures';
import { runImport, type ImportFile } from './import-run';
import { codeBlock, conversationMarkdown, englishLabels } from './markdown-export';
import { runnelHeader, writeRunnelFile } from './runnel-export';

const fixtures = fileURLToPath(new URL('../../../tests/fixtures/imports/', import.meta.url));
const fixture = (name: string): ImportFile => ({ name, path: join(fixtures, name) });

const rows = (db: Db) => ({
  messages: db.prepare('SELECT * FROM messages ORDER BY id').all(),
  toolCalls: db.prepare('SELECT * FROM tool_calls ORDER BY id').all(),
});

async function exportAll(db: Db): Promise<string> {
  const file = join(tempFolder(), 'export.json');
  await writeRunnelFile(db, file, allConversationIds(db), runnelHeader('test'));
  return file;
}

/** A question and an answer that called tools in two rounds, the way the loop stores them. */
function seed(db: Db): ConversationId {
  const { conversationId, answer } = questionAndAnswer(db, 'Look it up', 1001);
  const call = (round: number, index: number, toolName: string, serverId: string | null) =>
    storeCall(
      db,
      answer.id,
      {
        round,
        index,
        position: round === 0 ? 9 : 20,
        wireName: `files__${toolName}`,
        serverId,
        serverName: 'files',
        toolName,
        description: 'Reads <files>',
        readOnly: index === 0,
        destructive: index === 1,
        arguments: `{"path":"notes ${round}.txt"}`,
        status: 'running',
      },
      1003,
    );
  updateToolCall(db, call(0, 0, 'read', 's1'), {
    status: 'done',
    result: 'Line one\n```\nfenced\n```',
    startedAt: 1004,
    endedAt: 1005,
  });
  updateToolCall(db, call(0, 1, 'delete', 's1'), {
    status: 'denied',
    result: 'The user denied this tool call.',
    endedAt: 1005,
  });
  updateToolCall(db, call(1, 0, 'read', null), {
    status: 'error',
    result: 'x'.repeat(10),
    resultTruncated: true,
    startedAt: 1006,
    endedAt: 1007,
  });
  db.prepare('UPDATE messages SET content = ? WHERE id = ?').run('Checking. Now again. Found it.', answer.id);
  finishMessage(
    db,
    answer.id,
    {
      status: 'done',
      error: null,
      metrics: { ttftMs: 1, tokensPerSecond: 2, promptTokens: 3, completionTokens: 4, finishReason: 'stop' },
    },
    1008,
  );
  return conversationId;
}

describe('tool calls in Runnel JSON', () => {
  it('round-trip every column of every call, and come out again the same', async () => {
    const first = openTemp();
    seed(first);
    const file = await exportAll(first);
    const record = JSON.parse(readFileSync(file, 'utf8')) as {
      conversations: { messages: { toolCalls?: unknown[] }[] }[];
    };
    expect(record.conversations[0]!.messages[1]!.toolCalls?.[0]).toEqual({
      id: expect.any(String),
      round: 0,
      index: 0,
      position: 9,
      wireId: 'call_0_0',
      wireName: 'files__read',
      serverId: 's1',
      serverName: 'files',
      toolName: 'read',
      description: 'Reads <files>',
      readOnly: true,
      destructive: false,
      arguments: '{"path":"notes 0.txt"}',
      status: 'done',
      result: 'Line one\n```\nfenced\n```',
      resultTruncated: false,
      startedAt: 1004,
      endedAt: 1005,
      createdAt: 1003,
    });
    expect(record.conversations[0]!.messages[0]).not.toHaveProperty('toolCalls');

    const second = openTemp();
    expect(await runImport({ db: second, files: [{ name: 'export.json', path: file }] })).toMatchObject({
      added: 1,
      failed: 0,
    });
    expect(rows(second)).toEqual(rows(first));
    const again = JSON.parse(readFileSync(await exportAll(second), 'utf8')) as { conversations: unknown };
    expect(again.conversations).toEqual(record.conversations);
  });

  it('a second import adds nothing; a file without tool calls imports as before', async () => {
    const db = openTemp();
    seed(db);
    const file = await exportAll(db);
    const other = openTemp();
    await runImport({ db: other, files: [{ name: 'a', path: file }] });
    const before = rows(other);
    expect(await runImport({ db: other, files: [{ name: 'a', path: file }] })).toMatchObject({
      added: 0,
      unchanged: 1,
      messages: 0,
    });
    expect(rows(other)).toEqual(before);

    const plain = openTemp();
    expect(await runImport({ db: plain, files: [fixture('runnel-sample.json')] })).toMatchObject({
      failed: 0,
      added: 2,
    });
    expect(plain.prepare('SELECT count(*) AS n FROM tool_calls').get()).toEqual({ n: 0 });
  });

  it('fails each conversation whose tool calls do not fit, with the path to the call, and writes nothing of it', async () => {
    const db = openTemp();
    const summary = await runImport({ db, files: [fixture('runnel-tool-calls.json')] });
    expect(summary).toMatchObject({ total: 8, added: 1, failed: 7 });
    expect(summary.problems.map((p) => [p.title, p.message])).toEqual([
      [
        'Bad tool status',
        expect.stringMatching(
          /^messages\[1\]\.toolCalls\[0\]\.status: expected one of awaiting-approval, running, done/,
        ),
      ],
      ['Tool call on a question', 'messages[0].toolCalls: expected tool calls on an answer (role assistant) only'],
      [
        'Tool call past the text',
        "messages[1].toolCalls[0].position: expected at most the length of the message's content (19)",
      ],
      ['Tool call missing a field', 'messages[1].toolCalls[0].wireName: expected a string'],
      ['Two calls in one place', 'messages[1].toolCalls[1].index: expected one call at index 0 of round 0'],
      ['Two calls with one id', 'messages[1].toolCalls[1].id: expected an id no other tool call has'],
      ['Tool calls not a list', 'messages[1].toolCalls: expected an array'],
    ]);
    // The schema's own checks are said from the kind of issue, so the report can show them in Chinese.
    const chinese = new Map(summary.problems.map((p) => [p.title, p.said && sayIn('zh', p.said)]));
    expect(chinese.get('Tool call missing a field')).toBe('messages[1].toolCalls[0].wireName：缺少这个字段');
    expect(chinese.get('Tool calls not a list')).toBe('messages[1].toolCalls：应为数组');
    expect(chinese.get('Bad tool status')).toMatch(
      /^messages\[1\]\.toolCalls\[0\]\.status：应为以下之一："awaiting-approval", "running", "done"/,
    );
    expect(db.prepare('SELECT count(*) AS n FROM messages').get()).toEqual({ n: 2 });
    // The good one: every call kept; one still running when exported comes in cut off, as nothing runs here.
    const calls = db.prepare('SELECT tool_name, status, server_id FROM tool_calls ORDER BY round, call_index').all();
    expect(calls).toEqual([
      { tool_name: 'get_weather', status: 'done', server_id: 'srv-weather' },
      { tool_name: 'read_file', status: 'denied', server_id: 'srv-files' },
      { tool_name: 'forecast', status: 'error', server_id: null },
      { tool_name: 'get_weather', status: 'cancelled', server_id: 'srv-weather' },
    ]);
  });

  it('refuses a conversation whose call id another message here already has', async () => {
    const db = openTemp();
    seed(db);
    // The same calls under a conversation and messages of other ids.
    type Conv = { id: string; activeLeafId: string; messages: { id: string; parentId: string | null }[] };
    const file = JSON.parse(readFileSync(await exportAll(db), 'utf8')) as { conversations: Conv[] };
    const other = (id: string) => `${id.slice(0, -4)}beef`;
    for (const c of file.conversations) {
      c.id = other(c.id);
      c.activeLeafId = other(c.activeLeafId);
      for (const m of c.messages) Object.assign(m, { id: other(m.id), parentId: m.parentId && other(m.parentId) });
    }
    const copy = join(tempFolder(), 'copy.json');
    writeFileSync(copy, JSON.stringify(file));
    const summary = await runImport({ db, files: [{ name: 'copy.json', path: copy }] });
    expect(summary).toMatchObject({ added: 0, failed: 1 });
    expect(summary.problems[0]?.message).toMatch(/^Tool call [0-9a-f-]{36} already belongs to another message here\.$/);
    expect(db.prepare('SELECT count(*) AS n FROM conversations').get()).toEqual({ n: 1 });
  });

  it('covers every column of tool_calls (a new column needs a field in runnel-format.ts)', () => {
    const db = openTemp();
    const columns = (db.prepare("SELECT name FROM pragma_table_info('tool_calls')").all() as { name: string }[]).map(
      (r) => r.name,
    );
    expect(columns.sort()).toEqual(
      [
        'id',
        'message_id',
        'round',
        'position',
        'call_index',
        'wire_id',
        'wire_name',
        'server_id',
        'server_name',
        'tool_name',
        'description',
        'read_only',
        'destructive',
        'arguments',
        'status',
        'result',
        'result_truncated',
        'started_at',
        'ended_at',
        'created_at',
        'replay',
      ].sort(),
    );
  });
});

describe('tool calls in Markdown', () => {
  it('folds each call where the answer made it: summary, arguments and result as code', () => {
    const db = openTemp();
    const id = seed(db);
    const markdown = conversationMarkdown('Tools', activeBranch(db, asConversationId(id)), englishLabels);
    expect(markdown).toBe(
      [
        '# Tools',
        '## User',
        'Look it up',
        '## Assistant · m',
        'Checking.',
        '<details>\n<summary>Tool call: read (files) — done</summary>\n\n```json\n{\n  "path": "notes 0.txt"\n}\n```\n\n````\nLine one\n```\nfenced\n```\n````\n\n</details>',
        '<details>\n<summary>Tool call: delete (files) — denied</summary>\n\n```json\n{\n  "path": "notes 0.txt"\n}\n```\n\n```\nThe user denied this tool call.\n```\n\n</details>',
        'Now again.',
        `<details>\n<summary>Tool call: read (files) — error</summary>\n\n\`\`\`json\n{\n  "path": "notes 1.txt"\n}\n\`\`\`\n\n\`\`\`\n${'x'.repeat(10)}\n\`\`\`\n\n(result cut)\n\n</details>`,
        'Found it.',
      ].join('\n\n') + '\n',
    );
  });

  it("writes Runnel's words around each call in the user's language", () => {
    const db = openTemp();
    const id = seed(db);
    const zhLabels = { user: '用户', assistant: '助手', system: '系统', reasoning: '推理' };
    const markdown = conversationMarkdown('Tools', activeBranch(db, asConversationId(id)), zhLabels, 'zh');
    expect(markdown).toContain('<summary>工具调用：read（files）— 已完成</summary>');
    expect(markdown).toContain('<summary>工具调用：delete（files）— 已拒绝</summary>');
    expect(markdown).toContain('\n\n（结果已截断）\n\n</details>');
    expect(markdown).not.toMatch(/Tool call|result cut/);
    // What the tool and the model said stays as stored.
    expect(markdown).toContain('The user denied this tool call.');
    const image = conversationMarkdown(
      't',
      [
        {
          role: 'assistant',
          content: '',
          reasoning: '',
          model: null,
          error: null,
          toolCalls: [
            {
              ...{ round: 0, index: 0, position: 0, serverName: '', toolName: 'snap', arguments: '{}' },
              ...{ status: 'done', result: '', resultTruncated: false },
              images: [{ name: 'a.png', mime: 'image/png' }],
            },
          ],
        },
      ],
      zhLabels,
      'zh',
    );
    expect(image).toContain('<summary>工具调用：snap — 已完成</summary>');
    expect(image).toContain('🖼️ 图片：a.png（image/png）');
  });

  it('escapes the summary and keeps arguments that are not JSON as written', () => {
    const markdown = conversationMarkdown(
      't',
      [
        {
          role: 'assistant',
          content: 'Hi',
          reasoning: '',
          model: null,
          error: null,
          toolCalls: [
            {
              round: 0,
              index: 0,
              position: 99,
              serverName: '',
              toolName: '<img src=x onerror=alert(1)>',
              arguments: '{broken',
              status: 'error',
              result: '',
              resultTruncated: false,
            },
          ],
        },
      ],
      englishLabels,
    );
    expect(markdown).toBe(
      '# t\n\n## Assistant\n\nHi\n\n<details>\n<summary>Tool call: &lt;img src=x onerror=alert(1)&gt; — error</summary>\n\n```json\n{broken\n```\n\n</details>\n',
    );
  });

  it('makes a fence longer than any run of backticks inside', () => {
    expect(codeBlock('a ````` b', '')).toBe('``````\na ````` b\n``````');
    expect(codeBlock('plain', 'json')).toBe('```json\nplain\n```');
  });
});
