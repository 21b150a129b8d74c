// What the transports say in Runnel's own words (`src/main/transports/`).
import { defineWords } from './define-words';

export const transportWords = defineWords(
  'transport',
  {
    badUrl: ({ url }: { url: string }) => `Not a valid URL: ${url}`,
    notHttp: ({ scheme }: { scheme: string }) => `Only http and https URLs are supported, not ${scheme}`,
    stopped: 'Stopped',
    noAnswerWithin: ({ host, seconds }: { host: string; seconds: number }) =>
      `${host} did not answer within ${seconds} s`,
    notJson: ({ host, start }: { host: string; start: string }) =>
      `${host} answered with something that is not JSON: ${start}`,
  },
  {
    zh: {
      badUrl: ({ url }: { url: string }) => `不是有效的网址：${url}`,
      notHttp: ({ scheme }: { scheme: string }) => `只支持 http 和 https 网址，不支持 ${scheme}`,
      stopped: '已停止',
      noAnswerWithin: ({ host, seconds }: { host: string; seconds: number }) => `${host} 在 ${seconds} 秒内没有应答`,
      notJson: ({ host, start }: { host: string; start: string }) => `${host} 的应答不是 JSON：${start}`,
    },
  },
);
