// A page object over Settings → Tools and the tool calls of an answer, by accessible names: add an
// MCP server through its form, wait for it to connect, and find a call's group and its buttons.
import { expect, type Locator, type Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** The MCP project's reference server (echo, get-annotated-message, …), over stdio. */
export const everythingArgs = [`${root}node_modules/@modelcontextprotocol/server-everything/dist/index.js`, 'stdio'];
/** Runnel's own test server through tsx, in one of its modes. */
export const testServerArgs = (mode: string) => ['--import', 'tsx', `${root}tests/servers/mcp-test-server.ts`, mode];

/** How long a server may take to start on a loaded machine. */
export const serverStartMs = 20_000;

export interface CommandServer {
  name: string;
  command: string;
  args: string[];
  approval?: 'Ask before each call' | 'Allow all calls (destructive tools still ask)';
}

export class ToolsSettingsPage {
  constructor(readonly page: Page) {}

  get dialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Settings', exact: true });
  }
  get panel(): Locator {
    return this.dialog.getByRole('tabpanel', { name: 'Tools' });
  }

  async open(): Promise<void> {
    if (!(await this.dialog.isVisible()))
      await this.page.getByRole('button', { name: 'Settings', exact: true }).click();
    await this.dialog.getByRole('tab', { name: 'Tools' }).click();
    await expect(this.panel).toBeVisible();
  }

  async close(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Close', exact: true }).click();
    await expect(this.dialog).toBeHidden();
  }

  server(name: string): Locator {
    return this.panel.getByRole('listitem', { name, exact: true });
  }

  status(name: string): Locator {
    return this.server(name).locator('.tool-server-status');
  }

  /** Fills "Add server"'s form for a command and saves it. */
  async addCommandServer({ name, command, args, approval }: CommandServer): Promise<void> {
    await this.panel.getByRole('button', { name: 'Add server' }).click();
    const form = this.panel.getByRole('form', { name: 'New tool server' });
    await expect(form).toBeVisible();
    await form.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
    await form.getByRole('radio', { name: 'Command', exact: true }).check();
    await form.getByRole('textbox', { name: 'Command', exact: true }).fill(command);
    await form.getByRole('textbox', { name: 'Arguments', exact: true }).fill(args.join('\n'));
    if (approval) await form.getByRole('radio', { name: approval }).check();
    await form.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(form).toBeHidden();
    await expect(this.server(name)).toBeVisible();
  }

  async expectConnected(name: string): Promise<void> {
    await expect(this.status(name), 'the server connects').toHaveAttribute('data-state', 'connected', {
      timeout: serverStartMs,
    });
    await expect(this.status(name)).toContainText(/Connected · \d+ tools?/);
  }

  /** Opens Settings → Tools, adds the server, waits until it is connected, and closes the dialog. */
  async addConnected(server: CommandServer): Promise<void> {
    await this.open();
    await this.addCommandServer(server);
    await this.expectConnected(server.name);
    await this.close();
  }
}

/** A tool call's group in `scope` (an answer), by the tool's own name. */
export const toolCall = (scope: Locator, tool: string): Locator =>
  scope.getByRole('group', { name: `Tool call: ${tool}`, exact: true });

/**
 * Records, from now on, every status each tool call group shows (by its name, on each DOM change),
 * so a test can say a call never asked. Read with `seenToolStatuses`.
 */
export async function recordToolStatuses(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: Record<string, string[]> = {};
    (window as unknown as { __toolStatuses: Record<string, string[]> }).__toolStatuses = seen;
    const record = (): void => {
      for (const group of document.querySelectorAll('[role="group"][aria-label^="Tool call: "]')) {
        const list = (seen[group.getAttribute('aria-label') ?? ''] ??= []);
        const status = group.getAttribute('data-status') ?? '';
        if (list[list.length - 1] !== status) list.push(status);
      }
    };
    record();
    new MutationObserver(record).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['data-status'],
    });
  });
}

export const seenToolStatuses = (page: Page): Promise<Record<string, string[]>> =>
  page.evaluate(() => (window as unknown as { __toolStatuses: Record<string, string[]> }).__toolStatuses);
