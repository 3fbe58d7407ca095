import { and, eq, like } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Client, errorCode, signedIn, startTestServer } from '../../../test/harness';
import { cases, notifications } from '../../kernel/db/kernel.schema';
import { JobRunner } from '../../kernel/jobs/runner';
import { citizen } from '../receptions/receptions.fixtures';
import { keywordsOf } from './merge.usecases';
import { opinionRatings, opinions } from './opinions.schema';

const env = await startTestServer();
const { app, ctx } = env;
const { db } = ctx.database;
const runner = new JobRunner(ctx);
let district: Client;
let dept1: Client;

const lamp = {
  title: '春申路小区门口路灯不亮',
  description: '春申路568弄小区门口三盏路灯坏了两周，晚上出行很不安全，请尽快修复路灯。',
  categoryCode: 'CJ01',
  lat: 31.1065,
  lng: 121.3921,
};

async function file(phone: string, body: Record<string, unknown>) {
  const res = await (await citizen(env, phone)).post('/api/public/opinions', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; trackingNo: string; followUrl: string };
}

beforeAll(async () => {
  district = await signedIn(app, 'district');
  dept1 = await signedIn(app, 'dept1');
});

describe('similar open cases and 并单', () => {
  it('keywords are the characteristic words, not filler', () => {
    const k = keywordsOf(`${lamp.title}。${lamp.description}`);
    expect(k).toEqual(expect.arrayContaining(['路灯']));
    expect(k).not.toContain('希望');
  });

  it('shows a similar case nearby at intake, merges it, and the merged citizen gets the answer', async () => {
    const main = await file('13900007001', { ...lamp, contactName: '李建国' });
    const dup = await file('13900007002', {
      ...lamp,
      title: '春申路路灯坏了没人修',
      description: '春申路568弄门口的路灯晚上不亮，已经两个星期了，晚上出行不安全。',
      lat: 31.1068,
      lng: 121.3925,
    });
    const unrelated = await file('13900007003', {
      title: '春申路小区垃圾清运不及时',
      description: '春申路568弄小区的垃圾桶满了两天没人清运，气味很大。',
      lat: 31.1065,
      lng: 121.3921,
    });
    const elsewhere = await file('13900007004', {
      ...lamp,
      lat: undefined,
      lng: undefined,
      areaCode: '310112102',
    });

    const similar = await district.get(`/api/opinions/${dup.id}/similar`);
    expect(similar.statusCode, similar.body).toBe(200);
    const items = similar.json().items as Array<{
      id: string;
      sharedKeywords: number;
      distanceMeters: number | null;
    }>;
    const ids = items.map((i) => i.id);
    expect(ids[0]).toBe(main.id);
    expect(ids).not.toContain(dup.id);
    expect(ids).not.toContain(unrelated.id);
    expect(ids).not.toContain(elsewhere.id); // another street
    expect(items[0]!.sharedKeywords).toBeGreaterThanOrEqual(2);
    expect(items[0]!.distanceMeters).toBeLessThan(100);
    // Staff of another street cannot probe a case outside their scope.
    expect((await (await signedIn(app, 'qibao')).get(`/api/opinions/${dup.id}/similar`)).statusCode).toBe(
      404,
    );
    // Units do not triage.
    expect((await dept1.get(`/api/opinions/${dup.id}/similar`)).statusCode).toBe(403);

    // Merge refusals change nothing.
    expect(errorCode(await district.post(`/api/opinions/${dup.id}/merge`, { into: dup.id }))).toBe(
      'opinions.merge_into_self',
    );
    const town = await signedIn(app, 'qibao');
    const foreign = await town.post(`/api/opinions/${elsewhere.id}/merge`, { into: main.id });
    expect(foreign.statusCode).toBe(403);

    const merged = await district.post(`/api/opinions/${dup.id}/merge`, {
      into: main.id,
      reason: '同一路段路灯',
    });
    expect(merged.statusCode, merged.body).toBe(200);
    expect(merged.json().state).toBe('merged');
    // A merged case cannot be a merge target, nor merged twice.
    expect(errorCode(await district.post(`/api/opinions/${unrelated.id}/merge`, { into: dup.id }))).toBe(
      'opinions.merge_target_invalid',
    );
    expect((await district.post(`/api/opinions/${dup.id}/merge`, { into: main.id })).statusCode).toBe(409);
    // The merged case no longer shows as similar.
    const again = (await district.get(`/api/opinions/${main.id}/similar`))
      .json()
      .items.map((i: { id: string }) => i.id);
    expect(again).not.toContain(dup.id);

    // The main case is handled; the merged citizen is texted and sees the answer.
    expect((await district.post(`/api/opinions/${main.id}/accept`, {})).statusCode).toBe(200);
    const assign = await district.post(`/api/opinions/${main.id}/assign`, {});
    expect(assign.statusCode, assign.body).toBe(200);
    const lead = assign.json().departmentName as string;
    expect(lead).toBeTruthy();
    await runner.drain();
    const handler = lead === '区住房城乡建设管理委' ? dept1 : null;
    if (handler) {
      expect((await handler.post(`/api/opinions/${main.id}/sign`, {})).statusCode).toBe(200);
      const reply = await handler.post(`/api/opinions/${main.id}/reply`, {
        body: '李建国先生您好：已更换春申路568弄门口三盏路灯，如有问题请拨打 13812345678 联系。',
        outcome: 'solved',
      });
      expect(reply.statusCode, reply.body).toBe(200);
      await runner.drain();
      const texts = await db
        .select()
        .from(notifications)
        .where(
          and(
            eq(notifications.template, 'opinions.progress'),
            like(notifications.body, `%${dup.trackingNo}%`),
          ),
        );
      expect(
        texts.some((t) => t.body.includes(`已并入${main.trackingNo}`) && t.body.includes('已答复')),
      ).toBe(true);
      const url = new URL(dup.followUrl, 'http://x');
      const follow = await app.inject({
        method: 'GET',
        url: `/api/public/opinions/follow/${dup.trackingNo}?k=${url.searchParams.get('k')}`,
      });
      expect(follow.statusCode, follow.body).toBe(200);
      const view = follow.json();
      expect(view.stateLabel).toBe('已合并');
      expect(view.mergedInto.trackingNo).toBe(main.trackingNo);
      expect(view.mergedInto.replies[0].body).toContain('已更换');
      expect(view.mergedInto.replies[0].body).not.toContain('13812345678');
      expect(follow.body).not.toContain('李建国'); // the main case's citizen stays private
      expect(follow.body).not.toContain(lamp.description); // never the other citizen's text
    }
    const [row] = await db.select().from(opinions).where(eq(opinions.caseId, dup.id));
    expect(row!.mergedInto).toBe(main.id);
    expect(handler, `routing sent the case to ${lead}; adjust the test's category`).not.toBeNull();
  });
});

describe('并单: the merged citizens rate the main case’s answer', () => {
  type Mine = {
    id: string;
    state: string;
    canRate: boolean;
    dissatisfiedReopens: boolean;
    ratings: Array<{ round: number; ratingLabel: string }>;
  };
  const mine = async (c: Client, id: string) =>
    ((await c.get('/api/public/opinions/mine')).json().items as Mine[]).find((i) => i.id === id)!;
  const closedAt = async (id: string) =>
    (await db.select({ at: cases.closedAt }).from(cases).where(eq(cases.id, id)))[0]!.at;

  it('records each merged citizen’s rating on their own case; only the main citizen moves the main case', async () => {
    const lampB = {
      title: '古美路公交站旁路灯不亮',
      description: '古美路公交站旁两盏路灯已经坏了一周，晚上候车很黑，请尽快修复路灯。',
      categoryCode: 'CJ01',
      lat: 31.1532,
      lng: 121.3905,
    };
    const mainCitizen = await citizen(env, '13900007101');
    const dupCitizen = await citizen(env, '13900007102');
    const submit = async (c: Client, body: Record<string, unknown>) => {
      const res = await c.post('/api/public/opinions', body);
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { id: string; trackingNo: string };
    };
    const main = await submit(mainCitizen, lampB);
    const dup = await submit(dupCitizen, { ...lampB, title: '古美路公交站路灯坏了' });
    expect((await district.post(`/api/opinions/${dup.id}/merge`, { into: main.id })).statusCode).toBe(200);
    const mergedAt = await closedAt(dup.id);

    // Nothing to rate before the main case is answered.
    expect((await mine(dupCitizen, dup.id)).canRate).toBe(false);
    const early = await dupCitizen.post(`/api/public/opinions/${dup.id}/rate`, { rating: 'satisfied' });
    expect(errorCode(early)).toBe('workflow.not_allowed');

    expect((await district.post(`/api/opinions/${main.id}/accept`, {})).statusCode).toBe(200);
    const assign = await district.post(`/api/opinions/${main.id}/assign`, {});
    expect(assign.json().departmentName).toBe('区住房城乡建设管理委');
    const answer = async (body: string) => {
      expect((await dept1.post(`/api/opinions/${main.id}/sign`, {})).statusCode).toBe(200);
      const r = await dept1.post(`/api/opinions/${main.id}/reply`, { body, outcome: 'solved' });
      expect(r.statusCode, r.body).toBe(200);
    };
    await answer('经现场查看，古美路公交站旁两盏路灯灯头损坏，已更换。');

    const due = await mine(dupCitizen, dup.id);
    expect(due).toMatchObject({ state: 'merged', canRate: true, dissatisfiedReopens: false });
    // Someone else (the main case's citizen) cannot rate the merged case.
    const foreign = await mainCitizen.post(`/api/public/opinions/${dup.id}/rate`, { rating: 'satisfied' });
    expect(errorCode(foreign)).toBe('workflow.not_allowed');
    expect(foreign.json().error.message).toBe('只能评价本人反映的事项');
    const bad = { rating: 'excellent' };
    expect((await dupCitizen.post(`/api/public/opinions/${dup.id}/rate`, bad)).statusCode).toBe(400);

    const rated = await dupCitizen.post(`/api/public/opinions/${dup.id}/rate`, {
      rating: 'dissatisfied',
      comment: '晚上还是有一盏不亮',
    });
    expect(rated.statusCode, rated.body).toBe(200);
    expect(rated.json().state).toBe('merged');
    expect(await closedAt(dup.id)).toEqual(mergedAt); // still closed as merged, at the merge
    // Twice for one answer: refused, nothing written.
    expect(
      errorCode(await dupCitizen.post(`/api/public/opinions/${dup.id}/rate`, { rating: 'satisfied' })),
    ).toBe('workflow.not_allowed');
    const rows = await db.select().from(opinionRatings).where(eq(opinionRatings.caseId, dup.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ round: 1, rating: 'dissatisfied', comment: '晚上还是有一盏不亮' });
    expect(await mine(dupCitizen, dup.id)).toMatchObject({
      canRate: false,
      ratings: [{ round: 1, ratingLabel: '不满意' }],
    });

    // The main case is untouched: still waiting for its own citizen, no rating of its own.
    const detail = (await district.get(`/api/opinions/${main.id}`)).json();
    expect(detail).toMatchObject({ state: 'replied', ratings: [] });
    expect(detail.mergedRatings).toEqual([
      expect.objectContaining({ trackingNo: dup.trackingNo, round: 1, ratingLabel: '不满意' }),
    ]);
    // The congress staff hear of the merged citizen's 不满意.
    await runner.drain();
    const told = await db
      .select()
      .from(notifications)
      .where(
        and(eq(notifications.template, 'system.message'), like(notifications.body, `%${dup.trackingNo}%`)),
      );
    expect(told.length).toBeGreaterThan(0);
    expect(told[0]!.body).toContain(main.trackingNo);

    // The main citizen's 不满意 sends it back (重办); the merged citizen rates the second answer.
    const reopen = await mainCitizen.post(`/api/public/opinions/${main.id}/rate`, { rating: 'dissatisfied' });
    expect(reopen.json().state).toBe('assigned');
    expect((await mine(dupCitizen, dup.id)).canRate).toBe(false); // being handled again
    await answer('已对第三盏路灯线路进行检修，现已全部恢复照明。');
    expect((await mine(dupCitizen, dup.id)).canRate).toBe(true);
    expect(
      (await dupCitizen.post(`/api/public/opinions/${dup.id}/rate`, { rating: 'satisfied' })).statusCode,
    ).toBe(200);
    expect((await mine(dupCitizen, dup.id)).ratings.map((r) => r.ratingLabel)).toEqual(['不满意', '满意']);
    expect((await district.get(`/api/opinions/${main.id}`)).json().state).toBe('replied');

    // 办结清单: the merged case shows its own citizen's latest rating; the main case has none yet.
    const ledger = (await district.get(`/api/opinions/ledgers/closed?q=${dup.trackingNo}`)).json();
    expect(ledger.items).toEqual([expect.objectContaining({ id: dup.id, ratingLabel: '满意' })]);
  });
});
