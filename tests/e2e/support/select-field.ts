// The app's drop-down choices (React Aria's Select): a button named by its value then its label
// ("Dark Theme"), which opens a list box of options. Tests find it by its label and pick by name.
import { expect, type Locator, type Page } from '@playwright/test';

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The select's button, found by its label (the name ends with it). */
export function selectButton(scope: Page | Locator, label: string): Locator {
  return scope.getByRole('button', { name: new RegExp(`(^|\\s)${escape(label)}$`) });
}

/** The value the select shows. */
export function selectValue(scope: Page | Locator, label: string): Locator {
  return selectButton(scope, label).locator('.select-field-value');
}

/** Opens the select and picks the option of that name. */
export async function chooseOption(scope: Page | Locator, label: string, option: string): Promise<void> {
  const button = selectButton(scope, label);
  await button.click();
  const page = 'page' in scope ? scope.page() : scope;
  const listbox = page.getByRole('listbox');
  await expect(listbox).toBeVisible();
  await listbox.getByRole('option', { name: option, exact: true }).click();
  await expect(listbox).toBeHidden();
}
