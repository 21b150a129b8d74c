// Strings of the model picker, the first-start prompt, and the notice that a backend is unreachable.
import type { BackendReachability } from '../../../../shared/domain';
import { defineMessages } from '../../i18n/define-messages';
import type { Reach } from './reach-state';

type Reason = Extract<BackendReachability, { reachable: false }>['reason'];

const reasonsEn: Record<Reason, string> = {
  refused: 'connection refused',
  dns: 'host name not found',
  timeout: 'no answer',
  unreachable: 'host unreachable',
  other: 'connection failed',
};

const reachEn: Record<Reach, string> = {
  reachable: 'Reachable',
  unreachable: 'Unreachable',
  checking: 'Checking…',
  unknown: 'Not checked yet',
};

const reachZh: Record<Reach, string> = {
  reachable: '可以连接',
  unreachable: '无法连接',
  checking: '正在检查…',
  unknown: '尚未检查',
};

const reasonsZh: Record<Reason, string> = {
  refused: '连接被拒绝',
  dns: '找不到主机名',
  timeout: '没有应答',
  unreachable: '主机不可达',
  other: '连接失败',
};

export const modelsMessages = defineMessages(
  {
    model: 'Model',
    chooseModel: 'Choose a model',
    loadingModels: 'Loading models…',
    couldNotList: (why: string) => `Could not list models: ${why}`,
    noModels: 'No models',
    showModels: 'Show models',
    noMatch: 'No model matches',
    reach: (reach: Reach) => reachEn[reach],
    couldNotLoadBackends: (why: string) => `Could not load backends: ${why}`,
    setupPrompt:
      'No model server yet. Add the address of your server (vLLM, llama.cpp, Ollama, LM Studio, any OpenAI-compatible API) to start chatting.',
    setUp: 'Set up a model server',
    unreachable: (name: string, url: string, reason: Reason, detail: string) =>
      `Can’t reach “${name}” at ${url}: ${reason === 'other' && detail ? detail : reasonsEn[reason]}.`,
    offlineHelp: 'History, search and export still work. Messages can be sent once it answers again.',
    checking: 'Checking…',
    retry: 'Try again',
    notSent: 'Not sent: the server is still unreachable. Your text is kept.',
  },
  {
    zh: {
      model: '模型',
      chooseModel: '选择模型',
      loadingModels: '正在加载模型…',
      couldNotList: (why: string) => `无法列出模型：${why}`,
      noModels: '没有模型',
      showModels: '显示模型',
      noMatch: '没有匹配的模型',
      reach: (reach: Reach) => reachZh[reach],
      couldNotLoadBackends: (why: string) => `无法加载后端：${why}`,
      setupPrompt:
        '还没有模型服务器。添加你的服务器地址（vLLM、llama.cpp、Ollama、LM Studio 或任何 OpenAI 兼容的 API）即可开始聊天。',
      setUp: '设置模型服务器',
      unreachable: (name: string, url: string, reason: Reason, detail: string) =>
        `无法连接“${name}”（${url}）：${reason === 'other' && detail ? detail : reasonsZh[reason]}。`,
      offlineHelp: '历史记录、搜索和导出仍然可用。服务器恢复应答后即可发送消息。',
      checking: '正在检查…',
      retry: '重试',
      notSent: '未发送：服务器仍无法连接。你的文字已保留。',
    },
  },
);
