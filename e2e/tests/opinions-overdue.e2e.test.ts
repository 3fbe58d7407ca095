import { afterAll, describe, expect, inject, it } from 'vitest';
import { newPage, pageErrors, screenshot, useBrowser } from '../browser';
import { ConsolePage } from '../pages/console';
import { staffSession } from '../pages/staff-api';

const baseUrl = inject('baseUrl');
const browser = useBrowser();

interface Detail {
  id: string;
  trackingNo: string;
  replyDueAt: string | null;
  supervisionLevel: number;
  history: Array<{ action: string }>;
}

/** Moves the server's clock (TEST_CLOCK=true in the e2e server); sessions are made after each move. */
async function clockTo(body: { to: string } | { reset: true }) {
  const admin = await staffSession(baseUrl, 'admin');
  return admin<{ now: string }>('POST', '/api/ops/test-clock', body);
}

afterAll(async () => {
  // The other browser tests run on real time.
  await clockTo({ reset: true });
});

describe('an overdue opinion is escalated (督办) and the people responsible are told', () => {
  it('past the reply deadline: level 1 to the unit, five working days later level 2 to the district', async () => {
    // A walk-in recorded at a 莘庄镇 station, accepted and assigned to the unit the rules pick.
    const town = await staffSession(baseUrl, 'xinzhuang');
    const filed = await town<{ id: string; trackingNo: string }>('POST', '/api/opinions', {
      channel: 'walk_in',
      title: '莘松路人行道地砖破损',
      description: '莘松路北侧人行道多块地砖破损翘起，老人孩子容易绊倒，请尽快修复。',
      areaCode: '310112101',
      contactPhone: '13812349999',
    });
    await town('POST', `/api/opinions/${filed.id}/accept`, { categoryCode: 'CJ01' });
    const district = await staffSession(baseUrl, 'district');
    const assigned = await district<Detail>('POST', `/api/opinions/${filed.id}/assign`, {});
    expect(assigned.replyDueAt).not.toBeNull();
    const due = new Date(assigned.replyDueAt!);

    // The deadline passes: the timer fires and the unit is urged (一级督办).
    await clockTo({ to: new Date(due.getTime() + 60 * 60_000).toISOString() });
    await expect
      .poll(
        async () =>
          (await (await staffSession(baseUrl, 'district'))<Detail>('GET', `/api/opinions/${filed.id}`))
            .supervisionLevel,
        { timeout: 20_000, interval: 500 },
      )
      .toBe(1);
    // The unit's in-app notice comes from the escalation event, a job-runner pass later.
    await expect
      .poll(
        async () => {
          const dept = await staffSession(baseUrl, 'dept1');
          const inbox = await dept<{ items: Array<{ title: string; body: string }> }>(
            'GET',
            '/api/notifications/inbox',
          );
          return inbox.items.some((n) => n.title === '超期督办' && n.body.includes(filed.trackingNo));
        },
        { timeout: 20_000, interval: 500 },
      )
      .toBe(true);

    // Still no answer two weeks later: raised to the district congress's leaders (二级督办).
    await clockTo({ to: new Date(due.getTime() + 14 * 86_400_000).toISOString() });
    await expect
      .poll(
        async () =>
          (await (await staffSession(baseUrl, 'district'))<Detail>('GET', `/api/opinions/${filed.id}`))
            .supervisionLevel,
        { timeout: 20_000, interval: 500 },
      )
      .toBe(2);

    // In the console: the district's notification and the supervision board.
    const { context, page } = await newPage(browser());
    const errors = pageErrors(page);
    const console = new ConsolePage(page, baseUrl);
    await console.login('district');
    await console.openScreen('消息通知');
    await expect
      .poll(() =>
        page
          .getByText(new RegExp(`${filed.trackingNo}.*已提请人大常委会领导督办`))
          .first()
          .isVisible(),
      )
      .toBe(true);
    await screenshot(page, 'opinion-overdue-notification');
    await console.openScreen('督办看板');
    const row = console.tableRows(filed.trackingNo).first();
    await expect.poll(() => row.isVisible()).toBe(true);
    await expect.poll(() => row.getByText('2级督办').isVisible()).toBe(true);
    await row.click();
    const drawer = page.locator('.ant-drawer');
    await expect.poll(() => drawer.getByText('提请领导督办').first().isVisible()).toBe(true);
    await screenshot(page, 'opinion-overdue-board');
    expect(errors).toEqual([]);
    await context.close();
  });
});
