// Tools end to end in Chromium through the web host: an MCP server (the MCP project's
// server-everything over stdio) added in Settings → Tools by its form, the fake OpenAI server's
// `fake-tools` model calling its first two tools (echo, get-annotated-message) in one round, and
// the user answering each call in its group: allow, deny, always allow, both of a parallel round,
// Stop, a reload and a restart of the web host while a call waits (then Continue), and Regenerate.
import type { Locator, Page } from '@playwright/test';
import type { FakeOpenAiServer } from '../servers/openai-chat-server';
import type { ChatPage } from './support/chat-page';
import { expect, test } from './support/fixtures';
import { startServe } from './support/serve-process';
import {
  everythingArgs,
  recordToolStatuses,
  seenToolStatuses,
  toolCall,
  ToolsSettingsPage,
} from './support/tools-page';

const everything = { name: 'everything', command: process.execPath, args: everythingArgs };

/** Opens the app, adds server-everything in Settings → Tools, and sends `message` to fake-tools. */
async function toolTurn(chat: ChatPage, page: Page, url: string, message: string): Promise<Locator> {
  await chat.open(url);
  await new ToolsSettingsPage(page).addConnected(everything);
  await chat.pickModel('fake-tools');
  await chat.send(message);
  return chat.lastAnswer;
}

const chatRequests = (fake: FakeOpenAiServer) => fake.requests.filter((r) => r.path.endsWith('/chat/completions'));

/** The sentence fake-tools ends with once the results are back: it quotes each of them. */
const quote = (answer: Locator) => answer.locator('[data-part="content"] p', { hasText: 'The tools answered' });

const allow = (call: Locator, button = 'Allow once') => call.getByRole('button', { name: button, exact: true }).click();

/** An ended call that never started: no time in its summary, and no result. */
async function expectNeverRan(call: Locator): Promise<void> {
  await expect(call.locator('.tool-call-time')).toHaveCount(0);
  await call.locator('summary').click();
  await expect(call.locator('[data-part="tool-result"]')).toHaveText('No result');
}

test('approve: each call waits in its group until allowed, runs, and the answer quotes its result', async ({
  serve,
  chat,
  page,
}) => {
  const answer = await toolTurn(chat, page, serve.openUrl, 'hello tools');
  const echo = toolCall(answer, 'echo');
  const other = toolCall(answer, 'get-annotated-message');
  await expect(echo).toHaveAttribute('data-status', 'awaiting-approval');
  await expect(echo).toContainText('"message": "hello tools"');
  await allow(echo);
  await expect(echo).toHaveAttribute('data-status', 'done');
  await expect(echo.getByRole('button')).toHaveCount(0);
  await expect(other).toHaveAttribute('data-status', 'awaiting-approval');
  await allow(other);
  await chat.expectAnswerStatus('done');
  await expect(other).toHaveAttribute('data-status', 'done');
  await expect(quote(answer)).toContainText('"Echo: hello tools"');
  await echo.locator('summary').click();
  await expect(echo.locator('[data-part="tool-result"]')).toHaveText('Echo: hello tools');
});

test('deny: the call ends denied, runs nothing, and the model is told', async ({ serve, chat, page, fake }) => {
  const answer = await toolTurn(chat, page, serve.openUrl, 'do not');
  for (const tool of ['echo', 'get-annotated-message']) {
    const call = toolCall(answer, tool);
    await call.getByRole('button', { name: 'Deny', exact: true }).click();
    await expect(call).toHaveAttribute('data-status', 'denied');
  }
  await chat.expectAnswerStatus('done');
  await expect(quote(answer)).toContainText('"The user denied this tool call."');
  const echo = toolCall(answer, 'echo');
  await expect(echo.locator('.tool-call-time')).toHaveCount(0);
  const followUp = chatRequests(fake)[1]!.body as { messages: { role: string; content: string }[] };
  expect(followUp.messages.filter((m) => m.role === 'tool').map((m) => m.content)).toEqual([
    'The user denied this tool call.',
    'The user denied this tool call.',
  ]);
});

test('always allow: the next message runs those tools without asking', async ({ serve, chat, page }) => {
  const first = await toolTurn(chat, page, serve.openUrl, 'first');
  for (const tool of ['echo', 'get-annotated-message']) await allow(toolCall(first, tool), 'Always allow');
  await chat.expectAnswerStatus('done');

  await recordToolStatuses(page);
  await chat.send('second');
  await expect(chat.messages).toHaveCount(4);
  const second = chat.lastAnswer;
  await chat.expectAnswerStatus('done');
  await expect(toolCall(second, 'echo')).toHaveAttribute('data-status', 'done');
  await expect(quote(second)).toContainText('"Echo: second"');
  const seen = await seenToolStatuses(page);
  expect(seen['Tool call: echo']).not.toContain('awaiting-approval');
  expect(seen['Tool call: get-annotated-message']).not.toContain('awaiting-approval');
});

test('parallel calls: both calls of a round wait at once, and the next request waits for both answers', async ({
  serve,
  chat,
  page,
  fake,
}) => {
  const answer = await toolTurn(chat, page, serve.openUrl, 'both');
  const echo = toolCall(answer, 'echo');
  const other = toolCall(answer, 'get-annotated-message');
  await expect(echo).toHaveAttribute('data-status', 'awaiting-approval');
  await expect(other).toHaveAttribute('data-status', 'awaiting-approval');
  await expect(answer.getByRole('button', { name: 'Allow once', exact: true })).toHaveCount(2);

  await allow(other);
  await expect(other).toHaveAttribute('data-status', 'done');
  await page.waitForTimeout(300); // the next request would have left by now if it did not wait
  expect(chatRequests(fake)).toHaveLength(1);
  await expect(echo).toHaveAttribute('data-status', 'awaiting-approval');
  await expect(answer).toHaveAttribute('data-status', 'streaming');

  await echo.getByRole('button', { name: 'Deny', exact: true }).click();
  await chat.expectAnswerStatus('done');
  expect(chatRequests(fake)).toHaveLength(2);
  await expect(quote(answer)).toContainText('"The user denied this tool call."');
});

test('Stop while calls wait: the answer and its calls end cancelled, and nothing ran', async ({
  serve,
  chat,
  page,
  fake,
}) => {
  const answer = await toolTurn(chat, page, serve.openUrl, 'stop me');
  const echo = toolCall(answer, 'echo');
  await expect(echo).toHaveAttribute('data-status', 'awaiting-approval');
  await chat.stop();
  await chat.expectAnswerStatus('cancelled');
  for (const tool of ['echo', 'get-annotated-message']) {
    const call = toolCall(answer, tool);
    await expect(call).toHaveAttribute('data-status', 'cancelled');
    await expectNeverRan(call);
  }
  expect(chatRequests(fake)).toHaveLength(1);
});

test('a reload while calls wait: the page shows them waiting still, and allowing them finishes the turn', async ({
  serve,
  chat,
  page,
}) => {
  const answer = await toolTurn(chat, page, serve.openUrl, 'reload me');
  await expect(toolCall(answer, 'echo')).toHaveAttribute('data-status', 'awaiting-approval');

  // The web host keeps running, and so does the turn: its calls still wait for an answer in main.
  await page.reload();
  await chat.openConversation('reload me');
  const echo = toolCall(chat.lastAnswer, 'echo');
  const other = toolCall(chat.lastAnswer, 'get-annotated-message');
  await expect(echo).toHaveAttribute('data-status', 'awaiting-approval');
  await expect(other).toHaveAttribute('data-status', 'awaiting-approval');
  await expect(chat.lastAnswer).toHaveAttribute('data-status', 'streaming');
  await allow(echo);
  await expect(echo).toHaveAttribute('data-status', 'done');
  await allow(other);
  await chat.expectAnswerStatus('done');
  await expect(quote(chat.lastAnswer)).toContainText('"Echo: reload me"');
});

for (const [signal, ended] of [
  ['SIGTERM', 'cancelled'],
  ['SIGKILL', 'interrupted'],
] as const)
  test(`a restart of the web host (${signal}) while calls wait: they end cancelled, never run, and Continue goes on without them`, async ({
    serve,
    chat,
    page,
    fake,
    dataDir,
  }) => {
    const answer = await toolTurn(chat, page, serve.openUrl, 'restart me');
    await expect(toolCall(answer, 'echo')).toHaveAttribute('data-status', 'awaiting-approval');

    await serve.stop(signal);
    const again = await startServe(dataDir, [
      { name: 'Fake vLLM', kind: 'openai-chat', baseUrl: fake.baseUrl, defaultModel: 'fake-chat' },
    ]);
    try {
      await chat.open(again.openUrl);
      await chat.openConversation('restart me');
      const after = chat.lastAnswer;
      // Stopped, the host ended the turn as cancelled; killed, the next start marks it interrupted.
      await expect(after).toHaveAttribute('data-status', ended);
      for (const tool of ['echo', 'get-annotated-message']) {
        const call = toolCall(after, tool);
        await expect(call).toHaveAttribute('data-status', 'cancelled');
        await expect(call.getByRole('button', { name: 'Allow once' })).toHaveCount(0);
        await expectNeverRan(call);
      }
      // The server starts again with the host; still nothing runs and nothing more is asked of the model.
      const tools = new ToolsSettingsPage(page);
      await tools.open();
      await tools.expectConnected('everything');
      await tools.close();
      await expect(toolCall(after, 'echo')).toHaveAttribute('data-status', 'cancelled');
      expect(chatRequests(fake)).toHaveLength(1);

      // Continue picks the turn up: the model is told the calls never ran, and none runs now.
      await after.getByRole('button', { name: 'Continue', exact: true }).click();
      await chat.expectAnswerStatus('done');
      await expect(quote(after)).toContainText('This tool call did not run');
      for (const tool of ['echo', 'get-annotated-message']) {
        await expect(toolCall(after, tool)).toHaveAttribute('data-status', 'cancelled');
      }
      const resent = chatRequests(fake)[1]!.body as { messages: { role: string; content: string }[] };
      const told = resent.messages.filter((m) => m.role === 'tool').map((m) => m.content);
      expect(told).toHaveLength(2);
      for (const text of told) expect(text).toMatch(/^This tool call did not run/);
    } finally {
      await again.stop();
    }
  });

test('Regenerate of a turn with tools runs the loop again in a new version', async ({ serve, chat, page, fake }) => {
  const answer = await toolTurn(chat, page, serve.openUrl, 'again');
  for (const tool of ['echo', 'get-annotated-message']) await allow(toolCall(answer, tool));
  await chat.expectAnswerStatus('done');
  expect(chatRequests(fake)).toHaveLength(2);

  await answer.getByRole('button', { name: 'Regenerate' }).click();
  const versions = chat.lastAnswer.getByRole('group', { name: 'Versions' });
  await expect(versions).toContainText('2 / 2');
  const echo = toolCall(chat.lastAnswer, 'echo');
  await expect(echo).toHaveAttribute('data-status', 'awaiting-approval');
  await allow(echo);
  await allow(toolCall(chat.lastAnswer, 'get-annotated-message'));
  await chat.expectAnswerStatus('done');
  await expect(quote(chat.lastAnswer)).toContainText('"Echo: again"');
  expect(chatRequests(fake)).toHaveLength(4);

  await versions.getByRole('button', { name: 'Previous version' }).click();
  await expect(versions).toContainText('1 / 2');
  await expect(toolCall(chat.lastAnswer, 'echo')).toHaveAttribute('data-status', 'done');
});
