import { describe, expect, inject, it } from 'vitest';
import { newPage, pageErrors, screenshot, useBrowser } from '../browser';
import { ConsolePage } from '../pages/console';

const baseUrl = inject('baseUrl');
const browser = useBrowser();

describe('audit log', () => {
  it('shows the district login to the auditor and verifies the hash chain', async () => {
    // A district login of its own, so the test does not depend on the order the files run in.
    const district = await newPage(browser());
    await new ConsolePage(district.page, baseUrl).login('district');
    await district.context.close();

    const { page, context } = await newPage(browser());
    const errors = pageErrors(page);
    const console = new ConsolePage(page, baseUrl);
    await console.login('auditor');
    await console.openScreen('审计日志');
    const districtLogin = console
      .tableRows('（district）')
      .filter({ has: page.locator('code', { hasText: /^auth\.login$/ }) });
    await expect.poll(() => districtLogin.count()).toBeGreaterThan(0);

    await console.button('校验完整性').click();
    await expect
      .poll(() => page.getByText(/审计日志完整，未发现篡改（共校验 \d+ 条记录）/).isVisible())
      .toBe(true);
    await screenshot(page, 'console-audit');
    expect(errors).toEqual([]);
    await context.close();
  });
});
