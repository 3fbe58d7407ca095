import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { newPage, pageErrors, screenshot, useBrowser } from '../browser';
import { pickOption } from '../pages/antd';
import { ConsolePage } from '../pages/console';
import { staffSession } from '../pages/staff-api';

const baseUrl = inject('baseUrl');
const browser = useBrowser();
const PHONE = '13812346666';
const MASKED = '138****6666';
const TITLE = '关于在莘庄地区增设社区食堂的建议';
const year = Number(
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()),
);
let stationName = '';
/** The congress the reception counts for: the deepest of deputy1's congresses over the station. */
let receptionCongress = '';
let mainCongress = '';

/** A citizen session by SMS code (read from the SMS outbox, as the default channel only writes there). */
async function citizenSession(district: Awaited<ReturnType<typeof staffSession>>) {
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  expect((await post('/api/auth/otp/request', { phone: PHONE })).ok).toBe(true);
  // (beforeAll cannot use expect.poll: wait by hand.)
  let code: string | undefined;
  for (let t = 0; t < 30 && !code; t++) {
    const { items } = await district<{ items: Array<{ phoneMasked: string; body: string }> }>(
      'GET',
      '/api/notifications/sms-outbox?limit=20',
    );
    code = items
      .find((s) => s.phoneMasked === MASKED && s.body.includes('验证码'))
      ?.body.match(/(\d{6})/)?.[1];
    if (!code) await new Promise((r) => setTimeout(r, 500));
  }
  expect(code).toMatch(/^\d{6}$/);
  const res = await post('/api/auth/otp/verify', { phone: PHONE, code });
  expect(res.ok).toBe(true);
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]!);
  const csrf = cookies.find((c) => c.startsWith('lx_csrf='))!.slice('lx_csrf='.length);
  return (path: string, body: unknown) =>
    post(path, body, { cookie: cookies.join('; '), 'x-csrf-token': csrf });
}

beforeAll(async () => {
  // Setup, not what this test is about (API calls): a reception day with deputy1 on duty, a
  // citizen's booking checked in there, and deputy1's suggestion answered A and rated 满意.
  const district = await staffSession(baseUrl, 'district');
  const deputy = await staffSession(baseUrl, 'deputy1');
  const mine = await deputy<{ deputyId: string; items: Array<{ code: string; name: string }> }>(
    'GET',
    '/api/activities/congresses',
  );
  const { deputyId } = mine;
  mainCongress = mine.items[0]!.name;
  const { items: stations } = await district<{
    items: Array<{ id: string; name: string; publicCode: string; jurisdictionCode: string }>;
  }>('GET', '/api/receptions/stations');
  let station: (typeof stations)[number] | undefined;
  for (const s of stations) {
    const { items } = await district<{ items: Array<{ id: string }> }>(
      'GET',
      `/api/receptions/stations/${s.id}/deputies`,
    );
    if (items.some((d) => d.id === deputyId)) {
      station = s;
      break;
    }
  }
  expect(station).toBeDefined();
  stationName = station!.name;
  receptionCongress = mine.items
    .filter((c) => station!.jurisdictionCode.startsWith(c.code))
    .sort((a, b) => b.code.length - a.code.length)[0]!.name;
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  await district('POST', `/api/receptions/stations/${station!.id}/rules`, {
    rule: { kind: 'weekly', weekday: 4 },
    holidayPolicy: 'next_working_day',
    validFrom: today,
    validTo: null,
    startTime: '14:00',
    endTime: '16:00',
    slotMinutes: 30,
    capacityPerSlot: 3,
    rotaDeputyIds: [deputyId],
    deputiesPerDay: 1,
    theme: null,
    active: true,
  });
  const { days } = (await (
    await fetch(`${baseUrl}/api/public/stations/${station!.publicCode}/reception-days`)
  ).json()) as {
    days: Array<{ day: string; deputies: Array<{ name: string }>; slots: Array<{ start: string }> }>;
  };
  const me = (await deputy<{ deputy: { name: string } }>('GET', '/api/workbench/me')).deputy.name;
  const day = days.find((d) => d.deputies.length === 1 && d.deputies[0]!.name === me && d.slots.length);
  expect(day).toBeDefined();
  const citizen = await citizenSession(district);
  const booked = await citizen('/api/public/bookings', {
    stationCode: station!.publicCode,
    day: day!.day,
    slotStart: day!.slots[0]!.start,
    topic: '小区周边缺少老年助餐点',
    name: '李四',
  });
  expect(booked.status, await booked.clone().text()).toBe(201);
  const { checkInCode } = (await booked.json()) as { checkInCode: string };
  await district('POST', '/api/receptions/check-in', {
    station: station!.id,
    day: day!.day,
    code: checkInCode,
  });

  const draft = await deputy<{ id: string }>('POST', '/api/suggestions', {
    title: TITLE,
    category: '社会保障',
    body: '莘庄地区老年人口多，助餐需求大，建议利用社区闲置用房增设社区食堂，并给予运营补贴。',
  });
  await deputy('POST', `/api/suggestions/${draft.id}/submit`, {});
  await district('POST', `/api/suggestions/${draft.id}/register`, {});
  const { items: deps } = await district<{ items: Array<{ id: string }> }>(
    'GET',
    '/api/opinions/departments',
  );
  await district('POST', '/api/suggestions/assign', { ids: [draft.id], departmentId: deps[0]!.id });
  const dept = await staffSession(baseUrl, 'dept1');
  await dept('POST', `/api/suggestions/${draft.id}/answer`, {
    body: '已在莘庄镇新开两处社区食堂，并落实运营补贴。',
    category: 'A',
    signerName: '王明',
    signerTitle: '主任',
  });
  await deputy('POST', `/api/suggestions/${draft.id}/rate`, { attitude: 'satisfied', result: 'satisfied' });
}, 120_000);

/** The 我的积分 panel of the workbench. */
const pointsPanel = (page: Page) => page.locator('.ant-card').filter({ hasText: '我的积分' });

/** Picks the congress in the 我的积分 panel (a deputy of two congresses has a choice). */
async function panelCongress(page: Page, name: string) {
  if ((await pointsPanel(page).getByLabel('人大', { exact: true }).count()) === 0) return;
  await pickOption(pointsPanel(page), '人大', name);
}

/** deputy1's score in the staff points table (the 积分 cell of their row), found by name. */
async function staffScore(staff: ConsolePage, page: Page, name: string): Promise<number> {
  await page.getByLabel('代表姓名').fill(name);
  await page.getByLabel('代表姓名').press('Enter');
  const row = staff.tableRows(name).first();
  await row.waitFor();
  return Number((await row.locator('td').nth(1).textContent())?.trim());
}

describe('points from evidence', () => {
  it('a check-in and a suggestion rated 满意 show as points with links to their evidence', async () => {
    const { page, context } = await newPage(browser(), { mobile: true });
    const errors = pageErrors(page);
    const deputy = new ConsolePage(page, baseUrl);
    await deputy.login('deputy1');
    await page.goto(`${baseUrl}/console/workbench`);
    const panel = pointsPanel(page);
    /** Reloads until the panel (for that congress) lists this evidence: listeners run in the job runner. */
    const shows = async (congress: string, text: string) =>
      expect
        .poll(
          async () => {
            await page.reload();
            await panel.waitFor();
            await panelCongress(page, congress);
            await panel
              .getByText(text)
              .first()
              .waitFor({ timeout: 3000 })
              .catch(() => {});
            return panel.getByText(text).count();
          },
          { timeout: 30_000, interval: 1000 },
        )
        .toBeGreaterThan(0);
    await shows(mainCongress, `领衔提出建议：${TITLE}`);
    await expect.poll(() => panel.getByText(`建议办理结果为A类：${TITLE}`).count()).toBeGreaterThan(0);
    await expect.poll(() => panel.getByText(`建议立案：${TITLE}`).count()).toBeGreaterThan(0);
    // Rated 满意 (the result): a point of its own for the lead deputy, linked like the others.
    await expect.poll(() => panel.getByText(`建议办理结果满意：${TITLE}`).count()).toBeGreaterThan(0);
    const formula = (await panel.getByTestId('points-formula').textContent()) ?? '';
    expect(formula).toMatch(/领衔提出建议 \d+ 次 × 2 分/);
    await screenshot(page, 'points-workbench');

    // The suggestion link lands on the suggestion itself.
    await panel
      .getByRole('button', { name: `领衔提出建议：${TITLE}` })
      .first()
      .click();
    const drawer = page.locator('.ant-drawer').filter({ hasText: TITLE });
    await expect.poll(() => drawer.getByText('已办结').first().isVisible(), { timeout: 15_000 }).toBe(true);
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });

    // The check-in's activity: the reception day at the station, one citizen received.
    await shows(receptionCongress, `${stationName}接待选民`);
    expect((await panel.getByTestId('points-formula').textContent()) ?? '').toMatch(/接待选民 \d+ 次 × 2 分/);
    await panel
      .getByRole('button', { name: `${stationName}接待选民` })
      .first()
      .click();
    const act = page.locator('.ant-drawer').filter({ hasText: `${stationName}接待选民` });
    await expect.poll(() => act.getByText('系统自动记录').isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => act.getByText(/1 人次/).isVisible()).toBe(true);
    await page.keyboard.press('Escape');

    // And each line shows the rule that priced it.
    await panel.getByRole('button', { name: '规则：接待选民' }).first().click();
    await expect.poll(() => page.getByText('每次 2 分').first().isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('next year’s rule set with other points leaves this year’s points as they were', async () => {
    const { page, context } = await newPage(browser());
    const errors = pageErrors(page);
    const staff = new ConsolePage(page, baseUrl);
    const deputyName = (
      await (
        await staffSession(baseUrl, 'deputy1')
      )<{ deputy: { name: string } }>('GET', '/api/workbench/me')
    ).deputy.name;
    await staff.login('district');
    await staff.openScreen('履职积分');
    const before = await staffScore(staff, page, deputyName);
    expect(before).toBeGreaterThan(0);
    await staff.tableRows(deputyName).first().click();
    const drawer = page.locator('.ant-drawer').filter({ hasText: `${deputyName} · ${year}年履职积分` });
    const beforeFormula = (await drawer.getByTestId('points-formula').textContent()) ?? '';
    expect(beforeFormula).toMatch(/领衔提出建议 \d+ 次 × 2 分/);
    await page.keyboard.press('Escape');

    // The first year without a set of its own (another test may have made next year's already).
    const call = await staffSession(baseUrl, 'district');
    const { items } = await call<{ items: Array<{ effectiveYear: number }> }>(
      'GET',
      '/api/points/rule-sets?congressCode=310112',
    );
    let next = year + 1;
    while (items.some((s) => s.effectiveYear === next)) next++;

    await staff.openScreen('积分规则');
    await staff.button('制定新年度规则').click();
    const modal = page.getByRole('dialog').filter({ hasText: '制定新年度积分规则' });
    await modal.getByLabel('接待选民分值').fill('5');
    await modal.getByLabel('领衔提出建议分值').fill('4');
    // This year has begun: refused with the reason in Chinese.
    await modal.getByLabel('生效年度').fill(String(year));
    await staff.button('保存规则').click();
    await expect
      .poll(() => modal.getByText('该年度已开始，积分规则只能自下一年度起生效').isVisible())
      .toBe(true);
    await modal.getByLabel('生效年度').fill(String(next));
    await modal.getByLabel('修订说明').fill('提高接待选民和领衔建议分值');
    await staff.button('保存规则').click();
    await expect.poll(() => page.getByText(`${next}年起施行的积分规则`).first().isVisible()).toBe(true);
    await screenshot(page, 'points-rule-sets');

    // This year's points, read again: unchanged, still priced at 2 per suggestion.
    await staff.openScreen('履职积分');
    expect(await staffScore(staff, page, deputyName)).toBe(before);
    await staff.tableRows(deputyName).first().click();
    await expect
      .poll(async () => (await drawer.getByTestId('points-formula').textContent()) ?? '', { timeout: 15_000 })
      .toBe(beforeFormula);
    await screenshot(page, 'points-table');
    expect(errors).toEqual([]);
    await context.close();
  });
});
