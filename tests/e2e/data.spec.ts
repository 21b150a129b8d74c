// Import, export, backup and restore end to end: the real renderer in Chromium through the web
// host. Files reach the page through its file pickers and leave it as real downloads.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from '@playwright/test';
import { chatGptConversation } from '../support/transfer-client';
import { startServe } from './support/serve-process';
import { expect, test } from './support/fixtures';

const fixtures = fileURLToPath(new URL('../fixtures/imports/', import.meta.url));

/** Opens Settings on its Data tab; returns the tab's panel. */
async function openData(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByRole('tab', { name: 'Data' }).click();
  return dialog.getByRole('tabpanel', { name: 'Data' });
}

async function closeSettings(page: Page): Promise<void> {
  await page.getByRole('dialog', { name: 'Settings' }).getByRole('button', { name: 'Close', exact: true }).click();
}

/** Clicks, waits for the download it starts, and returns its saved path and name. */
async function downloadFrom(page: Page, click: () => Promise<void>, folder: string) {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = join(folder, download.suggestedFilename());
  await download.saveAs(path);
  return { path, name: download.suggestedFilename() };
}

/** Clicks a button that opens the file picker and picks `files` (or a folder). */
async function pick(page: Page, button: Locator, files: string | string[]): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), button.click()]);
  await chooser.setFiles(files);
}

/** An unzipped ChatGPT export split in two parts, with the export's other files beside them. */
function splitExport(folder: string, perPart: number): string {
  const dir = join(folder, 'chatgpt-export');
  mkdirSync(dir);
  for (const part of [0, 1]) {
    const conversations = Array.from({ length: perPart }, (_, k) => {
      const i = part * perPart + k;
      return chatGptConversation(i, {
        title: `Imported chat ${i}`,
        question: `Question ${i}`,
        answer: `Answer number ${i}`,
        idKey: 'conversation_id',
        stamped: false,
      });
    });
    writeFileSync(join(dir, `conversations-00${part}.json`), JSON.stringify(conversations));
  }
  writeFileSync(join(dir, 'user.json'), JSON.stringify({ id: 'user-1', email: 'someone@example.com' }));
  writeFileSync(join(dir, 'chat.html'), '<!doctype html><title>chat</title>');
  return dir;
}

test.describe('data', () => {
  test.describe.configure({ timeout: 240_000 });
  let folder: string;
  test.beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'runnel-e2e-files-'));
  });
  test.afterEach(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  test('exports a conversation as Markdown and JSON, exports all, and a fresh data folder imports it', async ({
    chat,
    serve,
    page,
  }) => {
    await chat.open(serve.openUrl);
    await chat.pickModel('fake-chat');
    await chat.send('Export me please');
    await chat.expectAnswerStatus('done');
    const answer = await chat.lastAnswer.locator('[data-part="content"]').innerText();

    const exportButton = page.getByRole('button', { name: 'Export', exact: true });
    await exportButton.click();
    const markdown = await downloadFrom(
      page,
      () => page.getByRole('menuitem', { name: 'Export as Markdown' }).click(),
      folder,
    );
    expect(markdown.name).toBe('Export me please.md');
    const md = readFileSync(markdown.path, 'utf8');
    expect(md).toMatch(/^# Export me please\n\n## User\n\nExport me please\n\n## Assistant · fake-chat\n\n/);
    expect(md.replace(/\s+/g, ' ')).toContain(answer.replace(/\s+/g, ' ').trim().slice(0, 40));

    await exportButton.click();
    const json = await downloadFrom(page, () => page.getByRole('menuitem', { name: 'Export as JSON' }).click(), folder);
    expect(json.name).toBe('Export me please.json');
    const one = JSON.parse(readFileSync(json.path, 'utf8')) as {
      format: string;
      version: number;
      conversations: { title: string; messages: { role: string }[] }[];
    };
    expect(one).toMatchObject({ format: 'runnel.conversations', version: 1 });
    expect(one.conversations.map((c) => c.title)).toEqual(['Export me please']);
    expect(one.conversations[0]?.messages.map((m) => m.role)).toEqual(['user', 'assistant']);

    await chat.send('A second question');
    await chat.expectAnswerStatus('done');
    const data = await openData(page);
    const all = await downloadFrom(page, () => data.getByRole('button', { name: 'Export all' }).click(), folder);
    expect(all.name).toMatch(/^runnel-export-\d{4}-\d\d-\d\d-\d{4}\.json$/);
    await expect(data.getByRole('status').last()).toHaveText(`Saved ${all.name}.`);
    const exported = JSON.parse(readFileSync(all.path, 'utf8')) as { conversations: { messages: unknown[] }[] };
    expect(exported.conversations).toHaveLength(1);
    expect(exported.conversations[0]?.messages).toHaveLength(4);

    // A fresh data folder, nothing in it; the export comes back whole, and a second time adds nothing.
    const freshDir = mkdtempSync(join(tmpdir(), 'runnel-e2e-fresh-'));
    const fresh = await startServe(freshDir);
    try {
      await chat.open(fresh.openUrl);
      await expect(chat.conversations.getByRole('button', { name: 'Export me please', exact: true })).toHaveCount(0);
      const panel = await openData(page);
      for (const round of [1, 2]) {
        await pick(page, panel.getByRole('button', { name: 'Import', exact: true }), all.path);
        await expect(panel.getByRole('status').first()).toHaveText('Import finished');
        await expect(
          panel.getByText(
            round === 1
              ? /^1 added, 0 updated, 0 already here, 0 failed\./
              : /^0 added, 0 updated, 1 already here, 0 failed\./,
          ),
        ).toBeVisible();
      }
      await closeSettings(page);
      await chat.openConversation('Export me please');
      await expect(chat.messages).toHaveCount(4);
      await expect(chat.messages.nth(2)).toContainText('A second question');
    } finally {
      await fresh.stop();
      rmSync(freshDir, { recursive: true, force: true });
    }
  });

  test('imports a split ChatGPT export folder with progress, and reports files that are not conversations', async ({
    chat,
    serve,
    page,
  }) => {
    await chat.open(serve.openUrl);
    const data = await openData(page);
    const dir = splitExport(folder, 1500);
    await pick(page, data.getByRole('button', { name: 'Import folder' }), dir);
    const status = data.getByRole('status').first();
    // Progress while it runs: counted first, then conversations imported of the total.
    await expect(status).toHaveText(/^Imported [\d,]+ of 3,000$/, { timeout: 30_000 });
    await expect(data.getByRole('progressbar', { name: 'Import progress' })).toBeVisible();
    await expect(status).toHaveText('Import finished', { timeout: 60_000 });
    await expect(
      data.getByText(/^3,000 added, 0 updated, 0 already here, 0 failed\. 6,000 messages written\.$/),
    ).toBeVisible();
    await closeSettings(page);
    await chat.openConversation('Imported chat 2999');
    await expect(chat.messages).toHaveCount(2);
    await expect(chat.lastAnswer).toContainText('Answer number 2999');

    // Picking the files themselves works too; a file that is no conversation export is reported.
    const panel = await openData(page);
    await pick(page, panel.getByRole('button', { name: 'Import', exact: true }), [
      join(fixtures, 'chatgpt-conversations.json'),
      join(fixtures, 'chatgpt-split', 'message_feedback.json'),
    ]);
    await expect(panel.getByRole('status').first()).toHaveText('Import finished');
    await expect(panel.getByText(/^3 added, 0 updated, 0 already here, 0 failed\./)).toBeVisible();
    await panel.getByText('1 problem').click();
    await expect(panel.getByRole('listitem')).toHaveText(/message_feedback\.json.*not of ChatGPT conversations/);
    await closeSettings(page);
    await chat.openConversation('Sorting in Rust');
    await expect(chat.lastAnswer).toContainText('Swap the arguments');
    await expect(chat.lastAnswer).toHaveAttribute('data-status', 'cancelled');
  });

  test('shows the data folder, backs up, and restores the backup over later changes', async ({
    chat,
    serve,
    dataDir,
    page,
  }) => {
    await chat.open(serve.openUrl);
    await chat.pickModel('fake-chat');
    await chat.send('Kept in the backup');
    await chat.expectAnswerStatus('done');

    let data = await openData(page);
    await expect(data.getByText(dataDir, { exact: true })).toBeVisible();
    await expect(data.getByRole('button', { name: 'Open', exact: true })).toBeDisabled();
    await expect(data.getByText(/Opening the folder works in the desktop app/)).toBeVisible();

    const backup = await downloadFrom(
      page,
      () => data.getByRole('button', { name: 'Back up database' }).click(),
      folder,
    );
    expect(backup.name).toMatch(/^runnel-backup-.*\.sqlite$/);
    expect(readFileSync(backup.path).subarray(0, 15).toString()).toBe('SQLite format 3');
    await expect(data.getByRole('status').last()).toHaveText(`Saved the backup as ${backup.name}.`);
    await closeSettings(page);

    await page.getByRole('button', { name: 'New chat', exact: true }).click();
    await chat.send('Made after the backup');
    await chat.expectAnswerStatus('done');
    await expect(chat.conversations.getByRole('button', { name: 'Made after the backup', exact: true })).toBeVisible();

    data = await openData(page);
    await pick(page, data.getByRole('button', { name: 'Restore database' }), backup.path);
    await expect(data.getByText(/^Replace all conversations, backends, presets and settings/)).toBeVisible();
    await data.getByRole('button', { name: 'Restore', exact: true }).click();
    await expect(data.getByRole('status').last()).toHaveText('Restored: 1 conversations, 1 backends.');
    await closeSettings(page);
    await expect(chat.conversations.getByRole('button', { name: 'Made after the backup', exact: true })).toHaveCount(0);
    await chat.openConversation('Kept in the backup');
    await expect(chat.messages).toHaveCount(2);

    // A file that is not a backup is refused, and nothing changes.
    data = await openData(page);
    const notes = join(folder, 'notes.sqlite');
    writeFileSync(notes, 'not a database at all, just some words');
    await pick(page, data.getByRole('button', { name: 'Restore database' }), notes);
    await data.getByRole('button', { name: 'Restore', exact: true }).click();
    await expect(data.getByRole('alert')).toHaveText(/not a SQLite file/);
    await closeSettings(page);
    await expect(chat.conversations.getByRole('button', { name: 'Kept in the backup', exact: true })).toBeVisible();
  });
});
