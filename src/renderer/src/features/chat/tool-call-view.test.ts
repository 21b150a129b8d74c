// A tool call as the user sees it, rendered to static markup: a group named after the tool with its
// status, the approval buttons only while it waits, its arguments and result as plain text (nothing
// from a tool or server becomes HTML or markdown), in place within the answer's text, in both languages.
import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { toolCallStatuses, type ToolCallRecord } from '../../../../shared/tools';
import { LanguageContext } from '../../i18n/use-messages';
import { toolCall } from '../../state/tool-call-fixtures';
import { AnswerContent } from './answer-content';
import { ToolCallView, WritingToolCallView } from './tool-call-view';

const attack = '<img src=x onerror=alert(1)> [click](javascript:alert(1)) **bold** <script>alert(2)</script>';

const render = (call: ToolCallRecord, language: 'en' | 'zh' = 'en'): string =>
  renderToStaticMarkup(wrap(createElement(ToolCallView, { call }), language));

const wrap = (element: ReactElement, language: 'en' | 'zh'): ReactElement =>
  createElement(LanguageContext.Provider, { value: language }, element);

const buttons = (html: string) => [...html.matchAll(/<button[^>]*>([^<]*)<\/button>/g)].map((b) => b[1]);

describe('ToolCallView', () => {
  it('is a group named "Tool call: {tool}" carrying its status, for every status', () => {
    for (const status of toolCallStatuses) {
      const html = render(toolCall('t', { status }));
      expect(html).toMatch(
        new RegExp(`^<div role="group" aria-label="Tool call: read_file" data-status="${status}" class="tool-call">`),
      );
    }
  });

  it('asks with the four buttons only while the call waits', () => {
    expect(buttons(render(toolCall('t', { status: 'awaiting-approval' })))).toEqual([
      'Allow once',
      'Allow in this conversation',
      'Always allow',
      'Deny',
    ]);
    for (const status of toolCallStatuses.filter((s) => s !== 'awaiting-approval')) {
      expect(buttons(render(toolCall('t', { status })))).toEqual([]);
    }
  });

  it('words each status for the user, with the server and its hints', () => {
    const words = toolCallStatuses.map(
      (status) => /class="tool-call-status">([^<]*)</.exec(render(toolCall('t', { status })))?.[1],
    );
    expect(words).toEqual(['Waiting for your approval', 'Running…', 'Done', 'Failed', 'Denied', 'Cancelled']);
    const html = render(toolCall('t', { serverName: 'Files', readOnly: true, destructive: true }));
    expect(html).toContain('>Files</span>');
    expect(html).toContain('>read-only</span>');
    expect(html).toContain('>may change things</span>');
    expect(render(toolCall('t', { readOnly: false }))).not.toContain('read-only');
  });

  it('shows the arguments indented while it waits; once ended, folds them with the result under its time', () => {
    const waiting = render(toolCall('t', { arguments: '{"path":"a.txt","n":1}' }));
    expect(waiting).toContain('{\n  &quot;path&quot;: &quot;a.txt&quot;,\n  &quot;n&quot;: 1\n}');
    expect(waiting).not.toContain('<details');
    expect(waiting).not.toContain('data-part="tool-result"');
    const done = render(
      toolCall('t', { status: 'done', result: 'two files', startedAt: 1000, endedAt: 2250, resultTruncated: true }),
    );
    expect(done).toMatch(/^<div role="group"[^>]*><details class="tool-call-fold"><summary/);
    expect(done).toContain('<span class="tool-call-time">1.3 s</span>');
    expect(done).toContain('>cut</span>');
    expect(done).toContain('data-part="tool-result">two files</pre>');
    // Denied before it ran: no time to show, and what the model was told is the result.
    const denied = render(toolCall('t', { status: 'denied', result: 'The user denied this tool call.', endedAt: 5 }));
    expect(denied).not.toContain('tool-call-time');
    expect(denied).toContain('The user denied this tool call.');
  });

  it('shows names, descriptions, arguments and results from tools as text, never as HTML or markdown', () => {
    const html = render(
      toolCall('t', {
        status: 'error',
        toolName: '<b>bold_tool</b>',
        serverName: '<i>srv</i>',
        description: attack,
        arguments: attack,
        result: attack,
      }),
    );
    expect(html).not.toMatch(/<img|<script|<a\s|<strong|<b>|<i>/i);
    // Escaped text never holds a raw '<', so this only matches a real tag's attribute.
    expect(html).not.toMatch(/<[^>]*\son[a-z]+=/i);
    expect(html).toContain('aria-label="Tool call: &lt;b&gt;bold_tool&lt;/b&gt;"');
    const escaped = '&lt;img src=x onerror=alert(1)&gt; [click](javascript:alert(1)) **bold**';
    expect(html.split(escaped).length - 1).toBe(3);
  });

  it('speaks Chinese, keeping the tool name as it is', () => {
    const html = render(toolCall('t'), 'zh');
    expect(html).toContain('aria-label="工具调用：read_file"');
    expect(buttons(html)).toEqual(['允许一次', '在此对话中允许', '始终允许', '拒绝']);
    expect(html).toContain('等待你的批准');
  });
});

describe('AnswerContent', () => {
  it('puts each round of calls where the answer stood when they were made, between its markdown', () => {
    const content = 'Let me **look**.\n\nFound it: the file says hi.';
    const calls = [
      toolCall('a', { toolName: 'list_dir', position: 18, status: 'done' }),
      toolCall('b', { toolName: 'read_file', position: 18, index: 1, status: 'done' }),
    ];
    const html = renderToStaticMarkup(
      wrap(createElement(AnswerContent, { content, toolCalls: calls, streaming: false }), 'en'),
    );
    const order = [
      '<strong>look</strong>',
      'Tool call: list_dir',
      'Tool call: read_file',
      'Found it: the file says hi.',
    ];
    const at = order.map((text) => html.indexOf(text));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect(at).toEqual([...at].sort((x, y) => x - y));
    expect(html.match(/class="markdown"/g)).toHaveLength(2);
  });

  it('renders an answer without calls as one markdown view, as before tools', () => {
    const html = renderToStaticMarkup(
      wrap(createElement(AnswerContent, { content: 'Just *text*.', toolCalls: undefined, streaming: true }), 'en'),
    );
    expect(html).toBe(
      '<div class="markdown"><div class="md-group" style="contain-intrinsic-size:auto 34px"><p>Just <em>text</em>.</p></div></div>',
    );
  });
});

describe('a call being written, and a result with images', () => {
  it('is the same group with the status "streaming", its unfinished arguments as text, and no approval', () => {
    const call = { index: 0, toolName: 'read_file', arguments: `{"path":"${attack}`, position: 0 };
    const html = renderToStaticMarkup(wrap(createElement(WritingToolCallView, { call }), 'en'));
    expect(html).toMatch(
      /^<div role="group" aria-label="Tool call: read_file" data-status="streaming" class="tool-call">/,
    );
    expect(html).toContain('Writing arguments…');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script');
    expect(buttons(html)).toEqual([]);
    const zh = renderToStaticMarkup(wrap(createElement(WritingToolCallView, { call }), 'zh'));
    expect(zh).toContain('正在写入参数…');
  });

  it('stands after the text so far, after the stored calls', () => {
    const html = renderToStaticMarkup(
      wrap(
        createElement(AnswerContent, {
          content: 'Looking.',
          toolCalls: [toolCall('t', { status: 'done', position: 8 })],
          writingCalls: [{ index: 0, toolName: 'write_file', arguments: '{"pa', position: 8 }],
          streaming: true,
        }),
        'en',
      ),
    );
    expect([...html.matchAll(/aria-label="Tool call: (\w+)" data-status="(\w+)"/g)].map((m) => [m[1], m[2]])).toEqual([
      ['read_file', 'done'],
      ['write_file', 'streaming'],
    ]);
  });

  it("counts a result's images in its summary and shows each as a stored attachment, never by address", () => {
    const images = [
      { id: 'img-1', name: 'read_file-image-1.png', mime: 'image/png', size: 90, kind: 'image' as const },
    ];
    const html = render(toolCall('t', { status: 'done', images }));
    expect(html).toContain('1 image');
    expect(html).toContain('data-part="tool-images"');
    expect(html).toContain('aria-label="Open read_file-image-1.png"');
    expect(html).not.toMatch(/src="(https?:|data:)/);
    expect(render(toolCall('t', { status: 'done', images }), 'zh')).toContain('1 张图片');
  });
});
