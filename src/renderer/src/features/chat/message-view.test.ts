// One message rendered to static markup: icon actions by name, no Copy on an empty answer, the streaming
// indicator, the stopped-before-any-token sentence, errors in plain words and warnings, in both languages.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { chatError } from '../../../../shared/chat-error';
import type { Backend, Message } from '../../../../shared/domain';
import { asMessageId } from '../../../../shared/ids';
import { LanguageContext } from '../../i18n/use-messages';
import { b, row } from '../../state/chat-fixtures';
import { MessageActionsContext, type MessageActions } from './message-actions';
import { MessageView } from './message-view';

const backend = { id: b, name: 'Fake vLLM', baseUrl: 'http://127.0.0.1:8000/v1', hasApiKey: true } as Backend;

const actions: MessageActions = {
  busy: false,
  leafId: asMessageId('a'),
  canResume: () => true,
  backendOf: () => backend,
  openBackendSettings: () => {},
  regenerate: () => {},
  sendWithoutTools: () => {},
  trimAndRetry: () => {},
  edit: async () => true,
  continueAnswer: () => {},
  selectVersion: () => {},
  compareVersions: () => {},
};

const answer = (over: Partial<Message>): Message => row('a', { role: 'assistant', content: 'Hello.', ...over });

const render = (message: Message, language: 'en' | 'zh' = 'en', withActions = true): string =>
  renderToStaticMarkup(
    createElement(
      LanguageContext.Provider,
      { value: language },
      createElement(
        MessageActionsContext.Provider,
        { value: withActions ? actions : null },
        createElement(MessageView, { message }),
      ),
    ),
  );

const buttonNames = (html: string) => [...html.matchAll(/<button[^>]*aria-label="([^"]+)"/g)].map((m) => m[1]);
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('message actions', () => {
  it('are icon buttons keeping their names: Copy and Regenerate on an answer, Continue on a cut last one', () => {
    expect(buttonNames(render(answer({})))).toEqual(['Copy', 'Regenerate']);
    expect(buttonNames(render(answer({ status: 'cancelled' })))).toEqual(['Copy', 'Regenerate', 'Continue']);
    expect(buttonNames(render(row('u', { role: 'user', content: 'Hi' })))).toEqual(['Copy', 'Edit']);
    expect(render(answer({}))).toContain('<svg');
  });

  it('always show on the last answer (pinned), elsewhere on hover or focus', () => {
    expect(render(answer({}))).toMatch(
      /role="group" aria-label="Message actions" class="message-actions" data-pinned="true"/,
    );
    expect(render(answer({ id: asMessageId('older') }))).toMatch(/class="message-actions">/);
  });

  it('offer no Copy on an empty answer, and nothing on a streaming one', () => {
    expect(buttonNames(render(answer({ content: '', status: 'error', error: chatError('auth', 'no') })))).not.toContain(
      'Copy',
    );
    expect(buttonNames(render(answer({ content: '', status: 'cancelled' })))).toEqual(['Regenerate']);
    expect(buttonNames(render(answer({ status: 'streaming' })))).toEqual([]);
  });

  it('in Chinese keep the same buttons, named in Chinese', () => {
    expect(buttonNames(render(answer({ status: 'cancelled' }), 'zh'))).toEqual(['复制', '重新生成', '继续']);
  });
});

describe('a growing answer', () => {
  it('shows the streaming indicator after its text while it streams, and not once it ends', () => {
    expect(render(answer({ status: 'streaming' }))).toContain('data-part="streaming"');
    expect(render(answer({ status: 'done' }))).not.toContain('data-part="streaming"');
    // Before the first token it says what it waits for.
    expect(text(render(answer({ status: 'streaming', content: '' })))).toContain('Waiting for the first token…');
  });
});

describe('an answer that wrote nothing', () => {
  it('says it was stopped before the model wrote anything', () => {
    const html = render(answer({ content: '', status: 'cancelled' }));
    expect(html).toContain('<p class="message-empty-note">Stopped before the model wrote anything.</p>');
    expect(render(answer({ content: '', status: 'cancelled' }), 'zh')).toContain('模型还没写出任何内容就被停止了。');
    expect(render(answer({ status: 'cancelled' }))).not.toContain('message-empty-note');
    // The sentence says it; the metrics line does not say it again.
    expect(html).not.toContain('Stopped by you');
    expect(render(answer({ status: 'cancelled' }))).toContain('Stopped by you');
  });
});

describe('an error in plain words', () => {
  const refused = answer({
    content: '',
    status: 'error',
    error: chatError('auth', 'Incorrect API key provided.', { status: 401 }),
  });

  it('is an alert: the sentence first, then the server’s words, then what to do, with the settings button', () => {
    const html = render(refused);
    expect(html).toContain('role="alert"');
    const words = text(html);
    const order = [
      'The API key was refused.',
      'Incorrect API key provided.',
      'Check the API key in this backend’s settings.',
      'Open “Fake vLLM” settings',
    ].map((s) => words.indexOf(s));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((x, y) => x - y)).toEqual(order);
  });

  it('keeps the internal code and the status under Details only', () => {
    const html = render(refused);
    const details = /<details[^>]*aria-label="Details"[\s\S]*<\/details>/.exec(html)?.[0] ?? '';
    expect(details).toContain('<code>auth</code>');
    expect(details).toContain('401');
    expect(html.replace(details, '')).not.toMatch(/\bauth\b|401/);
  });

  it('has no settings button when the backend is gone', () => {
    expect(render(refused, 'en', false)).not.toContain('settings</button>');
  });

  it('counts down a pending retry', () => {
    const waiting = answer({
      content: '',
      status: 'streaming',
      error: chatError('rate_limited', 'Too many requests', { status: 429, retryAfterMs: 2000 }),
    });
    const html = render(waiting);
    expect(html).toContain('role="alert"');
    expect(html).toMatch(/role="timer"[^>]*>Trying again in 2 s</);
    expect(text(html)).toContain('Runnel waits and tries again.');
    expect(render(waiting, 'zh')).toMatch(/role="timer"[^>]*>2 秒后重试</);
  });

  it('says it in Chinese too', () => {
    expect(text(render(refused, 'zh'))).toContain('API 密钥被拒绝了。 Incorrect API key provided.');
  });

  it('offers "Send without tools" when the server refused the tools, and only then', () => {
    const words = 'llama-server was started without --jinja, so it refused the tools.';
    const tools = answer({
      content: '',
      status: 'error',
      error: chatError('invalid_input', words, { status: 500, toolsRefused: 'server' }),
    });
    const button = />(?:<svg[\s\S]*?<\/svg>)?Send without tools<\/button>/;
    expect(render(tools)).toMatch(button);
    expect(render(tools, 'zh')).toContain('不带工具发送</button>');
    expect(render(refused)).not.toMatch(button);
    // Nothing to resend it with outside a chat (no actions), nor while it still streams.
    expect(render(tools, 'en', false)).not.toMatch(button);
    expect(render({ ...tools, status: 'streaming' })).not.toMatch(button);
  });

  it('is a warning, not an alert, when a frame was skipped in a whole answer; no Continue then', () => {
    const error = chatError('protocol', 'The server sent a frame that could not be read (skipped): {', {
      skippedFrames: 1,
    });
    const html = render(answer({ status: 'error', error }));
    expect(html).not.toContain('role="alert"');
    expect(html).toContain('role="status" class="message-error" data-severity="warning"');
    expect(text(html)).toContain('One piece of the answer could not be read and was skipped; the rest is complete.');
    expect(buttonNames(html)).toEqual(['Copy', 'Regenerate']);
  });
});
