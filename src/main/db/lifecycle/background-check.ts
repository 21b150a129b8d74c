// The full `quick_check` of a large database, run on a worker thread with its own read-only
// connection, so opening a history of hundreds of megabytes does not wait seconds for it (it reads
// every page: about 7 ms per MB here). The main thread only learns the outcome.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { isCorruption } from './integrity';

export interface BackgroundCheck {
  /** SQLite's findings when the file is damaged; null when it is healthy or could not be checked. */
  readonly result: Promise<string | null>;
  stop(): Promise<void>;
}

// A CommonJS worker given as source, so neither bundler nor host needs a separate entry file; it
// loads better-sqlite3 by the absolute path resolved here.
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
let db;
try {
  db = new Database(workerData.file, { readonly: true, fileMustExist: true, nativeBinding: workerData.nativeBinding });
  const problems = db.pragma('quick_check(5)').map((r) => r.quick_check).filter((r) => r !== 'ok');
  parentPort.postMessage({ problems });
} catch (err) {
  parentPort.postMessage({ failed: String((err && err.message) || err), code: err && err.code });
} finally {
  if (db) db.close();
}
`;

export function checkInBackground(file: string, nativeBinding?: string): BackgroundCheck {
  const module = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(workerSource, { eval: true, workerData: { file, module, nativeBinding } });
  const result = new Promise<string | null>((resolve) => {
    worker.once('message', (m: { problems?: string[]; failed?: string; code?: string }) => {
      if (m.problems) return resolve(m.problems.length ? m.problems.join('; ') : null);
      if (isCorruption(m)) return resolve(m.failed ?? 'damaged');
      // Not a finding about the file (a lock, a missing binding): say so in the log, claim nothing.
      console.error(`[runnel] the background integrity check could not run: ${m.failed}`);
      resolve(null);
    });
    worker.once('error', (err) => {
      console.error(`[runnel] the background integrity check could not run: ${err.message}`);
      resolve(null);
    });
    worker.once('exit', () => resolve(null));
  });
  return {
    result,
    async stop() {
      await worker.terminate();
    },
  };
}
