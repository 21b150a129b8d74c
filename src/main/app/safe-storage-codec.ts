// Encrypts API keys with Electron's safeStorage (the macOS Keychain, Windows DPAPI, libsecret or
// KWallet on Linux). On Linux without a keyring Electron falls back to `basic_text`, which is
// obfuscation only: settings says so instead of pretending (key-protection.ts). A key the
// keychain would now store differently (a rotated key) is reported stale, so it is written again.
import type { SafeStorage } from 'electron';
import type { SecretCodec } from '../secrets/secret-store';
import { keyProtectionOf } from './key-protection';
import { ChatFailure, chatError } from '../../shared/chat-error';
import { appWords } from '../../shared/words/app-words';

type Storage = Pick<
  SafeStorage,
  'isAsyncEncryptionAvailable' | 'getSelectedStorageBackend' | 'encryptStringAsync' | 'decryptStringAsync'
>;

export function safeStorageCodec(storage: Storage, platform: NodeJS.Platform = process.platform): SecretCodec {
  const protection = async () => {
    const available = await storage.isAsyncEncryptionAvailable();
    return keyProtectionOf(platform, available, platform === 'linux' ? storage.getSelectedStorageBackend() : undefined);
  };
  return {
    protection,
    async encode(plain) {
      if ((await protection()) === 'unavailable')
        throw new ChatFailure(chatError('internal', appWords.say('keychainGone')));
      return (await storage.encryptStringAsync(plain)).toString('base64');
    },
    async decode(stored) {
      const { result, shouldReEncrypt } = await storage.decryptStringAsync(Buffer.from(stored, 'base64'));
      return { plain: result, stale: shouldReEncrypt };
    },
  };
}
