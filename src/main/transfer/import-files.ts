// What an uploaded file is (a Runnel export, a ChatGPT export or one ChatGPT conversation) and its
// entries, read as a stream: a first pass counts the conversations (for "1,200 of 5,000") and
// sniffs the format without keeping their text; the second hands them out one by one.
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { isChatGptConversation } from './chatgpt-mapper';
import { JsonSplitter, type SplitterOptions } from './json-splitter';
import { checkRunnelHeader } from './runnel-format';
import { transferWords } from '../../shared/words/transfer-words';
import { WordsError } from './words-error';

export type FileKind = 'runnel' | 'chatgpt' | 'chatgpt-single';

export interface FileSurvey {
  kind: FileKind;
  entries: number;
}

export interface FileEntry {
  index: number;
  /** null: larger than the limit, skipped. */
  text: string | null;
}

/** The largest single conversation read (characters of JSON). */
export const maxEntryChars = 128 * 1024 * 1024;

const readChunk = 256 * 1024;

async function* split(path: string, options: SplitterOptions) {
  const splitter = new JsonSplitter(options);
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: readChunk });
  try {
    for await (const chunk of stream) yield* splitter.push(chunk as string);
    splitter.end();
  } finally {
    stream.destroy();
  }
}

/** Throws an Error whose message tells the user what the file is not. */
export async function surveyFile(path: string): Promise<FileSurvey> {
  let root: 'array' | 'object' | null = null;
  let entries = 0;
  let first: string | null = null;
  const fields = new Map<string, string | null>();
  try {
    for await (const event of split(path, {
      arrayField: 'conversations',
      maxEntryChars,
      keepEntries: 'first',
      keepFields: ['format', 'version'],
    })) {
      if (event.kind === 'root') root = event.root;
      else if (event.kind === 'field') fields.set(event.key, event.text);
      else {
        if (event.index === 0) first = event.text;
        entries++;
      }
    }
  } catch (err) {
    // A file that breaks off after some whole conversations still gives those; the second pass
    // reports the break. One that breaks before saying what it is gives nothing.
    if (entries === 0) throw err;
  }
  if (root === 'array') {
    if (first !== null && !isChatGptConversation(parseOrNull(first))) {
      throw new WordsError(transferWords.say('notChatGptList'));
    }
    return { kind: 'chatgpt', entries };
  }
  if (fields.has('format')) {
    checkRunnelHeader(parseOrNull(fields.get('format') ?? null), parseOrNull(fields.get('version') ?? null));
    return { kind: 'runnel', entries };
  }
  if (fields.has('mapping')) return { kind: 'chatgpt-single', entries: 1 };
  throw new WordsError(transferWords.say('unknownFile'));
}

export async function* readEntries(path: string, survey: FileSurvey): AsyncGenerator<FileEntry> {
  if (survey.kind === 'chatgpt-single') {
    const { size } = await stat(path);
    yield { index: 0, text: size > maxEntryChars ? null : await readFile(path, 'utf8') };
    return;
  }
  for await (const event of split(path, { arrayField: 'conversations', maxEntryChars, keepFields: [] })) {
    if (event.kind === 'entry') yield { index: event.index, text: event.text };
  }
}

function parseOrNull(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
