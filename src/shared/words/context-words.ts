// What the context step says in Runnel's own words (`src/main/generation/context/`): a request it
// does not send because it cannot fit the model's window, or because the conversation asks first.
import { defineWords } from './define-words';

type TooLong = { used: number; window: number };
type Asked = { window: number; leftOut: number };

export const contextWords = defineWords(
  'context',
  {
    tooLong: ({ used, window }: TooLong) =>
      `The latest message with the system prompt and tools takes about ${used} tokens, which leaves no room for an answer in this model's context window of ${window} tokens. Shorten the message or the system prompt, or set a larger window for the model in Settings.`,
    askFirst: ({ window, leftOut }: Asked) =>
      `This conversation no longer fits in the model's context window of ${window} tokens; ${leftOut === 1 ? 'its oldest message' : `its ${leftOut} oldest messages`} would have to be left out. Nothing was sent.`,
    askBeforeRound: ({ window, leftOut }: Asked) =>
      `With its tool results, this conversation no longer fits in the model's context window of ${window} tokens; ${leftOut === 1 ? 'its oldest message' : `its ${leftOut} oldest messages`} would have to be left out to send them back. The answer so far and its tool calls are kept.`,
    toolResultTooLarge: ({ used, window }: TooLong) =>
      `The tool results of this turn are too large for the model's context window: with the question and the system prompt they take about ${used} tokens, and the window holds ${window}, so they were not sent back to the model. The answer so far and its tool calls are kept. Ask for a smaller result, or set a larger window for the model in Settings.`,
  },
  {
    zh: {
      tooLong: ({ used, window }: TooLong) =>
        `最新的消息连同系统提示词和工具约占 ${used} 个词元，模型的上下文窗口（${window} 个词元）已没有空间容纳回答。请缩短消息或系统提示词，或在设置中为该模型设置更大的窗口。`,
      askFirst: ({ window, leftOut }: Asked) =>
        `此对话已超出模型的上下文窗口（${window} 个词元），需要去掉最早的 ${leftOut} 条消息才能发送。没有发送任何内容。`,
      askBeforeRound: ({ window, leftOut }: Asked) =>
        `加上工具结果后，此对话已超出模型的上下文窗口（${window} 个词元），需要去掉最早的 ${leftOut} 条消息才能把结果发回给模型。已有的回答和工具调用都已保留。`,
      toolResultTooLarge: ({ used, window }: TooLong) =>
        `本轮的工具结果对模型的上下文窗口来说太大：连同问题和系统提示词约占 ${used} 个词元，而窗口只有 ${window} 个，因此没有发回给模型。已有的回答和工具调用都已保留。请让工具返回更小的结果，或在设置中为该模型设置更大的窗口。`,
    },
  },
);
