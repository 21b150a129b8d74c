// What the index for one- and two-character search terms holds: every distinct character and pair
// of neighbouring characters of a message, written as FTS5 tokens. The trigram index cannot find
// terms that short, and reading the messages themselves is too slow at a million of them.
import type { Db } from './open-database';

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

/** Distinct characters per text this index can number while keeping pair keys below 2^31. */
const pairSpan = 2 ** 15;

/** Code points, ASCII letters folded, with each separator as -1. */
function codePoints(text: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = (cp - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
        i++;
      }
    }
    out.push(isSeparator(cp) ? -1 : foldAscii(cp));
  }
  return out;
}

/** The tokens indexed for `text`, space-separated, each once. */
export function gramsOf(text: string): string {
  const cps = codePoints(text);
  // Each distinct character gets a small number, so that a pair's key stays a small integer
  // (cheap to hash); tokens are made only for the distinct ones.
  const ids = new Map<number, number>();
  const pairs = new Set<number | string>();
  const tokens: string[] = [];
  let previous = -1;
  for (let i = 0; i < cps.length; i++) {
    const cp = cps[i]!;
    if (cp < 0) {
      previous = -1;
      continue;
    }
    let id = ids.get(cp);
    if (id === undefined) {
      ids.set(cp, (id = ids.size));
      tokens.push(unigramToken(cp));
    }
    if (previous >= 0) {
      const first = ids.get(previous)!;
      // Past pairSpan distinct characters (only a very long, very varied text) keys are strings.
      const key = first < pairSpan && id < pairSpan ? first * pairSpan + id : `${first},${id}`;
      if (!pairs.has(key)) {
        pairs.add(key);
        tokens.push(bigramToken(previous, cp));
      }
    }
    previous = cp;
  }
  return tokens.join(' ');
}

/**
 * The FTS5 MATCH expression for a term of one or two characters (null when it has more, or is
 * a separator): the same folding as the indexed text, so it finds what `LIKE '%term%'` finds.
 */
export function gramQuery(term: string): string | null {
  const cps = codePoints(term);
  if (cps.length === 0 || cps.length > 2 || cps.some((cp) => cp < 0)) return null;
  return `"${cps.length === 1 ? unigramToken(cps[0]!) : bigramToken(cps[0]!, cps[1]!)}"`;
}

/** Every connection that writes messages needs the function their triggers call. */
export function registerGramsFunction(db: Db): void {
  db.function(gramsFunction, { deterministic: true }, (text: unknown) =>
    typeof text === 'string' ? gramsOf(text) : '',
  );
}
