import { and, eq, inArray, like, notInArray, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Client, errorCode, signedIn, startTestServer } from '../../../test/harness';
import { notifications, timers } from '../../kernel/db/kernel.schema';
import { JobRunner } from '../../kernel/jobs/runner';
import { deputyMandates } from '../deputies/deputies.schema';
import { deputy1 } from '../opinions/opinions.fixtures';
import { activityQuotaReminders, pointEvidence } from './activities.schema';
import { armQuotaCheck, QUOTA_CHECK_TIMER } from './quotas.usecases';

// A hand-computed data set on Wednesday 2026-05-20 (140 of 365 days of the year, 20 of 31 of May).
const env = await startTestServer();
const { app, ctx, clock } = env;
const { db } = ctx.database;
const runner = new JobRunner(ctx);
const C = '310112';
const QUOTAS = [
  { key: 'activity.contact', label: '进网格联系群众', per: 'month', min: 4 },
  { key: 'activity.reception', label: '接待选民', per: 'month', min: 2 },
  { key: 'activity.station_duty', label: '进站履职', per: 'year', min: 1 },
  { key: 'suggestion.submitted', label: '提出建议', per: 'year', min: 2 },
];
let district: Client;
let A: string; // behind on contacts
let B: string; // on track everywhere

type Q = {
  key: string;
  count: number;
  target: number;
  expected: number;
  status: string;
  remindedAt: string | null;
};
const progressOf = async (c: Client, deputyId: string, qs = '') => {
  const r = await c.get(`/api/activities/quotas/progress?congressCode=${C}&pageSize=200${qs}`);
  expect(r.statusCode, r.body).toBe(200);
  const row = (r.json().items as Array<{ deputyId: string; quotas: Q[] }>).find(
    (i) => i.deputyId === deputyId,
  );
  return row ? Object.fromEntries(row.quotas.map((q) => [q.key, q])) : null;
};
const activity = (kind: string, day: string, people: Array<[string, 'present' | 'absent']>) =>
  district.post('/api/activities', {
    congressCode: C,
    kind,
    title: `测试活动 ${kind} ${day}`,
    day,
    participants: people.map(([deputyId, attendance]) => ({ deputyId, attendance })),
  });
const smsFor = (deputyId: string) =>
  db
    .select()
    .from(notifications)
    .where(
      and(
        eq(notifications.channel, 'sms'),
        like(notifications.dedupeKey, `activities.quota_behind:${deputyId}:%`),
      ),
    );

beforeAll(async () => {
  await runner.drain();
  clock.set('2026-05-20T10:00:00+08:00');
  district = await signedIn(app, 'district');
  const put = await district.put(`/api/settings/activities.quotas?scope=${C}`, { value: QUOTAS });
  expect(put.statusCode, put.body).toBe(200);
  // Two whole-year deputies of the district congress with no evidence for these quotas this year.
  const used = db
    .select({ id: pointEvidence.deputyId })
    .from(pointEvidence)
    .where(
      and(
        eq(pointEvidence.year, 2026),
        inArray(
          pointEvidence.key,
          QUOTAS.map((q) => q.key),
        ),
      ),
    );
  const fresh = await db
    .select({ id: deputyMandates.deputyId })
    .from(deputyMandates)
    .where(
      and(
        eq(deputyMandates.congressJurisdictionCode, C),
        sql`(${deputyMandates.startedOn} is null or ${deputyMandates.startedOn} <= '2026-01-01')`,
        sql`(${deputyMandates.endedOn} is null or ${deputyMandates.endedOn} >= '2026-12-31')`,
        notInArray(deputyMandates.deputyId, used),
      ),
    )
    .limit(2);
  [A, B] = [fresh[0]!.id, fresh[1]!.id];
  const me = await deputy1(env);
  expect([A, B]).not.toContain(me.id);
  const made = [
    await activity('contact', '2026-05-03', [
      [A, 'present'],
      [B, 'present'],
    ]),
    await activity('contact', '2026-04-15', [[A, 'present']]), // April: not this month
    await activity('contact', '2026-05-12', [
      [A, 'absent'], // absent: no evidence
      [B, 'present'],
    ]),
    await activity('contact', '2026-05-13', [[B, 'present']]),
    await activity('contact', '2026-05-14', [[B, 'present']]),
    await activity('reception', '2026-05-05', [
      [A, 'present'],
      [B, 'present'],
    ]),
    await activity('reception', '2026-05-06', [[B, 'present']]),
    await activity('station_duty', '2026-02-01', [
      [A, 'present'],
      [B, 'present'],
    ]),
  ];
  for (const r of made) expect(r.statusCode, r.body).toBe(201);
  await runner.drain();
});

describe('履职要求 progress computed from the evidence', () => {
  it('gives the hand-computed numbers: counts, prorated pace and status per quota', async () => {
    const a = (await progressOf(district, A))!;
    // Month: 20/31 of May gone. Contacts: 1 this month (April and the absence do not count),
    // pace ⌊4 × 20/31⌋ = 2 → behind. Receptions: 1, pace ⌊2 × 20/31⌋ = 1 → on track.
    expect(a['activity.contact']).toMatchObject({ count: 1, target: 4, expected: 2, status: 'behind' });
    expect(a['activity.reception']).toMatchObject({ count: 1, target: 2, expected: 1, status: 'on_track' });
    // Year: 140/365 gone. Station duty 1 of 1 → met; suggestions 0, pace ⌊2 × 140/365⌋ = 0 → on track.
    expect(a['activity.station_duty']).toMatchObject({ count: 1, target: 1, status: 'met' });
    expect(a['suggestion.submitted']).toMatchObject({ count: 0, target: 2, expected: 0, status: 'on_track' });
    const b = (await progressOf(district, B))!;
    expect(b['activity.contact']).toMatchObject({ count: 4, status: 'met' });
    expect(b['activity.reception']).toMatchObject({ count: 2, status: 'met' });
  });

  it('filters who is behind; an earlier month is measured at its last day', async () => {
    expect(await progressOf(district, A, '&status=behind')).not.toBeNull();
    expect(await progressOf(district, B, '&status=behind')).toBeNull();
    const april = (await progressOf(district, A, '&month=2026-04'))!;
    expect(april['activity.contact']).toMatchObject({ count: 1, target: 4, expected: 4, status: 'behind' });
    const future = await district.get(`/api/activities/quotas/progress?congressCode=${C}&month=2026-07`);
    expect(future.statusCode).toBe(400);
    expect(future.json().error.message).toContain('尚未到来');
  });

  it("a street's staff see only their street's deputies; a deputy sees their own", async () => {
    const xinzhuang = await signedIn(app, 'xinzhuang');
    const r = await xinzhuang.get(`/api/activities/quotas/progress?congressCode=${C}&pageSize=200`);
    expect(r.statusCode, r.body).toBe(200);
    const all = await district.get(`/api/activities/quotas/progress?congressCode=${C}&pageSize=200`);
    expect(r.json().total).toBeGreaterThan(0);
    expect(r.json().total).toBeLessThan(all.json().total);
    const mine = await (await signedIn(app, 'deputy1')).get('/api/activities/quotas/mine');
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().items[0].quotas.map((q: Q) => q.key)).toEqual(QUOTAS.map((q) => q.key));
    expect(errorCode(await district.get('/api/activities/quotas/mine'))).toBe('auth.forbidden');
  });
});

describe('reminders when a deputy falls behind (daily DB timer)', () => {
  it('reminds a deputy behind the pace once per quota and period, never one on track', async () => {
    await armQuotaCheck(ctx, db, '310112');
    clock.set('2026-05-21T10:00:00+08:00');
    await runner.drain();
    const rows = await db
      .select()
      .from(activityQuotaReminders)
      .where(and(eq(activityQuotaReminders.deputyId, A)));
    expect(rows.map((r) => `${r.quotaKey}@${r.period}`)).toEqual(['activity.contact@2026-05']);
    expect(await smsFor(A)).toHaveLength(1);
    expect((await smsFor(A))[0]!.body).toContain('进网格联系群众');
    expect(await smsFor(B)).toHaveLength(0);
    const staff = await signedIn(app, 'district');
    expect((await progressOf(staff, A))!['activity.contact']!.remindedAt).not.toBeNull();
  }, 120_000);

  it('the next pass (the re-armed timer, a day later) sends nothing again', async () => {
    clock.set('2026-05-22T10:00:00+08:00');
    await runner.drain();
    const fired = await db
      .select()
      .from(timers)
      .where(and(eq(timers.kind, QUOTA_CHECK_TIMER), eq(timers.status, 'fired')));
    expect(fired.length).toBe(2);
    expect(await smsFor(A)).toHaveLength(1);
    const open = await db
      .select()
      .from(timers)
      .where(and(eq(timers.kind, QUOTA_CHECK_TIMER), eq(timers.status, 'open')));
    expect(open).toHaveLength(1);
    expect(open[0]!.dueAt.toISOString()).toBe('2026-05-23T01:00:00.000Z');
  }, 120_000);
});
