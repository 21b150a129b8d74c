// Strings of an answer's error in plain words: the sentence for each headline, what to do, the
// retry countdown, the settings button and the Details disclosure (error-explanation.ts picks them).
import { defineMessages } from '../../i18n/define-messages';
import type { ErrorExplanation } from './error-explanation';

export const errorMessages = defineMessages(
  {
    keyRefused: 'The API key was refused.',
    keyMissing: 'The server asked for an API key, and this backend has none.',
    gpuMemory: 'The server ran out of GPU memory.',
    systemMemory: 'The server does not have enough memory for this model.',
    modelNotFound: 'The model was not found on the server.',
    routeNotFound: 'The server does not offer this API at the backend’s address.',
    busy: 'The server is busy.',
    rateLimited: 'The server is busy: too many requests.',
    loadingModel: 'The server is still loading the model.',
    serverError: 'The server had an internal error.',
    serverFailedMidway: 'The server stopped the answer with an error.',
    notRunning: 'The server is not running at that address.',
    notRunningAt: (address: string) => `The server is not running at ${address}.`,
    hostUnknown: 'The server’s host name could not be found.',
    hostUnreachable: 'The server’s machine cannot be reached.',
    connectionLost: 'The connection to the server was lost.',
    connectFailed: 'Runnel could not connect to the server.',
    tls: 'The secure (TLS) connection to the server failed.',
    noAnswer: 'The server did not answer in time.',
    wentSilent: 'The server stopped sending.',
    unreadable: 'The server sent something Runnel could not read.',
    skippedFrames: (n: number) =>
      n === 1
        ? 'One piece of the answer could not be read and was skipped; the rest is complete.'
        : `${n} pieces of the answer could not be read and were skipped; the rest is complete.`,
    toolsServer: 'The server refused the tools.',
    toolsModel: 'This model cannot use tools.',
    contextFull: 'The conversation is longer than the model’s context window.',
    contextAsked: 'The conversation no longer fits the model’s context window, so nothing was sent.',
    toolResultsTooLarge: 'The tool results are too large for the model’s context window.',
    requestRefused: 'The server refused the request.',
    internal: 'Something went wrong inside Runnel.',
    cancelled: 'The request was cancelled.',

    checkKey: 'Check the API key in this backend’s settings.',
    pickModel: 'Pick another model in the model menu above.',
    checkAddress: 'Check the Base URL and kind in this backend’s settings.',
    startServer: 'Start the server, or check its address in this backend’s settings.',
    retrying: 'Runnel waits and tries again.',
    waitAndRegenerate: 'Runnel tried again and the server was still busy. Wait a moment, then Regenerate.',
    freeMemory: 'Try a smaller or more quantized model, or a shorter conversation, then Regenerate.',
    serverLog: 'The server’s log may say more. Regenerate to try again.',
    regenerate: 'Regenerate to try again.',
    keptText: 'The text that arrived before is kept.',
    checkCertificate: 'Check the certificate in this backend’s settings.',
    checkKind: 'Check that this backend’s kind matches the server.',
    fixInMessage: 'The server’s message above says how to fix it.',
    trimAndRetry: 'Trim and retry sends it again without the oldest messages; they stay in the conversation.',
    trimAndRetryButton: 'Trim and retry',

    tryingAgainIn: (seconds: number) => `Trying again in ${seconds} s`,
    tryingAgainNow: 'Trying again…',
    openSettings: (backend: string) => `Open “${backend}” settings`,
    sendWithoutTools: 'Send without tools',
    details: 'Details',
    code: 'Code',
    httpStatus: 'HTTP status',
  },
  {
    zh: {
      keyRefused: 'API 密钥被拒绝了。',
      keyMissing: '服务器要求 API 密钥，但这个后端没有设置。',
      gpuMemory: '服务器的显存不足。',
      systemMemory: '服务器内存不足，无法运行这个模型。',
      modelNotFound: '服务器上找不到这个模型。',
      routeNotFound: '服务器在这个后端地址上没有提供此 API。',
      busy: '服务器正忙。',
      rateLimited: '服务器正忙：请求过多。',
      loadingModel: '服务器仍在加载模型。',
      serverError: '服务器内部出错。',
      serverFailedMidway: '服务器在回答过程中出错并停止了。',
      notRunning: '这个地址上没有正在运行的服务器。',
      notRunningAt: (address: string) => `${address} 上没有正在运行的服务器。`,
      hostUnknown: '找不到服务器的主机名。',
      hostUnreachable: '无法连接到服务器所在的机器。',
      connectionLost: '与服务器的连接中断了。',
      connectFailed: 'Runnel 无法连接到服务器。',
      tls: '与服务器的安全连接（TLS）失败。',
      noAnswer: '服务器没有及时应答。',
      wentSilent: '服务器停止了发送。',
      unreadable: '服务器发送了 Runnel 无法读取的内容。',
      skippedFrames: (n: number) =>
        n === 1 ? '回答中有一段无法读取，已跳过；其余部分完整。' : `回答中有 ${n} 段无法读取，已跳过；其余部分完整。`,
      toolsServer: '服务器拒绝了工具。',
      toolsModel: '这个模型不能使用工具。',
      contextFull: '对话超出了模型的上下文窗口。',
      contextAsked: '对话已超出模型的上下文窗口，因此没有发送。',
      toolResultsTooLarge: '工具结果对模型的上下文窗口来说太大。',
      requestRefused: '服务器拒绝了这个请求。',
      internal: 'Runnel 内部出错了。',
      cancelled: '请求已取消。',

      checkKey: '请在这个后端的设置中检查 API 密钥。',
      pickModel: '请在上方的模型菜单中选择其他模型。',
      checkAddress: '请在这个后端的设置中检查 Base URL 和类型。',
      startServer: '请启动服务器，或在这个后端的设置中检查它的地址。',
      retrying: 'Runnel 会稍候自动重试。',
      waitAndRegenerate: 'Runnel 已重试，服务器仍然繁忙。请稍等片刻，然后点“重新生成”。',
      freeMemory: '请换用更小或量化程度更高的模型，或缩短对话，然后点“重新生成”。',
      serverLog: '服务器日志中可能有更多信息。点“重新生成”可再试一次。',
      regenerate: '点“重新生成”可再试一次。',
      keptText: '出错前收到的文字已保留。',
      checkCertificate: '请在这个后端的设置中检查证书。',
      checkKind: '请确认这个后端的类型与服务器相符。',
      fixInMessage: '上面服务器的消息说明了解决方法。',
      trimAndRetry: '“裁剪并重试”会去掉最早的消息后再次发送；这些消息仍保留在对话中。',
      trimAndRetryButton: '裁剪并重试',

      tryingAgainIn: (seconds: number) => `${seconds} 秒后重试`,
      tryingAgainNow: '正在重试…',
      openSettings: (backend: string) => `打开“${backend}”的设置`,
      sendWithoutTools: '不带工具发送',
      details: '详细信息',
      code: '代码',
      httpStatus: 'HTTP 状态',
    },
  },
);

export type ErrorMessages = (typeof errorMessages)['en'];

/** The explanation's first sentence in these words. */
export function headlineText(e: ErrorExplanation, m: ErrorMessages): string {
  if (e.headline === 'skippedFrames') return m.skippedFrames(e.skipped);
  if (e.headline === 'notRunning' && e.address) return m.notRunningAt(e.address);
  return m[e.headline];
}
