// A consistent copy of the live database through SQLite's online backup API: it copies pages in
// steps, yielding between them, and restarts a step if a write lands meanwhile, so the copy is
// one moment of the database even while answers stream. Secrets are not in the file: API keys
// and custom headers live in the secret store.
import type { Db } from '../db/db';

export async function backupDatabase(db: Db, target: string): Promise<void> {
  await db.backup(target);
}
