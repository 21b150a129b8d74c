// The MCP servers as Settings → Tools shows them, rendered to static markup: each an item named by
// the server, its switch, Edit and Remove named after it, its status in words for every state, its
// tools in a disclosure, and every server-given text (names, commands, reasons, stderr, tool names
// and descriptions) as text, never HTML, in both languages.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ToolServerStatus, ToolServerView } from '../../../../shared/tools';
import { LanguageContext } from '../../i18n/use-messages';
import { commandLine, ToolServerList } from './tool-server-list';

const attack = '<img src=x onerror=alert(1)> [click](javascript:alert(1)) **bold** <script>alert(2)</script>';

const server = (over: Partial<ToolServerView> = {}): ToolServerView => ({
  id: 'mcp-1',
  name: 'Files',
  enabled: true,
  transport: 'stdio',
  command: 'npx',
  args: ['-y', 'server-filesystem', 'My Documents'],
  cwd: null,
  url: null,
  envNames: [],
  headerNames: [],
  callTimeoutMs: null,
  approval: 'ask',
  status: { state: 'connected', toolCount: 2 },
  tools: [
    { name: 'read_file', description: 'Reads a file', readOnly: true, destructive: false },
    { name: 'delete_file', description: '', readOnly: false, destructive: true },
  ],
  ...over,
});

const render = (servers: ToolServerView[], language: 'en' | 'zh' = 'en', readAt = Date.now()): string =>
  renderToStaticMarkup(
    createElement(
      LanguageContext.Provider,
      { value: language },
      createElement(ToolServerList, {
        servers,
        readAt,
        editingId: null,
        switching: new Map<string, boolean>(),
        onToggle: () => {},
        onEdit: () => {},
        onRemove: () => {},
      }),
    ),
  );

const headline = (status: ToolServerStatus, language: 'en' | 'zh' = 'en') =>
  /<p class="tool-server-headline"><span[^>]*><\/span>(.*?)<\/p>/.exec(render([server({ status })], language))?.[1];

describe('ToolServerList', () => {
  it('names each server item, its switch, Edit and Remove after the server', () => {
    const html = render([server(), server({ id: 'mcp-2', name: 'Web', enabled: false })]);
    const ids = [...html.matchAll(/<li class="tool-server" aria-labelledby="([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toHaveLength(2);
    for (const [i, name] of ['Files', 'Web'].entries()) {
      expect(html).toContain(`id="${ids[i]}" class="tool-server-name">${name}</span>`);
      expect(html).toContain(`aria-label="Edit ${name}"`);
      expect(html).toContain(`aria-label="Remove ${name}"`);
    }
    expect(html).toMatch(/<input type="checkbox" role="switch" aria-label="Enabled: Files" checked=""/);
    expect(html).toMatch(/<input type="checkbox" role="switch" aria-label="Enabled: Web"\/>/);
    expect(render([], 'en')).toContain('No tool servers yet');
  });

  it('shows how a server is reached: its command line, or its URL', () => {
    expect(commandLine({ command: 'node', args: ['a b', '', 'say "hi"', '--x'] })).toBe(
      'node "a b" "" "say \\"hi\\"" --x',
    );
    expect(render([server()])).toContain('>npx -y server-filesystem &quot;My Documents&quot;</code>');
    const http = render([server({ transport: 'http', command: null, args: [], url: 'https://h/mcp' })]);
    expect(http).toContain('>https://h/mcp</code>');
  });

  it('words every status, the retry counting from when it was read, and stderr in a pre', () => {
    expect(headline({ state: 'connecting' })).toBe('Connecting…');
    expect(headline({ state: 'connected', toolCount: 1 })).toBe('Connected · 1 tool');
    expect(headline({ state: 'connected', toolCount: 13 })).toBe('Connected · 13 tools');
    expect(headline({ state: 'stopped' })).toBe('Off');
    const failed: ToolServerStatus = {
      state: 'failed',
      reason: 'spawn uvx ENOENT',
      stderrTail: ['line 1', 'line 2'],
      retryInMs: 4_000,
    };
    expect(headline(failed)).toBe('Failed: spawn uvx ENOENT Trying again in 4 s.');
    expect(headline({ ...failed, retryInMs: 0 })).toBe('Failed: spawn uvx ENOENT');
    const html = render([server({ status: failed })]);
    expect(html).toContain('data-state="failed"');
    expect(html).toContain('<pre>line 1\nline 2</pre>');
    expect(headline(failed, 'zh')).toBe('失败：spawn uvx ENOENT 4 秒后重试。');
    expect(headline({ state: 'connected', toolCount: 3 }, 'zh')).toBe('已连接 · 3 个工具');
  });

  it('lists the tools in a disclosure, with their hints and descriptions', () => {
    const html = render([server()]);
    expect(html).toContain(
      '<details class="tool-server-tools"><summary>2 tools</summary><ul aria-label="Tools of Files">',
    );
    expect(html).toContain(
      '>read_file</span><span class="tool-call-badge" title="Its server says this tool only reads">read-only</span>',
    );
    expect(html).toContain('>delete_file</span><span class="tool-call-badge tool-call-badge-destructive"');
    expect(html).toContain('>Reads a file</span>');
    expect(html).toContain('class="tool-entry-description none">No description</span>');
    expect(render([server({ tools: [] })])).not.toContain('<details');
    expect(render([server()], 'zh')).toContain('<summary>2 个工具</summary>');
  });

  it('shows every text a server gave as text, never as HTML', () => {
    const html = render([
      server({
        name: attack,
        command: attack,
        args: [attack],
        status: { state: 'failed', reason: attack, stderrTail: [attack], retryInMs: 1000 },
        tools: [{ name: attack, description: attack, readOnly: false, destructive: false }],
      }),
    ]);
    // The markup alone: attribute values and text emptied, what is left are the elements made.
    const tags = html.replace(/="[^"]*"/g, '=""').replace(/>[^<]*</g, '><');
    expect(tags).not.toMatch(/<(img|script|a|strong|b)[\s>]/);
    expect(tags).not.toMatch(/\son\w+=/);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});
