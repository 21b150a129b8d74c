// The tool server form's fields to `tools:save-server`'s draft: arguments one per line, saved env
// and header values kept by an empty field, the time limit in seconds, and each mistake worded
// before main sees it.
import { describe, expect, it } from 'vitest';
import type { ToolServerView } from '../../../../shared/tools';
import { backendFormMessages } from '../settings/backend-form-messages';
import { addRow } from '../../components/value-rows';
import { argsOf, draftOf, fieldsOf, toggledDraft, type ServerFields } from './tool-server-fields';
import { toolsMessages } from './tools-messages';

const m = toolsMessages.en;
const headerProblem = backendFormMessages.en.headerProblem;

const view = (over: Partial<ToolServerView> = {}): ToolServerView => ({
  id: 'mcp-1',
  name: 'Files',
  enabled: false,
  transport: 'stdio',
  command: 'npx',
  args: ['-y', '@modelcontextprotocol/server-filesystem', '/home/me/My Documents'],
  cwd: '/home/me',
  url: null,
  envNames: ['TOKEN'],
  headerNames: [],
  callTimeoutMs: 30_000,
  approval: 'allow-all',
  status: { state: 'stopped' },
  tools: [],
  ...over,
});

const draft = (fields: ServerFields, enabled = true) => draftOf(fields, enabled, m, headerProblem);

describe('the tool server form', () => {
  it('starts empty for a new server: a command, asking before each call', () => {
    expect(fieldsOf(null)).toEqual({
      name: '',
      transport: 'stdio',
      command: '',
      args: '',
      cwd: '',
      env: [],
      url: '',
      headers: [],
      timeLimit: '',
      approval: 'ask',
    });
  });

  it('edits a server as it is, saved values shown only by name', () => {
    const fields = fieldsOf(view());
    expect(fields.args).toBe('-y\n@modelcontextprotocol/server-filesystem\n/home/me/My Documents');
    expect(fields.env).toEqual([{ key: 0, name: 'TOKEN', value: '', saved: true }]);
    expect(fields.timeLimit).toBe('30');
    expect(draft(fields, false)).toEqual({
      ok: true,
      value: {
        name: 'Files',
        enabled: false,
        transport: 'stdio',
        command: 'npx',
        args: ['-y', '@modelcontextprotocol/server-filesystem', '/home/me/My Documents'],
        cwd: '/home/me',
        url: null,
        // No value: main keeps the stored one.
        env: [{ name: 'TOKEN' }],
        headers: [],
        callTimeoutMs: 30_000,
        approval: 'allow-all',
      },
    });
  });

  it('takes one argument per line, trimmed, blank lines dropped', () => {
    expect(argsOf(' -y \r\n\n@scope/server\n  \n--port=3\n')).toEqual(['-y', '@scope/server', '--port=3']);
  });

  it('sends a typed value, a new empty variable, and drops a blank row; a removed row is forgotten', () => {
    const fields = fieldsOf(view());
    const rows = addRow(addRow(fields.env));
    rows[1] = { ...rows[1]!, name: 'EMPTY' };
    const typed = { ...fields, env: [{ ...rows[0]!, value: 'new secret' }, ...rows.slice(1)] };
    const result = draft(typed);
    expect(result.ok && result.value.env).toEqual([
      { name: 'TOKEN', value: 'new secret' },
      { name: 'EMPTY', value: '' },
    ]);
    const removed = draft({ ...fields, env: [] });
    expect(removed.ok && removed.value.env).toEqual([]);
  });

  it('an HTTP server sends its URL and headers, and forgets the command side', () => {
    const fields = fieldsOf(view({ transport: 'http', command: null, args: [], cwd: null, url: 'http://h/mcp' }));
    fields.headers = [
      { key: 0, name: 'Authorization', value: '', saved: true },
      { key: 1, name: 'X-Team', value: ' blue ', saved: false },
    ];
    const result = draft(fields);
    expect(result.ok && result.value).toMatchObject({
      transport: 'http',
      command: null,
      args: [],
      cwd: null,
      url: 'http://h/mcp',
      env: [],
      headers: [{ name: 'Authorization' }, { name: 'X-Team', value: 'blue' }],
    });
  });

  it('words each mistake before main sees it', () => {
    const base = { ...fieldsOf(null), name: 'x', command: 'node' };
    const wrong = (fields: Partial<ServerFields>) => {
      const result = draft({ ...base, ...fields });
      return result.ok ? null : result.message;
    };
    expect(wrong({ name: '  ' })).toBe(m.needsName);
    expect(wrong({ command: ' ' })).toBe(m.needsCommand);
    expect(wrong({ transport: 'http' })).toBe(m.needsUrl);
    expect(wrong({ transport: 'http', url: 'ftp://x' })).toBe(m.badUrl);
    expect(wrong({ env: [{ key: 0, name: '1X', value: 'v', saved: false }] })).toBe(m.badVariable('1X'));
    const twice = [
      { key: 0, name: 'A', value: 'v', saved: false },
      { key: 1, name: 'A', value: 'w', saved: false },
    ];
    expect(wrong({ env: twice })).toBe(m.variableTwice('A'));
    const header = (name: string, value: string) => [{ key: 0, name, value, saved: false }];
    expect(wrong({ transport: 'http', url: 'http://h', headers: header('X-A', ' ') })).toBe(m.needsValue('X-A'));
    expect(wrong({ transport: 'http', url: 'http://h', headers: header('Host', 'h') })).toBe(
      headerProblem({ kind: 'reserved', name: 'Host' }),
    );
    for (const limit of ['0', '1.5', 'abc', '86401']) expect(wrong({ timeLimit: limit })).toBe(m.badTimeLimit);
    expect(wrong({ timeLimit: ' 90 ' })).toBeNull();
  });

  it('turns a server on or off with everything else as it is, env and headers kept', () => {
    expect(toggledDraft(view(), true)).toEqual({
      name: 'Files',
      enabled: true,
      transport: 'stdio',
      command: 'npx',
      args: ['-y', '@modelcontextprotocol/server-filesystem', '/home/me/My Documents'],
      cwd: '/home/me',
      url: null,
      callTimeoutMs: 30_000,
      approval: 'allow-all',
    });
  });
});
