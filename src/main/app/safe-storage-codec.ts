// Encrypts API keys with Electron's safeStorage (the OS keychain / DPAPI / libsecret). On Linux
// without a keyring Electron falls back to `basic_text`, which is obfuscation only: we detect it
// and say so in settings instead of pretending.
import { safeStorage } from 'electron';
import type { SecretCodec } from '../secrets/secret-store';

export function safeStorageCodec(): SecretCodec {
  const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os';
  const weak = backend === 'basic_text' || backend === 'unknown';
  return {
    protection: weak
      ? 'weak: no system keyring was found, so keys are only obfuscated (Electron basic_text)'
      : 'encrypted with the operating system keychain (Electron safeStorage)',
    async encode(plain) {
      return (await safeStorage.encryptStringAsync(plain)).toString('base64');
    },
    async decode(stored) {
      return (await safeStorage.decryptStringAsync(Buffer.from(stored, 'base64'))).result;
    },
  };
}
