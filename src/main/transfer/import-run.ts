// One import from start to end: count what the files hold, then read, check and store their
// conversations in batches, one transaction per batch, with a turn of the event loop between
// batches so the app stays responsive, and progress after each. Bad entries are reported and
// skipped; bad files too. Cancelling stops after the batch in hand; what was stored stays.
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { ImportProblem, ImportProgress, ImportSummary } from '../../shared/domain';
import { transferWords } from '../../shared/words/transfer-words';
import { asWords, wordsOf } from './words-error';
import type { Db } from '../db/db';
import { mapChatGptConversation } from './chatgpt-mapper';
import {
  ImportConflictError,
  inTransaction,
  writeConversation,
  writeConversationUnguarded,
  type WriteOutcome,
} from './conversation-writer';
import type { ImportedConversation } from './imported-conversation';
import { maxEntryChars, readEntries, surveyFile, type FileSurvey } from './import-files';
import { parseRunnelConversation } from './runnel-format';

export interface ImportFile {
  name: string;
  path: string;
}

export interface ImportRunOptions {
  db: Db;
  files: readonly ImportFile[];
  signal?: AbortSignal;
  onProgress?: (progress: Omit<ImportProgress, 'uploadId'>) => void;
  /** Some conversations were stored (called at most about once a second, and at the end). */
  onChanged?: () => void;
  /** Batch bounds; the defaults keep each transaction well under the time of a frame or two. */
  batchConversations?: number;
  batchMessages?: number;
  batchMs?: number;
}

const maxProblems = 100;

interface Pending {
  conversation: ImportedConversation;
  file: string;
  index: number;
}

export async function runImport(options: ImportRunOptions): Promise<ImportSummary> {
  const { db, files, signal } = options;
  const batchConversations = options.batchConversations ?? 100;
  const batchMessages = options.batchMessages ?? 5_000;
  const batchMs = options.batchMs ?? 40;
  const summary: ImportSummary = {
    files: files.length,
    total: 0,
    added: 0,
    updated: 0,
    unchanged: 0,
    failed: 0,
    messages: 0,
    problems: [],
    cancelled: false,
  };
  const problem = (p: ImportProblem): void => {
    if (summary.problems.length < maxProblems) summary.problems.push(p);
  };
  let done = 0;
  const progress = (phase: ImportProgress['phase']) => options.onProgress?.({ phase, done, total: summary.total });

  // First pass: what each file is and how many conversations it holds.
  const surveyed: { file: ImportFile; survey: FileSurvey }[] = [];
  for (const file of files) {
    if (signal?.aborted) break;
    try {
      const survey = await surveyFile(file.path);
      surveyed.push({ file, survey });
      summary.total += survey.entries;
    } catch (err) {
      problem({ file: file.name, entry: null, title: null, ...wordsOf(err) });
    }
    progress('reading');
  }

  let batch: Pending[] = [];
  let batchSize = 0;
  let sliceStart = Date.now();
  let lastChanged = 0;
  let changedSince = false;

  const flush = async (): Promise<void> => {
    if (batch.length > 0) {
      const items = batch;
      batch = [];
      batchSize = 0;
      for (const [item, result] of writeBatch(db, items)) {
        if ('error' in result) {
          summary.failed++;
          problem({ file: item.file, entry: item.index, title: item.conversation.title, ...result.error });
        } else {
          summary[result.kind]++;
          summary.messages += result.messages;
          if (result.kind !== 'unchanged') changedSince = true;
        }
        done++;
      }
    }
    progress('importing');
    if (changedSince && Date.now() - lastChanged > 1000) {
      changedSince = false;
      lastChanged = Date.now();
      options.onChanged?.();
    }
    await yieldToEventLoop();
    sliceStart = Date.now();
  };

  progress('importing');
  outer: for (const { file, survey } of surveyed) {
    try {
      for await (const entry of readEntries(file.path, survey)) {
        if (signal?.aborted) break outer;
        const read = readEntry(entry.text, survey);
        if ('error' in read) {
          summary.failed++;
          done++;
          problem({ file: file.name, entry: entry.index, title: read.title, ...read.error });
        } else {
          batch.push({ conversation: read.conversation, file: file.name, index: entry.index });
          batchSize += read.conversation.messages.length;
        }
        if (batch.length >= batchConversations || batchSize >= batchMessages || Date.now() - sliceStart > batchMs) {
          await flush();
        }
      }
    } catch (err) {
      // The file broke off (cut short, not JSON past some point): keep what came before.
      problem({ file: file.name, entry: null, title: null, ...wordsOf(err) });
    }
  }
  await flush();
  summary.cancelled = signal?.aborted ?? false;
  // Entries never reached (a cancel, a file that broke off) count as handled, so the bar can end.
  done = summary.total;
  progress('done');
  if (changedSince) options.onChanged?.();
  return summary;
}

/**
 * One transaction for the batch. Savepoints per conversation cost more than the inserts, so the
 * batch is first written without them (collisions are found before writing); only if the database
 * refuses a row midway is it rolled back and written again one savepoint per conversation, which
 * keeps the others and leaves nothing of the refused one.
 */
function writeBatch(db: Db, items: readonly Pending[]): [Pending, WriteOutcome | { error: Words }][] {
  const fast = (): [Pending, WriteOutcome | { error: Words }][] =>
    items.map((item) => {
      try {
        return [item, writeConversationUnguarded(db, item.conversation)];
      } catch (err) {
        if (err instanceof ImportConflictError) return [item, { error: wordsOf(err) }];
        throw err;
      }
    });
  try {
    return inTransaction(db, fast);
  } catch {
    return inTransaction(db, () =>
      items.map((item): [Pending, WriteOutcome | { error: Words }] => {
        try {
          return [item, writeConversation(db, item.conversation)];
        } catch (err) {
          return [item, { error: wordsOf(err) }];
        }
      }),
    );
  }
}

function readEntry(
  text: string | null,
  survey: FileSurvey,
): { conversation: ImportedConversation } | { error: Words; title: string | null } {
  if (text === null) {
    return {
      error: asWords(transferWords.say('entryTooLarge', { megabytes: Math.round(maxEntryChars / 1024 / 1024) })),
      title: null,
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (err) {
    return { error: asWords(transferWords.say('entryNotJson', { why: messageOf(err) })), title: null };
  }
  try {
    const conversation = survey.kind === 'runnel' ? parseRunnelConversation(value) : mapChatGptConversation(value);
    return { conversation };
  } catch (err) {
    return { error: wordsOf(err), title: titleOf(value) };
  }
}

function titleOf(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return null;
  const title = (value as Record<string, unknown>).title;
  return typeof title === 'string' ? title.slice(0, 200) : null;
}

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** What went wrong with a file or an entry, for the report. */
type Words = ReturnType<typeof wordsOf>;
