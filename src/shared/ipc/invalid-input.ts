// The first thing wrong with an input a zod schema refused, as Runnel's sentence: the English is
// what main has always written (`field: zod's message`), and `said` lets the UI write the reason in
// its own language from the issue's kind (`words/input-words.ts`). A check of Runnel's own says its
// sentence with `ownError`/`ownIssue`, so the reason keeps its key too.
import type * as z from 'zod';
import { inputWords } from '../words/input-words';
import { isSaid, type Spoken } from '../words/define-words';

type Issue = z.core.$ZodIssue;

/** A refinement's error as Runnel's sentence: `.refine(check, ownError(words.say(...)))`. */
export const ownError = (words: Spoken) => ({ error: words.text, params: { said: words.said } });

/** An issue a superRefine adds, in Runnel's words. */
export const ownIssue = (words: Spoken, path?: string[]) => ({
  code: 'custom' as const,
  message: words.text,
  params: { said: words.said },
  ...(path ? { path } : {}),
});

/**
 * "conversationId: expected an id": the first thing wrong with an input, and where (its path,
 * below `at` when the input sits inside something larger). Given the input itself, a missing field
 * is told from a wrong one even where the schema words its type errors its own way.
 */
export function sayInvalidInput(error: z.ZodError, at = '', input?: unknown): Spoken {
  const issue = error.issues[0];
  if (!issue) return inputWords.say('invalid', { field: at || 'input' });
  const path = issue.path.reduce<string>(
    (to, key) => (typeof key === 'number' ? `${to}[${key}]` : to ? `${to}.${String(key)}` : String(key)),
    at,
  );
  if (issue.code === 'unrecognized_keys') {
    // Named at the field, not the object: a typo or a smuggled field fails loudly.
    const key = String(issue.keys[0]).slice(0, 60);
    return inputWords.say('noSuchField', { field: path ? `${path}.${key}` : key });
  }
  const missing = input === undefined ? undefined : valueAt(input, issue.path) === undefined;
  return sayIssue(issue, path || 'input', missing);
}

/** The value at `path` inside `input` (own properties only), or undefined. */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** The English alone (logs, and reports that keep no key). */
export const describeInvalidInput = (error: z.ZodError, at = ''): string => sayInvalidInput(error, at).text;

const listed = (values: readonly unknown[]) =>
  values.map((v) => (typeof v === 'string' ? JSON.stringify(v) : String(v))).join(', ');

function sayIssue(issue: Issue, field: string, missing: boolean | undefined): Spoken {
  const detail = issue.message;
  switch (issue.code) {
    case 'invalid_type':
      // zod reports a missing field as the type it expected ("…, received undefined" in its own words).
      return (missing ?? detail.endsWith('received undefined'))
        ? inputWords.say('missing', { field, detail })
        : inputWords.say('wrongType', { field, detail, expected: issue.expected });
    case 'invalid_value':
      return inputWords.say('notOneOf', { field, detail, options: listed(issue.values) });
    case 'invalid_union':
      // A discriminated union names the values its key may take.
      return 'options' in issue && issue.options?.length
        ? inputWords.say('notOneOf', { field, detail, options: listed(issue.options) })
        : inputWords.say('other', { field, detail });
    case 'too_big':
    case 'too_small':
      return saySize(issue, field);
    case 'invalid_format':
      return inputWords.say(issue.format === 'url' ? 'notUrl' : 'badFormat', { field, detail });
    case 'invalid_key':
      return inputWords.say('badName', { field, detail });
    case 'custom': {
      const said: unknown = issue.params?.said;
      return isSaid(said)
        ? inputWords.say('own', { field, detail: { text: detail, said } })
        : inputWords.say('other', { field, detail });
    }
    default:
      return inputWords.say('other', { field, detail });
  }
}

type SizeKey = 'tooLong' | 'tooMany' | 'tooLarge' | 'tooShort' | 'tooFew' | 'tooSmall';
const sizeKeys: Readonly<Record<'too_big' | 'too_small', Readonly<Record<string, SizeKey>>>> = {
  too_big: { string: 'tooLong', array: 'tooMany', number: 'tooLarge', int: 'tooLarge' },
  too_small: { string: 'tooShort', array: 'tooFew', number: 'tooSmall', int: 'tooSmall' },
};

function saySize(issue: z.core.$ZodIssueTooBig | z.core.$ZodIssueTooSmall, field: string): Spoken {
  const detail = issue.message;
  const limit = Number(issue.code === 'too_big' ? issue.maximum : issue.minimum);
  const keys = sizeKeys[issue.code];
  const key = Object.hasOwn(keys, issue.origin) ? keys[issue.origin] : undefined;
  // A bound that excludes its figure ("> 0") is not said here; zod's words stand.
  if (!key || issue.inclusive === false || !Number.isFinite(limit)) return inputWords.say('other', { field, detail });
  if (key === 'tooShort' && limit === 1) return inputWords.say('empty', { field, detail });
  return inputWords.say(key, { field, detail, limit });
}
