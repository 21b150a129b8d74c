// How model-written TeX is typeset. Nothing in it may reach out or execute: `trust: false` turns
// \href, \url, \includegraphics, \htmlClass/\htmlId/\htmlStyle/\htmlData into visible errors, and
// the limits stop expansion bombs (\def chains that double) and huge boxes (\rule{1e6em}).
import type { KatexOptions } from 'katex';

/** Longer TeX than this is shown as its source, not typeset. */
export const MAX_TEX_CHARS = 20_000;

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
