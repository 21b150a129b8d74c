// Where API keys live: never in SQLite, never sent to the renderer. One file-backed store with a
// pluggable codec: Electron's safeStorage encryption in the desktop app, and a clearly named
// plaintext file (owner-only permissions) in the local web host.
//
// An entry that cannot be decrypted (the OS was reinstalled, the data folder was copied to
// another machine, the Linux keyring changed) is not an error for everything else: it reads as
// absent, is reported as unreadable (so settings can say "enter it again"), and the rest load.
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { KeyProtection } from '../../shared/domain';
import { ChatFailure, chatError } from '../../shared/chat-error';
import { appWords } from '../../shared/words/app-words';

export type SecretState = 'none' | 'saved' | 'unreadable';

export interface SecretStore {
  get(id: string): Promise<string | null>;
  set(id: string, value: string | null): Promise<void>;
  has(id: string): Promise<boolean>;
  /** Whether the entry is there and can be read (decrypting it if it was not read yet). */
  state(id: string): Promise<SecretState>;
  /** Throws, saying why, when keys cannot be stored here now (no keychain available). */
  assertWritable(): Promise<void>;
  /** Shown to the user in settings: how keys are protected here. */
  protection(): Promise<KeyProtection>;
}

export interface DecodedSecret {
  plain: string;
  /** The codec would store it differently now (a rotated key, a stronger keyring): write it again. */
  stale: boolean;
}

export interface SecretCodec {
  encode(plain: string): Promise<string>;
  decode(stored: string): Promise<DecodedSecret>;
  protection(): Promise<KeyProtection>;
}

export const plaintextCodec: SecretCodec = {
  encode: async (s) => s,
  decode: async (s) => ({ plain: s, stale: false }),
  protection: async () => 'plaintext-file',
};

export class FileSecretStore implements SecretStore {
  private cache: Map<string, string> | null = null;
  /** Stored values already decoded once (keyed by the stored text): the plain text, or null when decoding failed. */
  private readonly decoded = new Map<string, string | null>();
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly file: string,
    private readonly codec: SecretCodec = plaintextCodec,
  ) {}

  protection(): Promise<KeyProtection> {
    return this.codec.protection();
  }

  async assertWritable(): Promise<void> {
    if ((await this.codec.protection()) === 'unavailable') {
      throw new ChatFailure(chatError('internal', appWords.say('noKeychain')));
    }
  }

  async get(id: string): Promise<string | null> {
    const stored = (await this.load()).get(id);
    if (stored === undefined) return null;
    if (this.decoded.has(stored)) return this.decoded.get(stored) ?? null;
    let plain: string | null = null;
    try {
      const result = await this.codec.decode(stored);
      plain = result.plain;
      if (result.stale) await this.rewrite(id, plain);
    } catch (err) {
      console.error(
        `[runnel] a stored secret (${id}) cannot be decrypted and must be entered again:`,
        (err as Error).message,
      );
    }
    this.decoded.set(stored, plain);
    return plain;
  }

  async has(id: string): Promise<boolean> {
    return (await this.load()).has(id);
  }

  async state(id: string): Promise<SecretState> {
    if (!(await this.has(id))) return 'none';
    return (await this.get(id)) === null ? 'unreadable' : 'saved';
  }

  async set(id: string, value: string | null): Promise<void> {
    const entries = await this.load();
    if (value === null || value === '') entries.delete(id);
    else entries.set(id, await this.codec.encode(value));
    await this.save(entries);
  }

  private async rewrite(id: string, plain: string): Promise<void> {
    try {
      const entries = await this.load();
      const stored = await this.codec.encode(plain);
      entries.set(id, stored);
      this.decoded.set(stored, plain);
      await this.save(entries);
    } catch (err) {
      console.error(`[runnel] could not re-encrypt a stored secret (${id}):`, (err as Error).message);
    }
  }

  private async save(entries: Map<string, string>): Promise<void> {
    const body = JSON.stringify(Object.fromEntries(entries), null, 2);
    // Writes are serialized and atomic (temp file + rename), so a crash never leaves half a file.
    this.writing = this.writing.then(async () => {
      await mkdir(dirname(this.file), { recursive: true });
      const tmp = `${this.file}.tmp`;
      await writeFile(tmp, body, { mode: 0o600 });
      await chmod(tmp, 0o600);
      await rename(tmp, this.file);
    });
    await this.writing;
  }

  private async load(): Promise<Map<string, string>> {
    if (this.cache) return this.cache;
    let parsed: unknown = {};
    try {
      parsed = JSON.parse(await readFile(this.file, 'utf8')) as unknown;
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code !== 'ENOENT') {
        // A damaged file must not stop the app: its keys are entered again, and the next write replaces it.
        if (code !== undefined) throw err;
        const aside = `${this.file}.unreadable-${Date.now()}`;
        await rename(this.file, aside).catch(() => {});
        console.error(
          `[runnel] the secret store could not be read and was moved to ${aside}; keys must be entered again`,
        );
      }
    }
    const map = new Map<string, string>();
    if (typeof parsed === 'object' && parsed !== null) {
      for (const [k, v] of Object.entries(parsed)) if (typeof v === 'string') map.set(k, v);
    }
    this.cache = map;
    return map;
  }
}
