// Accessibility rules (axe-core: WCAG 2.1 A and AA) on the page or a part of it: the serious and critical violations found,
// as "rule: target" lines, so a failure names what to fix.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/** The WCAG 2.0 and 2.1 rules, levels A and AA. */
const wcag = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export async function seriousViolations(page: Page, ...selectors: string[]): Promise<string[]> {
  let builder = new AxeBuilder({ page }).withTags(wcag);
  for (const selector of selectors) builder = builder.include(selector);
  const { violations } = await builder.analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}
