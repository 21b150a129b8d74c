// What a ```mermaid block may ask of Mermaid, decided before Mermaid sees it (pure, no DOM):
// configuration in the text (`%%{init}%%` directives, a front matter `config:`) is removed, so a
// model cannot change the security level, turn HTML labels on or bring its own CSS and fonts;
// interaction (`click`, `callback`, `link`, `links`) is removed, so a diagram has no links or
// callbacks; and a diagram too large or too deeply nested to draw quickly is not drawn at all.
// The options Mermaid runs with are here too, so the tests check the same object the page uses.
import type { MermaidConfig } from 'mermaid';
import {
  MAX_DIAGRAM_CHARS,
  MAX_DIAGRAM_DEPTH,
  MAX_DIAGRAM_EDGES,
  MAX_DIAGRAM_LINES,
  type DiagramLimit,
  type DiagramTheme,
} from './diagram-limits';

export { isDiagramLanguage } from './diagram-limits';

// `%%{ … }%%` anywhere (it may span lines); Mermaid reads every one as configuration.
const DIRECTIVE = /%%\{[\s\S]*?\}%%/g;
// A line that wires a node to a link or to a function: flowchart and gantt `click`, class diagram
// `callback` and `link`, sequence diagram `link` and `links` (actor menus).
const INTERACTION = /^[ \t]*(?:click[ \t]|callback[ \t]|links?[ \t]+[^\s:"]+[ \t]*[:"]).*$/gim;

/**
 * The source Mermaid is given: no configuration, no interaction. A front matter block keeps only its
 * `title:` line (the rest of it is configuration). Line ends become `\n`.
 */
export function diagramSource(text: string): string {
  let source = text.replace(/\r\n?/g, '\n');
  source = stripFrontMatter(source);
  // Twice: removing one directive must not join the halves of another into a new one.
  source = source.replace(DIRECTIVE, '').replace(DIRECTIVE, '');
  source = source.replace(/%%\{/g, '%% {'); // an unclosed opening can no longer start one
  return escapeTags(source.replace(INTERACTION, '')).trim();
}

// The start of an HTML tag, comment or declaration: `<` then a letter, `/`, `!` or `?`.
const TAG_START = /<(?=[A-Za-z/!?])/g;
// What stays: line breaks (`<br>`, `<br/>`) and stereotypes (`<<interface>>`, `<<choice>>`).
const KEPT_TAG = /^<(?:br\s*\/?>|<[\w ]{1,40}>>)/i;

/**
 * HTML in the text becomes text: each tag's `<` is written as Mermaid's entity `#lt;`, which it
 * draws as `<`. Labels are SVG text here, so markup would only ever show as text; but Mermaid
 * hands labels to an HTML parser on the way (to sanitise them), and an `<img onerror>` must not
 * reach one, even where the CSP would stop the handler.
 */
export function escapeTags(source: string): string {
  return source.replace(TAG_START, (lt, at: number) => {
    if (source.charAt(at - 1) === '<' && KEPT_TAG.test(source.slice(at - 1))) return lt;
    return KEPT_TAG.test(source.slice(at)) ? lt : '#lt;';
  });
}

function stripFrontMatter(source: string): string {
  const match = /^\s*---[ \t]*\n([\s\S]*?)\n[ \t]*---[ \t]*(?:\n|$)/.exec(source);
  if (!match) return source;
  const title = /^title:[ \t]*(.*)$/m.exec(match[1] ?? '')?.[1]?.trim();
  const rest = source.slice(match[0].length);
  return title ? `---\ntitle: ${JSON.stringify(title.replace(/^["']|["']$/g, ''))}\n---\n${rest}` : rest;
}

/** Why a source is not drawn, or null when it may be. */
export function diagramLimit(source: string): DiagramLimit | null {
  if (source.length > MAX_DIAGRAM_CHARS) return 'chars';
  if (source.split('\n').length > MAX_DIAGRAM_LINES) return 'lines';
  if (diagramDepth(source) > MAX_DIAGRAM_DEPTH) return 'depth';
  return null;
}

// An entity relationship's ends (`||--o{`, `}|..|{`): their braces are cardinality, not blocks.
const ER_RELATION = /[|}][o|](?:--|\.\.)[o|][|{]/g;

/**
 * The deepest nesting of blocks: `subgraph`/`box`/`rect`/`loop`/`alt`/`opt`/`par`/`critical`/
 * `break` … `end` (flowcharts, sequences) and `{` … `}` (states, classes, namespaces, mindmap-like
 * forms). Text inside quotes does not count.
 */
export function diagramDepth(source: string): number {
  let depth = 0;
  let deepest = 0;
  for (const rawLine of source.split('\n')) {
    const line = rawLine
      .replace(/"[^"\n]*"/g, '""')
      .replace(ER_RELATION, '--')
      .trim();
    if (/^(subgraph|box|rect|loop|alt|opt|par|critical|break)\b/i.test(line)) depth++;
    else if (/^end\b/i.test(line)) depth = Math.max(0, depth - 1);
    for (const c of line) {
      if (c === '{') depth++;
      else if (c === '}') depth = Math.max(0, depth - 1);
      deepest = Math.max(deepest, depth);
    }
    deepest = Math.max(deepest, depth);
  }
  return deepest;
}

/** The font Mermaid measures and draws with: the app's own, by its CSS variable (nothing to load). */
export const DIAGRAM_FONT = 'var(--font)';

// Keys no directive may change even if one reached Mermaid (Mermaid's own `secure` list, extended).
const SECURE_KEYS = [
  'secure',
  'securityLevel',
  'startOnLoad',
  'maxTextSize',
  'maxEdges',
  'suppressErrorRendering',
  'htmlLabels',
  'flowchart',
  'theme',
  'themeVariables',
  'themeCSS',
  'fontFamily',
  'altFontFamily',
  'darkMode',
  'dompurifyConfig',
  'layout',
  'elk',
  'look',
  'arrowMarkerAbsolute',
  'legacyMathML',
  'forceLegacyMathML',
];

export function mermaidOptions(theme: DiagramTheme): MermaidConfig {
  return {
    startOnLoad: false,
    securityLevel: 'strict',
    htmlLabels: false,
    flowchart: { htmlLabels: false },
    theme: theme === 'dark' ? 'dark' : 'default',
    darkMode: theme === 'dark',
    fontFamily: DIAGRAM_FONT,
    altFontFamily: DIAGRAM_FONT,
    // dagre: ELK is larger and slower, and nothing here needs it.
    layout: 'dagre',
    maxTextSize: MAX_DIAGRAM_CHARS,
    maxEdges: MAX_DIAGRAM_EDGES,
    // Errors come back to us as exceptions; Mermaid draws no error picture of its own.
    suppressErrorRendering: true,
    logLevel: 'fatal',
    secure: SECURE_KEYS,
  };
}
