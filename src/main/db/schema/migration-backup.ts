// A copy of the database taken just before a migration changes it, named with the versions it
// goes from and to, beside the database file; only the newest few are kept.
import type { Db } from '../db';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileStamp } from '../lifecycle/integrity';

export const keptBackups = 3;

const backupPattern = (file: string) =>
  new RegExp(`^${basename(file).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.backup-v\\d+-to-v\\d+-[\\dTZ-]+$`);

/** Backups of `file` present on disk, oldest first (the stamp sorts by time). */
export function listBackups(file: string): string[] {
  const pattern = backupPattern(file);
  return readdirSync(dirname(file))
    .filter((name) => pattern.test(name))
    .sort((a, b) => stampOf(a).localeCompare(stampOf(b)))
    .map((name) => join(dirname(file), name));
}

// The stamp is the tail after the versions; comparing it alone keeps v9 and v10 in time order.
const stampOf = (name: string) => name.replace(/^.*\.backup-v\d+-to-v\d+-/, '');

/**
 * Writes a consistent copy of the database (`VACUUM INTO` reads one snapshot, so it needs no lock
 * against other writers and leaves the original untouched), then prunes older backups.
 * Returns the backup's path.
 */
export function backupBeforeMigration(db: Db, from: number, to: number, now = new Date()): string {
  const file = db.name;
  let time = now.getTime();
  let target: string;
  do target = `${file}.backup-v${from}-to-v${to}-${fileStamp(new Date(time++))}`;
  while (existsSync(target));
  db.prepare('VACUUM INTO ?').run(target);
  for (const old of listBackups(file).slice(0, -keptBackups)) rmSync(old, { force: true });
  return target;
}
