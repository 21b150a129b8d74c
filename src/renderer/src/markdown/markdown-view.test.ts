// The markdown renderer is the one place model output becomes DOM: nothing in it may execute,
// navigate on its own, or fetch. Rendered to static markup and checked as text.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { GROUP, groupSizeGuess, groupUnchanged, groupsOf, MarkdownView } from './markdown-view';
import { createBlockSplitter } from './to-blocks';
import { highlighter } from './highlight';

// The grammars load with the first code block in the app; a static render needs them loaded first.
await highlighter.load();

const render = (text: string): string => renderToStaticMarkup(createElement(MarkdownView, { text }));

const hostile = [
  '<script>alert(1)</script>',
  '<div onclick="alert(1)">block html</div>',
  'inline <img src=x onerror="alert(1)"> and <svg onload=alert(1)>',
  '<iframe src="https://evil.example"></iframe>',
  '[js](javascript:alert(1)) [JS](JAVASCRIPT:alert(1)) [spaced]( javascript:alert(1))',
  '[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) [vb](vbscript:msgbox(1)) [file](file:///etc/passwd)',
  '[entity](&#106;avascript:alert(1)) [rel](/relative/path) <javascript:alert(1)>',
  '[ref][evil]\n\n[evil]: javascript:alert(1)',
  '![pixel](https://tracker.example/p.gif "t") ![](data:image/png;base64,AAAA)',
  '<a href="javascript:alert(1)">raw anchor</a>',
].join('\n\n');

describe('MarkdownView', () => {
  it('never emits script, event handlers, iframes or images', () => {
    const html = render(hostile);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<iframe/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<svg/i);
    // Escaped text never holds a raw '<', so these only match real tags' attributes.
    expect(html).not.toMatch(/<[^>]*\son[a-z]+=/i);
    expect(html).not.toMatch(/<[^>]*\s(?:href|src)="(?!https?:|mailto:)/i);
    expect(html).not.toMatch(/<a\s/);
  });

  it('shows raw HTML as visible, escaped text', () => {
    const html = render('<div onclick="x">hi</div>\n\nsome <b>bold</b> text');
    expect(html).toContain('&lt;div onclick=&quot;x&quot;&gt;hi&lt;/div&gt;');
    expect(html).toContain('&lt;b&gt;</span>bold<span class="md-raw-html">&lt;/b&gt;');
    expect(html).not.toContain('<b>');
  });

  it('turns unsafe links into plain text and keeps their words', () => {
    const html = render('[click me](javascript:alert(1)) and [data](data:text/html,x)');
    expect(html).not.toContain('<a');
    expect(html).toContain('click me');
    expect(html).toContain('data');
  });

  it('makes http, https and mailto links, without target', () => {
    const html = render('[site](https://example.com/a?b=1) <mailto:me@example.com> www.example.org');
    expect(html).toContain('<a href="https://example.com/a?b=1" rel="noreferrer noopener">site</a>');
    expect(html).toContain('href="mailto:me@example.com"');
    expect(html).toContain('href="http://www.example.org/"');
    expect(html).not.toContain('target=');
  });

  it('shows images as a placeholder with their address, fetching nothing', () => {
    const html = render('![a cat](https://example.com/cat.png)');
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain('[image: a cat]');
    expect(html).toContain('https://example.com/cat.png');
  });

  it('renders tables with alignment classes', () => {
    const html = render('| a | b |\n|:--|--:|\n| `x` | **y** |');
    expect(html).toContain('<table>');
    expect(html).toContain('<th class="md-align-left">a</th>');
    expect(html).toContain('<td class="md-align-right"><strong>y</strong></td>');
    expect(html).toContain('<code>x</code>');
  });

  it('renders code blocks with a language label, a copy button and highlighted, literal content', () => {
    const html = render('```ts\nconst a = "<b>" && 1;\n```');
    expect(html).toContain('<span class="md-code-lang">ts</span>');
    expect(html).toContain('aria-label="Copy code"');
    expect(html).toContain(
      '<code class="language-ts hljs"><span class="hljs-keyword">const</span> a = ' +
        '<span class="hljs-string">&quot;&lt;b&gt;&quot;</span> &amp;&amp; <span class="hljs-number">1</span>;</code>',
    );
  });

  it('labels a fence without a language and shows an unknown language plain', () => {
    expect(render('```\nplain')).toContain('<span class="md-code-lang">text</span>');
    const html = render('```brainfudge\n+++[>+<-]\n```');
    expect(html).toContain('<span class="md-code-lang">brainfudge</span>');
    expect(html).toContain('<code class="language-brainfudge">+++[&gt;+&lt;-]</code>');
  });

  it('keeps the open fence of a streaming answer plain and highlights it once the fence closes', () => {
    const live = (text: string) => renderToStaticMarkup(createElement(MarkdownView, { text, live: true }));
    expect(live('```python\nprint(1)')).toContain('<code class="language-python">print(1)</code>');
    expect(live('```python\nprint(1)\n```')).toContain('<span class="hljs-built_in">print</span>');
    // An unclosed fence in a finished answer (cut by the length limit) is settled, so highlighted.
    expect(render('```python\nprint(1)')).toContain('<span class="hljs-built_in">print</span>');
  });

  it('renders headings, emphasis, strike, quotes, rules and line breaks', () => {
    const html = render('## Title\n\n*em* **strong** ~~gone~~\n\n> quoted\n\n---\n\nline one  \nline two');
    expect(html).toContain('<h2>Title</h2>');
    expect(html).toContain('<em>em</em>');
    expect(html).toContain('<strong>strong</strong>');
    expect(html).toContain('<del>gone</del>');
    expect(html).toContain('<blockquote><p>quoted</p></blockquote>');
    expect(html).toContain('<hr/>');
    expect(html).toContain('line one<br/>line two');
  });

  it('renders lists, ordered starts and task lists as disabled checkboxes', () => {
    const html = render('- [x] done\n- [ ] todo\n\n3. three\n4. four');
    expect(html).toContain('<input type="checkbox" disabled="" readOnly="" aria-label="Done" checked=""/>');
    expect(html).toContain('<input type="checkbox" disabled="" readOnly="" aria-label="Not done"/>');
    expect(html.match(/type="checkbox"/g)).toHaveLength(2);
    expect(html).toContain('<ol start="3">');
  });

  it('decodes character references in text but not in code', () => {
    const html = render('a &amp; b &lt;tag&gt; &#x1F600; `&amp;`');
    expect(html).toContain('a &amp; b &lt;tag&gt; 😀 <code>&amp;amp;</code>');
  });

  it('renders GFM: strikethrough, autolinked URLs and addresses, centred columns', () => {
    const html = render(
      '~~old~~ and ~tilde~ see https://example.com/x, www.example.org or me@example.com\n\n| c |\n|:-:|\n| 1 |',
    );
    expect(html).toContain('<del>old</del>');
    expect(html).toContain('<del>tilde</del>');
    expect(html).toContain('<a href="https://example.com/x" rel="noreferrer noopener">https://example.com/x</a>,');
    expect(html).toContain('<a href="http://www.example.org/" rel="noreferrer noopener">www.example.org</a>');
    expect(html).toContain('<a href="mailto:me@example.com" rel="noreferrer noopener">me@example.com</a>');
    expect(html).toContain('<th class="md-align-center">c</th>');
  });

  it('puts math in KaTeX hosts, inline and display, and keeps prices and code as text', () => {
    const html = render('Let $x^2$ and \\(y\\) cost $5 or $10. `$z$`\n\n$$\n\\int_0^1 f\n$$\n\n\\[a+b\\]');
    expect(html).toContain('<span class="md-math" data-tex="x^2"></span>');
    expect(html).toContain('<span class="md-math" data-tex="y"></span>');
    expect(html).toContain('cost $5 or $10.');
    expect(html).toContain('<code>$z$</code>');
    expect(html).toContain(
      '<div class="md-math-block"><span class="md-math md-math-display" data-tex="\\int_0^1 f"></span></div>',
    );
    expect(html).toContain(
      '<div class="md-math-block"><span class="md-math md-math-display" data-tex="a+b"></span></div>',
    );
  });

  it('says why a link was not made a link, briefly', () => {
    const html = render(`[x](javascript:${'a'.repeat(500)})`);
    expect(html).toMatch(/<span class="md-unsafe-link" title="Not opened: javascript:a{189}…">x<\/span>/);
  });
});

describe('MarkdownView while streaming', () => {
  const paragraphs = (n: number) => Array.from({ length: n }, (_, i) => `Paragraph ${i} of the answer.`).join('\n\n');
  const changed = (text: string, more: string, live = true) => {
    const split = createBlockSplitter();
    const before = split(text);
    const after = split(text + more);
    const a = groupsOf(before.blocks, before.refs, live);
    const b = groupsOf(after.blocks, after.refs, live);
    return b.map((group, i) => (a[i] ? !groupUnchanged(a[i], group) : true));
  };

  it('renders again only the group holding the growing last block', () => {
    const flags = changed(paragraphs(200), ' More words');
    expect(flags.length).toBe(Math.ceil(399 / GROUP)); // 200 paragraphs and the blank lines between
    expect(flags.slice(0, -1).every((c) => !c)).toBe(true);
    expect(flags.at(-1)).toBe(true);
  });

  it('renders again the group whose last block became final when a new block starts', () => {
    // The blank line and the new paragraph end the block that was growing.
    const flags = changed(paragraphs(GROUP), '\n\nA new paragraph');
    expect(flags.filter(Boolean).length).toBeGreaterThanOrEqual(1);
    expect(flags[0]).toBe(false);
  });

  it('renders every group again when a reference definition appears (links anywhere may change)', () => {
    const flags = changed(`[site][s] ${paragraphs(100)}`, '\n\n[s]: https://example.com');
    expect(flags.every(Boolean)).toBe(true);
  });

  it('lets the browser skip only finished groups with groups before and after them', () => {
    const { blocks, refs } = createBlockSplitter()(paragraphs(200)); // 399 blocks: 13 groups
    const streaming = groupsOf(blocks, refs, true).map((group) => group.between);
    expect(streaming[0]).toBe(false); // its top margin meets the answer's own
    expect(streaming.slice(1, -1).every(Boolean)).toBe(true);
    expect(streaming.at(-1)).toBe(false); // still growing, and its bottom margin meets the footer's
    // Two groups: neither has groups on both sides.
    const two = createBlockSplitter()(paragraphs(GROUP));
    expect(groupsOf(two.blocks, two.refs, false).map((group) => group.between)).toEqual([false, false]);
  });

  it('renders a group again when it may start or stop being skipped', () => {
    const { blocks, refs } = createBlockSplitter()(paragraphs(200));
    const before = groupsOf(blocks, refs, true)[1]!;
    expect(groupUnchanged(before, { ...before, between: !before.between })).toBe(false);
  });

  it('guesses a skipped group taller the more text it holds', () => {
    const px = (text: string) => {
      const { blocks } = createBlockSplitter()(text);
      return Number(/auto (\d+)px/.exec(String(groupSizeGuess(blocks, 0, blocks.length).containIntrinsicSize))![1]);
    };
    expect(px('word '.repeat(400))).toBeGreaterThan(px('word '.repeat(40)));
    expect(px('```\n' + 'line\n'.repeat(50) + '```')).toBeGreaterThan(50 * 20);
  });

  it('keeps groups whose blocks are equal even when the text was lexed again from scratch', () => {
    const text = paragraphs(100);
    const first = groupsOf(createBlockSplitter()(text).blocks, '', false);
    const again = groupsOf(createBlockSplitter()(text).blocks, '', false);
    expect(again.every((group, i) => groupUnchanged(first[i]!, group))).toBe(true);
  });
});
