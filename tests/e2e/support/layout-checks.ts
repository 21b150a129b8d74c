// Layout checks measured in the page: what scrolls sideways, whether a control lies inside its
// container, whether a select is wide enough to show the value it holds.
import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Everything that scrolls sideways, described (`html 1013 > 800`): the page itself, and any
 * element that can scroll sideways and does, other than those meant to (code blocks, tables, math,
 * which scroll inside the answer).
 */
export async function sidewaysScrolling(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > window.innerWidth) found.push(`html ${root.scrollWidth} > ${window.innerWidth}`);
    const meant = 'pre, .md-table, .katex-display, .md-math';
    for (const el of document.body.querySelectorAll<HTMLElement>('*')) {
      if (el.scrollWidth <= el.clientWidth + 1 || el.closest(meant)) continue;
      const { overflowX } = getComputedStyle(el);
      if (overflowX !== 'auto' && overflowX !== 'scroll') continue;
      found.push(`${el.tagName.toLowerCase()}.${el.className} ${el.scrollWidth} > ${el.clientWidth}`);
    }
    return found;
  });
}

export async function expectNoSidewaysScrolling(page: Page): Promise<void> {
  expect(await sidewaysScrolling(page)).toEqual([]);
}

/** The control lies wholly inside the container (and so inside the window when that is the page). */
export async function expectInside(control: Locator, container: Locator | 'viewport'): Promise<void> {
  const box = await control.boundingBox();
  expect(box, 'the control is laid out').not.toBeNull();
  const outer =
    container === 'viewport'
      ? { x: 0, y: 0, ...(control.page().viewportSize() ?? { width: 0, height: 0 }) }
      : await container.boundingBox();
  expect(outer, 'the container is laid out').not.toBeNull();
  if (!box || !outer) return;
  expect(box.x).toBeGreaterThanOrEqual(outer.x - 0.5);
  expect(box.x + box.width).toBeLessThanOrEqual(outer.x + outer.width + 0.5);
}

/** Its text is not cut: nothing inside is wider than the box (`Export` shown as `Ex`). */
export async function expectTextUncut(control: Locator): Promise<void> {
  const { scrollWidth, clientWidth } = await control.evaluate((el) => ({
    scrollWidth: el.scrollWidth,
    clientWidth: el.clientWidth,
  }));
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth + 1);
}

/**
 * How wide a select's button is, and whether the value it shows fits in it whole (not cut with an
 * ellipsis, and with some text in it: the old native selects showed none at 37 px).
 */
export async function selectFit(button: Locator): Promise<{ width: number; text: string; fits: boolean }> {
  return button.evaluate((el) => {
    const value = el.querySelector<HTMLElement>('.select-field-value');
    if (!value) throw new Error('not a select button');
    const text = value.textContent ?? '';
    const width = el.getBoundingClientRect().width;
    return { width, text, fits: text.length > 0 && value.clientWidth > 0 && value.scrollWidth <= value.clientWidth };
  });
}
