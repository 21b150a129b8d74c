// Strings of the empty chat: the greeting, the model the next message goes to, the starter prompts
// (each a title, a line saying what it is for, and the words it puts in the composer) and, with no
// backend yet, the way to add one.
import { defineMessages } from '../../i18n/define-messages';

export const starterIds = ['explain', 'code', 'summarise', 'diagram'] as const;
export type StarterId = (typeof starterIds)[number];

interface Starter {
  title: string;
  detail: string;
  /** Put in the composer, not sent: it ends where the user goes on writing. */
  prompt: string;
}

const startersEn: Record<StarterId, Starter> = {
  explain: {
    title: 'Explain a concept',
    detail: 'In plain words, with an example',
    prompt: 'Explain this concept in plain words, with an everyday example: ',
  },
  code: {
    title: 'Write code',
    detail: 'A function, a script or a query',
    prompt: 'Write a short, commented program that ',
  },
  summarise: {
    title: 'Summarise a text',
    detail: 'Its key points in a few lines',
    prompt: 'Summarise the text below in five bullet points.\n\n',
  },
  diagram: {
    title: 'Draw a diagram',
    detail: 'A flowchart, drawn in the answer',
    prompt: 'Draw a Mermaid flowchart of ',
  },
};

const startersZh: Record<StarterId, Starter> = {
  explain: {
    title: '解释一个概念',
    detail: '用通俗的话，并举个例子',
    prompt: '用通俗的话解释这个概念，并举一个生活中的例子：',
  },
  code: {
    title: '编写代码',
    detail: '函数、脚本或查询',
    prompt: '写一段简短、带注释的程序，用来',
  },
  summarise: {
    title: '总结一段文字',
    detail: '用几行列出要点',
    prompt: '用五个要点总结下面这段文字。\n\n',
  },
  diagram: {
    title: '画一张图',
    detail: '流程图，直接画在回答里',
    prompt: '用 Mermaid 画一张流程图，内容是：',
  },
};

export const emptyChatMessages = defineMessages(
  {
    greeting: 'What shall we ask?',
    nextMessageTo: 'Next message goes to',
    changeModel: 'Choose another model',
    chooseModel: 'Choose a model in the bar above to start.',
    keys: 'Enter sends, Shift+Enter starts a new line.',
    starters: 'Starter prompts',
    starterTitle: (id: StarterId) => startersEn[id].title,
    starterDetail: (id: StarterId) => startersEn[id].detail,
    starterPrompt: (id: StarterId) => startersEn[id].prompt,
    welcome: 'Welcome to Runnel',
    noBackend:
      'Runnel talks to model servers you run yourself: vLLM, llama.cpp, Ollama, LM Studio or any OpenAI-compatible API. Add the address of yours to start chatting.',
    addBackend: 'Add a backend',
  },
  {
    zh: {
      greeting: '想问点什么？',
      nextMessageTo: '下一条消息发送给',
      changeModel: '选择其他模型',
      chooseModel: '在上方栏中选择一个模型即可开始。',
      keys: '按 Enter 发送，Shift+Enter 换行。',
      starters: '开场提示',
      starterTitle: (id: StarterId) => startersZh[id].title,
      starterDetail: (id: StarterId) => startersZh[id].detail,
      starterPrompt: (id: StarterId) => startersZh[id].prompt,
      welcome: '欢迎使用 Runnel',
      noBackend:
        'Runnel 连接你自己运行的模型服务器：vLLM、llama.cpp、Ollama、LM Studio 或任何 OpenAI 兼容的 API。添加你的服务器地址即可开始聊天。',
      addBackend: '添加一个后端',
    },
  },
);
