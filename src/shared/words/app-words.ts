// What the app's own requests say in Runnel's own words: conversations, presets, backends' names,
// links, keys and the IPC gate (`src/main/core/`, `db/`, `ipc/`, `secrets/`).
import { defineWords } from './define-words';

type Name = { name: string };

export const appWords = defineWords(
  'app',
  {
    conversationGone: 'That conversation no longer exists',
    titleEmpty: 'A title cannot be empty.',
    deletedForGood: 'That conversation was deleted for good and cannot be restored.',
    unknownRequest: ({ request }: { request: string }) => `Unknown request: ${request}`,
    invalidRequest: ({ request, detail }: { request: string; detail: string }) => `${request}: ${detail}`,
    linkNotOpened: ({ url }: { url: string }) => `Links of this kind are not opened: ${url}`,
    noPlaintextKeys: 'There are no plaintext keys to move here.',
    presetNameNeeded: 'A preset needs a name',
    checkUpdatesFirst: 'Check for updates first.',
    presetExists: ({ name }: Name) => `A preset named “${name}” already exists`,
    presetGone: 'That preset no longer exists',
    backendExists: ({ name }: Name) => `A backend named "${name}" already exists`,
    backendNotStored: 'The new backend was not stored',
    untrustedFrame: 'Request from an untrusted frame refused',
    headerNeedsValue: ({ name }: Name) => `The header "${name}" needs a value`,
    variableNeedsValue: ({ name }: Name) => `The variable "${name}" needs a value`,
    noKeychain:
      'Keys cannot be saved: the system keychain is not available. Unlock or set up the keychain and try again.',
    keychainGone: 'The system keychain is not available',
  },
  {
    zh: {
      conversationGone: '该对话已不存在',
      titleEmpty: '标题不能为空。',
      deletedForGood: '该对话已被永久删除，无法恢复。',
      unknownRequest: ({ request }: { request: string }) => `未知的请求：${request}`,
      invalidRequest: ({ request, detail }: { request: string; detail: string }) => `${request}：${detail}`,
      linkNotOpened: ({ url }: { url: string }) => `不打开这类链接：${url}`,
      noPlaintextKeys: '这里没有要迁移的明文密钥。',
      presetNameNeeded: '预设需要一个名称',
      checkUpdatesFirst: '请先检查更新。',
      presetExists: ({ name }: Name) => `已有名为“${name}”的预设`,
      presetGone: '该预设已不存在',
      backendExists: ({ name }: Name) => `已有名为“${name}”的后端`,
      backendNotStored: '新后端未能保存',
      untrustedFrame: '已拒绝来自不受信任框架的请求',
      headerNeedsValue: ({ name }: Name) => `请求头“${name}”需要一个值`,
      variableNeedsValue: ({ name }: Name) => `变量“${name}”需要一个值`,
      noKeychain: '无法保存密钥：系统钥匙串不可用。请解锁或设置钥匙串后重试。',
      keychainGone: '系统钥匙串不可用',
    },
  },
);
