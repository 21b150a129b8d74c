// What the backend settings say in Runnel's own words (`src/main/backends/`): the form's errors,
// model lists and "Test connection". A server's words and another sentence said inside (`detail`)
// are values.
import { defineWords } from './define-words';

/** "http: https:" (the allowed schemes, space-separated) as a list in words. */
const schemeList = (schemes: string, or: string) =>
  schemes
    .split(' ')
    .map((p) => `${p}//`)
    .join(or);

export const backendWords = defineWords(
  'backend',
  {
    notAUrl: ({ raw }: { raw: string }) => `"${raw}" is not a URL (expected e.g. http://127.0.0.1:8000/v1)`,
    badScheme: ({ schemes, scheme }: { schemes: string; scheme: string }) =>
      `Base URL must start with ${schemeList(schemes, ' or ')}, not ${scheme}`,
    credentialsInUrl: 'Put credentials in the API key field, not in the URL',
    gone: 'That backend no longer exists',
    nameTaken: ({ name }: { name: string }) => `A backend named "${name}" already exists`,
    nothingToTest: 'Name a saved backend or fill in the form',
    cannotDecrypt: ({ name }: { name: string }) =>
      `The API key or headers of "${name}" cannot be decrypted on this machine (the keychain changed, or the data folder was copied here). Enter them again in Settings.`,
    noModelList: 'The server sent no model list',
    chatSilent: ({ seconds }: { seconds: number }) => `No answer on the chat path within ${seconds} s`,
    chatFails: ({ detail }: { detail: string }) => `Models load, but chat fails: ${detail}`,
  },
  {
    zh: {
      notAUrl: ({ raw }: { raw: string }) => `“${raw}”不是网址（应类似 http://127.0.0.1:8000/v1）`,
      badScheme: ({ schemes, scheme }: { schemes: string; scheme: string }) =>
        `基础网址必须以 ${schemeList(schemes, ' 或 ')} 开头，不能是 ${scheme}`,
      credentialsInUrl: '请把凭据填在 API 密钥一栏，不要写在网址里',
      gone: '这个后端已不存在',
      nameTaken: ({ name }: { name: string }) => `已有名为“${name}”的后端`,
      nothingToTest: '请指定一个已保存的后端，或填写表单',
      cannotDecrypt: ({ name }: { name: string }) =>
        `“${name}”的 API 密钥或请求头无法在这台电脑上解密（钥匙串变了，或数据文件夹是从别处复制来的）。请在设置中重新填写。`,
      noModelList: '服务器没有发来模型列表',
      chatSilent: ({ seconds }: { seconds: number }) => `聊天接口在 ${seconds} 秒内没有应答`,
      chatFails: ({ detail }: { detail: string }) => `模型列表能加载，但聊天失败：${detail}`,
    },
  },
);
