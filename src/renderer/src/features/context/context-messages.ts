// Strings of the context meter by the composer and of the cut in the conversation. "Context" and
// "Earlier messages are not sent" are accessible names the tests drive.
import { defineMessages } from '../../i18n/define-messages';

export const contextMessages = defineMessages(
  {
    context: 'Context',
    usedOf: (used: string, window: string) => `${used} / ${window}`,
    usedOnly: (used: string) => `${used} tokens`,
    valueText: (used: number, window: number) => `${used} of ${window} tokens`,
    fromUser: (window: number) => `Window: ${window} tokens, set by you in Settings.`,
    fromServer: (window: number, where: string) => `Window: ${window} tokens, as the server reports it (${where}).`,
    fromRefusal: (window: number) => `Window: ${window} tokens, read from the server’s refusal of a longer request.`,
    fromNumCtx: (window: number, trained: number | null, cap: number) =>
      trained
        ? `Window: ${window} tokens, the num_ctx Runnel sends Ollama (the model was trained for ${trained}; capped at ${cap} in the backend’s settings).`
        : `Window: ${window} tokens, the num_ctx Runnel sends Ollama.`,
    unknown:
      'The server does not say how large this model’s context window is; set it for the model in Settings → Backends.',
    counted: 'Counted by the server’s tokenizer.',
    estimated: 'Partly estimated (about four characters a token).',
    leftOut: (n: number) => (n === 1 ? 'The oldest message is not sent.' : `The ${n} oldest messages are not sent.`),
    lowered: (n: number) => `Answer limited to ${n} tokens to fit`,
    notSent: 'Earlier messages are not sent',
  },
  {
    zh: {
      context: '上下文',
      usedOf: (used: string, window: string) => `${used} / ${window}`,
      usedOnly: (used: string) => `${used} 个词元`,
      valueText: (used: number, window: number) => `${window} 个词元中的 ${used} 个`,
      fromUser: (window: number) => `窗口：${window} 个词元，由你在设置中指定。`,
      fromServer: (window: number, where: string) => `窗口：${window} 个词元，来自服务器的报告（${where}）。`,
      fromRefusal: (window: number) => `窗口：${window} 个词元，取自服务器拒绝较长请求时的消息。`,
      fromNumCtx: (window: number, trained: number | null, cap: number) =>
        trained
          ? `窗口：${window} 个词元，即 Runnel 发给 Ollama 的 num_ctx（模型训练长度为 ${trained}，按后端设置上限 ${cap} 截取）。`
          : `窗口：${window} 个词元，即 Runnel 发给 Ollama 的 num_ctx。`,
      unknown: '服务器没有说明这个模型的上下文窗口大小；请在“设置 → 后端”中为该模型设置。',
      counted: '由服务器的分词器计数。',
      estimated: '部分为估算（约每四个字符一个词元）。',
      leftOut: (n: number) => (n === 1 ? '最早的一条消息不会发送。' : `最早的 ${n} 条消息不会发送。`),
      lowered: (n: number) => `为适应窗口，回答限制为 ${n} 个词元`,
      notSent: '更早的消息不会发送',
    },
  },
);

export type ContextMessages = (typeof contextMessages)['en'];
