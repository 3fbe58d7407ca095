import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Client, signedIn, startTestServer } from '../../../test/harness';
import { emit } from '../../kernel/events';
import { JobRunner } from '../../kernel/jobs/runner';
import { deputy1 } from '../opinions/opinions.fixtures';
import { departmentIdOf, deputyOf, submitted } from '../suggestions/suggestions.fixtures';
import { pointEvidence } from './activities.schema';

// Monday 2026-03-02; the district congress is 310112. Through the real commands and the listener.
const env = await startTestServer();
const { app, ctx } = env;
const { db } = ctx.database;
const runner = new JobRunner(ctx);
const C = '310112';
let district: Client;
let dept: Client;
let lead: Client;
let me: Awaited<ReturnType<typeof deputy1>>;

const points = async (deputyId: string) => {
  const r = await district.get(`/api/points/deputy?congressCode=${C}&year=2026&deputyId=${deputyId}`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as {
    total: number;
    formula: string;
    lines: Array<{ key: string; count: number; points: number; cap: number | null }>;
    evidence: Array<{ key: string; refType: string; refId: string; label: string; ruleLabel: string }>;
  };
};
const evidenceOf = (key: string, refId: string) =>
  db
    .select({ deputyId: pointEvidence.deputyId })
    .from(pointEvidence)
    .where(and(eq(pointEvidence.key, key), eq(pointEvidence.refId, refId)));

/** A suggestion of deputy1 (co-signed by another deputy), answered by dept1 with this category. */
async function answered(category: 'A' | 'C') {
  const co = await deputyOf(env, C, 1);
  const id = await submitted(lead);
  // Co-signed after submission: the co-signer is in every later event's deputyIds.
  expect((await co.client.post(`/api/suggestions/${id}/cosign`)).statusCode).toBe(200);
  expect((await district.post(`/api/suggestions/${id}/register`)).statusCode).toBe(200);
  const departmentId = await departmentIdOf(env, 'dept1');
  expect((await district.post('/api/suggestions/assign', { ids: [id], departmentId })).statusCode).toBe(200);
  const a = await dept.post(`/api/suggestions/${id}/answer`, {
    body: '我局已会同街道制定加装电梯专项方案，简化审批并落实补贴。',
    category,
    signerName: '王明',
    signerTitle: '局长',
  });
  expect(a.statusCode, a.body).toBe(200);
  return { id, co: co.deputyId };
}

beforeAll(async () => {
  await runner.drain();
  district = await signedIn(app, 'district');
  dept = await signedIn(app, 'dept1');
  lead = await signedIn(app, 'deputy1');
  me = await deputy1(env);
});

describe('points for a suggestion whose result the lead deputy rated 满意', () => {
  it('the lead deputy gets suggestion.satisfied with its evidence and rule; co-signers do not', async () => {
    const before = await points(me.id);
    const { id, co } = await answered('A');
    const r = await lead.post(`/api/suggestions/${id}/rate`, {
      attitude: 'basically_satisfied',
      result: 'satisfied',
    });
    expect(r.statusCode, r.body).toBe(200);
    await runner.drain();
    expect(await evidenceOf('suggestion.satisfied', id)).toEqual([{ deputyId: me.id }]);
    const after = await points(me.id);
    const l = after.lines.find((x) => x.key === 'suggestion.satisfied')!;
    expect(l.count).toBe((before.lines.find((x) => x.key === 'suggestion.satisfied')?.count ?? 0) + 1);
    expect(after.evidence).toContainEqual(
      expect.objectContaining({
        key: 'suggestion.satisfied',
        refType: 'suggestion',
        refId: id,
        ruleLabel: '建议办理结果满意',
        label: expect.stringMatching(/^建议办理结果满意：关于加快老旧小区加装电梯的建议/),
      }),
    );
    expect(after.formula).toContain('建议办理结果满意');
    expect(await evidenceOf('suggestion.satisfied', id)).not.toContainEqual({ deputyId: co });
    // A redelivered event changes nothing (evidence is unique per deputy, key and suggestion).
    await db.transaction((tx) =>
      emit(tx, ctx.clock.now(), {
        regionCode: '310112',
        topic: 'suggestions.rate',
        payload: { caseId: id, deputyIds: [me.id, co], attitude: 'satisfied', result: 'satisfied' },
      }),
    );
    await runner.drain();
    expect((await points(me.id)).total).toBe(after.total);
  });

  it('基本满意 or 不满意 on the result gives no such point; a later 满意 after re-handling does', async () => {
    const { id } = await answered('C');
    const r1 = await lead.post(`/api/suggestions/${id}/rate`, {
      attitude: 'satisfied',
      result: 'dissatisfied',
    });
    expect(r1.json()).toMatchObject({ state: 'rehandling' });
    await runner.drain();
    expect(await evidenceOf('suggestion.satisfied', id)).toEqual([]);
    const a2 = await dept.post(`/api/suggestions/${id}/answer`, {
      body: '经再次研究，专项补贴已落实，首批电梯已开工。',
      category: 'A',
      signerName: '王明',
      signerTitle: '局长',
    });
    expect(a2.statusCode, a2.body).toBe(200);
    const r2 = await lead.post(`/api/suggestions/${id}/rate`, { attitude: 'satisfied', result: 'satisfied' });
    expect(r2.statusCode, r2.body).toBe(200);
    await runner.drain();
    expect(await evidenceOf('suggestion.satisfied', id)).toEqual([{ deputyId: me.id }]);

    const { id: other } = await answered('A');
    await lead.post(`/api/suggestions/${other}/rate`, {
      attitude: 'satisfied',
      result: 'basically_satisfied',
    });
    await runner.drain();
    expect(await evidenceOf('suggestion.satisfied', other)).toEqual([]);
    // The A result still counts on its own.
    expect(await evidenceOf('suggestion.result_a', other)).toEqual([{ deputyId: me.id }]);
  });
});

describe('attending the congress session earns points by default (and absence deducts)', () => {
  it('activity.session is priced at 2 per session attended, capped at 4 a year', async () => {
    const before = await points(me.id);
    const prior = before.lines.find((x) => x.key === 'activity.session')?.count ?? 0;
    for (const day of ['2026-03-01', '2026-03-02', '2026-03-03']) {
      const r = await district.post('/api/activities', {
        congressCode: C,
        kind: 'session',
        title: '区十八届人大五次会议',
        day,
        participants: [{ deputyId: me.id, attendance: 'present' }],
      });
      expect(r.statusCode, r.body).toBe(201);
    }
    await runner.drain();
    const after = await points(me.id);
    const l = after.lines.find((x) => x.key === 'activity.session')!;
    expect(l.count).toBe(prior + 3);
    // At least three sessions × 2 = 6, capped at 4.
    expect(l.points).toBe(4);
    expect(after.total - before.total).toBe(
      4 - (before.lines.find((x) => x.key === 'activity.session')?.points ?? 0),
    );
    expect(after.formula).toMatch(/参加人代会 \d+ 次 × 2 分（封顶 4） = 4/);
  });
});
