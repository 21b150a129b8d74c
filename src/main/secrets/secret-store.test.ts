// The secret store on real files: an entry that cannot be decrypted reads as missing and is
// named, the others still load; stale entries are written again; keys move from the web host's
// plaintext file into the keychain once asked.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KeyProtection } from '../../shared/domain';
import { movePlaintextKeys, readPlaintextKeys } from './plaintext-keys';
import { FileSecretStore, type SecretCodec } from './secret-store';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'runnel-secrets-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A codec like safeStorage's: "enc:v2:" entries decode, "enc:v1:" ones decode but are stale, others fail. */
function keychain(protection: KeyProtection = 'libsecret'): SecretCodec & { decodes: number } {
  const codec = {
    decodes: 0,
    protection: async () => protection,
    encode: async (plain: string) => {
      if (protection === 'unavailable') throw new Error('no keychain');
      return `enc:v2:${plain}`;
    },
    decode: async (stored: string) => {
      codec.decodes++;
      const m = /^enc:(v1|v2):(.*)$/.exec(stored);
      if (!m) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return { plain: m[2]!, stale: m[1] === 'v1' };
    },
  };
  return codec;
}

const file = () => join(dir, 'secrets.safe-storage.json');
const onDisk = () => JSON.parse(readFileSync(file(), 'utf8')) as Record<string, string>;

describe('the secret store', () => {
  it('reads an entry that fails to decrypt as missing, names it unreadable, and loads the rest', async () => {
    writeFileSync(file(), JSON.stringify({ a: 'enc:v2:key-a', b: 'garbage from another machine', c: 'enc:v2:key-c' }));
    const store = new FileSecretStore(file(), keychain());
    expect(await store.get('b')).toBeNull();
    expect(await store.get('a')).toBe('key-a');
    expect(await store.get('c')).toBe('key-c');
    expect(await store.state('a')).toBe('saved');
    expect(await store.state('b')).toBe('unreadable');
    expect(await store.state('zzz')).toBe('none');
  });

  it('takes a new value for an unreadable entry', async () => {
    writeFileSync(file(), JSON.stringify({ b: 'garbage' }));
    const store = new FileSecretStore(file(), keychain());
    expect(await store.state('b')).toBe('unreadable');
    await store.set('b', 'fresh');
    expect(await store.state('b')).toBe('saved');
    expect(await store.get('b')).toBe('fresh');
  });

  it('decrypts each entry once, and writes a stale one again in the current form', async () => {
    writeFileSync(file(), JSON.stringify({ a: 'enc:v1:old-key' }));
    const codec = keychain();
    const store = new FileSecretStore(file(), codec);
    expect(await store.get('a')).toBe('old-key');
    expect(onDisk()).toEqual({ a: 'enc:v2:old-key' });
    await store.get('a');
    await store.state('a');
    expect(codec.decodes).toBe(1);
  });

  it('moves a damaged file aside instead of failing or overwriting it unseen', async () => {
    writeFileSync(file(), '{ "a": "enc:v2:x"');
    const store = new FileSecretStore(file(), keychain());
    expect(await store.get('a')).toBeNull();
    expect(readdirSync(dir).some((f) => f.startsWith('secrets.safe-storage.json.unreadable-'))).toBe(true);
    await store.set('a', 'again');
    expect(onDisk()).toEqual({ a: 'enc:v2:again' });
  });

  it('says when keys cannot be stored because no keychain is available', async () => {
    const store = new FileSecretStore(file(), keychain('unavailable'));
    await expect(store.assertWritable()).rejects.toThrow(/keychain is not available/);
    expect(await store.protection()).toBe('unavailable');
    await expect(new FileSecretStore(file(), keychain('linux-weak')).assertWritable()).resolves.toBeUndefined();
  });
});

describe('keys the web host left in plaintext', () => {
  it('move into the keychain, keep a key the keychain already has, and the plaintext file goes', async () => {
    const plaintext = join(dir, 'secrets.plaintext.json');
    writeFileSync(plaintext, JSON.stringify({ a: 'web-a', b: 'web-b', 'b:headers': '[["X-T","1"]]', junk: 3 }));
    writeFileSync(file(), JSON.stringify({ b: 'enc:v2:desktop-b' }));
    expect([...readPlaintextKeys(plaintext).keys()]).toEqual(['a', 'b', 'b:headers']);
    const store = new FileSecretStore(file(), keychain());
    expect(await movePlaintextKeys(plaintext, store)).toEqual({ moved: 2, kept: 1 });
    expect(onDisk()).toEqual({ b: 'enc:v2:desktop-b', a: 'enc:v2:web-a', 'b:headers': 'enc:v2:[["X-T","1"]]' });
    expect(existsSync(plaintext)).toBe(false);
  });

  it('leave the plaintext file alone when the keychain cannot take them', async () => {
    const plaintext = join(dir, 'secrets.plaintext.json');
    writeFileSync(plaintext, JSON.stringify({ a: 'web-a' }));
    await expect(movePlaintextKeys(plaintext, new FileSecretStore(file(), keychain('unavailable')))).rejects.toThrow();
    expect(existsSync(plaintext)).toBe(true);
  });

  it('read as none when the file is missing or not an object', async () => {
    expect(readPlaintextKeys(join(dir, 'nope.json')).size).toBe(0);
    writeFileSync(join(dir, 'arr.json'), '[1,2]');
    expect(readPlaintextKeys(join(dir, 'arr.json')).size).toBe(0);
  });
});
