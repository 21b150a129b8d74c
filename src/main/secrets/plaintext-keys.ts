// Keys the local web host left in the data folder (`secrets.plaintext.json`) when the desktop app
// shares that folder: the desktop app offers once to move them into the keychain. Moving keeps a
// key the keychain already holds for the same backend, and deletes the plaintext file only after
// every key is stored.
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { SecretStore } from './secret-store';

/** Read synchronously: a small file, read once at start so the offer is among the first notices. */
export function readPlaintextKeys(file: string): Map<string, string> {
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    const keys = new Map<string, string>();
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
      for (const [id, value] of Object.entries(parsed)) if (typeof value === 'string' && value) keys.set(id, value);
    }
    return keys;
  } catch {
    return new Map();
  }
}

export async function movePlaintextKeys(file: string, store: SecretStore): Promise<{ moved: number; kept: number }> {
  await store.assertWritable();
  let moved = 0;
  let kept = 0;
  for (const [id, value] of readPlaintextKeys(file)) {
    if ((await store.state(id)) === 'saved') {
      kept++;
      continue;
    }
    await store.set(id, value);
    moved++;
  }
  await rm(file, { force: true });
  return { moved, kept };
}
