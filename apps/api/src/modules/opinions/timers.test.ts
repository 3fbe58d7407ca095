import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { type Client, errorCode, signedIn, startTestServer } from '../../../test/harness';
import { notifications, timers } from '../../kernel/db/kernel.schema';
import { JobRunner } from '../../kernel/jobs/runner';
import { accounts } from '../accounts/accounts.schema';
import { citizen } from '../receptions/receptions.fixtures';
import { opinionRatings, opinions } from './opinions.schema';

// Deadlines in working days on the official calendar; the clock starts Monday 2026-03-02 09:00.
const env = await startTestServer();
const { app, ctx, clock } = env;
const { db } = ctx.database;
const runner = new JobRunner(ctx);

/** Sessions time out when idle: sign in again after moving the clock. */
const as = (u: string) => signedIn(app, u);
let n = 0;

async function assigned(): Promise<{ id: string; me: Client }> {
  const me = await citizen(env, `1390000${String(5000 + n++)}`);
  const res = await me.post('/api/public/opinions', {
    title: `小区路灯损坏${n}`,
    description: '小区主干道路灯损坏多日，夜间出行不便，请尽快维修。',
    areaCode: '310112101',
  });
  const { id } = res.json();
  await (await as('xinzhuang')).post(`/api/opinions/${id}/accept`, { categoryCode: 'CJ01' });
  await (await as('district')).post(`/api/opinions/${id}/assign`, {});
  return { id, me };
}

const dueOf = async (id: string) =>
  (await db.select().from(opinions).where(eq(opinions.caseId, id)))[0]!.replyDueAt!.toISOString();

describe('deadlines, 督办 and auto-close', () => {
  it('an extension, once approved, moves the reply deadline by the working days asked', async () => {
    const { id } = await assigned();
    const dept = await as('dept1');
    await dept.post(`/api/opinions/${id}/sign`);
    const before = await dueOf(id);
    // 15 working days from Monday 2 March 2026 → Monday 23 March (end of day, China time).
    expect(before).toBe('2026-03-23T15:59:59.999Z');
    const req = await dept.post(`/api/opinions/${id}/extension`, {
      days: 10,
      reason: '需协调多个部门现场勘察。',
    });
    expect(req.json().extensions[0]).toMatchObject({ status: 'pending', days: 10 });
    expect(errorCode(await dept.post(`/api/opinions/${id}/extension`, { days: 5, reason: '再延期。' }))).toBe(
      'opinions.extension_pending',
    );
    expect(errorCode(await dept.post(`/api/opinions/${id}/extension/decide`, { approve: true }))).toBe(
      'auth.forbidden',
    );
    const ok = await (await as('district')).post(`/api/opinions/${id}/extension/decide`, {
      approve: true,
      note: '同意',
    });
    expect(ok.json().extensions[0]).toMatchObject({ status: 'approved', decisionNote: '同意' });
    // +10 working days → Monday 6 April would be 清明 (2026-04-04..06 holiday): Tuesday 7 April.
    expect(await dueOf(id)).toBe('2026-04-07T15:59:59.999Z');
    await runner.drain();
    const told = await db
      .select()
      .from(notifications)
      .where(eq(notifications.template, 'opinions.extension_requested'));
    expect(told.length).toBeGreaterThanOrEqual(1);
  });

  it('overdue: 督办 the unit, then the congress leaders; visible on the supervision board', async () => {
    const { id } = await assigned();
    const [handler] = await db.select().from(accounts).where(eq(accounts.username, 'dept1'));
    const [district] = await db.select().from(accounts).where(eq(accounts.username, 'district'));
    clock.set('2026-03-24T09:00:00+08:00');
    await runner.drain();
    const d1 = (await (await as('district')).get(`/api/opinions/${id}`)).json();
    expect(d1.supervisionLevel).toBe(1);
    expect(d1.overdue).toBe(true);
    expect(d1.history.map((h: { action: string }) => h.action)).toContain('escalate');
    const escal = await db
      .select()
      .from(notifications)
      .where(eq(notifications.template, 'opinions.escalated'));
    const mine = escal.filter((x) => x.body.includes(d1.trackingNo));
    expect(mine.map((x) => x.accountId)).toEqual([handler!.id]);
    expect(mine[0]!.body).toContain('已对承办单位督办');
    const board = (await (await as('district')).get('/api/opinions/supervision?pageSize=200')).json();
    expect(board.items.map((i: { id: string }) => i.id)).toContain(id);
    expect(board.items.every((i: { overdue: boolean }) => i.overdue)).toBe(true);
    // Five more working days without an answer: raised to the district congress.
    clock.set('2026-04-01T09:00:00+08:00');
    await runner.drain();
    const d2 = (await (await as('district')).get(`/api/opinions/${id}`)).json();
    expect(d2.supervisionLevel).toBe(2);
    const again = (
      await db.select().from(notifications).where(eq(notifications.template, 'opinions.escalated'))
    ).filter((x) => x.body.includes(d1.trackingNo));
    expect(again.map((x) => x.accountId)).toEqual(expect.arrayContaining([handler!.id, district!.id]));
    expect((await db.select().from(opinions).where(eq(opinions.caseId, id)))[0]!.supervisionLevel).toBe(2);
  });

  it('a unit may return only within the window', async () => {
    clock.set('2026-04-13T09:00:00+08:00');
    const { id } = await assigned();
    clock.set('2026-04-23T09:00:00+08:00');
    expect(
      errorCode(await (await as('dept1')).post(`/api/opinions/${id}/return`, { reason: '非本单位职责。' })),
    ).toBe('opinions.return_window_passed');
  });

  it('unrated cases close automatically after opinions.autoCloseDays working days', async () => {
    clock.set('2026-05-11T09:00:00+08:00');
    const { id } = await assigned();
    const dept = await as('dept1');
    await dept.post(`/api/opinions/${id}/sign`);
    await dept.post(`/api/opinions/${id}/reply`, { body: '已更换路灯，恢复照明。', outcome: 'solved' });
    const [t] = await db
      .select()
      .from(timers)
      .where(and(eq(timers.caseId, id), eq(timers.kind, 'rate_due'), eq(timers.status, 'open')));
    expect((t!.payload as { day: string }).day).toBe('2026-05-25');
    clock.set('2026-05-25T12:00:00+08:00');
    await runner.drain();
    expect((await (await as('district')).get(`/api/opinions/${id}`)).json().state).toBe('replied');
    clock.set('2026-05-26T00:30:00+08:00');
    await runner.drain();
    const d = (await (await as('district')).get(`/api/opinions/${id}`)).json();
    expect(d.state).toBe('closed');
    expect(d.ratings).toEqual([expect.objectContaining({ ratingLabel: '逾期未评价', auto: true })]);
    expect(await db.select().from(opinionRatings).where(eq(opinionRatings.caseId, id))).toHaveLength(1);
  });
});
