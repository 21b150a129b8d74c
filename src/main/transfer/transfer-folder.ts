// The scratch folder of one running core, inside the data folder (uploads and prepared downloads
// can be as large as the database, so they stay on its disk, not in a RAM-backed /tmp). Folders
// left by a crashed process are removed once they are a day old.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const staleMs = 24 * 60 * 60 * 1000;

export function createTransferFolder(dataDir: string, now = Date.now()): string {
  const parent = join(dataDir, 'transfers');
  mkdirSync(parent, { recursive: true });
  for (const name of readdirSync(parent)) {
    const path = join(parent, name);
    try {
      if (now - statSync(path).mtimeMs > staleMs) rmSync(path, { recursive: true, force: true });
    } catch {
      // another process removed it first
    }
  }
  const folder = join(parent, `${process.pid}-${randomBytes(6).toString('hex')}`);
  mkdirSync(folder);
  return folder;
}

export function removeTransferFolder(folder: string): void {
  rmSync(folder, { recursive: true, force: true });
}
