// How model-written TeX is typeset. Nothing in it may reach out or execute: `trust: false` turns
// \href, \url, \includegraphics, \htmlClass/\htmlId/\htmlStyle/\htmlData into visible errors, and
// the limits stop expansion bombs (\def chains that double) and huge boxes (\rule{1e6em}).
import type { KatexOptions } from 'katex';

/** Longer TeX than this is shown as its source, not typeset. */
export const MAX_TEX_CHARS = 20_000;

/**
 * Deeper group nesting than this is shown as its source: KaTeX typesets recursively, and a few
 * hundred nested `\frac{…}` exhaust the renderer's stack and take the whole page down with it.
 */
export const MAX_TEX_DEPTH = 40;

/** The deepest nesting of `{…}` groups and `\left…\right` pairs in `tex` (escaped braces do not count). */
export function texDepth(tex: string): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < tex.length; i++) {
    const c = tex[i];
    if (c === '\\') {
      if (tex.startsWith('left', i + 1)) depth++;
      else if (tex.startsWith('right', i + 1)) depth = Math.max(0, depth - 1);
      i++; // the escaped character (`\{`, `\}`, `\\`) or the command's first letter
    } else if (c === '{') depth++;
    else if (c === '}') depth = Math.max(0, depth - 1);
    if (depth > deepest) deepest = depth;
  }
  return deepest;
}

/** TeX that is typeset; anything else (too long, too deep) shows as source. */
export const typesettable = (tex: string): boolean => tex.length <= MAX_TEX_CHARS && texDepth(tex) <= MAX_TEX_DEPTH;

export function katexOptions(displayMode: boolean): KatexOptions {
  return {
    displayMode,
    output: 'htmlAndMathml',
    throwOnError: false,
    trust: false,
    // Unicode text in math mode and similar quirks are common in model output; do not warn.
    strict: 'ignore',
    // In ems: no rule, space or box larger than this.
    maxSize: 20,
    // KaTeX's own default, set here so it cannot silently become unlimited.
    maxExpand: 1000,
  };
}
