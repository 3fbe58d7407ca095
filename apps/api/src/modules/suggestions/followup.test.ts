import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { errorCode, signedIn, startTestServer } from '../../../test/harness';
import { notifications, timers } from '../../kernel/db/kernel.schema';
import { JobRunner } from '../../kernel/jobs/runner';
import { accounts } from '../accounts/accounts.schema';
import { deputyMandates } from '../deputies/deputies.schema';
import { periodAfter, periodPassed } from './followup';
import { assigned, deputyOf } from './suggestions.fixtures';

// 回头看: an open B item is reported on by the lead unit at mid-year and year-end, every year.
const env = await startTestServer();
const { app, ctx, clock } = env;
const { db } = ctx.database;
const runner = new JobRunner(ctx);
const as = (u: string) => signedIn(app, u);
const DAYS = { midyear: '06-30', yearend: '12-31' };

const openTimers = async (id: string) =>
  db
    .select()
    .from(timers)
    .where(and(eq(timers.caseId, id), eq(timers.status, 'open')));
const timerOf = async (id: string, kind: string) => (await openTimers(id)).find((t) => t.kind === kind)!;
/** Notifications of a template about this suggestion and period. */
const told = async (template: string, title: string, text: string) =>
  (await db.select().from(notifications).where(eq(notifications.template, template))).filter(
    (n) => n.body.includes(`「${title}」`) && n.body.includes(text),
  );

describe('follow-up report periods', () => {
  it('the next period after a day and the last one passed since the B answer', () => {
    expect(periodAfter('2026-05-11', DAYS)).toMatchObject({ kind: 'midyear', year: 2026, day: '2026-06-30' });
    expect(periodAfter('2026-06-30', DAYS)).toMatchObject({ kind: 'yearend', day: '2026-12-31' });
    expect(periodAfter('2026-12-31', DAYS)).toMatchObject({
      kind: 'midyear',
      year: 2027,
      label: '2027年年中',
    });
    expect(periodPassed('2026-06-30', '2026-05-11', DAYS)).toBeNull();
    expect(periodPassed('2026-07-01', '2026-05-11', DAYS)).toMatchObject({ label: '2026年年中' });
    expect(periodPassed('2027-03-01', '2026-05-11', DAYS)).toMatchObject({ label: '2026年年末' });
    // A period before the B answer was never owed.
    expect(periodPassed('2026-07-01', '2026-06-30', DAYS)).toBeNull();
  });
});

describe('回头看 prompts for an open B item', () => {
  it('prompts once per half-year, no escalation when reported, escalation when missing, on across years and terms', async () => {
    clock.set('2026-05-11T10:00:00+08:00');
    const deputy = await deputyOf(env);
    const id = await assigned(env, deputy.client);
    // Sessions lapse while the clock moves on: sign in afresh for every step.
    const dept = { post: async (url: string, body: object) => (await as('dept1')).post(url, body) };
    const district = { get: async (url: string) => (await as('district')).get(url) };
    const answered = await dept.post(`/api/suggestions/${id}/answer`, {
      body: '已将该事项列入今后两年的改造计划，分步实施。',
      category: 'B',
      signerName: '李华',
      signerTitle: '副局长',
      promisedOn: '2027-12-31',
    });
    expect(answered.statusCode, answered.body).toBe(200);
    const title = answered.json().title as string;
    await deputy.client.post(`/api/suggestions/${id}/rate`, {
      attitude: 'satisfied',
      result: 'basically_satisfied',
    });
    const due = await timerOf(id, 'followup_due');
    expect(due.payload).toMatchObject({ kind: 'midyear', year: 2026, day: '2026-06-30' });
    const remind = await timerOf(id, 'followup_remind');
    expect(remind.dueAt < due.dueAt).toBe(true);
    const [unit] = await db.select().from(accounts).where(eq(accounts.username, 'dept1'));

    // The reminder reaches the lead unit once; the next job passes send nothing more.
    clock.set(remind.dueAt.toISOString());
    await runner.drain();
    const first = await told('suggestions.followup_remind', title, '2026年年中');
    expect(first.map((n) => n.accountId)).toContain(unit!.id);
    expect(first[0]!.body).toContain('2026-06-30');
    clock.set('2026-06-29T10:00:00+08:00');
    await runner.drain();
    expect(await told('suggestions.followup_remind', title, '2026年年中')).toHaveLength(first.length);

    // The mid-year report is filed: no escalation when the day passes; the year-end period is armed.
    const report = await dept.post(`/api/suggestions/${id}/report`, {
      kind: 'midyear',
      body: '一期改造已开工，完成投资三成。',
    });
    expect(report.statusCode, report.body).toBe(200);
    expect(report.json().followUpReports.next).toMatchObject({ label: '2026年年中', reported: true });
    clock.set('2026-07-01T09:00:00+08:00');
    await runner.drain();
    let d = (await district.get(`/api/suggestions/${id}`)).json();
    expect(d.supervisionLevel).toBe(0);
    expect(d.history.map((h: { action: string }) => h.action)).not.toContain('escalate');
    expect((await timerOf(id, 'followup_due')).payload).toMatchObject({ kind: 'yearend', day: '2026-12-31' });
    const board = async () =>
      (await district.get('/api/suggestions?followUp=1&pageSize=200'))
        .json()
        .items.find((i: { id: string }) => i.id === id);
    expect((await board()).followUpReports).toEqual({
      last: { label: '2026年年中', day: '2026-06-30', reported: true },
      next: { label: '2026年年末', day: '2026-12-31', reported: false },
    });

    // No year-end report: reminded once, then escalated to the congress staff after 12-31.
    clock.set((await timerOf(id, 'followup_remind')).dueAt.toISOString());
    await runner.drain();
    await runner.drain();
    expect(await told('suggestions.followup_remind', title, '2026年年末')).toHaveLength(first.length);
    clock.set('2027-01-01T09:00:00+08:00');
    await runner.drain();
    d = (await district.get(`/api/suggestions/${id}`)).json();
    expect(d.supervisionLevel).toBe(1);
    expect(d.state).toBe('follow_up');
    const escalated = await told('suggestions.escalated', title, '未按期报送2026年年末落实情况');
    const [staff] = await db.select().from(accounts).where(eq(accounts.username, 'district'));
    expect(escalated.map((n) => n.accountId)).toEqual(expect.arrayContaining([staff!.id, unit!.id]));
    expect((await board()).followUpReports.last).toEqual({
      label: '2026年年末',
      day: '2026-12-31',
      reported: false,
    });
    await runner.drain();
    expect(await told('suggestions.escalated', title, '2026年年末')).toHaveLength(escalated.length);

    // A late year-end report counts for last year; older years are refused.
    clock.set('2027-01-05T10:00:00+08:00');
    expect(
      errorCode(
        await dept.post(`/api/suggestions/${id}/report`, {
          kind: 'yearend',
          year: 2025,
          body: '补报落实情况。',
        }),
      ),
    ).toBe('suggestions.report_year_invalid');
    const late = await dept.post(`/api/suggestions/${id}/report`, {
      kind: 'yearend',
      year: 2026,
      body: '一期改造已完工，二期已立项。',
    });
    expect(late.json().followUpReports.last).toMatchObject({ label: '2026年年末', reported: true });

    // The deputy's term ends; the promise is still followed up in the next year.
    await db
      .update(deputyMandates)
      .set({ endedOn: '2026-12-31' })
      .where(eq(deputyMandates.deputyId, deputy.deputyId));
    const next = await timerOf(id, 'followup_remind');
    expect((await timerOf(id, 'followup_due')).payload).toMatchObject({ label: '2027年年中' });
    clock.set(next.dueAt.toISOString());
    await runner.drain();
    expect(await told('suggestions.followup_remind', title, '2027年年中')).toHaveLength(first.length);

    // Kept: the prompts stop.
    const kept = await dept.post(`/api/suggestions/${id}/follow-up-done`, { note: '两期改造均已完成。' });
    expect(kept.json().state).toBe('closed');
    expect((await openTimers(id)).map((t) => t.kind)).toEqual([]);
  }, 180_000);

  it('a 不满意 rating sends the item back and stops its report timers', async () => {
    clock.set('2027-03-01T10:00:00+08:00');
    const deputy = await deputyOf(env, '310112', 1);
    const id = await assigned(env, deputy.client);
    await (await as('dept1')).post(`/api/suggestions/${id}/answer`, {
      body: '已列入明年计划，预计年底完成。',
      category: 'B',
      signerName: '李华',
      signerTitle: '副局长',
      promisedOn: '2027-12-01',
    });
    expect((await openTimers(id)).map((t) => t.kind).sort()).toEqual([
      'followup_due',
      'followup_remind',
      'promise_due',
    ]);
    const r = await deputy.client.post(`/api/suggestions/${id}/rate`, {
      attitude: 'satisfied',
      result: 'dissatisfied',
    });
    expect(r.json().state).toBe('rehandling');
    expect((await openTimers(id)).map((t) => t.kind).sort()).toEqual(['answer_due', 'answer_remind']);
  });

  it('a promised date on the mid-year report day, no report: escalated once that day, naming both', async () => {
    clock.set('2027-05-10T10:00:00+08:00');
    const deputy = await deputyOf(env, '310112', 2);
    const id = await assigned(env, deputy.client);
    const answered = await (await as('dept1')).post(`/api/suggestions/${id}/answer`, {
      body: '已列入上半年计划，六月底前完成。',
      category: 'B',
      signerName: '李华',
      signerTitle: '副局长',
      promisedOn: '2027-06-30',
    });
    expect(answered.statusCode, answered.body).toBe(200);
    const title = answered.json().title as string;
    await deputy.client.post(`/api/suggestions/${id}/rate`, { attitude: 'satisfied', result: 'satisfied' });
    expect((await timerOf(id, 'followup_due')).payload).toMatchObject({ day: '2027-06-30' });
    expect((await timerOf(id, 'promise_due')).dueAt).toEqual((await timerOf(id, 'followup_due')).dueAt);

    clock.set('2027-07-01T09:00:00+08:00');
    await runner.drain();
    await runner.drain();
    const d = (await (await as('district')).get(`/api/suggestions/${id}`)).json();
    expect(d.history.filter((h: { action: string }) => h.action === 'escalate')).toHaveLength(1);
    expect(d.supervisionLevel).toBe(1);
    const escalated = await told('suggestions.escalated', title, '已过承诺完成日期（2027-06-30）');
    const [staff] = await db.select().from(accounts).where(eq(accounts.username, 'district'));
    expect(escalated.filter((n) => n.accountId === staff!.id)).toHaveLength(1);
    expect(escalated[0]!.body).toContain('未按期报送2027年年中落实情况');
    // The next period is armed as usual.
    expect((await timerOf(id, 'followup_due')).payload).toMatchObject({ label: '2027年年末' });
  });
});
