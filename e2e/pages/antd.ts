import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * Picks an option of an antd Select found by its label, with the keyboard as a person may: focus,
 * open (Enter), optionally type to filter, move with ArrowDown until the wanted option is the
 * active one, Enter. No pointer clicks on the dropdown: a click can land while the popup is still
 * moving in (an opening drawer, a slow machine) and be dropped, and options further down a
 * virtual list are not rendered until the list scrolls, which the keyboard does.
 * `scope` (a page, or a modal/drawer/card of it) is where the label is looked for.
 */
export async function pickOption(
  scope: Page | Locator,
  label: string,
  option: string,
  filter = '',
): Promise<void> {
  const page = 'page' in scope ? scope.page() : scope;
  const input = scope.getByLabel(label, { exact: true });
  // (`has` is matched inside each .ant-select, so it takes a locator with no scope of its own.)
  const select = scope.locator('.ant-select').filter({ has: page.getByLabel(label, { exact: true }) });
  const multiple = await select.evaluate((el) => el.classList.contains('ant-select-multiple'));
  const active = page.locator('.ant-select-dropdown:visible .ant-select-item-option-active');
  const chosen = async () => (await select.textContent())?.includes(option) ?? false;
  for (let attempt = 0; attempt < 3 && !(await chosen()); attempt++) {
    await input.focus();
    await input.press('Enter');
    if (filter) await input.pressSequentially(filter);
    await active.first().waitFor();
    const seen = new Set<string>();
    for (;;) {
      const title = (await active.first().getAttribute('title')) ?? '';
      if (title === option || seen.has(title)) break;
      seen.add(title);
      await input.press('ArrowDown');
      // The highlight moves on React's next render: wait for it before reading it again.
      await expect.poll(async () => (await active.first().getAttribute('title')) ?? '').not.toBe(title);
    }
    if ((await active.first().getAttribute('title')) !== option) {
      throw new Error(`「${label}」没有选项「${option}」`);
    }
    await input.press('Enter');
    // A multiple select stays open: leave it with Tab (Escape would close the drawer/modal).
    if (multiple) await input.press('Tab');
    await expect
      .poll(chosen, { timeout: 3_000 })
      .toBe(true)
      .catch(() => undefined);
  }
  await expect.poll(() => select.textContent()).toContain(option);
}

/**
 * Presses a modal's button from the keyboard (a tall modal's footer may sit below the fold, where a
 * pointer's hit test lands on the form body) and waits for the modal to close. When it stays open,
 * fails with what the modal says — a field's error, an alert — rather than a bare timeout.
 */
export async function submitModal(modal: Locator, button: string, timeout = 30_000): Promise<void> {
  await modal.getByRole('button', { name: button }).press('Enter');
  try {
    await modal.waitFor({ state: 'hidden', timeout });
  } catch (e) {
    const said = await modal
      .locator('.ant-form-item-explain-error, .ant-alert-message, .ant-alert-title')
      .allTextContents()
      .catch(() => []);
    throw new Error(`对话框按「${button}」后没有关闭：${said.join('；') || '（没有提示）'}`, { cause: e });
  }
}
