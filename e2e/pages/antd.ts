import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * Picks an option of an antd Select found by its label, with the keyboard as a person may: focus,
 * open (Enter), optionally type to filter, move with ArrowDown until the wanted option is the
 * active one, Enter. No pointer clicks on the dropdown: a click can land while the popup is still
 * moving in (an opening drawer, a slow machine) and be dropped, and options further down a
 * virtual list are not rendered until the list scrolls, which the keyboard does.
 */
export async function pickOption(page: Page, label: string, option: string, filter = ''): Promise<void> {
  const input = page.getByLabel(label, { exact: true });
  const select = page.locator('.ant-select').filter({ has: input });
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
