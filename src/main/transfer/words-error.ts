// An error whose message is Runnel's own sentence: the English stays its `message` (logs, tests),
// and `said` travels on to the import report or the failed request, for the UI's language.
import { ChatFailure, chatError, type ErrorCode } from '../../shared/chat-error';
import type { Said, Spoken } from '../../shared/words/define-words';

export class WordsError extends Error {
  /** Absent when the message is not Runnel's sentence (a schema's or a library's words). */
  readonly said: Said | undefined;
  constructor(words: Spoken | string) {
    super(typeof words === 'string' ? words : words.text);
    this.name = 'WordsError';
    this.said = typeof words === 'string' ? undefined : words.said;
  }
}

/** What went wrong, as words for a report: the English, and the key when the sentence is Runnel's. */
export function wordsOf(err: unknown): { message: string; said?: Said } {
  if (err instanceof WordsError && err.said) return { message: err.message, said: err.said };
  return { message: err instanceof Error ? err.message : String(err) };
}

/** Runnel's sentence as words for a report. */
export const asWords = (words: Spoken): { message: string; said: Said } => ({ message: words.text, said: words.said });

/** A request's failure in Runnel's words. */
export const failure = (words: Spoken | string, code: ErrorCode = 'invalid_input'): ChatFailure =>
  new ChatFailure(chatError(code, words));
