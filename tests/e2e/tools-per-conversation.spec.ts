// The composer's Tools button in Chromium through the web host, with server-everything over stdio:
// a new conversation offers every tool; unchecking a tool (or a whole server) takes it out of the
// request the fake server receives, and the choice stays with the conversation across a reload.
// "Send without tools" after each of the three refusals (vLLM, llama-server, Ollama), and Ollama's
// refusal remembered for that model across a reload until "Try tools again".
import type { Locator, Page } from '@playwright/test';
import type { FakeServer } from '../servers/fake-http-server';
import { OLLAMA_NO_TOOLS_MODEL, startTextToolServer } from '../servers/text-tool-call-server';
import { AFTER_TOOL_ANSWER } from '../servers/text-tool-replies';
import type { ChatPage } from './support/chat-page';
import { expect, test } from './support/fixtures';
import { startServe } from './support/serve-process';
import { everythingArgs, ToolsSettingsPage } from './support/tools-page';

const everything = { name: 'everything', command: process.execPath, args: everythingArgs };

type Body = { tools?: { function?: { name: string } }[] };
const bodiesAt = (fake: FakeServer, path: string): Body[] =>
  fake.requests.filter((r) => r.path.endsWith(path)).map((r) => r.body as Body);
const offered = (body: Body | undefined) => body?.tools?.map((t) => t.function?.name);

const toolsButton = (page: Page): Locator => page.getByRole('button', { name: 'Tools', exact: true });
const toolsDialog = (page: Page): Locator => page.getByRole('dialog', { name: 'Tools', exact: true });

async function openTools(page: Page): Promise<Locator> {
  await toolsButton(page).click();
  await expect(toolsDialog(page)).toBeVisible();
  return toolsDialog(page);
}

async function closeTools(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await expect(toolsDialog(page)).toBeHidden();
}

/** Clicks a checkbox where a user does: its label (the input itself is visually hidden). */
const toggle = (checkbox: Locator): Promise<void> => checkbox.locator('xpath=ancestor::label[1]').click();

async function sendAndFinish(chat: ChatPage, text: string, status = 'done'): Promise<void> {
  const before = await chat.messages.count();
  await chat.send(text);
  await expect(chat.messages).toHaveCount(before + 2);
  await chat.expectAnswerStatus(status);
}

test('unchecking a tool or a server takes it out of the requests, per conversation, across a reload', async ({
  serve,
  chat,
  page,
  fake,
}) => {
  await chat.open(serve.openUrl);
  await new ToolsSettingsPage(page).addConnected(everything);
  await chat.pickModel('fake-chat');

  // A new conversation: every tool of the connected server is on.
  const dialog = await openTools(page);
  const server = dialog.getByRole('checkbox', { name: 'everything', exact: true });
  await expect(server).toBeChecked();
  const echo = dialog.getByRole('checkbox', { name: 'echo', exact: true });
  await expect(echo).toBeChecked();
  const total = await dialog.getByRole('checkbox').count();
  const all = total - 1;
  await expect(toolsButton(page)).toHaveAttribute('data-count', String(all));
  // A tool's description is beside its box, not part of its name.
  await expect(echo).toHaveAccessibleDescription(/echo/i);

  await toggle(echo);
  await expect(echo).not.toBeChecked();
  await expect(server).toBeChecked({ indeterminate: true });
  await expect(toolsButton(page)).toHaveAttribute('data-count', String(all - 1));
  await expect(toolsButton(page)).toHaveAccessibleDescription(`${all - 1} of ${all} tools on`);
  await closeTools(page);

  await sendAndFinish(chat, 'no echo here');
  const first = offered(bodiesAt(fake, '/chat/completions').at(-1));
  expect(first).toHaveLength(all - 1);
  expect(first).not.toContain('everything__echo');
  expect(first).toContain('everything__get-annotated-message');

  // Stored with the conversation: a reload shows the same choice, and the next request honours it.
  await page.reload();
  await chat.openConversation('no echo here');
  await expect(chat.messages).toHaveCount(2);
  await expect(toolsButton(page)).toHaveAttribute('data-count', String(all - 1));
  const again = await openTools(page);
  await expect(again.getByRole('checkbox', { name: 'echo', exact: true })).not.toBeChecked();
  await expect(again.getByRole('checkbox', { name: 'get-annotated-message', exact: true })).toBeChecked();

  // The server's box, half checked, turns all of its tools on; once more, all off: no tools at all in the request.
  const serverBox = again.getByRole('checkbox', { name: 'everything', exact: true });
  await toggle(serverBox);
  await expect(again.getByRole('checkbox', { name: 'echo', exact: true })).toBeChecked();
  await expect(toolsButton(page)).toHaveAttribute('data-count', String(all));
  await toggle(serverBox);
  await expect(serverBox).not.toBeChecked();
  await expect(again.getByRole('checkbox', { name: 'get-annotated-message', exact: true })).not.toBeChecked();
  await expect(toolsButton(page)).toHaveAttribute('data-count', '0');
  await closeTools(page);
  await sendAndFinish(chat, 'nothing now');
  expect(bodiesAt(fake, '/chat/completions').at(-1)).not.toHaveProperty('tools');

  // Another new conversation starts from every tool again.
  await page.getByRole('button', { name: 'New chat' }).click();
  await expect(chat.messages).toHaveCount(0);
  await expect(toolsButton(page)).toHaveAttribute('data-count', String(all));
  await sendAndFinish(chat, 'all again');
  expect(offered(bodiesAt(fake, '/chat/completions').at(-1))).toHaveLength(all);
});

test('Send without tools after each refusal; Ollama’s refusal is remembered for the model across a reload', async ({
  chat,
  page,
  dataDir,
}) => {
  const text = await startTextToolServer({ tokenDelayMs: 1 });
  const serve = await startServe(dataDir, [
    { name: 'No parser', kind: 'openai-chat', baseUrl: `${text.baseUrl}/v1`, defaultModel: 'fake-vllm-no-tool-parser' },
    { name: 'Ollama', kind: 'ollama', baseUrl: text.baseUrl, defaultModel: OLLAMA_NO_TOOLS_MODEL },
  ]);
  try {
    await chat.open(serve.openUrl);
    await new ToolsSettingsPage(page).addConnected(everything);

    for (const [model, backend, path, headline] of [
      ['fake-vllm-no-tool-parser', 'No parser', '/v1/chat/completions', 'The server refused the tools.'],
      ['fake-llamacpp-no-jinja', 'No parser', '/v1/chat/completions', 'The server refused the tools.'],
      [OLLAMA_NO_TOOLS_MODEL, 'Ollama', '/api/chat', 'This model cannot use tools.'],
    ] as const) {
      await page.getByRole('button', { name: 'New chat' }).click();
      await expect(chat.messages).toHaveCount(0);
      await chat.pickModel(model, backend);
      await sendAndFinish(chat, `weather for ${model}?`, 'error');
      const alert = chat.lastAnswer.getByRole('alert');
      await expect(alert).toContainText(headline);
      expect(bodiesAt(text, path).at(-1)).toHaveProperty('tools');

      await alert.getByRole('button', { name: 'Send without tools' }).click();
      await expect(chat.lastAnswer.getByRole('group', { name: 'Versions' })).toContainText('2 / 2');
      await chat.expectAnswerStatus('done');
      await expect(chat.lastAnswer.locator('[data-part="content"]')).toContainText(AFTER_TOOL_ANSWER);
      expect(bodiesAt(text, path).at(-1)).not.toHaveProperty('tools');
    }

    // Ollama said the model takes no tools: the Tools button says so, and so it stays after a reload.
    await expect(toolsButton(page)).toHaveAttribute('data-count', '0');
    const dialog = await openTools(page);
    await expect(dialog.getByRole('status')).toContainText(`${OLLAMA_NO_TOOLS_MODEL} does not support tools`);
    await closeTools(page);
    await page.reload();
    await chat.openConversation(`weather for ${OLLAMA_NO_TOOLS_MODEL}?`);
    await expect(chat.messages).toHaveCount(2);
    await chat.pickModel(OLLAMA_NO_TOOLS_MODEL, 'Ollama');
    await expect(toolsButton(page)).toHaveAttribute('data-count', '0');
    await sendAndFinish(chat, 'and tomorrow?');
    expect(bodiesAt(text, '/api/chat').at(-1)).not.toHaveProperty('tools');
    // Other models still get tools.
    await chat.pickModel('fake-vllm-no-tool-parser', 'No parser');
    await expect(toolsButton(page)).not.toHaveAttribute('data-count', '0');

    // Try tools again: the model's next turn offers tools, and Ollama refuses them again.
    await chat.pickModel(OLLAMA_NO_TOOLS_MODEL, 'Ollama');
    const popover = await openTools(page);
    await popover.getByRole('button', { name: 'Try tools again' }).click();
    await expect(popover.getByRole('status')).toHaveCount(0);
    await closeTools(page);
    await expect(toolsButton(page)).not.toHaveAttribute('data-count', '0');
    await sendAndFinish(chat, 'tools again?', 'error');
    expect(bodiesAt(text, '/api/chat').at(-1)).toHaveProperty('tools');
  } finally {
    await serve.stop();
    await text.close();
  }
});
