// Brings a database up to the newest schema step, one transaction per step, tracked by
// `PRAGMA user_version`; refuses a database written by a newer Runnel; backs the file up before
// changing a database that already holds a schema.
import { backupBeforeMigration } from './migration-backup';
import type { Db } from '../db';
import { registerGramsFunction } from '../search/short-grams';
import { migrations as allMigrations, type Migration } from './migrations';

export class DatabaseTooNewError extends Error {
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `This database has schema version ${found}, but this version of Runnel only knows up to version ${supported}. ` +
        'It was written by a newer Runnel: update Runnel to open it. The file was left unchanged.',
    );
    this.name = 'DatabaseTooNewError';
  }
}

export function userVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function latestVersion(steps: readonly Migration[] = allMigrations): number {
  return steps.at(-1)?.version ?? 0;
}

/** Throws DatabaseTooNewError without writing anything, so it can run before any other pragma. */
export function refuseNewerDatabase(db: Db, steps: readonly Migration[] = allMigrations): void {
  const found = userVersion(db);
  const supported = latestVersion(steps);
  if (found > supported) throw new DatabaseTooNewError(found, supported);
}

export class MigrationBackupError extends Error {
  constructor(
    readonly from: number,
    readonly to: number,
    cause: unknown,
  ) {
    super(
      `Runnel could not back up its database before upgrading it from schema version ${from} to ${to} ` +
        `(${cause instanceof Error ? cause.message : String(cause)}), so it did not upgrade it. ` +
        'Free some disk space or check the data folder, then start Runnel again.',
      { cause },
    );
    this.name = 'MigrationBackupError';
  }
}

/**
 * Applies the pending steps and returns their versions (empty when the schema is current). A file
 * that already has a schema is copied first (see migration-backup.ts); without a copy nothing is
 * changed.
 */
export function migrate(db: Db, steps: readonly Migration[] = allMigrations): number[] {
  steps.forEach((step, i) => {
    if (step.version !== i + 1)
      throw new Error(`Migration "${step.name}" has version ${step.version}, expected ${i + 1}`);
  });
  refuseNewerDatabase(db, steps);
  // The schema's triggers call it; every connection that writes is migrated first, so gets it here.
  registerGramsFunction(db);

  const from = userVersion(db);
  const to = latestVersion(steps);
  if (from > 0 && from < to && !db.memory && db.name !== '') {
    try {
      backupBeforeMigration(db, from, to);
    } catch (err) {
      throw new MigrationBackupError(from, to, err);
    }
  }

  const applied: number[] = [];
  for (const step of steps) {
    if (step.version <= userVersion(db)) continue;
    // IMMEDIATE takes the write lock before re-reading the version, so two processes opening the
    // same file at once cannot both apply a step.
    const ran = db
      .transaction(() => {
        if (step.version <= userVersion(db)) return false;
        db.exec(step.up);
        db.pragma(`user_version = ${step.version}`);
        return true;
      })
      .immediate();
    if (ran) applied.push(step.version);
  }
  return applied;
}
