import { and, eq, gt, ne } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Client, errorCode, signedIn, startTestServer } from '../../../test/harness';
import { auditLog } from '../../kernel/db/kernel.schema';
import { emit } from '../../kernel/events';
import { JobRunner } from '../../kernel/jobs/runner';
import { deputyMandates } from '../deputies/deputies.schema';
import { deputy1 } from '../opinions/opinions.fixtures';
import { opinions } from '../opinions/opinions.schema';
import { stations } from '../stations/stations.schema';
import { pointTallies } from './activities.schema';
import { rebuildTallies } from './evidence';
import { DEFAULT_RULE_SET } from './points.rules';

// Monday 2026-03-02; the district congress is 310112.
const env = await startTestServer();
const { app, ctx } = env;
const { db } = ctx.database;
const runner = new JobRunner(ctx);
const C = '310112';
let district: Client;
let me: Awaited<ReturnType<typeof deputy1>>;
let other: string;

const points = async (c: Client, deputyId?: string) => {
  const r = await c.get(
    `/api/points/deputy?congressCode=${C}&year=2026${deputyId ? `&deputyId=${deputyId}` : ''}`,
  );
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as {
    total: number;
    formula: string;
    lines: Array<{ key: string; count: number; points: number }>;
    evidence: Array<{ key: string; refType: string; refId: string; ruleLabel: string }>;
  };
};
const line = (p: Awaited<ReturnType<typeof points>>, key: string) => p.lines.find((l) => l.key === key);

beforeAll(async () => {
  // The demo's own events (suggestions, ratings …) are evidence too: take them in first.
  await runner.drain();
  district = await signedIn(app, 'district');
  me = await deputy1(env);
  const [o] = await db
    .select({ id: deputyMandates.deputyId })
    .from(deputyMandates)
    .where(and(eq(deputyMandates.congressJurisdictionCode, C), ne(deputyMandates.deputyId, me.id)))
    .limit(1);
  other = o!.id;
});

describe('履职登记 and points computed from the evidence', () => {
  let inspection: string;

  it('staff register an activity with attendance; points follow from the event, with evidence and rule', async () => {
    const before = await points(district, me.id);
    const r = await district.post('/api/activities', {
      congressCode: C,
      kind: 'inspection',
      title: '视察老旧小区加装电梯工作',
      day: '2026-03-02',
      participants: [
        { deputyId: me.id, attendance: 'present' },
        { deputyId: other, attendance: 'absent' },
      ],
    });
    expect(r.statusCode, r.body).toBe(201);
    inspection = r.json().id;
    expect(r.json().status).toBe('confirmed');
    await district.post('/api/activities', {
      congressCode: C,
      kind: 'session',
      title: '区十七届人大五次会议',
      day: '2026-03-02',
      participants: [{ deputyId: other, attendance: 'absent' }],
    });
    await runner.drain();
    const after = await points(district, me.id);
    expect(line(after, 'activity.inspection')!.count).toBe(
      (line(before, 'activity.inspection')?.count ?? 0) + 1,
    );
    expect(after.total).toBe(before.total + 2);
    expect(after.evidence).toContainEqual(
      expect.objectContaining({
        key: 'activity.inspection',
        refType: 'activity',
        refId: inspection,
        ruleLabel: '视察',
      }),
    );
    expect(after.formula).toContain('视察');
    // The absent deputy: an unexcused absence from the session is a deduction; the inspection is not.
    const o = await points(district, other);
    expect(line(o, 'absence.session')!.points).toBe(-10);
    expect(line(o, 'activity.inspection')).toBeUndefined();
  });

  it('a correction of attendance withdraws the points (evidence, not a silent edit)', async () => {
    const before = await points(district, me.id);
    const r = await district.put(`/api/activities/${inspection}/attendance`, {
      participants: [
        { deputyId: me.id, attendance: 'excused' },
        { deputyId: other, attendance: 'absent' },
      ],
    });
    expect(r.statusCode, r.body).toBe(200);
    await runner.drain();
    const after = await points(district, me.id);
    expect(after.total).toBe(before.total - 2);
    expect(after.evidence.some((e) => e.refId === inspection)).toBe(false);
  });

  it('a deputy registers their own activity: pending (no points) until staff confirm it', async () => {
    const deputy = await signedIn(app, 'deputy1');
    const before = await points(deputy);
    const r = await deputy.post('/api/activities', {
      congressCode: C,
      kind: 'contact',
      title: '走访网格内独居老人',
      day: '2026-03-02',
      participants: [{ deputyId: other, attendance: 'present' }], // ignored: only themself
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({
      status: 'pending',
      participants: [expect.objectContaining({ deputyId: me.id })],
    });
    await runner.drain();
    expect((await points(deputy)).total).toBe(before.total);
    // A deputy cannot confirm, nor see another deputy's points.
    expect((await deputy.post(`/api/activities/${r.json().id}/review`, { confirm: true })).statusCode).toBe(
      403,
    );
    expect(
      (await deputy.get(`/api/points/deputy?congressCode=${C}&year=2026&deputyId=${other}`)).statusCode,
    ).toBe(403);
    expect((await district.post(`/api/activities/${r.json().id}/review`, { confirm: true })).statusCode).toBe(
      200,
    );
    await runner.drain();
    expect((await points(deputy)).total).toBe(before.total + 1);
    expect(errorCode(await district.post(`/api/activities/${r.json().id}/review`, { confirm: true }))).toBe(
      'activities.not_pending',
    );
  });

  it('another street cannot see or score the district congress; bad input changes nothing', async () => {
    const qibao = await signedIn(app, 'qibao');
    expect((await qibao.get(`/api/activities/${inspection}`)).statusCode).toBe(404);
    expect((await qibao.get(`/api/points?congressCode=${C}&year=2026`)).statusCode).toBe(403);
    expect(
      errorCode(
        await district.post('/api/activities', {
          congressCode: C,
          kind: 'dancing',
          title: '跳舞',
          day: '2026-03-02',
        }),
      ),
    ).toBe('activities.unknown_kind');
  });

  it('next year’s rule never changes this year’s points; this year’s rule cannot be changed', async () => {
    const table = async () => (await district.get(`/api/points?congressCode=${C}&year=2026`)).json();
    const before = await table();
    expect(before.items.length).toBeGreaterThan(10);
    const rules = {
      ...DEFAULT_RULE_SET,
      baseScore: 80,
      rules: DEFAULT_RULE_SET.rules.map((r) => ({ ...r, points: r.points * 2 })),
    };
    expect(
      errorCode(
        await district.post('/api/points/rule-sets', { congressCode: C, effectiveYear: 2026, rules }),
      ),
    ).toBe('activities.rule_year_started');
    const ok = await district.post('/api/points/rule-sets', {
      congressCode: C,
      effectiveYear: 2027,
      rules,
      note: '2027年起',
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(await table()).toEqual(before);
    const next = (await district.get(`/api/points?congressCode=${C}&year=2027`)).json();
    expect(next.ruleSetYear).toBe(2027);
    expect(next.items[0].total).toBe(80);
  });

  it('year-end adjustment is a recorded, audited entry with its reason', async () => {
    const before = await points(district, other);
    const r = await district.post('/api/points/adjustments', {
      deputyId: other,
      congressCode: C,
      year: 2026,
      points: 5,
      reason: '农民代表农忙季节履职，年终核定加分',
    });
    expect(r.statusCode, r.body).toBe(201);
    const after = await points(district, other);
    expect(after.total).toBe(before.total + 5);
    expect(after.formula).toContain('年终核定 +5');
    const audit = await db.select().from(auditLog).where(eq(auditLog.action, 'points.adjusted'));
    expect(audit.length).toBe(1);
    const lists = (await district.get(`/api/points/lists?congressCode=${C}&year=2026`)).json();
    expect(lists.talk.map((x: { deputyId: string }) => x.deputyId)).not.toContain(me.id);
  });
});

describe('activities and points from other modules’ events (listeners only)', () => {
  it('a reception check-in, a field note and an opinion followed to 满意 become evidence', async () => {
    const before = await points(district, me.id);
    const [station] = await db.select().from(stations).where(eq(stations.regionCode, '310112')).limit(1);
    const [opinion] = await db.select().from(opinions).where(eq(opinions.deputyId, me.id)).limit(1);
    await db.transaction(async (tx) => {
      const at = ctx.clock.now();
      for (const bookingId of ['b1', 'b2'])
        await emit(tx, at, {
          regionCode: '310112',
          topic: 'receptions.checked_in',
          payload: { bookingId, stationId: station!.id, day: '2026-03-02', deputyId: me.id },
        });
      await emit(tx, at, {
        regionCode: '310112',
        topic: 'opinions.rate',
        payload: { caseId: opinion!.caseId, rating: 'satisfied' },
      });
    });
    await runner.drain();
    const after = await points(district, me.id);
    // Two citizens on one reception day: one 接待选民 activity with two citizens received.
    expect(line(after, 'activity.reception')!.count).toBe(
      (line(before, 'activity.reception')?.count ?? 0) + 1,
    );
    expect(line(after, 'opinion.satisfied')!.count).toBeGreaterThanOrEqual(1);
    const list = (await district.get(`/api/activities?kind=reception&deputyId=${me.id}`)).json();
    expect(list.items[0]).toMatchObject({ origin: 'event', citizensReceived: 2, status: 'confirmed' });
  });

  it('the incremental tallies equal a recount from the evidence', async () => {
    const snapshot = async () =>
      (
        await db
          .select()
          .from(pointTallies)
          .where(and(eq(pointTallies.congressCode, C), eq(pointTallies.year, 2026)))
      )
        .filter((t) => t.count > 0)
        .map((t) => `${t.deputyId}|${t.key}|${t.count}`)
        .sort();
    const incremental = await snapshot();
    expect(incremental.length).toBeGreaterThan(0);
    await db.transaction((tx) => rebuildTallies(tx, '310112', C, 2026));
    expect(await snapshot()).toEqual(incremental);
    // A recount repairs tallies that drifted: a count too high, a row lost, a count with no evidence.
    const [first, second] = await db
      .select()
      .from(pointTallies)
      .where(and(eq(pointTallies.congressCode, C), eq(pointTallies.year, 2026), gt(pointTallies.count, 0)))
      .limit(2);
    const key = (t: typeof first) =>
      and(
        eq(pointTallies.congressCode, C),
        eq(pointTallies.year, 2026),
        eq(pointTallies.deputyId, t!.deputyId),
        eq(pointTallies.key, t!.key),
      );
    await db
      .update(pointTallies)
      .set({ count: first!.count + 5 })
      .where(key(first));
    await db.delete(pointTallies).where(key(second));
    await db.insert(pointTallies).values({
      regionCode: '310112',
      congressCode: C,
      year: 2026,
      deputyId: me.id,
      key: 'activity.ghost',
      count: 3,
    });
    expect(await snapshot()).not.toEqual(incremental);
    await db.transaction((tx) => rebuildTallies(tx, '310112', C, 2026));
    expect(await snapshot()).toEqual(incremental);
  });
});
