// A page object over the accessible names of the design: tests say what a user does, not which
// element they click.
import { expect, type Locator, type Page } from '@playwright/test';

/** The names the page object uses, in the app's languages (it follows the browser's). */
export const chatNames = {
  en: {
    newChat: 'New chat',
    showSidebar: 'Show sidebar',
    model: 'Model',
    message: 'Message',
    send: 'Send',
    stop: 'Stop',
  },
  zh: { newChat: '新对话', showSidebar: '显示侧边栏', model: '模型', message: '消息', send: '发送', stop: '停止' },
} as const;

export type ChatNames = (typeof chatNames)[keyof typeof chatNames];

export class ChatPage {
  constructor(
    readonly page: Page,
    readonly names: ChatNames = chatNames.en,
  ) {}

  get conversations(): Locator {
    return this.page.getByRole('navigation', { name: 'Conversations' });
  }
  get composer(): Locator {
    return this.page.getByRole('textbox', { name: this.names.message });
  }
  get modelPicker(): Locator {
    return this.page.getByRole('combobox', { name: this.names.model });
  }
  get messages(): Locator {
    return this.page.locator('article[data-role]');
  }
  get lastAnswer(): Locator {
    return this.page.locator('article[data-role="assistant"]').last();
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    // Below 900 px the sidebar (with New chat) starts hidden behind its toggle.
    const newChat = this.page.getByRole('button', { name: this.names.newChat });
    const show = this.page.getByRole('button', { name: this.names.showSidebar, exact: true });
    await expect(newChat.or(show)).toBeVisible();
  }

  /** The open model list (the picker's popover). */
  get modelList(): Locator {
    return this.page.getByRole('listbox');
  }

  /**
   * Picks a model as a user would: types its name into the picker, which filters the list, and
   * clicks the option "{model} — {backend}" (the first backend offering it when none is named).
   */
  async pickModel(model: string, backend?: string): Promise<void> {
    const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const name = backend ? `${model} — ${backend}` : new RegExp(`^${escape(model)} — `);
    const option = this.modelList.getByRole('option', { name, exact: true }).first();
    // Right after the start the first choice can land while the filter is typed, which puts the
    // chosen name back and closes the list, as it would for a user: type again then.
    await expect(async () => {
      if (!(await this.modelList.isVisible())) await this.modelPicker.fill(model);
      await option.click({ timeout: 3_000 });
    }).toPass({ timeout: 20_000 });
    await expect(this.modelList).toHaveCount(0);
    if (backend) await expect(this.modelPicker).toHaveValue(`${model} — ${backend}`);
    else await expect(this.modelPicker).toHaveValue(new RegExp(`^${escape(model)} — `));
  }

  /**
   * Types and sends a message, then waits until the page shows this message and an answer after
   * it, so a status read next is this send's answer, never the previous (finished) one. A send the
   * app refuses before it stores anything says so with `{ answered: false }`.
   */
  async send(text: string, { answered = true }: { answered?: boolean } = {}): Promise<void> {
    const shown = await this.shownMessageIds();
    await this.composer.fill(text);
    await this.page.getByRole('button', { name: this.names.send, exact: true }).click();
    if (!answered) return;
    await this.page.waitForFunction(
      (before) => {
        const articles = [...document.querySelectorAll<HTMLElement>('article')];
        const asked = articles.findLastIndex((a) => a.dataset['role'] === 'user');
        const id = articles[asked]?.dataset['messageId'];
        // A user message that was not on the page before, and an answer (or a comparison) below it.
        return id !== undefined && !before.includes(id) && asked < articles.length - 1;
      },
      shown,
      { timeout: 20_000 },
    );
  }

  /** The ids of the messages the page shows now (the list is virtualized: those near the view). */
  private shownMessageIds(): Promise<string[]> {
    return this.page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('article[data-message-id]')].map((a) => a.dataset['messageId'] ?? ''),
    );
  }

  async stop(): Promise<void> {
    await this.page.getByRole('button', { name: this.names.stop, exact: true }).click();
  }

  async openConversation(title: string): Promise<void> {
    await this.conversations.getByRole('button', { name: title }).click();
  }

  async expectAnswerStatus(status: string, timeout = 20_000): Promise<void> {
    await expect(this.lastAnswer).toHaveAttribute('data-status', status, { timeout });
  }

  /**
   * Records every distinct text the last answer shows, from now on, on each DOM change (not by
   * sampling, so a short answer on a busy machine cannot slip between two looks). Call before
   * sending; `recordedAnswer()` returns what was seen.
   */
  async recordAnswer(): Promise<void> {
    await this.page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { __answerTexts: string[] }).__answerTexts = seen;
      const before = document.querySelectorAll('article[data-role="assistant"]').length;
      const record = (): void => {
        const articles = document.querySelectorAll('article[data-role="assistant"]');
        if (articles.length <= before) return;
        const last = articles[articles.length - 1];
        const text = last?.querySelector('[data-part="content"]')?.textContent ?? '';
        if (text && seen[seen.length - 1] !== text) seen.push(text);
      };
      new MutationObserver(record).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
  }

  async recordedAnswer(): Promise<string[]> {
    await this.expectAnswerStatus('done');
    return this.page.evaluate(() => (window as unknown as { __answerTexts: string[] }).__answerTexts);
  }

  /** Samples the growing answer every few ms until it ends; returns every distinct text seen. */
  async watchAnswer(timeoutMs = 30_000): Promise<string[]> {
    return this.page.evaluate(async (limit) => {
      const seen: string[] = [];
      const started = performance.now();
      for (;;) {
        const articles = document.querySelectorAll('article[data-role="assistant"]');
        const last = articles[articles.length - 1];
        const text = last?.querySelector('[data-part="content"]')?.textContent ?? last?.textContent ?? '';
        if (text && seen[seen.length - 1] !== text) seen.push(text);
        const status = last?.getAttribute('data-status');
        if (status && status !== 'streaming') return seen;
        if (performance.now() - started > limit) return seen;
        await new Promise((r) => requestAnimationFrame(() => r(null)));
      }
    }, timeoutMs);
  }
}
