// The attack corpus (tests/fixtures/xss/corpus.json) through a real MCP server, end to end in
// Chromium: Runnel's test server in its `corpus` mode offers a tool whose results are the attacks,
// and one whose name is markup and whose description is the whole corpus. Settings → Tools and the
// composer's Tools popover list them, fake-tools calls both, the user allows them, and the answer
// quotes the results: nothing runs, no dialog opens, no element loads anything, and no request
// leaves the app's origin.
import { corpus } from '../fixtures/xss/hostile-server';
import { expect, test } from './support/fixtures';
import { testServerArgs, toolCall, ToolsSettingsPage } from './support/tools-page';
import { dangerousDom, watchUntrusted } from './support/untrusted-watch';

/** The name mcp-test-server.ts gives its second tool in `corpus` mode. */
const hostileName = `<img src=x onerror=__pwned('tool-name')>`;
const allPayloads = corpus.map((a) => a.payload).join('\n');

test('tool results, names and descriptions from the attack corpus are shown as text and run nothing', async ({
  serve,
  chat,
  page,
  context,
}) => {
  const watched = await watchUntrusted(context, page, serve.origin);
  await chat.open(serve.openUrl);
  const tools = new ToolsSettingsPage(page);
  await tools.open();
  await tools.addCommandServer({ name: 'hostile', command: process.execPath, args: testServerArgs('corpus') });
  await tools.expectConnected('hostile');

  // Settings lists the tools by their own words, as text.
  const item = tools.server('hostile');
  await item.locator('summary').click();
  await expect(item.locator('.tool-entry-name')).toHaveText(['hostile-result', hostileName]);
  const description = await item
    .locator('.tool-entry-description')
    .nth(1)
    .evaluate((el) => el.textContent);
  expect(description).toBe(allPayloads);
  await page.waitForTimeout(200);
  expect(await tools.panel.evaluate(dangerousDom, { ownControls: true })).toEqual([]);
  await tools.close();

  // The composer's Tools popover shows the same names and descriptions, as text.
  await page.getByRole('button', { name: 'Tools', exact: true }).click();
  const popover = page.getByRole('dialog', { name: 'Tools', exact: true });
  await expect(popover.getByRole('checkbox', { name: hostileName, exact: true })).toBeChecked();
  const described = await popover
    .locator('.tools-popover-description')
    .nth(1)
    .evaluate((el) => el.textContent);
  expect(described).toBe(allPayloads);
  await page.waitForTimeout(200);
  expect(await popover.evaluate(dangerousDom, { ownControls: true })).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(popover).toBeHidden();

  await chat.pickModel('fake-tools');
  await chat.send('attack');
  const answer = chat.lastAnswer;
  const results = toolCall(answer, 'hostile-result');
  const named = toolCall(answer, hostileName);
  await expect(named).toHaveAttribute('data-status', 'awaiting-approval');
  await expect(named).toContainText('may change things');
  await results.getByRole('button', { name: 'Allow once' }).click();
  await named.getByRole('button', { name: 'Allow once' }).click();
  await chat.expectAnswerStatus('done');
  await expect(results).toHaveAttribute('data-status', 'done');
  await expect(named).toHaveAttribute('data-status', 'error');

  // Opened, each result is the corpus as plain text; the answer quotes them as the model wrote it.
  await answer.locator('details.tool-call-fold').evaluateAll((folds) => {
    for (const fold of folds) (fold as HTMLDetailsElement).open = true;
  });
  const shown = await answer.locator('[data-part="tool-result"]').evaluateAll((pres) => pres.map((p) => p.textContent));
  expect(shown).toEqual([allPayloads, allPayloads]);
  await expect(answer.locator('[data-part="content"] p', { hasText: 'The tools answered' })).toBeVisible();
  // Give anything that would load or run a moment to do so.
  await page.waitForTimeout(300);

  expect(await answer.evaluate(dangerousDom)).toEqual([]);
  expect(await watched.pwned()).toEqual([]);
  expect(watched.dialogs).toEqual([]);
  expect(watched.foreign).toEqual([]);
  expect(watched.errors).toEqual([]);
});
