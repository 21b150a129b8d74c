// Syntax highlighting for code blocks with lowlight (highlight.js grammars, output as a tree, never
// as HTML). Only lowlight's common set is bundled (about 37 languages: the C family, Go, Rust,
// Java, Kotlin, Swift, JS/TS, Python, Ruby, PHP, shell, SQL, HTML/XML, CSS, JSON, YAML, INI/TOML,
// Markdown, diff…); a language outside it, or none, is shown plain. Nothing is guessed: automatic
// detection runs every grammar over the text and is often wrong on short snippets. The grammars
// load with the first code block (lazy-module.ts); until then code shows plain.
import type { createLowlight } from 'lowlight';
import { lazyModule } from './lazy-module';

type Lowlight = ReturnType<typeof createLowlight>;

export const highlighter = lazyModule<Lowlight>(() =>
  import('lowlight').then(({ common, createLowlight }) => createLowlight(common)),
);

export type HighlightTree = ReturnType<Lowlight['highlight']>;

/** Beyond this, highlighting one block would hold the renderer for too long; it is shown plain. */
export const MAX_HIGHLIGHT_CHARS = 100_000;

/** The lowlight name for an info-string language (`ts`, `Python`, `c++`), or null when none is bundled. */
export function highlightLanguage(lowlight: Lowlight, lang: string): string | null {
  const name = lang.toLowerCase();
  const aliases: Record<string, string> = { 'c++': 'cpp', 'c#': 'csharp', 'f#': 'fsharp', golang: 'go' };
  const known = aliases[name] ?? name;
  return known && lowlight.registered(known) ? known : null;
}

/** The code as a tree of spans with `hljs-*` classes, or null to show it plain. */
export function highlightCode(lowlight: Lowlight, code: string, lang: string): HighlightTree | null {
  const language = highlightLanguage(lowlight, lang);
  if (!language || code.length > MAX_HIGHLIGHT_CHARS) return null;
  try {
    return lowlight.highlight(language, code);
  } catch {
    // A grammar that throws on odd input must not take the message down with it.
    return null;
  }
}
