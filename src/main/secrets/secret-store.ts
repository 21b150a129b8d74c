// Where API keys live: never in SQLite, never sent to the renderer. One file-backed store with a
// pluggable codec: Electron's safeStorage encryption in the desktop app, and a clearly named
// plaintext file (owner-only permissions) in the local web host.
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface SecretStore {
  get(id: string): Promise<string | null>;
  set(id: string, value: string | null): Promise<void>;
  has(id: string): Promise<boolean>;
  /** Shown to the user in settings: how keys are protected here. */
  readonly protection: string;
}

export interface SecretCodec {
  encode(plain: string): Promise<string>;
  decode(stored: string): Promise<string>;
  protection: string;
}

export const plaintextCodec: SecretCodec = {
  encode: async (s) => s,
  decode: async (s) => s,
  protection: 'plaintext file readable only by your user (local web host)',
};

export class FileSecretStore implements SecretStore {
  private cache: Map<string, string> | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly file: string,
    private readonly codec: SecretCodec = plaintextCodec,
  ) {}

  get protection(): string {
    return this.codec.protection;
  }

  async get(id: string): Promise<string | null> {
    const stored = (await this.load()).get(id);
    return stored === undefined ? null : this.codec.decode(stored);
  }

  async has(id: string): Promise<boolean> {
    return (await this.load()).has(id);
  }

  async set(id: string, value: string | null): Promise<void> {
    const entries = await this.load();
    if (value === null || value === '') entries.delete(id);
    else entries.set(id, await this.codec.encode(value));
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
      if ((err as { code?: string }).code !== 'ENOENT') throw err;
    }
    const map = new Map<string, string>();
    if (typeof parsed === 'object' && parsed !== null) {
      for (const [k, v] of Object.entries(parsed)) if (typeof v === 'string') map.set(k, v);
    }
    this.cache = map;
    return map;
  }
}
