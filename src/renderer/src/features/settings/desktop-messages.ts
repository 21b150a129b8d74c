// Strings of the desktop app's settings: how keys are kept, a key that must be entered again,
// spellcheck, and Settings → About with the update check.
import type { KeyProtection, UpdateStatus } from '../../../../shared/domain';
import { defineMessages } from '../../i18n/define-messages';

export const desktopMessages = defineMessages(
  {
    keyProtection: (how: string) => `API keys and header values: ${how}`,
    protection: (kind: KeyProtection): string =>
      (
        ({
          'macos-keychain': 'encrypted with the macOS Keychain.',
          'windows-dpapi': 'encrypted with Windows Data Protection (DPAPI).',
          libsecret: 'encrypted with the system keyring (libsecret).',
          kwallet: 'encrypted with KWallet.',
          'linux-weak':
            'weak: no keyring was found, so keys are only obfuscated on disk. Install and unlock a keyring (GNOME Keyring or KWallet) to encrypt them.',
          unavailable: 'no keychain is available now, so keys cannot be saved. Unlock or set up the system keychain.',
          'plaintext-file': 'kept in a plaintext file readable only by your user (the web host has no keychain).',
        }) satisfies Record<KeyProtection, string>
      )[kind],
    keyMissing: 'Key missing — enter it again',
    keyMissingNote:
      'The saved API key or header values cannot be decrypted on this machine (the keychain changed, or the data folder was copied here). Enter them again and save.',
    spellcheck: 'Check spelling as I type',
    spellcheckNote:
      'Off by default: when it is on, the desktop app downloads dictionaries for the language from Google’s servers (on Windows and Linux).',
    about: 'About',
    version: (version: string) => `Runnel ${version}`,
    checkForUpdates: 'Check for updates',
    checking: 'Checking…',
    checkAtStart: 'Check for updates at start',
    updatesNote: 'Runnel asks nothing of the internet unless you click here or turn this on.',
    noUpdates: 'Updates are not available here: this is a development build or the web host.',
    download: 'Download update',
    downloading: 'Downloading…',
    restart: 'Restart to update',
    status: (status: UpdateStatus): string => {
      switch (status.state) {
        case 'up-to-date':
          return `Runnel is up to date (${status.version}).`;
        case 'available':
          return `Runnel ${status.version} is available.`;
        case 'downloaded':
          return `Runnel ${status.version} is downloaded; it is installed when Runnel restarts or quits.`;
        case 'failed':
          return `Could not check for updates: ${status.detail}`;
        case 'unsupported':
          return 'Updates are not available here: this is a development build or the web host.';
      }
    },
  },
  {
    zh: {
      keyProtection: (how: string) => `API 密钥与请求头的值：${how}`,
      protection: (kind: KeyProtection): string =>
        (
          ({
            'macos-keychain': '已用 macOS 钥匙串加密。',
            'windows-dpapi': '已用 Windows 数据保护（DPAPI）加密。',
            libsecret: '已用系统密钥环（libsecret）加密。',
            kwallet: '已用 KWallet 加密。',
            'linux-weak':
              '较弱：未找到密钥环，密钥在磁盘上只做了混淆。请安装并解锁密钥环（GNOME Keyring 或 KWallet）以加密它们。',
            unavailable: '当前没有可用的钥匙串，无法保存密钥。请解锁或设置系统钥匙串。',
            'plaintext-file': '保存在只有你的用户可读的明文文件中（网页主机没有钥匙串）。',
          }) satisfies Record<KeyProtection, string>
        )[kind],
      keyMissing: '密钥丢失——请重新输入',
      keyMissingNote:
        '已保存的 API 密钥或请求头的值无法在这台机器上解密（钥匙串已更换，或数据文件夹是从别处复制来的）。请重新输入并保存。',
      spellcheck: '输入时检查拼写',
      spellcheckNote: '默认关闭：开启后，桌面应用会从 Google 的服务器下载该语言的词典（Windows 和 Linux）。',
      about: '关于',
      version: (version: string) => `Runnel ${version}`,
      checkForUpdates: '检查更新',
      checking: '正在检查…',
      checkAtStart: '启动时检查更新',
      updatesNote: '除非你点击这里或开启此项，Runnel 不会访问互联网。',
      noUpdates: '此处无法更新：这是开发版本或网页主机。',
      download: '下载更新',
      downloading: '正在下载…',
      restart: '重启以更新',
      status: (status: UpdateStatus): string => {
        switch (status.state) {
          case 'up-to-date':
            return `Runnel 已是最新版本（${status.version}）。`;
          case 'available':
            return `Runnel ${status.version} 可用。`;
          case 'downloaded':
            return `Runnel ${status.version} 已下载，将在 Runnel 重启或退出时安装。`;
          case 'failed':
            return `无法检查更新：${status.detail}`;
          case 'unsupported':
            return '此处无法更新：这是开发版本或网页主机。';
        }
      },
    },
  },
);
