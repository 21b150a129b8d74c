// Automated accessibility checks (axe-core) on the main screens, light and dark: the empty window,
// a finished answer with code, a table and math, an answer that failed, and Settings on each tab.
// No serious or critical violation is allowed (contrast, names, roles, ARIA use).
import { seriousViolations } from './support/axe';
import { expect, test } from './support/fixtures';

test.describe.configure({ timeout: 180_000 });

const answerWithEverything = [
  'Check $E = mc^2$ and a table:',
  '',
  '| server | framing |',
  '|---|---|',
  '| vLLM | SSE |',
  '',
  '```python',
  'print("hello")',
  '```',
  '',
  '$$\\int_0^1 x^2 \\, dx = \\frac{1}{3}$$',
].join('\n');

for (const scheme of ['light', 'dark'] as const) {
  test(`the main screens have no serious accessibility violations (${scheme})`, async ({ chat, serve, page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize({ width: 1280, height: 800 });
    await chat.open(serve.openUrl);
    await expect(page.locator('html')).toHaveAttribute('data-theme', scheme);
    await chat.pickModel('fake-chat');
    expect(await seriousViolations(page), 'the empty window').toEqual([]);

    await chat.send(answerWithEverything);
    await chat.expectAnswerStatus('done');
    await expect(chat.lastAnswer.locator('.katex').first()).toBeVisible();
    expect(await seriousViolations(page), 'a finished answer').toEqual([]);

    await chat.pickModel('fake-error-500');
    await chat.send('This one fails');
    await chat.expectAnswerStatus('error');
    await expect(chat.lastAnswer.getByRole('alert')).toBeVisible();
    expect(await seriousViolations(page), 'an answer that failed').toEqual([]);

    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings', exact: true });
    await expect(dialog).toBeVisible();
    const tabs = dialog.getByRole('tab');
    await expect(tabs).toHaveCount(6);
    for (const tab of await tabs.all()) {
      await tab.click();
      await expect(tab).toHaveAttribute('aria-selected', 'true');
      expect(await seriousViolations(page), `Settings → ${await tab.textContent()}`).toEqual([]);
    }
  });
}
