import { describe, expect, inject, it } from 'vitest';
import { newPage, pageErrors, screenshot, useBrowser } from '../browser';
import { ConsolePage } from '../pages/console';
import { PortalPage } from '../pages/portal';

const baseUrl = inject('baseUrl');
const PHONE = '13912345678';
const MASKED = '139****5678';
const browser = useBrowser();

describe('citizen sign-in by SMS code', () => {
  it('reads the code from the console SMS outbox and signs in on a phone', async () => {
    const citizen = await newPage(browser(), { mobile: true });
    const citizenErrors = pageErrors(citizen.page);
    const portal = new PortalPage(citizen.page, baseUrl);
    await portal.open('/me');
    await expect.poll(() => citizen.page.getByRole('heading', { name: '手机号登录' }).isVisible()).toBe(true);
    await portal.requestSmsCode(PHONE);
    await expect.poll(() => citizen.page.getByText(`验证码已发送至 ${MASKED}`).isVisible()).toBe(true);

    // The default SMS channel only writes to the outbox: staff read the code there.
    const staff = await newPage(browser());
    const staffErrors = pageErrors(staff.page);
    const console = new ConsolePage(staff.page, baseUrl);
    await console.login('district');
    await console.openScreen('短信发件箱');
    let code: string | undefined;
    await expect
      .poll(
        async () => {
          await console.button('刷新').click();
          await staff.page.locator('.ant-table-tbody').waitFor();
          const newest = console.tableRows(MASKED).first();
          if ((await newest.count()) === 0) return undefined;
          code = ((await newest.textContent()) ?? '').match(/验证码为\s*(\d{6})/)?.[1];
          return code;
        },
        { timeout: 15_000, interval: 500 },
      )
      .toMatch(/^\d{6}$/);
    await screenshot(staff.page, 'console-sms-outbox');

    await portal.signInWithCode(code!);
    await expect.poll(() => citizen.page.getByText('登录成功').isVisible()).toBe(true);
    await expect
      .poll(() => citizen.page.getByRole('heading', { name: /139\*{4}5678/ }).isVisible())
      .toBe(true);
    await expect.poll(() => citizen.page.getByRole('button', { name: '退出' }).isVisible()).toBe(true);
    await screenshot(citizen.page, 'portal-me-signed-in');

    expect(citizenErrors).toEqual([]);
    expect(staffErrors).toEqual([]);
    await staff.context.close();
    await citizen.context.close();
  });
});
