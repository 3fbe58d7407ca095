import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { newPage, pageErrors, screenshot, useBrowser } from '../browser';
import { ConsolePage } from '../pages/console';
import { PortalPage } from '../pages/portal';
import { staffSession } from '../pages/staff-api';

const baseUrl = inject('baseUrl');
const browser = useBrowser();
const PHONE = '13812345599';
const MASKED = '138****5599';
const COMMENT = '报告讲得实在，希望继续关注老小区加装电梯';
const thisYear = Number(
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()),
);

interface ListedReport {
  id: string;
  deputyName: string;
  title: string;
  scheduledOn: string;
  status: string;
  ratingState: string;
  results: { total: number } | null;
}
let district: Awaited<ReturnType<typeof staffSession>>;
let report: ListedReport;
let deputy = { code: '', name: '' };
const seenSms = new Set<string>();
/** The machine running the suite may be busy: pages get time to load. */
const slow = { timeout: 20_000 };

/** The newest SMS code sent to the test phone that this test has not used yet (the outbox is the default channel). */
async function nextCode(): Promise<string> {
  for (let t = 0; t < 40; t++) {
    const { items } = await district<{ items: Array<{ id: string; phoneMasked: string; body: string }> }>(
      'GET',
      '/api/notifications/sms-outbox?limit=20',
    );
    const sms = items.find(
      (s) => s.phoneMasked === MASKED && s.body.includes('验证码') && !seenSms.has(s.id),
    );
    const code = sms?.body.match(/(\d{6})/)?.[1];
    if (sms && code) {
      seenSms.add(sms.id);
      return code;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`no SMS code for ${MASKED}`);
}

/** Signs a voter in on the report page; a code can be asked for once a minute per phone, so it retries. */
async function signIn(page: Page) {
  const portal = new PortalPage(page, baseUrl);
  await expect.poll(() => page.getByRole('heading', { name: '手机号登录' }).isVisible(), slow).toBe(true);
  await expect
    .poll(
      async () => {
        await portal.requestSmsCode(PHONE);
        const sent = page.getByText(`验证码已发送至 ${MASKED}`);
        await sent.or(page.getByText('验证码发送过于频繁')).first().waitFor();
        return sent.isVisible();
      },
      { timeout: 90_000, interval: 5_000 },
    )
    .toBe(true);
  await portal.signInWithCode(await nextCode());
  await expect
    .poll(() => page.getByRole('heading', { name: '您对代表的述职满意吗？' }).isVisible())
    .toBe(true);
}

/** From the deputy's public page: 履职日志 → the report listed there (/r/<id>). */
async function openReportFromDeputyPage(page: Page) {
  await page.goto(`${baseUrl}/d/${deputy.code}`);
  await page.getByRole('link', { name: '履职日志' }).click();
  await page.waitForURL(new RegExp(`/d/${deputy.code}/log`));
  const reportYear = Number(report.scheduledOn.slice(0, 4));
  if (reportYear !== thisYear) await page.getByRole('button', { name: `${reportYear}年` }).click();
  await page.getByRole('link', { name: report.title }).click();
  await page.waitForURL(new RegExp(`/r/${report.id}$`));
  await expect.poll(() => page.getByRole('heading', { name: report.title }).isVisible(), slow).toBe(true);
}

beforeAll(async () => {
  // The demo holds a report a few days ago with ratings open (述职评议 window of 30 days).
  district = await staffSession(baseUrl, 'district');
  const lists = await Promise.all(
    [thisYear, thisYear - 1].map((y) =>
      district<{ items: ListedReport[] }>('GET', `/api/voter-reports?year=${y}&pageSize=100`),
    ),
  );
  report = lists.flatMap((l) => l.items).find((r) => r.status === 'held' && r.ratingState === 'open')!;
  expect(report).toBeDefined();
  const pub = await (await fetch(`${baseUrl}/api/public/voter-reports/${report.id}`)).json();
  deputy = pub.deputy as typeof deputy;
});

describe('述职评议: a voter rates a deputy report on a phone', () => {
  it('signs in by SMS code, rates once with a comment; a second rating from the same phone is refused; staff see it', async () => {
    const before = report.results?.total ?? 0;
    const voter = await newPage(browser(), { mobile: true });
    const voterErrors = pageErrors(voter.page);
    await openReportFromDeputyPage(voter.page);
    await screenshot(voter.page, 'portal-voter-report');
    await signIn(voter.page);

    // The same phone signs in a second time on another device while the first still has the form open.
    const other = await newPage(browser(), { mobile: true });
    await other.page.goto(`${baseUrl}/r/${report.id}`);
    await signIn(other.page);

    await voter.page.getByRole('radio', { name: '满意', exact: true }).click();
    await voter.page.getByLabel('意见建议（选填，请勿填写个人信息）').fill(COMMENT);
    await voter.page.getByRole('button', { name: '提交评议' }).click();
    await expect.poll(() => voter.page.getByText('您已评议：').isVisible(), slow).toBe(true);
    await expect
      .poll(() => voter.page.getByRole('region', { name: '评议结果' }).textContent())
      .toContain('满意');
    await screenshot(voter.page, 'portal-voter-report-rated');

    await other.page.getByRole('radio', { name: '不满意' }).click();
    await other.page.getByRole('button', { name: '提交评议' }).click();
    await expect.poll(() => other.page.getByText('您已评议过该述职报告').isVisible(), slow).toBe(true);
    await screenshot(other.page, 'portal-voter-report-refused');
    // Reopened, the page says it was rated and offers no form.
    await other.page.reload();
    await expect.poll(() => other.page.getByText('您已评议：').isVisible(), slow).toBe(true);
    expect(await other.page.getByRole('button', { name: '提交评议' }).count()).toBe(0);
    expect(await voter.page.content()).not.toContain(PHONE);
    expect(voterErrors).toEqual([]);
    await other.context.close();
    await voter.context.close();

    // Staff read the results: one more rating, counted as 满意, with the comment.
    const staff = await newPage(browser());
    const staffErrors = pageErrors(staff.page);
    const console = new ConsolePage(staff.page, baseUrl);
    await console.login('district');
    await console.openScreen('述职评议');
    const reportYear = Number(report.scheduledOn.slice(0, 4));
    if (reportYear !== thisYear) {
      await staff.page.getByLabel('年度').click();
      await staff.page.getByTitle(`${reportYear}年`).click();
    }
    const row = console.tableRows(report.title);
    await expect.poll(() => row.textContent(), slow).toContain(`${before + 1} 人评议`);
    await row.getByRole('button', { name: '查看结果' }).click();
    const drawer = staff.page.locator('.ant-drawer').filter({ hasText: '述职评议结果' });
    const comment = drawer.locator('.ant-list-item').filter({ hasText: COMMENT });
    await expect.poll(() => comment.count(), slow).toBe(1);
    expect(await comment.textContent()).toMatch(/^满意/);
    const total = drawer.locator('.ant-statistic').filter({ hasText: '评议人数' });
    expect(await total.textContent()).toBe(`评议人数${before + 1}`);
    await screenshot(staff.page, 'console-voter-report-results');
    expect(staffErrors).toEqual([]);
    await staff.context.close();
  }, 240_000);

  it("the deputy's public 履职日志 lists activities, and no points or ranks", async () => {
    const voter = await newPage(browser(), { mobile: true });
    const errors = pageErrors(voter.page);
    const logResponse = voter.page.waitForResponse((r) =>
      r.url().includes(`/api/public/deputies/${deputy.code}/log`),
    );
    await voter.page.goto(`${baseUrl}/d/${deputy.code}`);
    await voter.page.getByRole('link', { name: '履职日志' }).click();
    const body = await (await logResponse).text();
    const activities = voter.page.getByRole('region', { name: '履职活动' });
    await expect.poll(() => activities.locator('li').count(), slow).toBeGreaterThan(0);
    await expect
      .poll(() => voter.page.getByRole('heading', { name: `${deputy.name} 代表履职日志` }).isVisible())
      .toBe(true);
    await screenshot(voter.page, 'portal-public-log');
    // Facts only: no score, rank or formula on the page or in the data behind it.
    const text = ((await voter.page.locator('#root').textContent()) ?? '').replace(/\s+/g, ' ');
    expect(text).not.toMatch(/积分|得分|排名第|第\s*\d+\s*名|\d+(\.\d+)?\s*分(?!钟)/);
    expect(body).not.toMatch(/"(points|score|total|rank|formula|base)"/i);
    expect(body).not.toMatch(/1[3-9]\d{9}/);
    expect(errors).toEqual([]);
    await voter.context.close();
  });

  it('staff see the 履职要求 progress of their deputies: done/required, status and the filter by status', async () => {
    const staff = await newPage(browser());
    const errors = pageErrors(staff.page);
    const console = new ConsolePage(staff.page, baseUrl);
    await console.login('district');
    await console.openScreen('履职要求进度');
    await expect.poll(() => console.tableRows().count(), slow).toBeGreaterThan(0);
    await expect.poll(() => staff.page.getByText('统计截至').isVisible(), slow).toBe(true);
    expect(await console.tableRows().first().textContent()).toMatch(/\d+\/\d+/);
    await staff.page.getByLabel('完成状态').click();
    await staff.page.getByTitle('落后于进度').click();
    await expect
      .poll(async () => {
        const rows = await console.tableRows().allTextContents();
        return rows.length > 0 && rows.every((t) => t.includes('落后于进度'));
      }, slow)
      .toBe(true);
    await screenshot(staff.page, 'console-quota-board');
    expect(errors).toEqual([]);
    await staff.context.close();
  });
});
