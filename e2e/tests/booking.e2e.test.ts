import { beforeAll, describe, expect, inject, it } from 'vitest';
import { newPage, pageErrors, screenshot, useBrowser } from '../browser';
import { ConsolePage } from '../pages/console';
import { PortalPage } from '../pages/portal';
import { staffSession } from '../pages/staff-api';

const baseUrl = inject('baseUrl');
const PHONE = '13812348888';
const MASKED = '138****8888';
const browser = useBrowser();
let stationCode = '';
let deputy = { code: '', name: '' };

beforeAll(async () => {
  // 莘庄镇 staff give their station a weekly schedule (Tuesdays) so there are days to book.
  const call = await staffSession(baseUrl, 'xinzhuang');
  const { items } = await call<{ items: Array<{ id: string; publicCode: string; kind: string }> }>(
    'GET',
    '/api/receptions/stations',
  );
  const station = items.find((s) => s.kind === 'home') ?? items[0]!;
  stationCode = station.publicCode;
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  await call('POST', `/api/receptions/stations/${station.id}/rules`, {
    rule: { kind: 'weekly', weekday: 2 },
    holidayPolicy: 'next_working_day',
    validFrom: today,
    validTo: null,
    startTime: '09:00',
    endTime: '11:30',
    slotMinutes: 30,
    capacityPerSlot: 3,
    rotaDeputyIds: [],
    deputiesPerDay: 1,
    theme: null,
    active: true,
  });
  // A deputy stationed there: the citizen arrives by scanning this deputy's QR code (/d/<code>).
  const res = await fetch(`${baseUrl}/api/public/stations/${stationCode}`);
  const pub = (await res.json()) as { deputies: Array<{ code: string; name: string }> };
  deputy = pub.deputies[0]!;
});

describe('booking a reception slot on a phone', () => {
  it('opens a deputy QR link, goes to booking, signs in by SMS code, books and sees the check-in code', async () => {
    const citizen = await newPage(browser(), { mobile: true });
    const citizenErrors = pageErrors(citizen.page);
    const portal = new PortalPage(citizen.page, baseUrl);
    await portal.open(`/d/${deputy.code}`);
    await expect
      .poll(() => citizen.page.getByRole('heading', { name: deputy.name }).first().isVisible())
      .toBe(true);
    await screenshot(citizen.page, 'portal-deputy-qr');
    await citizen.page.getByRole('link', { name: '去预约' }).click();
    await citizen.page.waitForURL(/\/s\/[^/]+\/book$/);
    const slot = citizen.page.locator('.bk-slot:not([disabled])').first();
    await slot.waitFor();
    await screenshot(citizen.page, 'portal-booking-days');
    await slot.click();
    await expect.poll(() => citizen.page.getByRole('heading', { name: '手机号登录' }).isVisible()).toBe(true);
    await portal.requestSmsCode(PHONE);
    await expect.poll(() => citizen.page.getByText(`验证码已发送至 ${MASKED}`).isVisible()).toBe(true);

    // The default SMS channel only writes to the outbox: staff read the code there.
    const staff = await newPage(browser());
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
    await staff.context.close();

    await portal.signInWithCode(code!);
    await citizen.page.getByLabel('姓名').fill('张三');
    await citizen.page.getByLabel('想反映的事项').fill('小区加装电梯的进度');
    await citizen.page.getByRole('button', { name: '提交预约' }).click();
    await expect.poll(() => citizen.page.getByRole('heading', { name: '预约成功' }).isVisible()).toBe(true);
    const checkIn = (await citizen.page.getByTestId('check-in-code').textContent()) ?? '';
    expect(checkIn).toMatch(/^\d{6}$/);
    await screenshot(citizen.page, 'portal-booking-done');

    // 我的预约 lists it with the same code.
    await citizen.page.getByRole('link', { name: '查看我的预约' }).click();
    await expect.poll(() => citizen.page.getByText(checkIn).isVisible()).toBe(true);
    await expect.poll(() => citizen.page.getByRole('button', { name: '取消预约' }).isVisible()).toBe(true);
    expect(await citizen.page.content()).not.toContain(PHONE);
    expect(citizenErrors).toEqual([]);
    await citizen.context.close();
  });
});
