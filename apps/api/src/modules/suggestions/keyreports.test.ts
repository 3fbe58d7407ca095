import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { errorCode, signedIn, startTestServer } from '../../../test/harness';
import { notifications, timers } from '../../kernel/db/kernel.schema';
import { JobRunner } from '../../kernel/jobs/runner';
import { accounts } from '../accounts/accounts.schema';
import { clientFor } from '../opinions/opinions.fixtures';
import { assigned, deputyOf } from './suggestions.fixtures';

// 重点督办 progress reports: every `suggestions.keyReportEveryMonths` (3) months from the marking
// day until the suggestion is closed; reminded 5 working days before, a missing one told.
const env = await startTestServer();
const { app, ctx, clock } = env;
const { db } = ctx.database;
const runner = new JobRunner(ctx);
const as = (u: string) => signedIn(app, u);

const openTimers = async (id: string) =>
  (
    await db
      .select()
      .from(timers)
      .where(and(eq(timers.caseId, id), eq(timers.status, 'open')))
  ).filter((t) => t.kind.startsWith('key_report'));
const timerOf = async (id: string, kind: string) => (await openTimers(id)).find((t) => t.kind === kind);
const told = async (template: string, title: string, text: string) =>
  (await db.select().from(notifications).where(eq(notifications.template, template))).filter(
    (n) => n.body.includes(`「${title}」`) && n.body.includes(text),
  );
const idOf = async (username: string) =>
  (await db.select().from(accounts).where(eq(accounts.username, username)))[0]!.id;

describe('重点督办 progress-report prompts', () => {
  it('a period per three months: reminded once, quiet when reported, told when missing, stopped when closed', async () => {
    clock.set('2026-05-11T10:00:00+08:00'); // a Monday
    const deputy = await deputyOf(env);
    const id = await assigned(env, deputy.client);
    const dept = { post: async (url: string, body: object) => (await as('dept1')).post(url, body) };
    const staff = async () => as('district');
    // Bad input changes nothing: no timers.
    expect(
      errorCode(await (await staff()).post(`/api/suggestions/${id}/key`, { year: 1999, leader: '' })),
    ).toBe('common.validation');
    expect(await openTimers(id)).toHaveLength(0);

    const marked = await (await staff()).post(`/api/suggestions/${id}/key`, {
      year: 2026,
      leader: '王副主任',
    });
    expect(marked.statusCode, marked.body).toBe(200);
    const title = marked.json().title as string;
    // 3 months from Monday 2026-05-11: Tuesday 2026-08-11; reminded 5 working days before, at 09:00.
    const due = (await timerOf(id, 'key_report_due'))!;
    expect(due.payload).toMatchObject({ from: '2026-05-11', day: '2026-08-11' });
    const remind = (await timerOf(id, 'key_report_remind'))!;
    expect(remind.dueAt.toISOString()).toBe('2026-08-04T01:00:00.000Z');

    const unit = await idOf('dept1');
    const district = await idOf('district');
    clock.set(remind.dueAt.toISOString());
    await runner.drain();
    await runner.drain();
    const reminded = await told('suggestions.key_report_remind', title, '2026-08-11');
    expect(reminded.map((n) => n.accountId)).toEqual([unit]);

    // Reported within the period: nothing more when it ends; the next period is armed.
    clock.set('2026-08-05T10:00:00+08:00');
    const r = await dept.post(`/api/suggestions/${id}/report`, {
      kind: 'key',
      body: '已完成选址和方案设计。',
    });
    expect(r.statusCode, r.body).toBe(200);
    clock.set('2026-08-12T09:00:00+08:00');
    await runner.drain();
    expect(await told('suggestions.key_report_missed', title, '2026-08-11')).toHaveLength(0);
    expect((await timerOf(id, 'key_report_due'))!.payload).toMatchObject({
      from: '2026-08-11',
      day: '2026-11-11',
    });

    // Not reported: reminded, then the lead unit and the staff are told once when the period ends.
    clock.set((await timerOf(id, 'key_report_remind'))!.dueAt.toISOString());
    await runner.drain();
    expect(await told('suggestions.key_report_remind', title, '2026-11-11')).toHaveLength(1);
    clock.set('2026-11-12T09:00:00+08:00');
    await runner.drain();
    await runner.drain();
    const missed = await told('suggestions.key_report_missed', title, '2026-11-11');
    expect(missed.map((n) => n.accountId)).toEqual(expect.arrayContaining([unit, district]));
    expect(new Set(missed.map((n) => n.accountId)).size).toBe(missed.length);
    // 2026-11-11 + 3 months = Thursday 2027-02-11.
    expect((await timerOf(id, 'key_report_due'))!.payload).toMatchObject({ day: '2027-02-11' });

    // Answered A and rated 满意: closed, so the next period's end sends nothing and arms nothing.
    clock.set('2026-12-01T10:00:00+08:00');
    const a = await dept.post(`/api/suggestions/${id}/answer`, {
      body: '电梯已加装完成并投入使用。',
      category: 'A',
      signerName: '李华',
      signerTitle: '副局长',
    });
    expect(a.statusCode, a.body).toBe(200);
    const [me] = await db.select().from(accounts).where(eq(accounts.id, deputy.accountId));
    const fresh = await clientFor(env, me!, '10.9.0.1'); // the first session has lapsed by now
    const rated = await fresh.post(`/api/suggestions/${id}/rate`, {
      attitude: 'satisfied',
      result: 'satisfied',
    });
    expect(rated.statusCode, rated.body).toBe(200);
    expect((await (await staff()).get(`/api/suggestions/${id}`)).json().state).toBe('closed');
    clock.set('2027-02-20T09:00:00+08:00');
    await runner.drain();
    expect(await told('suggestions.key_report_remind', title, '2027-02-11')).toHaveLength(0);
    expect(await told('suggestions.key_report_missed', title, '2027-02-11')).toHaveLength(0);
    expect(await openTimers(id)).toHaveLength(0);
  });
});
