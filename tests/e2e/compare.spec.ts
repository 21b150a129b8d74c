// Compare end to end in Chromium through the web host: three models across two fake servers, one
// serving one request at a time like llama.cpp with one slot (its /props says so). The answers
// stream side by side, the second to the one-slot server waits and says so, Stop acts on one
// column, the servers' figures show with the fastest marked, "Continue with this" makes one the
// conversation's answer and model, and after a reload "Compare versions" brings them back.
import { replyTokens } from '../servers/fake-replies';
import { startOpenAiChatServer, type FakeOpenAiServer } from '../servers/openai-chat-server';
import { expect, test } from './support/fixtures';
import { expectInside, expectNoSidewaysScrolling } from './support/layout-checks';
import { startServe } from './support/serve-process';

let slotted: FakeOpenAiServer;
/** A sentence of fake-long's answer as rendered. */
const longReply = 'This is the long fake reply.';

test.beforeEach(async () => {
  slotted = await startOpenAiChatServer({ slots: 1 });
});

test.afterEach(async () => {
  await slotted.close();
});

test('three models on two servers side by side; Stop one; Continue with this; reload; Compare versions', async ({
  chat,
  page,
  fake,
  dataDir,
}) => {
  const serve = await startServe(dataDir, [
    { name: 'Fake vLLM', kind: 'openai-chat', baseUrl: fake.baseUrl, defaultModel: 'fake-chat' },
    { name: 'Fake llama.cpp', kind: 'openai-chat', baseUrl: slotted.baseUrl, defaultModel: 'fake-chat' },
  ]);
  try {
    await chat.open(serve.openUrl);
    await chat.pickModel('fake-chat', 'Fake llama.cpp');

    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Compare with' });
    await expect(dialog).toBeVisible();
    // The current model is not offered: it is always compared.
    await expect(dialog.getByRole('checkbox', { name: 'fake-chat — Fake llama.cpp', exact: true })).toHaveCount(0);
    const tick = (label: string) => dialog.getByRole('checkbox', { name: label, exact: true }).check();
    // More than four in all is said at once.
    for (const model of ['fake-reasoning', 'fake-utf8', 'fake-think-tags', 'fake-long'])
      await tick(`${model} — Fake vLLM`);
    await expect(dialog.getByRole('alert')).toContainText('at most 4');
    for (const model of ['fake-reasoning', 'fake-utf8', 'fake-think-tags', 'fake-long']) {
      await dialog.getByRole('checkbox', { name: `${model} — Fake vLLM`, exact: true }).uncheck();
    }
    await expect(dialog.getByRole('alert')).toHaveCount(0);
    await tick('fake-long — Fake llama.cpp');
    await tick('fake-endless — Fake vLLM');
    await dialog.getByRole('button', { name: 'Done' }).click();
    await expect(dialog).toBeHidden();

    // The queued column's wait is short (the first answer is a few words): it is recorded on each
    // DOM change rather than looked for at one moment, which a busy machine can make too late.
    await page.evaluate(() => {
      const w = window as unknown as { __waitSaid: string[] };
      w.__waitSaid = [];
      new MutationObserver(() => {
        const column = document.querySelector('article[aria-label="fake-long — Fake llama.cpp"]');
        const said = column?.querySelector('[role="status"]')?.textContent ?? column?.textContent ?? '';
        if (said.includes('Waiting:') && !w.__waitSaid.includes(said)) w.__waitSaid.push(said);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await chat.send('Compare these');
    const region = page.getByRole('region', { name: 'Comparison' });
    const columns = region.getByRole('article');
    await expect(columns).toHaveCount(3);
    const current = region.getByRole('article', { name: 'fake-chat — Fake llama.cpp' });
    const queued = region.getByRole('article', { name: 'fake-long — Fake llama.cpp' });
    const endless = region.getByRole('article', { name: 'fake-endless — Fake vLLM' });
    await expect(current.getByRole('heading', { name: 'fake-chat' })).toBeVisible();
    await expect(current).toContainText('Fake llama.cpp');

    // The one-slot server's second answer waits for the first, and says so; the other server streams meanwhile.
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { __waitSaid: string[] }).__waitSaid.join('\n')))
      .toContain('Waiting: Fake llama.cpp answers one request at a time');
    await expect(endless.locator('[data-part="content"]')).not.toBeEmpty();

    // Stop on one column stops that answer only.
    await endless.getByRole('button', { name: 'Stop', exact: true }).click();
    await expect(endless).toHaveAttribute('data-status', 'cancelled');
    await expect(current).toHaveAttribute('data-status', 'done', { timeout: 20_000 });
    await expect(queued).toHaveAttribute('data-status', 'done', { timeout: 20_000 });
    await expect(queued).toContainText(longReply);
    expect(slotted.busiest).toBe(1);

    // The servers' figures: first token, speed, tokens, total time, transport and HTTP version.
    for (const column of [current, queued]) {
      for (const figure of ['ttft', 'speed', 'tokens', 'total']) {
        await expect(column.locator(`[data-figure="${figure}"] dd`)).not.toHaveText('—');
      }
      await expect(column.locator('[data-figure="transport"] dd')).toHaveText('SSE · HTTP/1.1');
    }
    // The counts are the servers' own (their usage chunks): one per token each fake sent.
    await expect(current.locator('[data-figure="tokens"] dd')).toHaveText(
      String(replyTokens('fake-chat', 'Compare these')!.length),
    );
    await expect(queued.locator('[data-figure="tokens"] dd')).toHaveText(
      String(replyTokens('fake-long', 'Compare these')!.length),
    );
    // In each ranked row exactly one answer is marked fastest, in words.
    for (const figure of ['ttft', 'total']) {
      await expect(region.locator(`[data-figure="${figure}"][data-best]`)).toHaveCount(1);
      await expect(region.locator(`[data-figure="${figure}"][data-best] dd`)).toContainText('fastest');
    }

    // Continue with this: that answer becomes the conversation's, and its model the chosen one.
    await queued.getByRole('button', { name: 'Continue with this' }).click();
    await expect(region).toBeHidden();
    await expect(chat.lastAnswer).toContainText(longReply);
    await expect(chat.modelPicker).toHaveValue(/^fake-long — /);

    // Reload: the versions are kept, and the turn offers Compare versions.
    await page.reload();
    await chat.openConversation('Compare these');
    await expect(chat.lastAnswer).toContainText(longReply);
    await expect(chat.lastAnswer.getByRole('group', { name: 'Versions' })).toContainText('2 / 3');
    await chat.lastAnswer.getByRole('button', { name: 'Compare versions' }).click();
    await expect(region.getByRole('article')).toHaveCount(3);
    await expect(region.getByRole('article', { name: 'fake-chat — Fake llama.cpp' })).toContainText(
      'Echo: Compare these',
    );
    await expect(region.getByRole('article', { name: 'fake-endless — Fake vLLM' })).toHaveAttribute(
      'data-status',
      'cancelled',
    );
    // Figures stored with the answers are shown again.
    await expect(
      region.getByRole('article', { name: 'fake-long — Fake llama.cpp' }).locator('[data-figure="ttft"] dd'),
    ).not.toHaveText('—');
    await region.getByRole('button', { name: 'Close comparison' }).click();
    await expect(region).toBeHidden();
    await expect(chat.lastAnswer).toContainText(longReply);
  } finally {
    await serve.stop();
  }
});

test('at 800×700 the columns sit two across, then stack, and nothing scrolls sideways', async ({
  chat,
  page,
  serve,
}) => {
  await page.setViewportSize({ width: 800, height: 700 });
  await chat.open(serve.openUrl);
  await chat.pickModel('fake-chat');
  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Compare with' });
  for (const model of ['fake-reasoning', 'fake-utf8']) {
    await dialog.getByRole('checkbox', { name: `${model} — Fake vLLM`, exact: true }).check();
  }
  await expectInside(dialog, 'viewport');
  await dialog.getByRole('button', { name: 'Done' }).click();
  await chat.send('Narrow window');
  const columns = page.getByRole('region', { name: 'Comparison' }).getByRole('article');
  await expect(columns).toHaveCount(3);
  for (const column of await columns.all()) await expect(column).toHaveAttribute('data-status', 'done');
  const boxes = await Promise.all((await columns.all()).map((c) => c.boundingBox()));
  // Two side by side, the third below them, each wide enough to read.
  expect(boxes[1]!.y).toBe(boxes[0]!.y);
  expect(boxes[2]!.y).toBeGreaterThan(boxes[0]!.y);
  for (const box of boxes) expect(box!.width).toBeGreaterThan(300);
  await expectNoSidewaysScrolling(page);
  for (const column of await columns.all()) {
    await expectInside(column.getByRole('button', { name: 'Continue with this' }), 'viewport');
  }

  // A phone-sized window stacks them.
  await page.setViewportSize({ width: 500, height: 700 });
  const narrow = await Promise.all((await columns.all()).map((c) => c.boundingBox()));
  expect(narrow[1]!.y).toBeGreaterThan(narrow[0]!.y);
  expect(narrow[1]!.x).toBe(narrow[0]!.x);
  await expectNoSidewaysScrolling(page);
});
