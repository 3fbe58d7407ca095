import { describe, expect, inject, it } from 'vitest';
import { newPage, pageErrors, screenshot, useBrowser } from '../browser';
import { ConsolePage } from '../pages/console';

const baseUrl = inject('baseUrl');
const browser = useBrowser();

/** Any mobile number, whole or masked (138****1234), anywhere in the page text. */
const PHONE_LIKE = /1[3-9]\d{9}|\d{3}\*{4}\d{4}/;

describe('reaching a deputy and coverage', () => {
  it('a citizen opens a deputy’s QR link on a phone and sees the public page, without phone numbers', async () => {
    // The link a card's QR code holds: /d/<public code>.
    // A deputy stationed at a station near the district centre.
    const near = (await (
      await fetch(`${baseUrl}/api/public/find/nearest?lat=31.11&lng=121.38&limit=50`)
    ).json()) as {
      deputies: Array<{ code: string; name: string; via: { kind: string } | null }>;
    };
    const deputy = near.deputies.find((d) => d.via?.kind === 'station')!;
    const qr = await fetch(`${baseUrl}/api/public/qr/deputy/${deputy.code}.svg`);
    expect(qr.headers.get('content-type')).toContain('image/svg+xml');

    const { page, context } = await newPage(browser(), { mobile: true });
    const errors = pageErrors(page);
    await page.goto(`${baseUrl}/d/${deputy.code}`);
    await expect.poll(() => page.getByRole('heading', { name: deputy.name }).isVisible()).toBe(true);
    await expect
      .poll(() =>
        page
          .getByText(/人大代表/)
          .first()
          .isVisible(),
      )
      .toBe(true);
    await expect.poll(() => page.getByRole('link', { name: '去预约' }).isVisible()).toBe(true);
    const text = (await page.locator('body').textContent()) ?? '';
    expect(text).not.toMatch(PHONE_LIKE);
    await screenshot(page, 'portal-deputy');

    // From the deputy to the station page, and on to /find by problem.
    await page
      .getByRole('region', { name: /^进站：/ })
      .getByRole('link')
      .first()
      .click();
    await expect.poll(() => page.getByRole('link', { name: '预约接待' }).isVisible()).toBe(true);
    await screenshot(page, 'portal-station');
    await page.goto(`${baseUrl}/find`);
    await page.getByLabel('我遇到的问题').fill('物业纠纷');
    await page.getByRole('button', { name: '搜索' }).click();
    await expect.poll(() => page.getByText('与“法律”相关的代表').isVisible()).toBe(true);
    await screenshot(page, 'portal-find');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('district staff open 覆盖分析 and see the map and the uncovered grids', async () => {
    const { page, context } = await newPage(browser());
    const errors = pageErrors(page);
    const console = new ConsolePage(page, baseUrl);
    await console.login('district');
    await console.openScreen('覆盖分析');
    await expect.poll(() => page.getByRole('region', { name: '覆盖地图' }).isVisible()).toBe(true);
    await expect.poll(() => page.locator('.leaflet-container').isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('tab', { name: /^未覆盖网格（\d+）$/ }).isVisible()).toBe(true);
    await expect.poll(() => console.tableRows().count()).toBeGreaterThan(0);
    // Stations are drawn on the map (one circle and one marker each).
    await expect.poll(() => page.locator('.leaflet-overlay-pane path').count()).toBeGreaterThan(10);
    await screenshot(page, 'console-coverage');
    expect(errors).toEqual([]);
    await context.close();
  });
});
