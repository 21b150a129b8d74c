// An error's words in the UI's language: Runnel's own sentences from main carry their key (`said`)
// and are written from the word books; a server's words, and errors from other versions, read as
// they came. The UI's language is the document's (`document-preferences.ts` keeps it current), so
// state slices outside React can use this too.
import { toChatError, type ChatError } from '../../../shared/chat-error';
import { wordsIn } from '../../../shared/words/all-words';
import type { Language } from './languages';

export function uiLanguage(): Language {
  return typeof document !== 'undefined' && document.documentElement.lang.startsWith('zh') ? 'zh' : 'en';
}

/** What the error says, in `language` (the UI's by default). */
export function errorWords(error: ChatError, language: Language = uiLanguage()): string {
  return wordsIn(language, error.said, error.message);
}

/** Anything thrown or rejected, as words for the user. */
export const errorText = (err: unknown, language?: Language): string => errorWords(toChatError(err), language);
