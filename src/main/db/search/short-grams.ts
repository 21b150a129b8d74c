// What the index for one- and two-character search terms holds: every distinct character and pair
// of neighbouring characters of a message, written as FTS5 tokens. The trigram index cannot find
// terms that short, and reading the messages themselves is too slow at a million of them.
import { IntSet } from './int-set';
import type { Db } from '../db';

/** The SQL function the schema's triggers call to index a message's text. */
export const gramsFunction = 'runnel_grams';

/** Whitespace and control characters separate search terms, so no term holds one. */
const isSeparator = (cp: number): boolean =>
  cp <= 0x20 ||
  (cp >= 0x7f && cp <= 0xa0) ||
  cp === 0x1680 ||
  (cp >= 0x2000 && cp <= 0x200a) ||
  cp === 0x2028 ||
  cp === 0x2029 ||
  cp === 0x202f ||
  cp === 0x205f ||
  cp === 0x3000 ||
  cp === 0xfeff;

/** SQLite's LIKE ignores case for ASCII letters only; the index folds exactly those. */
const foldAscii = (cp: number): number => (cp >= 0x41 && cp <= 0x5a ? cp + 0x20 : cp);

/** A unigram is the hex of its code point; a bigram is both, joined by `g` (never a hex digit). */
const hexOf: string[] = [];
const unigramToken = (cp: number): string => (hexOf[cp] ??= cp.toString(16));
const bigramToken = (a: number, b: number): string => `${unigramToken(a)}g${unigramToken(b)}`;

/** Pair keys are first * pairSpan + second, below 2^31 while a text has fewer distinct characters. */
const pairSpan = 2 ** 15;

/** Scratch for one text at a time: the number (+ 1) given to each BMP character met so far, 0 if none. */
const bmpIds = new Int32Array(0x10000);

/** The code point at `i` (a surrogate pair read whole), ASCII letters folded, or -1 for a separator. */
function codePointAt(text: string, i: number): number {
  const cp = text.codePointAt(i)!;
  return isSeparator(cp) ? -1 : foldAscii(cp);
}

const addNew = (set: Set<string>, key: string): boolean => !set.has(key) && Boolean(set.add(key));

/** The tokens indexed for `text`, space-separated, each once. */
export function gramsOf(text: string): string {
  // Each distinct character gets a small number, so that a pair's key is a small integer.
  const chars: number[] = [];
  const astral = new Map<number, number>();
  const idOf = (cp: number): number => {
    let id = cp < 0x10000 ? bmpIds[cp]! - 1 : (astral.get(cp) ?? -1);
    if (id < 0) {
      id = chars.length;
      chars.push(cp);
      if (cp < 0x10000) bmpIds[cp] = id + 1;
      else astral.set(cp, id);
    }
    return id;
  };
  const pairs = new IntSet(Math.min(1 << 16, text.length));
  // Past pairSpan distinct characters (a very long, very varied text) pair keys are strings.
  const widePairs = new Set<string>();
  const tokens: string[] = [];
  let previous = -1;
  let previousId = -1;
  for (let i = 0; i < text.length; i++) {
    const cp = codePointAt(text, i);
    if (cp > 0xffff) i++;
    if (cp < 0) {
      previous = -1;
      continue;
    }
    const known = chars.length;
    const id = idOf(cp);
    if (id === known) tokens.push(unigramToken(cp));
    if (previous >= 0) {
      const fresh =
        previousId < pairSpan && id < pairSpan
          ? pairs.add(previousId * pairSpan + id)
          : addNew(widePairs, `${previousId},${id}`);
      if (fresh) tokens.push(bigramToken(previous, cp));
    }
    previous = cp;
    previousId = id;
  }
  for (const cp of chars) if (cp < 0x10000) bmpIds[cp] = 0;
  return tokens.join(' ');
}

/**
 * The FTS5 MATCH expression for a term of one or two characters (null when it has more, or is
 * a separator): the same folding as the indexed text, so it finds what `LIKE '%term%'` finds.
 */
export function gramQuery(term: string): string | null {
  const cps = [...term].map((ch) => codePointAt(ch, 0));
  if (cps.length === 0 || cps.length > 2 || cps.some((cp) => cp < 0)) return null;
  return `"${cps.length === 1 ? unigramToken(cps[0]!) : bigramToken(cps[0]!, cps[1]!)}"`;
}

/** Every connection that writes messages needs the function their triggers call. */
export function registerGramsFunction(db: Db): void {
  db.function(gramsFunction, { deterministic: true }, (text: unknown) =>
    typeof text === 'string' ? gramsOf(text) : '',
  );
}
