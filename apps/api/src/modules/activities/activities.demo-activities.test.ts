import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { signedIn, startTestServer } from '../../../test/harness';
import { JobRunner } from '../../kernel/jobs/runner';
import { deputy1 } from '../opinions/opinions.fixtures';
import { activities, pointEvidence } from './activities.schema';

// The demo district as `npm start` loads it (test clock 2026-03-02), after its events are handled.
const env = await startTestServer();
const { app, ctx } = env;
const { db } = ctx.database;

beforeAll(async () => {
  await new JobRunner(ctx).drain();
});

const count = async (where: ReturnType<typeof and>) =>
  Number((await db.select({ n: sql<number>`count(*)` }).from(pointEvidence).where(where))[0]!.n);

describe('demo activities', () => {
  it('staff registrations, station duty and deputy1’s own entries in every state', async () => {
    const rows = await db.select().from(activities).where(eq(activities.regionCode, '310112'));
    const by = (f: (a: (typeof rows)[number]) => boolean) => rows.filter(f).length;
    expect(by((a) => a.origin === 'staff' && a.kind === 'session')).toBe(2);
    expect(by((a) => a.kind === 'station_duty' && a.stationId !== null)).toBeGreaterThan(5);
    expect(by((a) => a.origin === 'deputy' && a.status === 'pending')).toBe(2);
    expect(by((a) => a.origin === 'deputy' && a.status === 'rejected' && !!a.rejectReason)).toBe(1);
    expect(rows.every((a) => a.day <= '2026-03-02')).toBe(true);
  });

  it('points come from the evidence: attendance, a deduction, suggestions and opinions (replayed listener)', async () => {
    const rc = eq(pointEvidence.regionCode, '310112');
    expect(await count(and(rc, eq(pointEvidence.key, 'absence.session')))).toBeGreaterThan(0);
    expect(await count(and(rc, eq(pointEvidence.key, 'activity.inspection')))).toBeGreaterThan(10);
    expect(await count(and(rc, eq(pointEvidence.refType, 'suggestion')))).toBeGreaterThan(0);
    expect(await count(and(rc, eq(pointEvidence.key, 'opinion.satisfied')))).toBeGreaterThan(0);
    const me = await deputy1(env);
    const district = await signedIn(app, 'district');
    const r = await district.get(`/api/points/deputy?congressCode=310112&year=2026&deputyId=${me.id}`);
    expect(r.statusCode, r.body).toBe(200);
    const p = r.json() as { total: number; evidence: Array<{ refType: string }> };
    expect(p.evidence.length).toBeGreaterThan(0);
    expect(p.total).toBeGreaterThan(0);
  });
});
