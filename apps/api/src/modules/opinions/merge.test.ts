import { and, eq, like } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Client, errorCode, signedIn, startTestServer } from '../../../test/harness';
import { notifications } from '../../kernel/db/kernel.schema';
import { JobRunner } from '../../kernel/jobs/runner';
import { citizen } from '../receptions/receptions.fixtures';
import { keywordsOf } from './merge.usecases';
import { opinions } from './opinions.schema';

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
