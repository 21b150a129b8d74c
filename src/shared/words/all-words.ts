// Every book of main's sentences, so the renderer can write what main said in the UI's language.
// A book added in main is listed here once.
import type { UiLanguage } from '../preferences';
import { contextWords } from './context-words';
import { transportWords } from './transport-words';
import { backendWords } from './backend-words';
import { providerWords } from './provider-words';
import { headerWords } from './header-words';
import { generationWords } from './generation-words';
import { appWords } from './app-words';
import { configWords } from './config-words';
import { toolWords } from './tool-words';
import { transferWords } from './transfer-words';
import { inputWords } from './input-words';
import { write, type Said, type Sentence, type Sentences, type WordBook } from './define-words';

// One line per book, each with where it is said.
const books: readonly WordBook<Sentences>[] = [
  transportWords, // src/main/transports
  backendWords, // src/main/backends
  providerWords, // src/main/providers
  headerWords, // custom headers, backends' and tool servers'
  contextWords, // src/main/generation/context
  generationWords, // src/main/generation
  appWords, // src/main/core, db, ipc, secrets
  configWords, // runnel.config.json and pasted mcpServers
  toolWords, // src/main/tools
  transferWords, // src/main/transfer
  inputWords, // fields zod schemas refuse (shared/ipc/invalid-input.ts)
];

const byArea = new Map(books.map((book) => [book.area, book]));

/** The sentence in `language`, or null when the key is not known (an error stored by another version). */
export function sayIn(language: UiLanguage, said: Said): string | null {
  const dot = said.key.indexOf('.');
  const book = byArea.get(said.key.slice(0, dot));
  const sentences = book?.languages[language];
  const key = said.key.slice(dot + 1);
  if (dot < 0 || !sentences || !Object.hasOwn(sentences, key)) return null;
  const sentence = sentences[key] as Sentence;
  // A sentence inside this one is written first, in the same language; one not known leaves the whole unknown.
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(said.values)) {
    const written = typeof value === 'object' ? sayIn(language, value) : value;
    if (written === null) return null;
    values[name] = written;
  }
  try {
    return write(sentence, values);
  } catch {
    return null;
  }
}

export const wordBooks = books;
