// The box shown when Runnel cannot start, in the user's language: the database module that will
// not load, a database from a newer Runnel, a failed backup before an upgrade, a damaged file.
// Other errors are shown in their own words. Pure, so it is tested in plain Node.
import type { UiLanguage } from '../../shared/preferences';
import { sayFrom, type Said, type Spoken } from '../../shared/words/define-words';
import { desktopWords } from '../../shared/words/desktop-words';
import { DatabaseCorruptError } from '../db/lifecycle/integrity';
import { DatabaseTooNewError, MigrationBackupError } from '../db/schema/migrate';
import type { NativeModuleCheck } from './native-module';

export interface StartProblem {
  title: string;
  message: string;
}

/** A sentence of the desktop book (kept out of the renderer's books) in `language`, else its English. */
const desktopText = (said: Said, english: string, language: UiLanguage): string =>
  sayFrom([desktopWords], language, said) ?? english;

const inLanguage = (words: Spoken, language: UiLanguage): string => desktopText(words.said, words.text, language);

const title = (key: 'couldNotStart' | 'cannotOpenDatabase', language: UiLanguage) =>
  inLanguage(desktopWords.say(key), language);

export function nativeModuleProblem(
  check: Extract<NativeModuleCheck, { ok: false }>,
  language: UiLanguage,
): StartProblem {
  return {
    title: title('cannotOpenDatabase', language),
    message: `${desktopText(check.said.detail, check.detail, language)}\n\n${desktopText(check.said.fix, check.fix, language)}`,
  };
}

export function startProblem(err: unknown, language: UiLanguage): StartProblem {
  const words =
    err instanceof DatabaseTooNewError
      ? desktopWords.say('databaseTooNew', { found: err.found, supported: err.supported })
      : err instanceof MigrationBackupError
        ? desktopWords.say('backupBeforeUpgrade', { from: err.from, to: err.to, why: causeOf(err) })
        : err instanceof DatabaseCorruptError
          ? desktopWords.say('databaseDamaged', { file: err.file, detail: err.detail })
          : null;
  const message = words ? inLanguage(words, language) : err instanceof Error ? err.message : String(err);
  return { title: title('couldNotStart', language), message };
}

const causeOf = (err: Error): string => (err.cause instanceof Error ? err.cause.message : String(err.cause));
