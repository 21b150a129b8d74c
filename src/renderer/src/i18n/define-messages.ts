// A feature's UI strings in every language. English defines the keys and the shape (plain text,
// or a function for text with values in it); the type makes every other language complete.
import type { Language } from './languages';

export type MessageValue = string | ((...args: never[]) => string);
export type Messages = Record<string, MessageValue>;

/** Same keys, same kinds of value as the English messages. */
export type Translation<T extends Messages> = { [K in keyof T]: T[K] extends string ? string : T[K] };

export type Catalog<T extends Messages> = Readonly<Record<Language, T>>;

export function defineMessages<T extends Messages>(en: T, translations: { zh: Translation<T> }): Catalog<T> {
  return { en, zh: translations.zh as T };
}
