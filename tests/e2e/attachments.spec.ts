// Attachments end to end: the real renderer in Chromium through the web host, against fake model
// servers. Images are picked (file chooser), pasted (a real paste event carrying a DataTransfer)
// and dropped; the server receives them in its wire format; thumbnails show in history after a
// reload and after the web host restarts; text files go as context; bad files are refused with a
// reason; a text-only backend refuses images and the composer keeps them.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import type { Locator, Page } from '@playwright/test';
import { startKoboldServer } from '../servers/koboldcpp-server';
import { startServe } from './support/serve-process';
import { expect, test } from './support/fixtures';

/** A real PNG of `width` × `height` pixels of one colour, so Chromium can decode and size it. */
function png(width: number, height: number, rgb: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.from([0, ...Array.from({ length: width }, () => rgb).flat()]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(Array.from({ length: height }, () => row)))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const red = png(40, 30, [210, 40, 40]);
const green = png(24, 24, [30, 170, 60]);
const blue = png(32, 20, [40, 60, 220]);
const dataUrl = (bytes: Buffer) => `data:image/png;base64,${bytes.toString('base64')}`;

const composerForm = (page: Page) => page.locator('form.composer');
const tray = (page: Page) => page.getByRole('list', { name: 'Attachments' });

async function pick(page: Page, files: { name: string; mimeType: string; buffer: Buffer }[] | string[]): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Attach', exact: true }).click();
  await (await chooser).setFiles(files);
}

/** A real paste event on the message box, its clipboardData a DataTransfer holding the file. */
async function paste(page: Page, name: string, bytes: Buffer): Promise<void> {
  await page.getByRole('textbox', { name: 'Message' }).evaluate(
    (box, { name, base64 }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([bytes], name, { type: 'image/png' }));
      box.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    },
    { name, base64: bytes.toString('base64') },
  );
}

/** A drag that enters the composer and drops a file on it, as the browser dispatches one. */
async function drop(page: Page, name: string, bytes: Buffer, type = 'image/png'): Promise<void> {
  await composerForm(page).evaluate(
    (form, { name, base64, type }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([bytes], name, { type }));
      for (const kind of ['dragenter', 'dragover', 'drop']) {
        form.dispatchEvent(new DragEvent(kind, { dataTransfer: data, bubbles: true, cancelable: true }));
      }
    },
    { name, base64: bytes.toString('base64'), type },
  );
}

/** The image has loaded from a blob: URL and has its real size. */
async function expectShown(image: Locator, width: number): Promise<void> {
  await expect(image).toHaveAttribute('src', /^blob:/);
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(width);
}

const userMessage = (page: Page) => page.locator('article[data-role="user"]').last();

test('an image picked, one pasted and one dropped are sent, and show in history after a reload and a restart', async ({
  chat,
  serve,
  fake,
  dataDir,
  page,
}) => {
  // Two turns, a reload and a restart of the web host: longer than one answer on a busy machine.
  test.setTimeout(180_000);
  await chat.open(serve.openUrl);
  await chat.pickModel('fake-chat');

  await pick(page, [{ name: 'red.png', mimeType: 'image/png', buffer: red }]);
  await paste(page, 'green.png', green);
  await drop(page, 'blue.png', blue);
  await expect(tray(page).getByRole('img')).toHaveCount(3);
  for (const [name, bytes] of [
    ['red.png', red],
    ['green.png', green],
    ['blue.png', blue],
  ] as const) {
    await expectShown(tray(page).getByRole('img', { name }), bytes.readUInt32BE(16));
  }

  // Removed before sending: it must not reach the server.
  await tray(page).getByRole('button', { name: 'Remove green.png' }).click();
  await expect(tray(page).getByRole('img')).toHaveCount(2);

  await chat.send('What colours are these?');
  await chat.expectAnswerStatus('done');
  await expect(tray(page)).toHaveCount(0);

  const body = fake.requests.filter((r) => r.path === '/v1/chat/completions').at(-1)!.body as {
    messages: { role: string; content: unknown }[];
  };
  expect(body.messages).toEqual([
    {
      role: 'user',
      content: [
        { type: 'text', text: 'What colours are these?' },
        { type: 'image_url', image_url: { url: dataUrl(red) } },
        { type: 'image_url', image_url: { url: dataUrl(blue) } },
      ],
    },
  ]);

  const thumbs = userMessage(page).getByRole('button', { name: /^Open / });
  await expect(thumbs).toHaveCount(2);
  await expectShown(userMessage(page).getByRole('img', { name: 'red.png' }), 40);
  await expectShown(userMessage(page).getByRole('img', { name: 'blue.png' }), 32);

  // A larger view inside the app, closed again with its button.
  await userMessage(page).getByRole('button', { name: 'Open red.png' }).click();
  const viewer = page.getByRole('dialog', { name: 'red.png' });
  await expect(viewer).toBeVisible();
  await expectShown(viewer.getByRole('img', { name: 'red.png' }), 40);
  await viewer.getByRole('button', { name: 'Close' }).click();
  await expect(viewer).toHaveCount(0);

  // A second turn sends the earlier images again with the new question.
  await chat.send('Which one is darker?');
  await chat.expectAnswerStatus('done');
  const second = JSON.stringify(fake.requests.filter((r) => r.path === '/v1/chat/completions').at(-1)!.body);
  expect(second).toContain(dataUrl(red));
  expect(second).toContain(dataUrl(blue));

  await page.reload();
  await chat.openConversation('What colours are these?');
  const firstUser = page.locator('article[data-role="user"]').first();
  await expectShown(firstUser.getByRole('img', { name: 'red.png' }), 40);
  await expectShown(firstUser.getByRole('img', { name: 'blue.png' }), 32);

  await serve.stop();
  const again = await startServe(dataDir, [{ name: 'Fake vLLM', kind: 'openai-chat', baseUrl: fake.baseUrl }]);
  try {
    await chat.open(again.openUrl);
    await chat.openConversation('What colours are these?');
    const restored = page.locator('article[data-role="user"]').first();
    await expectShown(restored.getByRole('img', { name: 'red.png' }), 40);
    await expectShown(restored.getByRole('img', { name: 'blue.png' }), 32);
  } finally {
    await again.stop();
  }
});

test('a text file goes as context, shows as a chip, and opens as text', async ({ chat, serve, fake, page }) => {
  await chat.open(serve.openUrl);
  await chat.pickModel('fake-chat');
  const notes = '# 会议记录\n- ship attachments\n';
  await pick(page, [{ name: 'notes.md', mimeType: 'text/markdown', buffer: Buffer.from(notes) }]);
  await expect(tray(page)).toContainText('notes.md');

  await chat.send('Summarise the notes');
  await chat.expectAnswerStatus('done');
  const body = fake.requests.filter((r) => r.path === '/v1/chat/completions').at(-1)!.body as {
    messages: { content: string }[];
  };
  expect(body.messages[0]!.content).toBe(`File: notes.md\n\`\`\`md\n${notes.trimEnd()}\n\`\`\`\n\nSummarise the notes`);

  // The message shows what the user typed, with the file as a chip beside it.
  await expect(userMessage(page).locator('[data-part="content"]')).toHaveText('Summarise the notes');
  const chip = userMessage(page).getByRole('button', { name: 'Open notes.md' });
  await expect(chip).toContainText('notes.md');
  await chip.click();
  const viewer = page.getByRole('dialog', { name: 'notes.md' });
  await expect(viewer.locator('pre')).toHaveText(notes);
  await page.keyboard.press('Escape');
  await expect(viewer).toHaveCount(0);
});

test('files of the wrong type or too large are refused with the reason, and nothing is attached', async ({
  chat,
  serve,
  dataDir,
  page,
}) => {
  await chat.open(serve.openUrl);
  await chat.pickModel('fake-chat');
  // Files on disk, as a user picks them (a 20 MB buffer would crawl through the protocol).
  const folder = join(dataDir, 'picked');
  mkdirSync(folder);
  const write = (name: string, bytes: Buffer) => {
    writeFileSync(join(folder, name), bytes);
    return join(folder, name);
  };
  await pick(page, [
    write('huge.png', Buffer.concat([red.subarray(0, 16), Buffer.alloc(20 * 1024 * 1024 + 1)])),
    write('tool.exe', Buffer.from('MZ\x90\x00 program')),
    write('photo.png', Buffer.from('this is text, not a picture')),
  ]);
  const alert = page.locator('.composer-refusals[role="alert"]');
  await expect(alert).toContainText('“huge.png” is too large: images can be at most 20 MB.');
  await expect(alert).toContainText(
    '“tool.exe” cannot be attached: only PNG, JPEG, WebP and GIF images and text files (.txt, .md, .json, .csv, source code) are accepted.',
  );
  await expect(alert).toContainText('“photo.png” cannot be attached');
  await expect(tray(page)).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Send', exact: true })).toBeDisabled();

  // The refusal can be dismissed, and a good file after it is attached.
  await alert.getByRole('button', { name: 'Dismiss' }).click();
  await expect(alert).toHaveCount(0);
  await drop(page, 'red.png', red);
  await expect(tray(page).getByRole('img', { name: 'red.png' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Send', exact: true })).toBeEnabled();
});

test('a text-only backend refuses images before sending, and the composer keeps them', async ({
  chat,
  dataDir,
  page,
}) => {
  const kobold = await startKoboldServer({ behaviour: 'fake-chat' });
  const serve = await startServe(dataDir, [{ name: 'Fake KoboldCpp', kind: 'koboldcpp', baseUrl: kobold.baseUrl }]);
  try {
    await chat.open(serve.openUrl);
    await chat.pickModel('fake-chat', 'Fake KoboldCpp');
    await pick(page, [{ name: 'red.png', mimeType: 'image/png', buffer: red }]);
    // Said before Send, too.
    await expect(page.locator('.composer-warning')).toHaveText(
      'Fake KoboldCpp takes text only, so images cannot be sent to it: choose a vision-capable backend, or remove the images.',
    );
    await chat.send('What is this?', { answered: false });
    await expect(page.getByRole('alert').filter({ hasText: 'KoboldCpp backends take text only' })).toBeVisible();
    await expect(tray(page).getByRole('img', { name: 'red.png' })).toBeVisible();
    await expect(chat.composer).toHaveValue('What is this?');
    expect(kobold.requests.filter((r) => r.method === 'POST')).toEqual([]);
    await expect(chat.messages).toHaveCount(0);
  } finally {
    await serve.stop();
    await kobold.close();
  }
});
