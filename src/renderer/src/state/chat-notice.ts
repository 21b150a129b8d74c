// The notice near the composer as data (what went wrong, with main's words where it has them); the
// chat column words it in the user's language, so the store keeps no translated text.
import { errorText } from '../i18n/error-text';

export type ChatNotice =
  | { kind: 'choose-model' }
  /** Main's (or the server's) own words. */
  | { kind: 'failed'; message: string }
  | { kind: 'link-failed'; message: string }
  /** More models ticked in Compare than can answer at once. */
  | { kind: 'too-many-compared'; max: number };

export const failureNotice = (err: unknown): ChatNotice => ({ kind: 'failed', message: errorText(err) });
