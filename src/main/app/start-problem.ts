// The box shown when Runnel cannot start, in the user's language: the database module that will
// not load, a database from a newer Runnel, a failed backup before an upgrade, a damaged file.
// Other errors are shown in their own words. Pure, so it is tested in plain Node.
import type { UiLanguage } from '../../shared/preferences';
import { write, type Said, type Sentence } from '../../shared/words/define-words';
import { desktopWords } from '../../shared/words/desktop-words';
import { DatabaseCorruptError } from '../db/lifecycle/integrity';
import { DatabaseTooNewError, MigrationBackupError } from '../db/schema/migrate';
import type { NativeModuleCheck } from './native-module';

export interface StartProblem {
  title: string;
  message: string;
}

/** A sentence of the desktop book in `language`. */
export function desktopText(said: Said, language: UiLanguage): string {
  const key = said.key.slice(said.key.indexOf('.') + 1) as keyof (typeof desktopWords.languages)['en'];
  return write(desktopWords.languages[language][key] as Sentence, said.values);
}

const title = (key: 'couldNotStart' | 'cannotOpenDatabase', language: UiLanguage) =>
  desktopText(desktopWords.say(key).said, language);

export function nativeModuleProblem(
  check: Extract<NativeModuleCheck, { ok: false }>,
  language: UiLanguage,
): StartProblem {
  return {
    title: title('cannotOpenDatabase', language),
    message: `${desktopText(check.said.detail, language)}\n\n${desktopText(check.said.fix, language)}`,
  };
}

export function startProblem(err: unknown, language: UiLanguage): StartProblem {
  const said =
    err instanceof DatabaseTooNewError
      ? desktopWords.say('databaseTooNew', { found: err.found, supported: err.supported }).said
      : err instanceof MigrationBackupError
        ? desktopWords.say('backupBeforeUpgrade', { from: err.from, to: err.to, why: causeOf(err) }).said
        : err instanceof DatabaseCorruptError
          ? desktopWords.say('databaseDamaged', { file: err.file, detail: err.detail }).said
          : null;
  const message = said ? desktopText(said, language) : err instanceof Error ? err.message : String(err);
  return { title: title('couldNotStart', language), message };
}

const causeOf = (err: Error): string => (err.cause instanceof Error ? err.cause.message : String(err.cause));
