// The question main asks before a link from model output leaves the app, in the user's language.
// It names the real destination: the host as the URL parser reads it (an internationalized name
// in its punycode form, so a look-alike of a known site shows as xn--…), then the whole address.
import type { UiLanguage } from '../../shared/preferences';

const texts = {
  en: {
    title: 'Open link',
    message: 'Open this link in your browser?',
    host: (host: string) => `It goes to: ${host}`,
    mail: (to: string) => `It writes an e-mail to: ${to}`,
    open: 'Open',
    cancel: 'Cancel',
  },
  zh: {
    title: '打开链接',
    message: '要在浏览器中打开此链接吗？',
    host: (host: string) => `目标主机：${host}`,
    mail: (to: string) => `将写邮件给：${to}`,
    open: '打开',
    cancel: '取消',
  },
} satisfies Record<UiLanguage, unknown>;

export interface LinkPrompt {
  title: string;
  message: string;
  detail: string;
  buttons: [open: string, cancel: string];
}

const longest = 600;

export function linkPrompt(url: URL, language: UiLanguage): LinkPrompt {
  const t = texts[language];
  const where = url.protocol === 'mailto:' ? t.mail(decodeURIComponent(url.pathname)) : t.host(url.host);
  const address = url.href.length > longest ? `${url.href.slice(0, longest)}…` : url.href;
  return { title: t.title, message: t.message, detail: `${where}\n\n${address}`, buttons: [t.open, t.cancel] };
}
