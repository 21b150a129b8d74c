// The source Mermaid is given and the options it runs with: no configuration or interaction from
// the model reaches it, and sources over the limits are not drawn.
import { describe, expect, it } from 'vitest';
import { MAX_DIAGRAM_CHARS, MAX_DIAGRAM_DEPTH, MAX_DIAGRAM_LINES } from './diagram-limits';
import {
  diagramDepth,
  diagramLimit,
  diagramSource,
  escapeTags,
  isDiagramLanguage,
  mermaidOptions,
} from './diagram-source';

describe('diagramSource', () => {
  it('keeps an ordinary diagram as it is', () => {
    const text = 'flowchart LR\n  A[Start] --> B{Ok?}\n  B -->|yes| C';
    expect(diagramSource(text)).toBe(text);
  });

  it('removes every %%{init}%% directive, on one line or several, and cannot be rebuilt from halves', () => {
    const text = [
      "%%{init: {'securityLevel': 'loose', 'htmlLabels': true}}%%",
      'flowchart LR',
      '%%{',
      '  init: { "themeCSS": "@import url(https://evil.example/x.css);" }',
      '}%%',
      '  A --> B',
      '%%{in%%{init: {"securityLevel":"loose"}}%%it: {"securityLevel":"loose"}}%%',
    ].join('\n');
    const source = diagramSource(text);
    // What is left of the nested one is plain text (a syntax error), never a directive.
    expect(source).not.toMatch(/%%\{/);
    expect(source).not.toContain("'securityLevel'");
    expect(source).not.toContain('themeCSS');
    expect(source).toContain('A --> B');
  });

  it('keeps only the title of a front matter block: its config is dropped', () => {
    const text = [
      '---',
      'title: "Flow"',
      'config:',
      '  securityLevel: loose',
      '  htmlLabels: true',
      '---',
      'flowchart LR',
      '  A --> B',
    ].join('\n');
    expect(diagramSource(text)).toBe('---\ntitle: "Flow"\n---\nflowchart LR\n  A --> B');
    expect(diagramSource('---\nconfig:\n  theme: forest\n---\ngraph TD\nA-->B')).toBe('graph TD\nA-->B');
  });

  it('removes click, callback, link and links lines in every diagram kind', () => {
    const text = [
      'flowchart LR',
      '  A --> B',
      '  click A call __pwned("cb")',
      '  click B href "javascript:__pwned(1)" "tip"',
      '\tCLICK A "https://evil.example"',
      '  callback Shape "__pwned"',
      '  link Shape "javascript:__pwned(2)"',
      '  link Alice: Dashboard @ https://evil.example',
      '  links Alice: {"Dashboard": "javascript:__pwned(3)"}',
      '  linkStyle 0 stroke:#f00',
      '  clickable --> B',
    ].join('\n');
    const source = diagramSource(text);
    expect(source).not.toMatch(/__pwned|evil\.example|^\s*click\s/im);
    expect(source).toContain('linkStyle 0 stroke:#f00'); // styling is not interaction
    expect(source).toContain('clickable --> B'); // a node that only starts with the word
  });

  it('turns CR line ends into LF', () => {
    expect(diagramSource('graph TD\r\nA-->B\rB-->C')).toBe('graph TD\nA-->B\nB-->C');
  });
});

describe('diagram limits', () => {
  it('names the language in any case', () => {
    expect(isDiagramLanguage('mermaid')).toBe(true);
    expect(isDiagramLanguage('Mermaid')).toBe(true);
    expect(isDiagramLanguage('mermaid-js')).toBe(false);
    expect(isDiagramLanguage('')).toBe(false);
  });

  it('measures nesting of subgraphs and braces, ignoring quoted text', () => {
    expect(diagramDepth('flowchart TB\nA-->B')).toBe(0);
    expect(diagramDepth('flowchart TB\nsubgraph one\nsubgraph two\nA\nend\nend\nsubgraph three\nend')).toBe(2);
    expect(diagramDepth('stateDiagram-v2\nstate A {\n  state B {\n    [*] --> C\n  }\n}')).toBe(2);
    expect(diagramDepth('flowchart TB\nA["{{{{{{{{{{{{{{{{{{{{{{{{{"] --> B')).toBe(0);
    // An entity relationship's crow's feet are not blocks; an entity's attribute block is one.
    const relations = Array.from(
      { length: 40 },
      (_, n) => `  E${n} ||--o{ E${n + 1} : has\n  E${n + 1} }|..|{ E${n} : uses`,
    );
    expect(diagramDepth(`erDiagram\n${relations.join('\n')}\n  E0 {\n    string id\n  }`)).toBe(1);
  });

  it('refuses sources too long, with too many lines, or nested too deep', () => {
    expect(diagramLimit('flowchart TB\nA-->B')).toBeNull();
    expect(diagramLimit(`flowchart TB\n%% ${'x'.repeat(MAX_DIAGRAM_CHARS)}`)).toBe('chars');
    expect(diagramLimit(`flowchart TB\n${'A-->B\n'.repeat(MAX_DIAGRAM_LINES)}`)).toBe('lines');
    const nested = (n: number) => `flowchart TB\n${'subgraph s\n'.repeat(n)}A\n${'end\n'.repeat(n)}`;
    expect(diagramLimit(nested(MAX_DIAGRAM_DEPTH))).toBeNull();
    expect(diagramLimit(nested(MAX_DIAGRAM_DEPTH + 1))).toBe('depth');
    expect(diagramLimit(`stateDiagram-v2\n${'state a {\n'.repeat(40)}${'}\n'.repeat(40)}`)).toBe('depth');
  });
});

describe('mermaidOptions', () => {
  it('is strict, without HTML labels, in the app font, with limits, and locks those keys against directives', () => {
    for (const theme of ['light', 'dark'] as const) {
      const o = mermaidOptions(theme);
      expect(o.securityLevel).toBe('strict');
      expect(o.htmlLabels).toBe(false);
      expect(o.flowchart?.htmlLabels).toBe(false);
      expect(o.fontFamily).toBe('var(--font)');
      expect(o.startOnLoad).toBe(false);
      expect(o.maxTextSize).toBe(MAX_DIAGRAM_CHARS);
      expect(o.maxEdges).toBeGreaterThan(0);
      expect(o.suppressErrorRendering).toBe(true);
      expect(o.secure).toEqual(
        expect.arrayContaining([
          'securityLevel',
          'htmlLabels',
          'flowchart',
          'themeCSS',
          'fontFamily',
          'maxTextSize',
          'maxEdges',
        ]),
      );
    }
    expect(mermaidOptions('light').theme).toBe('default');
    expect(mermaidOptions('dark').theme).toBe('dark');
  });
});

describe('escapeTags', () => {
  it('writes the < of every tag as Mermaid’s #lt; entity, in labels, titles and anywhere else', () => {
    expect(escapeTags('A["<img src=x onerror=__pwned(1)>"] --> B')).toBe(
      'A["#lt;img src=x onerror=__pwned(1)>"] --> B',
    );
    expect(escapeTags('A[<b>bold</b>]')).toBe('A[#lt;b>bold#lt;/b>]');
    expect(escapeTags('A[<!-- x -->] --> B[<?xml ?>]')).toBe('A[#lt;!-- x -->] --> B[#lt;?xml ?>]');
    expect(escapeTags('<<img src=x onerror=y>>')).toBe('<#lt;img src=x onerror=y>>');
  });

  it('keeps arrows, line breaks and stereotypes', () => {
    const text =
      'A<-->B\nC<|--D\nA-->>B\nE[one<br>two<br/>three<BR />four]\nclass S {\n  <<interface>>\n}\nstate f <<fork>>';
    expect(escapeTags(text)).toBe(text);
  });
});
