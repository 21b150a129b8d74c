// Runnel's own sentences written in main (errors, mostly), in every UI language. Main keeps the
// English as the error's `message` (logs, files, the renderer's pattern checks) and sends the key
// and values along as `said`, so the renderer shows the sentence in the language the user chose.
// Values are inserted as plain text (they may be a server's own words: never markup).
import type { UiLanguage } from '../preferences';

/** A value: plain text or a number, or another sentence said inside this one (written in the same language). */
export type WordValue = string | number | Said;
export type WordValues = Readonly<Record<string, WordValue>>;

/** A sentence: plain text, or a function of the values it names. */
export type Sentence = string | ((values: never) => string);
export type Sentences = Record<string, Sentence>;

/** What main says, in a form any language can be written from. */
export interface Said {
  readonly key: string;
  readonly values: WordValues;
}

/** A sentence written out: English text for `message`, and the key and values for the renderer. */
export interface Spoken {
  readonly text: string;
  readonly said: Said;
}

/** A text value may be given as a sentence already said (`Spoken`): the English writes its text, `said` keeps its key. */
type Given<V> = { [K in keyof V]: V[K] extends string ? string | Spoken : V[K] };
type ValuesOf<S> = S extends (values: infer V) => string ? [values: Given<V>] : [];

export interface WordBook<T extends Sentences> {
  readonly area: string;
  readonly languages: Readonly<Record<UiLanguage, T>>;
  say<K extends keyof T & string>(key: K, ...values: ValuesOf<T[K]>): Spoken;
}

/** Same keys and the same kinds of sentence as the English. */
type Translation<T extends Sentences> = { [K in keyof T]: T[K] extends string ? string : T[K] };

/**
 * A book of sentences for one area of main (`area` prefixes its keys, so keys stay unique across
 * books). English defines the keys; the type makes every other language complete.
 */
export function defineWords<T extends Sentences>(
  area: string,
  en: T,
  translations: { zh: Translation<T> },
): WordBook<T> {
  const languages = { en, zh: translations.zh as T };
  return {
    area,
    languages,
    say(key, ...values) {
      const given = Object.entries((values[0] ?? {}) as Record<string, string | number | Spoken>);
      const english = Object.fromEntries(given.map(([k, v]) => [k, isSpoken(v) ? v.text : v]));
      const kept = Object.fromEntries(given.map(([k, v]) => [k, isSpoken(v) ? v.said : v]));
      return { text: write(en[key] as Sentence, english), said: { key: `${area}.${key}`, values: kept } };
    },
  };
}

/**
 * The sentence `said` names, from whichever of `books` holds its area, in `language`; null when
 * none holds the key (an error stored by another version).
 */
export function sayFrom(books: readonly WordBook<Sentences>[], language: UiLanguage, said: Said): string | null {
  const dot = said.key.indexOf('.');
  const book = books.find((b) => b.area === said.key.slice(0, dot));
  const sentences = book?.languages[language];
  const key = said.key.slice(dot + 1);
  if (dot < 0 || !sentences || !Object.hasOwn(sentences, key)) return null;
  const sentence = sentences[key] as Sentence;
  // A sentence inside this one is written first, in the same language; one not known leaves the whole unknown.
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(said.values)) {
    const written = typeof value === 'object' ? sayFrom(books, language, value) : value;
    if (written === null) return null;
    values[name] = written;
  }
  try {
    return write(sentence, values);
  } catch {
    return null;
  }
}

export function write(sentence: Sentence, values: WordValues): string {
  return typeof sentence === 'string' ? sentence : (sentence as (v: WordValues) => string)(values);
}

const isSpoken = (v: unknown): v is Spoken => typeof v === 'object' && v !== null && 'said' in v;

/** How deep sentences may sit inside each other (one inside another is all main says today). */
const MAX_NESTING = 3;

/**
 * A `said` read back from storage or the wire: a key and values that are strings, finite numbers
 * or, a few levels deep, sentences of their own.
 */
export function isSaid(v: unknown, depth = 0): v is Said {
  if (typeof v !== 'object' || v === null || depth > MAX_NESTING) return false;
  const o = v as Record<string, unknown>;
  if (typeof o.key !== 'string' || typeof o.values !== 'object' || o.values === null || Array.isArray(o.values))
    return false;
  return Object.values(o.values).every(
    (x) => typeof x === 'string' || (typeof x === 'number' && Number.isFinite(x)) || isSaid(x, depth + 1),
  );
}
