// Strings of a backend's per-model context windows in the backend form.
import { defineMessages } from '../../i18n/define-messages';

export const contextWindowMessages = defineMessages(
  {
    legend: 'Context windows',
    note: 'Tokens a model can take, request and answer together. Set here, a figure wins over what the server reports; leave a model out to use the server’s.',
    model: (n: number) => `Model ${n}`,
    tokens: (n: number) => `Model ${n} context window (tokens)`,
    modelPlaceholder: 'Model name',
    tokensPlaceholder: '8192',
    add: 'Add context window',
    remove: (n: number) => `Remove context window ${n}`,
    needsModel: 'A context window needs the model’s name.',
    badTokens: (model: string, min: number) =>
      `The context window of “${model}” must be a whole number of tokens, ${min} or more.`,
    twice: (model: string) => `“${model}” has two context windows; keep one.`,
  },
  {
    zh: {
      legend: '上下文窗口',
      note: '模型能处理的词元数（请求与回答合计）。在此设置的值优先于服务器报告的值；不填则使用服务器的值。',
      model: (n: number) => `模型 ${n}`,
      tokens: (n: number) => `模型 ${n} 的上下文窗口（词元）`,
      modelPlaceholder: '模型名称',
      tokensPlaceholder: '8192',
      add: '添加上下文窗口',
      remove: (n: number) => `删除上下文窗口 ${n}`,
      needsModel: '上下文窗口需要填写模型名称。',
      badTokens: (model: string, min: number) => `“${model}”的上下文窗口必须是不小于 ${min} 的整数词元数。`,
      twice: (model: string) => `“${model}”设置了两个上下文窗口；请只保留一个。`,
    },
  },
);

export type ContextWindowMessages = (typeof contextWindowMessages)['en'];
