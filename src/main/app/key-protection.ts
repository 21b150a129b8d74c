// Which protection Electron's safeStorage gives keys on this machine, as the settings page names
// it. Plain Node: the caller passes the platform and what safeStorage reported.
import type { KeyProtection } from '../../shared/domain';

/** `linuxBackend` is `safeStorage.getSelectedStorageBackend()`, read once encryption is initialized. */
export function keyProtectionOf(platform: NodeJS.Platform, available: boolean, linuxBackend?: string): KeyProtection {
  if (!available) return 'unavailable';
  if (platform === 'darwin') return 'macos-keychain';
  if (platform === 'win32') return 'windows-dpapi';
  if (linuxBackend === 'gnome_libsecret') return 'libsecret';
  if (linuxBackend?.startsWith('kwallet')) return 'kwallet';
  // basic_text: a fixed key, obfuscation only; unknown: no keyring could be chosen.
  return 'linux-weak';
}
