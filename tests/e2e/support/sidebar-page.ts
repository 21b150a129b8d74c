// A page object for the sidebar's history and search, by accessible names: the "Conversations"
// navigation with its groups and per-conversation actions, the "Search conversations" box and its
// results, and the Undo notice.
import { expect, type Locator, type Page } from '@playwright/test';

export class SidebarPage {
  constructor(readonly page: Page) {}

  get nav(): Locator {
    return this.page.getByRole('navigation', { name: 'Conversations' });
  }
  get searchBox(): Locator {
    return this.page.getByRole('searchbox', { name: 'Search conversations' });
  }
  get results(): Locator {
    return this.page.getByRole('region', { name: 'Search results' });
  }
  get hits(): Locator {
    return this.results.getByRole('button').filter({ has: this.page.locator('.search-hit-snippet') });
  }
  get undoButton(): Locator {
    return this.page.getByRole('button', { name: 'Undo', exact: true });
  }

  /** The conversation's button, named by its title. */
  conversation(title: string): Locator {
    return this.nav.getByRole('button', { name: title, exact: true });
  }

  /** The list row holding the conversation's button and its actions. */
  row(title: string): Locator {
    // `has` is matched inside each list item, so it names the button from the page, not the nav.
    return this.nav.getByRole('listitem').filter({ has: this.page.getByRole('button', { name: title, exact: true }) });
  }

  action(title: string, name: 'Rename' | 'Delete' | 'Pin' | 'Unpin'): Locator {
    return this.row(title).getByRole('button', { name, exact: true });
  }

  /** Group headings and titles top to bottom, as drawn: `[Today]`, `A chat`, … */
  async outline(): Promise<string[]> {
    await expect(this.nav.locator('.conversation-item').first()).toBeVisible();
    return this.nav
      .locator('h2, .conversation-item')
      .evaluateAll((nodes) =>
        nodes.map((n) => (n.tagName === 'H2' ? `[${n.textContent ?? ''}]` : (n.textContent ?? ''))),
      );
  }

  async rename(title: string, next: string, finish: 'Enter' | 'Escape' = 'Enter'): Promise<void> {
    await this.conversation(title).hover();
    await this.action(title, 'Rename').click();
    const field = this.nav.getByRole('textbox', { name: 'Conversation title' });
    await expect(field).toBeFocused();
    await field.fill(next);
    await field.press(finish);
    await expect(field).toHaveCount(0);
  }

  async delete(title: string): Promise<void> {
    await this.conversation(title).hover();
    await this.action(title, 'Delete').click();
    await expect(this.conversation(title)).toHaveCount(0);
  }

  async search(query: string): Promise<void> {
    await this.searchBox.fill(query);
    // The results answer this query (not the one before it) and nothing is still loading.
    await expect(this.results).toHaveAttribute('data-query', query);
    await expect(this.results).not.toHaveAttribute('aria-busy', 'true');
  }

  /** The marked parts of each hit's snippet, in order. */
  async marks(): Promise<string[][]> {
    return this.hits.evaluateAll((buttons) =>
      buttons.map((b) => [...b.querySelectorAll('.search-hit-snippet mark')].map((m) => m.textContent ?? '')),
    );
  }
}
