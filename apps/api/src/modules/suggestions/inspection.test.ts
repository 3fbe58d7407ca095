import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Client, errorCode, signedIn, startTestServer } from '../../../test/harness';
import { auditLog } from '../../kernel/db/kernel.schema';
import { deputy1 } from '../opinions/opinions.fixtures';
import { departmentIdOf, deputyOf } from './suggestions.fixtures';
import { suggestions } from './suggestions.schema';

// 视察/调研/执法检查转建议: the clock starts Monday 2026-03-02; the district congress is 310112.
const env = await startTestServer();
const { app, ctx } = env;
const { db } = ctx.database;
const C = '310112';
const as = (u: string) => signedIn(app, u);

let district: Client;
let lead: Client;
let me: string;
let absent: Awaited<ReturnType<typeof deputyOf>>;
let excused: Awaited<ReturnType<typeof deputyOf>>;
let stranger: Awaited<ReturnType<typeof deputyOf>>;

const body = {
  title: '关于加快老旧小区加装电梯的建议',
  body: '视察中发现多个老旧小区加装电梯审批流程长、低层住户协调难，建议简化审批并设立专项补贴资金。',
  category: '城乡建设',
};

async function activity(input: { kind: string; title: string; by?: Client; people?: unknown[] }) {
  const r = await (input.by ?? district).post('/api/activities', {
    congressCode: C,
    kind: input.kind,
    title: input.title,
    content: '实地查看加装电梯进展，听取居民和街道意见。',
    day: '2026-02-26',
    participants: input.people ?? [
      { deputyId: me, attendance: 'present' },
      { deputyId: absent.deputyId, attendance: 'absent' },
      { deputyId: excused.deputyId, attendance: 'excused' },
    ],
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id as string;
}

const count = async () => Number((await db.select({ n: sql<number>`count(*)` }).from(suggestions))[0]!.n);

/** The request is refused with this status and code, and no suggestion appears. */
async function refused(c: Client, activityId: string, status: number, code: string) {
  const before = await count();
  const res = await c.post(`/api/suggestions/from-activity/${activityId}`, body);
  expect(res.statusCode, res.body).toBe(status);
  expect(errorCode(res)).toBe(code);
  expect(res.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
  expect(await count()).toBe(before);
}

beforeAll(async () => {
  district = await as('district');
  lead = await as('deputy1');
  me = (await deputy1(env)).id;
  absent = await deputyOf(env, C, 0);
  excused = await deputyOf(env, C, 1);
  stranger = await deputyOf(env, C, 2);
});

describe('视察转建议: a deputy converts an inspection they attended, the link kept both ways', () => {
  it('drafts from an attended, confirmed inspection: origin and source kept, audited, once only', async () => {
    const id = await activity({ kind: 'inspection', title: '视察老旧小区加装电梯工作' });
    const before = await count();
    const res = await lead.post(`/api/suggestions/from-activity/${id}`, body);
    expect(res.statusCode, res.body).toBe(201);
    const s = res.json();
    expect(s).toMatchObject({
      state: 'draft',
      origin: 'inspection',
      congressCode: C,
      title: body.title,
      category: body.category,
      sourceOpinion: null,
      sourceActivity: {
        visible: true,
        id,
        kind: 'inspection',
        kindLabel: '视察',
        title: '视察老旧小区加装电梯工作',
        day: '2026-02-26',
      },
      signers: [expect.objectContaining({ role: 'lead', deputyId: me })],
    });
    expect(await count()).toBe(before + 1);
    const [row] = await db.select().from(suggestions).where(eq(suggestions.caseId, s.id));
    expect(row).toMatchObject({ origin: 'inspection', sourceActivityId: id, deputyId: me });
    const audit = await db
      .select({ action: auditLog.action, details: auditLog.details })
      .from(auditLog)
      .where(eq(auditLog.targetId, s.id));
    expect(audit.map((a) => a.action)).toEqual(['suggestions.open', 'suggestions.from_activity']);
    expect(audit[1]!.details).toMatchObject({ activityId: id, kind: 'inspection' });

    // Once per deputy and activity.
    await refused(lead, id, 409, 'suggestions.activity_converted');

    // The activity lists it to the deputy, who may not convert it again.
    expect((await lead.get(`/api/suggestions/from-activity/${id}`)).json()).toEqual({
      items: [expect.objectContaining({ id: s.id, stateLabel: '草稿（联名中）', registerNo: null })],
      hidden: 0,
      convertible: false,
    });
  });

  it('refuses the others in Chinese and creates nothing', async () => {
    const id = await activity({ kind: 'law_enforcement', title: '《大气污染防治法》执法检查' });
    await refused(await as('district'), id, 403, 'auth.forbidden');
    await refused(await as('dept1'), id, 403, 'auth.forbidden');
    await refused(absent.client, id, 403, 'suggestions.activity_not_attended');
    await refused(excused.client, id, 403, 'suggestions.activity_not_attended');
    // Not a participant: the activity is not even said to exist.
    await refused(stranger.client, id, 404, 'suggestions.activity_not_found');
    await refused(lead, '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', 404, 'suggestions.activity_not_found');
    // Another kind of activity.
    const meeting = await activity({ kind: 'meeting', title: '列席区人大常委会会议' });
    await refused(lead, meeting, 409, 'suggestions.activity_not_inspection');
    expect((await lead.get(`/api/suggestions/from-activity/${meeting}`)).json().convertible).toBe(false);
    // The deputy's own registration, pending until staff confirm it; then it may be converted.
    const own = await activity({ kind: 'research', title: '专题调研社区养老服务', by: lead, people: [] });
    await refused(lead, own, 409, 'suggestions.activity_not_confirmed');
    expect((await lead.get(`/api/suggestions/from-activity/${own}`)).json().convertible).toBe(false);
    expect((await district.post(`/api/activities/${own}/review`, { confirm: true })).statusCode).toBe(200);
    expect((await lead.get(`/api/suggestions/from-activity/${own}`)).json().convertible).toBe(true);
    // Bad input changes nothing either.
    const before = await count();
    const bad = await lead.post(`/api/suggestions/from-activity/${own}`, { ...body, body: '太短' });
    expect(bad.statusCode).toBe(400);
    expect(await count()).toBe(before);
    const ok = await lead.post(`/api/suggestions/from-activity/${own}`, body);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().sourceActivity).toMatchObject({ visible: true, kindLabel: '专题调研' });
    // The one who attended the law enforcement inspection still may.
    expect((await lead.get(`/api/suggestions/from-activity/${id}`)).json().convertible).toBe(true);
  });

  it('shows the link with details only to who may see the other side', async () => {
    const id = await activity({ kind: 'inspection', title: '视察背街小巷环境整治' });
    const res = await lead.post(`/api/suggestions/from-activity/${id}`, body);
    expect(res.statusCode, res.body).toBe(201);
    const sid = res.json().id as string;
    const hiddenActivity = { visible: false, id: null, kind: null, kindLabel: null, title: null, day: null };

    // Staff do not see the draft, not even counted; the absent participant neither.
    expect((await district.get(`/api/suggestions/from-activity/${id}`)).json()).toEqual({
      items: [],
      hidden: 0,
      convertible: false,
    });
    expect((await absent.client.get(`/api/suggestions/from-activity/${id}`)).json()).toMatchObject({
      items: [],
      hidden: 0,
    });

    // A co-signer who was not there sees the suggestion, not the activity.
    expect((await stranger.client.post(`/api/suggestions/${sid}/cosign`)).statusCode).toBe(200);
    const co = (await stranger.client.get(`/api/suggestions/${sid}`)).json();
    expect(co.sourceActivity).toEqual(hiddenActivity);
    expect(JSON.stringify(co)).not.toContain(id);
    expect(errorCode(await stranger.client.get(`/api/suggestions/from-activity/${id}`))).toBe(
      'suggestions.activity_not_found',
    );

    // Submitted and registered: staff of the area see both sides.
    expect((await lead.post(`/api/suggestions/${sid}/submit`)).statusCode).toBe(200);
    expect((await district.post(`/api/suggestions/${sid}/register`)).statusCode).toBe(200);
    expect((await district.get(`/api/suggestions/${sid}`)).json().sourceActivity).toMatchObject({
      visible: true,
      id,
      title: '视察背街小巷环境整治',
    });
    expect((await district.get(`/api/suggestions/from-activity/${id}`)).json()).toMatchObject({
      items: [expect.objectContaining({ id: sid, stateLabel: '已立案待交办' })],
      hidden: 0,
    });
    // The absent participant may see the activity but not the suggestion: only counted.
    const told = (await absent.client.get(`/api/suggestions/from-activity/${id}`)).json();
    expect(told).toEqual({ items: [], hidden: 1, convertible: false });
    // A street's staff do not see a district activity.
    expect(errorCode(await (await as('xinzhuang')).get(`/api/suggestions/from-activity/${id}`))).toBe(
      'suggestions.activity_not_found',
    );

    // The unit the suggestion is assigned to sees no source details, and no activity list.
    const unitId = await departmentIdOf(env, 'dept1');
    expect(
      (await district.post('/api/suggestions/assign', { ids: [sid], departmentId: unitId })).statusCode,
    ).toBe(200);
    const unit = await as('dept1');
    const sd = (await unit.get(`/api/suggestions/${sid}`)).json();
    expect(sd).toMatchObject({ origin: 'inspection', state: 'assigned', sourceActivity: hiddenActivity });
    expect(JSON.stringify(sd)).not.toContain(id);
    expect(errorCode(await unit.get(`/api/suggestions/from-activity/${id}`))).toBe('auth.forbidden');
    expect(errorCode(await unit.get(`/api/activities/${id}`))).toBe('auth.forbidden');

    // The row keeps the link.
    const [row] = await db
      .select({ a: suggestions.sourceActivityId })
      .from(suggestions)
      .where(and(eq(suggestions.regionCode, C), eq(suggestions.caseId, sid)));
    expect(row!.a).toBe(id);
  });
});
