// Highlighted code becomes React spans, never markup: a tree with foreign elements or odd class
// names keeps only its text and safe classes.
import { createElement, Fragment } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { hastToReact } from './hast-to-react';
import {
  highlightCode as highlightWith,
  highlightLanguage as languageWith,
  highlighter,
  type HighlightTree,
} from './highlight';

const lowlight = await highlighter.load();
const highlightCode = (code: string, lang: string) => highlightWith(lowlight, code, lang);
const highlightLanguage = (lang: string) => languageWith(lowlight, lang);

const toHtml = (tree: HighlightTree): string =>
  renderToStaticMarkup(createElement(Fragment, null, hastToReact(tree.children)));

describe('hastToReact', () => {
  it('turns spans into spans with their classes and text into escaped text', () => {
    const tree = highlightCode('const s = "<img src=x onerror=alert(1)>";', 'js');
    expect(tree).not.toBeNull();
    expect(toHtml(tree!)).toBe(
      '<span class="hljs-keyword">const</span> s = <span class="hljs-string">&quot;&lt;img src=x onerror=alert(1)&gt;&quot;</span>;',
    );
  });

  it('keeps sub-scope classes (hljs-title function_)', () => {
    expect(toHtml(highlightCode('function greet() {}', 'javascript')!)).toContain(
      '<span class="hljs-title function_">greet</span>',
    );
  });

  it('drops foreign elements, attributes, unsafe class names and comments, keeping their text', () => {
    const tree = {
      type: 'root',
      children: [
        {
          type: 'element',
          tagName: 'script',
          properties: { src: 'https://evil.example/x.js' },
          children: [{ type: 'text', value: 'alert(1)' }],
        },
        {
          type: 'element',
          tagName: 'span',
          properties: { className: ['hljs-string', 'x" onclick="y', 'ok'], onclick: 'alert(1)', style: 'color:red' },
          children: [{ type: 'text', value: 'text' }],
        },
        { type: 'comment', value: '<!-- hi -->' },
      ],
    } as unknown as HighlightTree;
    expect(toHtml(tree)).toBe('<span>alert(1)</span><span class="hljs-string ok">text</span>');
  });
});

describe('highlight', () => {
  it('knows common languages by name and alias, and nothing it was not given', () => {
    for (const lang of [
      'ts',
      'tsx',
      'JavaScript',
      'py',
      'rust',
      'go',
      'golang',
      'c++',
      'c#',
      'sh',
      'json',
      'yaml',
      'sql',
      'html',
      'toml',
    ]) {
      expect(highlightLanguage(lang), lang).not.toBeNull();
    }
    for (const lang of ['', 'brainfudge', 'cobol', 'mermaid']) expect(highlightLanguage(lang), lang).toBeNull();
    expect(highlightCode('x', 'mermaid')).toBeNull();
  });

  it('leaves very large blocks plain', () => {
    expect(highlightCode('x = 1\n'.repeat(20_000), 'python')).toBeNull();
  });
});
