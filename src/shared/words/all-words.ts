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
import { sayFrom, type Said, type Sentences, type WordBook } from './define-words';

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

/** The sentence in `language`, or null when the key is not known (an error stored by another version). */
export const sayIn = (language: UiLanguage, said: Said): string | null => sayFrom(books, language, said);

/** Runnel's sentence in `language` when it carries one this version knows, else its English as it came. */
export const wordsIn = (language: UiLanguage, said: Said | undefined, english: string): string =>
  (said && sayIn(language, said)) ?? english;

export const wordBooks = books;
