// Strings of a tool call in an answer: its group's name, how far it has come, the server's hints,
// its arguments and result, and the approval it asks for.
import type { ToolCallStatus } from '../../../../shared/tools';
import { defineMessages } from '../../i18n/define-messages';

export const toolMessages = defineMessages(
  {
    group: (tool: string) => `Tool call: ${tool}`,
    awaiting: 'Waiting for your approval',
    running: 'Running…',
    writing: 'Writing arguments…',
    images: (n: number) => (n === 1 ? '1 image' : `${n} images`),
    done: 'Done',
    failed: 'Failed',
    denied: 'Denied',
    cancelled: 'Cancelled',
    readOnly: 'read-only',
    readOnlyHint: 'Its server says this tool only reads',
    destructive: 'may change things',
    destructiveHint: 'Its server says this tool may change or delete things',
    server: (name: string) => `Server: ${name}`,
    arguments: 'Arguments',
    noArguments: 'No arguments',
    result: 'Result',
    noResult: 'No result',
    details: 'Details',
    cut: 'cut',
    cutHint: 'The result was longer than the limit: the model got it cut short',
    question: 'Run this tool with these arguments?',
    allowOnce: 'Allow once',
    allowConversation: 'Allow in this conversation',
    allowConversationHint: 'Run this tool without asking for the rest of this conversation',
    allowAlways: 'Always allow',
    allowAlwaysHint: 'Run this tool of this server without asking, in every conversation',
    deny: 'Deny',
    denyHint: 'Do not run it; the model is told you denied the call',
    noLongerWaits: 'This call no longer waits',
    notSent: (why: string) => `Your answer was not sent: ${why}`,
  },
  {
    zh: {
      group: (tool: string) => `工具调用：${tool}`,
      awaiting: '等待你的批准',
      running: '运行中…',
      writing: '正在写入参数…',
      images: (n: number) => `${n} 张图片`,
      done: '已完成',
      failed: '失败',
      denied: '已拒绝',
      cancelled: '已取消',
      readOnly: '只读',
      readOnlyHint: '服务器称此工具只读取内容',
      destructive: '可能修改内容',
      destructiveHint: '服务器称此工具可能修改或删除内容',
      server: (name: string) => `服务器：${name}`,
      arguments: '参数',
      noArguments: '无参数',
      result: '结果',
      noResult: '无结果',
      details: '详情',
      cut: '已截断',
      cutHint: '结果超出长度上限：模型收到的是截断后的内容',
      question: '使用这些参数运行此工具？',
      allowOnce: '允许一次',
      allowConversation: '在此对话中允许',
      allowConversationHint: '在此对话余下的部分中运行此工具时不再询问',
      allowAlways: '始终允许',
      allowAlwaysHint: '在所有对话中运行此服务器的这个工具时都不再询问',
      deny: '拒绝',
      denyHint: '不运行；模型会得知你拒绝了这次调用',
      noLongerWaits: '此调用已不再等待批准',
      notSent: (why: string) => `你的决定未能发送：${why}`,
    },
  },
);

export type ToolMessages = (typeof toolMessages)['en'];

const statusKeys = {
  'awaiting-approval': 'awaiting',
  running: 'running',
  done: 'done',
  error: 'failed',
  denied: 'denied',
  cancelled: 'cancelled',
} as const satisfies Record<ToolCallStatus, keyof ToolMessages>;

/** A call's status in the user's words. */
export const statusWords = (status: ToolCallStatus, m: ToolMessages): string => m[statusKeys[status]];
