// Tool calls live, end to end in Chromium through the web host with real MCP servers over stdio:
// a call's group appears while the model still writes its arguments (status `streaming`) and
// they grow before approval is asked; a tool's image shows in its folded result as stored bytes;
// Stop during a running call cancels it on the MCP server and ends the turn cancelled with its
// text, as a reload shows too; a host restart during a running call leaves the turn interrupted
// and runs nothing again.
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import {
  everythingArgs,
  recordToolStatuses,
  seenToolStatuses,
  testServerArgs,
  toolCall,
  ToolsSettingsPage,
} from './support/tools-page';
import { startServe } from './support/serve-process';
import { startTextToolServer } from '../servers/text-tool-call-server';

/**
 * Records every text a call's arguments show while it is being written, on each DOM change, and
 * whether such a call ever offered "Allow once" (not by a look at one moment, which a busy machine
 * can make too late: the call may be whole by then).
 */
async function recordWrittenArguments(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: string[] = [];
    const w = window as unknown as { __written: string[]; __askedWhileWritten: boolean };
    w.__written = seen;
    w.__askedWhileWritten = false;
    new MutationObserver(() => {
      for (const group of document.querySelectorAll('[role="group"][data-status="streaming"]')) {
        const text = group.querySelector('[data-part="tool-arguments"]')?.textContent ?? '';
        if (seen[seen.length - 1] !== text) seen.push(text);
        const buttons = [...group.querySelectorAll('button')];
        if (buttons.some((b) => `${b.getAttribute('aria-label') ?? ''} ${b.textContent ?? ''}`.includes('Allow once')))
          w.__askedWhileWritten = true;
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  });
}

test('a call shows as the model writes its arguments, before approval is asked', async ({ serve, chat, page }) => {
  await chat.open(serve.openUrl);
  await new ToolsSettingsPage(page).addConnected({
    name: 'everything',
    command: process.execPath,
    args: everythingArgs,
  });
  await chat.pickModel('fake-tools-slow');
  await recordToolStatuses(page);
  await recordWrittenArguments(page);
  await chat.send('call echo');

  const echo = toolCall(chat.lastAnswer, 'echo');
  // While written: named by the tool's own name, its arguments unfinished, no approval yet.
  await expect(echo).toHaveAttribute('data-status', 'streaming');
  await expect(echo).toHaveAttribute('data-status', 'awaiting-approval', { timeout: 15_000 });
  expect(await page.evaluate(() => (window as unknown as { __askedWhileWritten: boolean }).__askedWhileWritten)).toBe(
    false,
  );
  const full = '{"message":"call echo"}';
  const written = await page.evaluate(() => (window as unknown as { __written: string[] }).__written);
  // It grew piece by piece (5 characters every 250 ms), each text a start of the whole.
  expect(written.length, JSON.stringify(written)).toBeGreaterThanOrEqual(3);
  for (const text of written) expect(full.startsWith(text), text).toBe(true);
  expect(new Set(written).size).toBe(written.length);
  // The stored call took its place, whole, at the end of the stream.
  await expect(echo.locator('[data-part="tool-arguments"]')).toHaveText('{\n  "message": "call echo"\n}');
  expect((await seenToolStatuses(page))['Tool call: echo']?.slice(0, 2)).toEqual(['streaming', 'awaiting-approval']);

  await echo.getByRole('button', { name: 'Allow once' }).click();
  await chat.expectAnswerStatus('done');
  await expect(echo).toHaveAttribute('data-status', 'done');
  await expect(chat.lastAnswer).toContainText('Echo: call echo');
});

test('a call a model writes into its text (Hermes) shows as it is written too, its tags never in the answer', async ({
  chat,
  page,
  dataDir,
}) => {
  // A server without its tool parser: the calls come as <tool_call> blocks in the content, 3
  // characters a piece, 20 ms apart.
  const text = await startTextToolServer({ tokenDelayMs: 20 });
  const serve = await startServe(dataDir, [
    { name: 'No parser', kind: 'openai-chat', baseUrl: `${text.baseUrl}/v1`, defaultModel: 'fake-hermes-calls' },
  ]);
  try {
    await chat.open(serve.openUrl);
    await new ToolsSettingsPage(page).addConnected({
      name: 'everything',
      command: process.execPath,
      args: everythingArgs,
    });
    await chat.pickModel('fake-hermes-calls');
    await recordToolStatuses(page);
    await recordWrittenArguments(page);
    await chat.recordAnswer();
    await chat.send('weather in Paris?');

    const weather = toolCall(chat.lastAnswer, 'get_weather');
    await expect(weather).toHaveAttribute('data-status', 'streaming');
    await chat.expectAnswerStatus('done');
    // It grew piece by piece before the stored call (an error result: no such tool here) replaced it.
    const written = await page.evaluate(() => (window as unknown as { __written: string[] }).__written);
    const full = '{"city": "Paris"}';
    const mine = written.filter((w) => w.startsWith('{"city'));
    expect(mine.length, JSON.stringify(written)).toBeGreaterThanOrEqual(3);
    for (const shown of mine) expect(full.startsWith(shown), shown).toBe(true);
    expect((await seenToolStatuses(page))['Tool call: get_weather']?.[0]).toBe('streaming');
    // The answer never showed the tags or the calls' JSON.
    for (const shown of await chat.recordedAnswer()) {
      expect(shown).not.toContain('<tool_call>');
      expect(shown).not.toContain('"name"');
    }
  } finally {
    await serve.stop();
    await text.close();
  }
});

test("a tool's image shows in its folded result, from the stored bytes", async ({ serve, chat, page }) => {
  await chat.open(serve.openUrl);
  await new ToolsSettingsPage(page).addConnected({
    name: 'everything',
    command: process.execPath,
    args: everythingArgs,
  });
  await chat.pickModel('fake-tools');
  await chat.send('call get-tiny-image');
  const call = toolCall(chat.lastAnswer, 'get-tiny-image');
  await call.getByRole('button', { name: 'Allow once' }).click();
  await chat.expectAnswerStatus('done');
  await expect(call).toHaveAttribute('data-status', 'done');
  await expect(call.locator('summary')).toContainText('1 image');
  await call.locator('summary').click();
  const image = call.locator('[data-part="tool-images"] img');
  await expect(image).toHaveCount(1);
  await expect(image).toHaveAttribute('src', /^blob:/);
  await expect.poll(() => image.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
  await expect(call.locator('[data-part="tool-result"]')).toContainText('[Image (image/png)]');
});

test('Stop during a running call cancels it on the server and ends the turn cancelled, as a reload shows', async ({
  serve,
  chat,
  page,
}) => {
  await chat.open(serve.openUrl);
  await new ToolsSettingsPage(page).addConnected({ name: 'test', command: process.execPath, args: testServerArgs('') });
  await chat.pickModel('fake-tools-slow');
  await chat.send('call never');
  const answer = chat.lastAnswer;
  const never = toolCall(answer, 'never');
  await never.getByRole('button', { name: 'Allow once' }).click();
  await expect(never).toHaveAttribute('data-status', 'running');
  await chat.stop();
  await expect(never).toHaveAttribute('data-status', 'cancelled');
  await chat.expectAnswerStatus('cancelled');
  await expect(answer.locator('[data-part="content"]')).toContainText('Let me check.');

  // The server got MCP's notifications/cancelled for that request: its own list says so.
  await chat.send('call cancellations');
  const asked = toolCall(chat.lastAnswer, 'cancellations');
  await asked.getByRole('button', { name: 'Allow once' }).click();
  await chat.expectAnswerStatus('done');
  await asked.locator('summary').click();
  await expect(asked.locator('[data-part="tool-result"]')).toHaveText(/^\["[^"]+"\]$/);

  await page.reload();
  await chat.openConversation('call never');
  const first = chat.messages.filter({ has: page.getByRole('group', { name: 'Tool call: never' }) });
  await expect(first).toHaveAttribute('data-status', 'cancelled');
  await expect(toolCall(first, 'never')).toHaveAttribute('data-status', 'cancelled');
  await expect(first.locator('[data-part="content"]')).toContainText('Let me check.');
});

test('a restart during a running call leaves the turn interrupted, and the call is not run again', async ({
  serve,
  fake,
  dataDir,
  chat,
  page,
}) => {
  await chat.open(serve.openUrl);
  await new ToolsSettingsPage(page).addConnected({ name: 'test', command: process.execPath, args: testServerArgs('') });
  await chat.pickModel('fake-tools-slow');
  await chat.send('call never');
  const never = toolCall(chat.lastAnswer, 'never');
  await never.getByRole('button', { name: 'Allow once' }).click();
  await expect(never).toHaveAttribute('data-status', 'running');
  // Let a write batch store the text, then the host dies.
  await page.waitForTimeout(600);
  await serve.stop('SIGKILL');

  const again = await startServe(dataDir, [
    { name: 'Fake vLLM', kind: 'openai-chat', baseUrl: fake.baseUrl, defaultModel: 'fake-chat' },
  ]);
  try {
    await chat.open(again.openUrl);
    await chat.openConversation('call never');
    await recordToolStatuses(page);
    const answer = chat.lastAnswer;
    await expect(answer).toHaveAttribute('data-status', 'interrupted');
    await expect(answer.locator('[data-part="content"]')).toContainText('Let me check.');
    const call = toolCall(answer, 'never');
    await expect(call).toHaveAttribute('data-status', 'cancelled');
    await expect(call.getByRole('button', { name: 'Allow once' })).toHaveCount(0);
    await expect(answer.getByRole('button', { name: 'Continue' })).toBeVisible();
    // Nothing starts by itself: the call stays as it was, and no other call appears.
    await page.waitForTimeout(1_500);
    expect(await seenToolStatuses(page)).toEqual({ 'Tool call: never': ['cancelled'] });
    await expect(answer.locator('[role="group"][aria-label^="Tool call: "]')).toHaveCount(1);
  } finally {
    await again.stop();
  }
});
