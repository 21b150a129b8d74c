// Turns what the user typed in the search box into a safe query: an FTS5 MATCH expression for the
// terms the trigram index can find (3 characters or more) and escaped LIKE patterns for shorter
// ones, or, when every term is short, a MATCH for the index of characters and pairs. Every term
// must match. Nothing the user types is ever read as FTS5 syntax.
import { gramQuery } from './short-grams';

/** The trigram tokenizer indexes runs of three characters (Unicode code points). */
export const minIndexedChars = 3;
/** More terms than this are dropped: every term costs a pass over the index. */
export const maxTerms = 16;
/** The escape character of every LIKE pattern built here (`ESCAPE '\'`). */
export const likeEscape = '\\';

export interface SearchQuery {
  /** Every term, as typed (quotes removed): what a snippet highlights. */
  terms: string[];
  /** An FTS5 MATCH expression requiring every term of 3+ characters; null when there is none. */
  match: string | null;
  /** `%…%` LIKE patterns (escape `\`) for the terms shorter than 3 characters; each must match too. */
  likes: string[];
  /**
   * When every term is short: a MATCH expression for the index of characters and pairs that finds
   * what the LIKE patterns find (null otherwise: the trigram match narrows, LIKE checks the rest).
   */
  grams: string | null;
}

/** Characters, not UTF-16 units or bytes: "北京" is 2, "😀" is 1. */
export const charCount = (s: string): number => [...s].length;

/**
 * Splits the input into terms: whitespace separates them, and a double-quoted part is one term,
 * spaces included (an unclosed quote runs to the end). Control characters count as spaces.
 */
export function splitTerms(input: string): string[] {
  const terms: string[] = [];
  let current = '';
  let quoted = false;
  const push = (): void => {
    if (current !== '') terms.push(current);
    current = '';
  };
  for (const ch of input) {
    if (ch === '"') {
      push();
      quoted = !quoted;
    } else if (/[\s\p{Cc}]/u.test(ch)) {
      if (quoted) current += ' ';
      else push();
    } else {
      current += ch;
    }
  }
  push();
  // A quoted term keeps its inner spaces but not the ones at its ends, which match nothing useful.
  const trimmed = terms.map((t) => t.trim()).filter((t) => t !== '');
  return [...new Set(trimmed)].slice(0, maxTerms);
}

/** An FTS5 string: inside double quotes every character is literal, and `"` is written `""`. */
export const ftsString = (term: string): string => `"${term.replaceAll('"', '""')}"`;

/** A LIKE pattern matching `term` anywhere, with `%`, `_` and the escape character taken literally. */
export const likeContains = (term: string): string => `%${term.replace(/[\\%_]/g, (c) => likeEscape + c)}%`;

/** Null when the input has nothing to search for. */
export function buildSearchQuery(input: string): SearchQuery | null {
  const terms = splitTerms(input);
  if (terms.length === 0) return null;
  const long = terms.filter((t) => charCount(t) >= minIndexedChars);
  const short = terms.filter((t) => charCount(t) < minIndexedChars);
  const grams = long.length ? [] : short.map(gramQuery);
  return {
    terms,
    // Phrases side by side are ANDed by FTS5.
    match: long.length ? long.map(ftsString).join(' ') : null,
    likes: short.map(likeContains),
    grams: grams.length && grams.every((g) => g !== null) ? grams.join(' ') : null,
  };
}
