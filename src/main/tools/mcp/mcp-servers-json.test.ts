// The `mcpServers` object of Claude Desktop, Cursor, LM Studio and Jan: each entry checked on its
// own, a problem per bad entry naming it and the field, never a secret value.
import { describe, expect, it } from 'vitest';
import { sayIn } from '../../../shared/words/all-words';
import { mcpServerConfigSchema } from './server-config';
import { mcpServerIdFor, parseMcpServers, parseMcpServersText } from './mcp-servers-json';

const claudeDesktop = {
  mcpServers: {
    filesystem: {
      command: 'npx',
      args: ['-y', '@modelcontextprotocol/server-filesystem', '/Users/me/Desktop'],
    },
    github: {
      command: 'docker',
      args: ['run', '-i', '--rm', '-e', 'GITHUB_PERSONAL_ACCESS_TOKEN', 'ghcr.io/github/github-mcp-server'],
      env: { GITHUB_PERSONAL_ACCESS_TOKEN: 'ghp_secret' },
    },
    remote: { url: 'https://mcp.example.com/mcp', headers: { Authorization: 'Bearer secret-token' } },
  },
};

describe('parseMcpServersText', () => {
  it('reads stdio and HTTP entries into configs with stable ids', () => {
    const { servers, problems } = parseMcpServersText(JSON.stringify(claudeDesktop));
    expect(problems).toEqual([]);
    expect(servers).toEqual([
      {
        id: mcpServerIdFor('filesystem'),
        name: 'filesystem',
        enabled: true,
        transport: {
          type: 'stdio',
          command: 'npx',
          args: ['-y', '@modelcontextprotocol/server-filesystem', '/Users/me/Desktop'],
          env: {},
        },
      },
      {
        id: mcpServerIdFor('github'),
        name: 'github',
        enabled: true,
        transport: {
          type: 'stdio',
          command: 'docker',
          args: ['run', '-i', '--rm', '-e', 'GITHUB_PERSONAL_ACCESS_TOKEN', 'ghcr.io/github/github-mcp-server'],
          env: { GITHUB_PERSONAL_ACCESS_TOKEN: 'ghp_secret' },
        },
      },
      {
        id: mcpServerIdFor('remote'),
        name: 'remote',
        enabled: true,
        transport: {
          type: 'http',
          url: 'https://mcp.example.com/mcp',
          headers: { Authorization: 'Bearer secret-token' },
        },
      },
    ]);
    for (const s of servers) expect(mcpServerConfigSchema.safeParse(s).success).toBe(true);
    // Applying the same text twice gives the same ids.
    expect(parseMcpServersText(JSON.stringify(claudeDesktop)).servers.map((s) => s.id)).toEqual(
      servers.map((s) => s.id),
    );
  });

  it('accepts the type keys, Windsurf’s serverUrl, disabled, VS Code’s servers and the bare inner object', () => {
    const { servers, problems } = parseMcpServersText(
      JSON.stringify({
        servers: {
          a: { type: 'stdio', command: 'uvx', args: ['mcp-server-time'] },
          b: { type: 'sse', url: 'http://127.0.0.1:8000/sse' },
          c: { type: 'streamable-http', url: 'http://127.0.0.1:8000/mcp', disabled: true },
          d: { type: 'http', serverUrl: 'http://127.0.0.1:9000/mcp' },
          e: { command: 'node', args: ['x.js'], enabled: false, callTimeoutMs: 120_000, approval: 'ask', cwd: '/tmp' },
        },
      }),
    );
    expect(problems).toEqual([]);
    expect(servers.map((s) => [s.name, s.transport.type, s.enabled])).toEqual([
      ['a', 'stdio', true],
      ['b', 'http', true],
      ['c', 'http', false],
      ['d', 'http', true],
      ['e', 'stdio', false],
    ]);
    expect(servers[4]).toMatchObject({ callTimeoutMs: 120_000, approval: 'ask', transport: { cwd: '/tmp' } });
    expect(parseMcpServersText('{"x": {"command": "node"}}').servers[0]?.transport).toEqual({
      type: 'stdio',
      command: 'node',
      args: [],
      env: {},
    });
  });

  it('leaves out each bad entry with its name, field and problem, and keeps the good ones', () => {
    const problem = (entry: Record<string, unknown>) => {
      const parsed = parseMcpServers({ bad: entry, good: { command: 'node' } });
      expect(parsed.servers.map((s) => s.name)).toEqual(['good']);
      expect(parsed.problems).toHaveLength(1);
      expect(parsed.problems[0]?.entry).toBe('"bad" (mcpServers.bad)');
      return parsed.problems[0]?.reason ?? '';
    };
    expect(problem({})).toMatch(/^mcpServers\.bad\.command: expected "command" \(stdio\) or "url" \(HTTP\)/);
    expect(problem({ command: '' })).toMatch(/mcpServers\.bad\.command/);
    expect(problem({ command: 'x', args: 'a b' })).toMatch(/mcpServers\.bad\.args/);
    expect(problem({ command: 'x', args: ['a', 1] })).toMatch(/mcpServers\.bad\.args\[1\]/);
    expect(problem({ command: 'x', env: { PORT: 3000 } })).toMatch(/mcpServers\.bad\.env\.PORT/);
    expect(problem({ command: 'x', env: { 'BAD NAME': 'v' } })).toMatch(/mcpServers\.bad\.env/);
    expect(problem({ command: 'x', url: 'http://h/mcp' })).toMatch(/not both/);
    expect(problem({ type: 'stdio', url: 'http://h/mcp' })).toMatch(/command: required for "type": "stdio"/);
    expect(problem({ type: 'http', command: 'x' })).toMatch(/url: required for "type": "http"/);
    expect(problem({ url: 'ftp://h/x' })).toMatch(/mcpServers\.bad\.url: expected an http/);
    expect(problem({ url: 'http://h/mcp', env: { A: 'b' } })).toMatch(/env: not used by an HTTP server/);
    expect(problem({ command: 'x', headers: { A: 'b' } })).toMatch(/headers: not used by a stdio server/);
    expect(problem({ url: 'http://h/mcp', headers: { 'Bad Name': 'v' } })).toMatch(/headers.*not a valid header name/);
    expect(problem({ type: 'websocket', url: 'ws://h' })).toMatch(/mcpServers\.bad\.type/);
    expect(problem({ command: 'x', callTimeoutMs: 5 })).toMatch(/callTimeoutMs/);
  });

  it('says each field problem in Chinese too, keeping the English it has always written', () => {
    const chinese = (entry: Record<string, unknown>) => {
      const p = parseMcpServers({ bad: entry }).problems[0];
      expect(p?.said, p?.reason).toBeDefined();
      expect(sayIn('en', p!.said!)).toBe(p?.reason);
      return sayIn('zh', p!.said!);
    };
    expect(chinese({})).toBe('mcpServers.bad.command：需要 "command"（stdio）或 "url"（HTTP）');
    expect(chinese({ command: '' })).toBe('mcpServers.bad.command：不能为空');
    expect(chinese({ command: 'x', args: 'a b' })).toBe('mcpServers.bad.args：应为数组');
    expect(chinese({ command: 'x', env: { PORT: 3000 } })).toBe('mcpServers.bad.env.PORT：应为文本');
    expect(chinese({ command: 'x', env: { 'BAD NAME': 'v' } })).toBe('mcpServers.bad.env.BAD NAME：名称无效');
    expect(chinese({ command: 'x', env: { A: 'x\0' } })).toBe('mcpServers.bad.env.A：不能含有 NUL 字符');
    expect(chinese({ type: 'stdio', url: 'http://h/mcp' })).toBe(
      'mcpServers.bad.command："type": "stdio" 需要这个字段',
    );
    expect(chinese({ url: 'ftp://h/x' })).toBe('mcpServers.bad.url：应为 http:// 或 https:// 开头的 URL');
    expect(chinese({ url: 'http://h/mcp', env: { A: 'b' } })).toBe('mcpServers.bad.env：HTTP 服务器不使用这个字段');
    expect(chinese({ url: 'http://h/mcp', headers: { 'Bad Name': 'v' } })).toMatch(
      /^mcpServers\.bad\.headers：“Bad Name”不是有效的请求头名称/,
    );
    expect(chinese({ type: 'websocket', url: 'ws://h' })).toMatch(
      /^mcpServers\.bad\.type：应为以下之一："stdio", "http"/,
    );
    expect(chinese({ command: 'x', callTimeoutMs: 5 })).toBe('mcpServers.bad.callTimeoutMs：不能小于 1000');
  });

  it('never words a secret value in a problem', () => {
    const { problems } = parseMcpServers({
      a: { url: 'http://h/mcp', headers: { Authorization: 'Bearer sk-LEAK\nX: y' } },
      b: { command: 'x', env: { TOKEN: 'sk-LEAK\0' } },
    });
    expect(problems).toHaveLength(2);
    expect(JSON.stringify(problems)).not.toContain('sk-LEAK');
    const broken = parseMcpServersText('{"mcpServers": {"a": {"env": {"TOKEN": "sk-LEAK"}} x}');
    expect(broken.problems[0]?.reason).toMatch(/^not valid JSON/);
    expect(JSON.stringify(broken.problems)).not.toContain('sk-LEAK');
  });

  it('applies an entry with fields of other apps, naming each as ignored', () => {
    const { servers, problems } = parseMcpServers({ s: { command: 'x', autoApprove: ['t'], timeout: 60 } });
    expect(servers).toHaveLength(1);
    expect(problems.map((p) => p.reason)).toEqual([
      'mcpServers.s.autoApprove: not a field Runnel knows; ignored',
      'mcpServers.s.timeout: not a field Runnel knows; ignored',
    ]);
  });

  it('refuses what is not an object of entries, and nameless or non-object entries', () => {
    expect(parseMcpServersText('[]').problems[0]).toEqual({
      entry: null,
      reason: 'expected an object',
      said: { key: 'config.notObject', values: {} },
    });
    expect(parseMcpServers([]).problems[0]?.reason).toBe('mcpServers: expected an object');
    const { problems } = parseMcpServers({ ' ': { command: 'x' }, s: 'npx server' });
    expect(problems.map(({ entry, reason }) => ({ entry, reason }))).toEqual([
      { entry: 'mcpServers. ', reason: 'mcpServers. : a name of 1 to 200 characters is needed' },
      { entry: '"s" (mcpServers.s)', reason: 'mcpServers.s: expected an object' },
    ]);
    expect(problems.map((p) => p.said && sayIn('zh', p.said))).toEqual([
      'mcpServers. ：需要 1 到 200 个字符的名称',
      'mcpServers.s：应为一个对象',
    ]);
  });
});
