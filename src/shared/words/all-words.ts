// Every book of main's sentences, so the renderer can write what main said in the UI's language.
// A book added in main is listed here once.
import type { UiLanguage } from '../preferences';
import { transportWords } from './transport-words';
import { write, type Said, type Sentence, type Sentences, type WordBook } from './define-words';

const books: readonly WordBook<Sentences>[] = [transportWords];

const byArea = new Map(books.map((book) => [book.area, book]));

/** The sentence in `language`, or null when the key is not known (an error stored by another version). */
export function sayIn(language: UiLanguage, said: Said): string | null {
  const dot = said.key.indexOf('.');
  const book = byArea.get(said.key.slice(0, dot));
  const sentences = book?.languages[language];
  const key = said.key.slice(dot + 1);
  if (dot < 0 || !sentences || !Object.hasOwn(sentences, key)) return null;
  const sentence = sentences[key] as Sentence;
  try {
    return write(sentence, said.values);
  } catch {
    return null;
  }
}

export const wordBooks = books;
