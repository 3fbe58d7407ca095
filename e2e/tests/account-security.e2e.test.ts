import { describe, expect, inject, it } from 'vitest';
import { newPage, pageErrors, screenshot, useBrowser } from '../browser';
import { ConsolePage } from '../pages/console';
import { totpNow } from '../totp';

const baseUrl = inject('baseUrl');
const browser = useBrowser();

describe('account security', () => {
  // dept1 is used by no other browser test: once bound, its logins need the dynamic code.
  it('binds a TOTP authenticator and then needs it to sign in', async () => {
    const { page, context } = await newPage(browser());
    const errors = pageErrors(page);
    const console = new ConsolePage(page, baseUrl);
    await console.login('dept1');
    // Reached from the user name in the header as well as from the menu.
    await page.getByRole('link', { name: /^账号安全/ }).click();
    await console.heading('账号安全').waitFor();
    await expect.poll(() => page.getByText('dept1', { exact: true }).isVisible()).toBe(true);
    await expect.poll(() => page.getByText('未启用', { exact: true }).isVisible()).toBe(true);

    await console.button('绑定动态口令').click();
    const secretText = page.getByTestId('totp-secret');
    await secretText.waitFor();
    const shown = ((await secretText.textContent()) ?? '').trim();
    expect(shown).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/);
    const secret = shown.replaceAll(' ', '');
    await expect.poll(() => page.getByText(/^otpauth:\/\/totp\//).isVisible()).toBe(true);
    await expect.poll(() => page.getByLabel('动态口令二维码').isVisible()).toBe(true);
    await screenshot(page, 'console-security-setup');

    const good = totpNow(secret);
    const wrong = String((Number(good) + 500_000) % 1_000_000).padStart(6, '0');
    await page.getByLabel('动态验证码').fill(wrong);
    await console.button('确认启用').click();
    await expect.poll(() => page.getByText('动态验证码错误').isVisible()).toBe(true);

    await page.getByLabel('动态验证码').fill(totpNow(secret));
    await console.button('确认启用').click();
    await expect.poll(() => page.getByText('动态口令已启用').isVisible()).toBe(true);
    await expect.poll(() => page.getByText('已启用', { exact: true }).isVisible()).toBe(true);
    await screenshot(page, 'console-security-enabled');

    await console.logout();
    // A code is good once and the enabling code was just used: the authenticator's next code
    // (one step ahead, inside the server's drift window) signs in.
    await console.login('dept1', undefined, () => totpNow(secret, Date.now() + 30_000));
    await console.openScreen('账号安全');
    await expect.poll(() => page.getByText('已启用', { exact: true }).isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });
});
