import { and, asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { type Client, signedIn, startTestServer } from '../../../test/harness';
import { caseHistory, cases, notifications, timers } from '../../kernel/db/kernel.schema';
import { JobRunner } from '../../kernel/jobs/runner';
import { accounts } from '../accounts/accounts.schema';
import { citizen } from '../receptions/receptions.fixtures';
import { opinionRatings } from './opinions.schema';

// Working days on the official calendar; the clock starts Monday 2026-03-02 09:00 China time.
const env = await startTestServer();
const { app, ctx, clock } = env;
const { db } = ctx.database;
const runner = new JobRunner(ctx);
/** Sessions time out when idle: sign in again after moving the clock. */
const as = (u: string) => signedIn(app, u);
const accountId = async (username: string) =>
  (await db.select().from(accounts).where(eq(accounts.username, username)))[0]!.id;

const timersOf = (caseId: string, kind: string) =>
  db
    .select()
    .from(timers)
    .where(and(eq(timers.caseId, caseId), eq(timers.kind, kind)));
const told = async (template: string, trackingNo: string) =>
  (await db.select().from(notifications).where(eq(notifications.template, template))).filter((n) =>
    n.body.includes(trackingNo),
  );

let n = 0;
async function submit(me?: Client, title = '小区门口路灯损坏') {
  const c = me ?? (await citizen(env, `1390000${String(6000 + n++)}`));
  const res = await c.post('/api/public/opinions', {
    title,
    description: '小区主干道路灯损坏多日，夜间出行不便，请尽快维修。',
    areaCode: '310112101',
  });
  expect(res.statusCode, res.body).toBe(201);
  return { ...(res.json() as { id: string; trackingNo: string }), me: c };
}

describe('reminders before the accept and assign deadlines', () => {
  it('the street staff are reminded a working day before 受理 and 交办 are due', async () => {
    clock.set('2026-03-02T09:00:00+08:00');
    const { id, trackingNo } = await submit();
    await runner.drain();
    // 受理 within 2 working days → Wednesday 4 March; reminded Tuesday 3 March, 09:00.
    const [remind] = (await timersOf(id, 'accept_remind')).filter((t) => t.status === 'open');
    expect(remind!.dueAt.toISOString()).toBe('2026-03-03T01:00:00.000Z');
    expect(remind!.payload).toMatchObject({ day: '2026-03-04' });

    clock.set('2026-03-03T09:30:00+08:00');
    await runner.drain();
    const accept = await told('opinions.accept_due_soon', trackingNo);
    // The nearest level's staff who may 受理 (the street's congress and station staff), not the district's.
    expect(accept.map((x) => x.accountId).sort()).toEqual(
      [await accountId('xinzhuang'), await accountId('station1')].sort(),
    );
    expect(accept[0]!.body).toContain('2026-03-04');

    // 受理 opens the 交办 deadline (2 working days → Thursday 5 March) and its reminder.
    const street = await as('xinzhuang');
    expect((await street.post(`/api/opinions/${id}/accept`, { categoryCode: 'CJ01' })).statusCode).toBe(200);
    await runner.drain();
    const assign = (await timersOf(id, 'assign_remind')).filter((t) => t.status === 'open');
    expect(assign.map((t) => t.dueAt.toISOString())).toEqual(['2026-03-04T01:00:00.000Z']);
    clock.set('2026-03-04T09:10:00+08:00');
    await runner.drain();
    // 交办 is the congress staff's only.
    expect((await told('opinions.assign_due_soon', trackingNo)).map((x) => x.accountId)).toEqual([
      await accountId('xinzhuang'),
    ]);
  });

  it('交办 in time stops the reminder; 0 working days turns it off for a congress', async () => {
    clock.set('2026-03-09T09:00:00+08:00');
    const { id, trackingNo } = await submit();
    await (await as('xinzhuang')).post(`/api/opinions/${id}/accept`, { categoryCode: 'CJ01' });
    await runner.drain();
    expect((await timersOf(id, 'accept_remind')).every((t) => t.status === 'cancelled')).toBe(true);
    expect((await timersOf(id, 'assign_remind')).filter((t) => t.status === 'open')).toHaveLength(1);
    await (await as('district')).post(`/api/opinions/${id}/assign`, {});
    await runner.drain();
    expect((await timersOf(id, 'assign_remind')).every((t) => t.status === 'cancelled')).toBe(true);
    clock.set('2026-03-12T09:00:00+08:00');
    await runner.drain();
    expect(await told('opinions.assign_due_soon', trackingNo)).toEqual([]);

    // The street turns the accept reminder off: its next case gets none.
    const set = await (await as('xinzhuang')).put('/api/settings/opinions.acceptRemindBeforeDays', {
      value: 0,
    });
    expect(set.statusCode, set.body).toBe(200);
    const next = await submit();
    await runner.drain();
    expect(await timersOf(next.id, 'accept_remind')).toEqual([]);
  });
});

describe('并单: merged citizens who do not rate', () => {
  async function answered() {
    const main = await submit(undefined, '春申路路灯不亮');
    const dupA = await submit(undefined, '春申路路灯坏了');
    const dupB = await submit(undefined, '春申路口路灯不亮');
    const district = await as('district');
    for (const d of [dupA, dupB])
      expect((await district.post(`/api/opinions/${d.id}/merge`, { into: main.id })).statusCode).toBe(200);
    await district.post(`/api/opinions/${main.id}/accept`, { categoryCode: 'CJ01' });
    await district.post(`/api/opinions/${main.id}/assign`, {});
    const dept = await as('dept1');
    await dept.post(`/api/opinions/${main.id}/sign`);
    const r = await dept.post(`/api/opinions/${main.id}/reply`, {
      body: '已更换路灯，恢复照明。',
      outcome: 'solved',
    });
    expect(r.statusCode, r.body).toBe(200);
    return { main, dupA, dupB };
  }
  const closedAt = async (id: string) =>
    (await db.select({ at: cases.closedAt }).from(cases).where(eq(cases.id, id)))[0]!.at;

  it('close on their side after the same period as the main case: an auto rating of that answer', async () => {
    clock.set('2026-05-11T09:00:00+08:00');
    const { main, dupA, dupB } = await answered();
    // The same period as the main case's citizen: 10 working days → Monday 25 May.
    const [t] = (await timersOf(dupA.id, 'rate_due')).filter((x) => x.status === 'open');
    const [m] = (await timersOf(main.id, 'rate_due')).filter((x) => x.status === 'open');
    expect(t!.payload).toMatchObject({ day: '2026-05-25', onDue: 'autoCloseMerged', round: 1 });
    expect(t!.dueAt).toEqual(m!.dueAt);
    const mergedAt = await closedAt(dupA.id);

    // The main citizen rates at once (the main case closes); B rates in time; A never does.
    expect(
      (await main.me.post(`/api/public/opinions/${main.id}/rate`, { rating: 'satisfied' })).statusCode,
    ).toBe(200);
    expect(
      (await dupB.me.post(`/api/public/opinions/${dupB.id}/rate`, { rating: 'satisfied' })).statusCode,
    ).toBe(200);
    expect((await timersOf(dupB.id, 'rate_due')).every((x) => x.status === 'cancelled')).toBe(true);
    clock.set('2026-05-25T12:00:00+08:00');
    await runner.drain();
    expect(await db.select().from(opinionRatings).where(eq(opinionRatings.caseId, dupA.id))).toEqual([]);

    clock.set('2026-05-26T00:30:00+08:00');
    await runner.drain();
    const rows = await db.select().from(opinionRatings).where(eq(opinionRatings.caseId, dupA.id));
    expect(rows).toEqual([expect.objectContaining({ round: 1, rating: null, auto: true })]);
    const d = (await (await as('district')).get(`/api/opinions/${dupA.id}`)).json();
    expect(d.state).toBe('merged');
    expect(d.history.map((h: { action: string }) => h.action)).toContain('autoCloseMerged');
    expect(await closedAt(dupA.id)).toEqual(mergedAt);
    // B keeps its own rating only; the main case keeps its citizen's.
    expect(
      (await db.select().from(opinionRatings).where(eq(opinionRatings.caseId, dupB.id))).map((r) => r.rating),
    ).toEqual(['satisfied']);
    // 办结清单 shows A as not rated, and A can no longer rate that answer.
    const ledger = (
      await (await as('district')).get(`/api/opinions/ledgers/closed?q=${dupA.trackingNo}`)
    ).json();
    expect(ledger.items).toEqual([expect.objectContaining({ id: dupA.id, ratingLabel: '逾期未评价' })]);
    const late = await (await as('district')).post(`/api/opinions/${dupA.id}/rate`, { rating: 'satisfied' });
    expect(late.statusCode).toBe(409);
  });

  it('a 重办 of the main case stops the period; the next answer opens a new one', async () => {
    clock.set('2026-06-01T09:00:00+08:00');
    const { main, dupA } = await answered();
    expect((await timersOf(dupA.id, 'rate_due')).filter((x) => x.status === 'open')).toHaveLength(1);
    const reopen = await main.me.post(`/api/public/opinions/${main.id}/rate`, { rating: 'dissatisfied' });
    expect(reopen.json().state).toBe('assigned');
    expect((await timersOf(dupA.id, 'rate_due')).every((x) => x.status === 'cancelled')).toBe(true);
    clock.set('2026-06-20T09:00:00+08:00');
    await runner.drain();
    expect(await db.select().from(opinionRatings).where(eq(opinionRatings.caseId, dupA.id))).toEqual([]);
    const dept = await as('dept1');
    await dept.post(`/api/opinions/${main.id}/sign`);
    await dept.post(`/api/opinions/${main.id}/reply`, {
      body: '已再次检修线路，全部恢复照明。',
      outcome: 'solved',
    });
    const open = (await timersOf(dupA.id, 'rate_due')).filter((x) => x.status === 'open');
    expect(open.map((x) => x.payload)).toEqual([expect.objectContaining({ round: 2 })]);
  });

  it('a case merged into one already answered gets the period from the merge', async () => {
    clock.set('2026-07-06T09:00:00+08:00');
    const { main } = await answered();
    const late = await submit(undefined, '春申路路灯一直不亮');
    expect(
      (await (await as('district')).post(`/api/opinions/${late.id}/merge`, { into: main.id })).statusCode,
    ).toBe(200);
    const [t] = (await timersOf(late.id, 'rate_due')).filter((x) => x.status === 'open');
    expect(t!.payload).toMatchObject({ onDue: 'autoCloseMerged', round: 1, day: '2026-07-20' });
    const hist = await db
      .select()
      .from(caseHistory)
      .where(eq(caseHistory.caseId, late.id))
      .orderBy(asc(caseHistory.seq));
    expect(hist.map((h) => h.action)).toEqual(['open', 'merge']);
  });
});
