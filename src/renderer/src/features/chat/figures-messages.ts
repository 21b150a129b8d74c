// Strings of a message's figures: how long the model thought, time to first token, speed, token counts
// and why it ended (finish-reason.ts gives the meaning). Durations arrive formatted by `formatDuration`.
import { defineMessages } from '../../i18n/define-messages';

export const figuresMessages = defineMessages(
  {
    reasoning: 'Reasoning',
    thinking: 'Thinking…',
    thoughtFor: (duration: string) => `Thought for ${duration}`,
    milliseconds: (n: number) => `${n} ms`,
    seconds: (n: string) => `${n} s`,
    minutes: (minutes: number, seconds: number) => `${minutes} min ${seconds} s`,
    underASecond: 'less than a second',
    firstToken: (duration: string) => `first token ${duration}`,
    firstTokenHint: 'Time from sending the request to the first token',
    speed: (perSecond: string) => `${perSecond} tokens/s`,
    speedHint: 'Tokens per second while the answer streamed',
    tokens: (prompt: string, completion: string) => `${prompt} prompt + ${completion} completion tokens`,
    tokensHint: 'Tokens the server counted for the prompt and for the answer',
    unknownCount: '?',
    finished: 'Finished',
    length: 'Stopped at the length limit',
    stopSequence: 'Stopped at a stop sequence',
    toolCall: 'Stopped to call a tool',
    contentFilter: 'Stopped by the server’s content filter',
    refusal: 'The model declined to answer',
    paused: 'Paused by the server',
    cutOff: 'Cut off by the server',
    byYou: 'Stopped by you',
    other: (reason: string) => `Stopped: ${reason}`,
    finishHint: (reason: string) => `Why the model stopped; the server said “${reason}”`,
    finishHintByYou: 'You pressed Stop',
  },
  {
    zh: {
      reasoning: '推理过程',
      thinking: '思考中…',
      thoughtFor: (duration: string) => `思考了 ${duration}`,
      milliseconds: (n: number) => `${n} 毫秒`,
      seconds: (n: string) => `${n} 秒`,
      minutes: (minutes: number, seconds: number) => `${minutes} 分 ${seconds} 秒`,
      underASecond: '不到 1 秒',
      firstToken: (duration: string) => `首个令牌 ${duration}`,
      firstTokenHint: '从发出请求到收到第一个令牌的时间',
      speed: (perSecond: string) => `${perSecond} 令牌/秒`,
      speedHint: '回答流式生成期间每秒的令牌数',
      tokens: (prompt: string, completion: string) => `提示 ${prompt} + 生成 ${completion} 个令牌`,
      tokensHint: '服务器统计的提示与回答的令牌数',
      unknownCount: '?',
      finished: '已完成',
      length: '已达长度上限而停止',
      stopSequence: '遇到停止序列而停止',
      toolCall: '停下来调用工具',
      contentFilter: '被服务器的内容过滤器停止',
      refusal: '模型拒绝回答',
      paused: '被服务器暂停',
      cutOff: '被服务器中断',
      byYou: '已由你停止',
      other: (reason: string) => `已停止：${reason}`,
      finishHint: (reason: string) => `模型停止的原因；服务器给出的是“${reason}”`,
      finishHintByYou: '你按下了停止',
    },
  },
);

export type FiguresMessages = (typeof figuresMessages)['en'];

/** A span of time in the words of the current language: "240 ms", "4.2 s", "12 s", "2 min 5 s". */
export function formatDuration(ms: number, m: FiguresMessages): string {
  if (ms < 1000) return m.milliseconds(Math.max(0, Math.round(ms)));
  if (ms < 10_000) return m.seconds((ms / 1000).toFixed(1));
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return m.seconds(String(seconds));
  return m.minutes(Math.floor(seconds / 60), seconds % 60);
}

/** How long the model thought, coarser than a latency: under a second is just that. */
export function formatThinking(ms: number, m: FiguresMessages): string {
  return ms < 1000 ? m.underASecond : formatDuration(ms, m);
}
