import fs from 'node:fs';
import path from 'node:path';
import { and, eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Client, errorCode, signedIn, startTestServer } from '../../../test/harness';
import { maskPhone } from '../../kernel/crypto/pii';
import { auditLog, notifications } from '../../kernel/db/kernel.schema';
import { JobRunner } from '../../kernel/jobs/runner';
import { citizen } from '../receptions/receptions.fixtures';
import { citizenByPhone, deputy1, jpegWithExif, otherDepartmentHandler, tinyPng } from './opinions.fixtures';
import { opinionAttachments, opinions } from './opinions.schema';

// Monday 2026-03-02 09:00 China time; the demo's opinions are in the database too.
const env = await startTestServer();
const { app, ctx } = env;
const { db } = ctx.database;
const runner = new JobRunner(ctx);
const PHONE = '13900001111';
const ADDRESS = '上海市闵行区莘庄镇莘松路100弄5号302室';
let me: Client;
let other: Client;
let town: Client;
let qibao: Client;
let district: Client;
let dept1: Client;
let dept2: { client: Client; departmentId: string };
let deputy: Awaited<ReturnType<typeof deputy1>>;
let deputyClient: Client;
const bodies: string[] = [];

async function submit(c: Client, extra: Record<string, unknown> = {}) {
  const res = await c.post('/api/public/opinions', {
    title: '小区门口路灯不亮',
    description: '莘松路小区门口三盏路灯已经坏了两周，晚上出行很不安全，请尽快修复。',
    deputyCode: deputy.code,
    lat: 31.1115,
    lng: 121.3855,
    address: ADDRESS,
    contactName: '张三丰',
    allowDisclosure: true,
    ...extra,
  });
  bodies.push(res.body);
  return res;
}

async function detail(c: Client, id: string) {
  const res = await c.get(`/api/opinions/${id}`);
  bodies.push(res.body);
  return res;
}

const acts = (res: { json: () => { actions: Array<{ action: string }> } }) =>
  res.json().actions.map((a) => a.action);

beforeAll(async () => {
  deputy = await deputy1(env);
  me = await citizen(env, PHONE);
  other = await citizen(env, '13900002222');
  town = await signedIn(app, 'xinzhuang');
  qibao = await signedIn(app, 'qibao');
  district = await signedIn(app, 'district');
  dept1 = await signedIn(app, 'dept1');
  deputyClient = await signedIn(app, 'deputy1');
  dept2 = await otherDepartmentHandler(env);
});

describe('intake', () => {
  it('gives a tracking number and follow link at once; a retry with the same key returns the same case', async () => {
    const key = 'retry-key-0001';
    const photo = tinyPng(3, 3, Buffer.from('MM\0*GPS 31.11,121.38', 'latin1')).toString('base64');
    const first = await submit(me, {
      idempotencyKey: key,
      photos: [photo, jpegWithExif().toString('base64')],
    });
    expect(first.statusCode).toBe(201);
    const a = first.json();
    expect(a.trackingNo).toMatch(/^MY20260302\d{6}$/);
    expect(a.followUrl).toMatch(new RegExp(`^/o/${a.trackingNo}\\?k=[A-Za-z0-9_-]{24}$`));
    expect(a.replayed).toBe(false);
    const again = await submit(me, { idempotencyKey: key, photos: [photo] });
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual({ ...a, replayed: true });
    expect(await db.select().from(opinions).where(eq(opinions.idempotencyKey, key))).toHaveLength(1);
    // Someone else's key reveals nothing.
    expect(errorCode(await submit(other, { idempotencyKey: key }))).toBe('opinions.idempotency_conflict');

    const [row] = await db.select().from(opinions).where(eq(opinions.caseId, a.id));
    expect(row!.channel).toBe('qr_deputy');
    expect(row!.deputyId).toBe(deputy.id);
    expect(row!.townshipCode).toBe('310112101');
    expect(row!.gridCode).toMatch(/^310112101\d{6}$/);
    expect(row!.addressMasked).toBe('上海市闵行区莘庄镇***');
    expect(row!.contactPhoneMasked).toBe(maskPhone(PHONE));
    const stored = JSON.stringify(row);
    for (const s of [PHONE, '张三丰', '莘松路100弄']) expect(stored).not.toContain(s);

    const files = await db.select().from(opinionAttachments).where(eq(opinionAttachments.caseId, a.id));
    expect(files.map((f) => f.mime).sort()).toEqual(['image/jpeg', 'image/png']);
    for (const f of files) {
      expect(f.storagePath).toMatch(/^uploads\/opinions\/310112\/[0-9a-f]{2}\/[0-9a-f]{64}\.(png|jpg)$/);
      const onDisk = fs.readFileSync(path.join(ctx.config.dataDir, f.storagePath));
      expect(onDisk.includes(Buffer.from('GPS'))).toBe(false);
    }
  });

  it('refuses fake photos, staff accounts and unknown deputies', async () => {
    const fake = Buffer.from('<?php echo 1; ?>').toString('base64');
    expect(errorCode(await submit(me, { photos: [fake] }))).toBe('opinions.photo_type');
    expect(errorCode(await submit(town))).toBe('opinions.not_a_citizen');
    expect(errorCode(await submit(me, { deputyCode: 'zzzzzzzz' }))).toBe('opinions.deputy_not_found');
    const anon = await app.inject({ method: 'POST', url: '/api/public/opinions', payload: {} });
    expect(anon.statusCode).toBe(401);
  });

  it('texts the citizen the tracking number and tells the deputy addressed (SMS and workbench)', async () => {
    const res = await submit(me, { title: '莘庄地铁站南广场积水' });
    await runner.drain();
    const { trackingNo } = res.json();
    const sent = await db
      .select()
      .from(notifications)
      .where(inArray(notifications.template, ['opinions.received', 'opinions.addressed']));
    const mine = sent.filter((n) => n.body.includes(trackingNo));
    expect(mine.map((n) => `${n.template}:${n.channel}`).sort()).toEqual([
      'opinions.addressed:inapp',
      'opinions.addressed:sms',
      'opinions.received:sms',
    ]);
    expect(mine.find((n) => n.template === 'opinions.received')!.addressMasked).toBe(maskPhone(PHONE));
    expect(mine.find((n) => n.template === 'opinions.received')!.body).toContain(`/o/${trackingNo}?k=`);
    expect(mine.find((n) => n.template === 'opinions.addressed' && n.channel === 'sms')!.addressMasked).toBe(
      maskPhone(deputy.phone),
    );
  });
});

describe('the closed loop', () => {
  let id: string;
  let trackingNo: string;
  let followUrl: string;

  it('staff accept and classify; the rules suggest the unit; assigning notifies its inbox', async () => {
    ({ id, trackingNo, followUrl } = (await submit(me)).json());
    const d0 = await detail(town, id);
    expect(d0.json()).toMatchObject({ state: 'submitted', stateLabel: '待受理', township: '莘庄镇' });
    expect(acts(d0)).toEqual(expect.arrayContaining(['accept', 'reject', 'classify']));
    expect(acts(d0)).not.toContain('assign');
    const accepted = await town.post(`/api/opinions/${id}/accept`, { categoryCode: 'CJ01' });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ state: 'accepted', categoryName: '道路设施' });
    const s = (await district.get(`/api/opinions/${id}/suggestion`)).json().suggestion;
    expect(s.name).toBe('区住房城乡建设管理委');
    expect(errorCode(await qibao.get(`/api/opinions/${id}/suggestion`))).toBe('auth.out_of_scope');
    // Another unit than the rules' needs a reason.
    expect(
      errorCode(await district.post(`/api/opinions/${id}/assign`, { departmentId: dept2.departmentId })),
    ).toBe('opinions.reason_required');
    expect(acts(await detail(town, id))).toContain('assign');
    const assigned = await district.post(`/api/opinions/${id}/assign`, {});
    expect(assigned.json()).toMatchObject({ state: 'assigned', departmentName: '区住房城乡建设管理委' });
    expect(assigned.json().replyDueAt).toBeTruthy();
  });

  it('only the assigned unit sees it: its inbox, not another unit’s, nor another street’s staff', async () => {
    const inbox = (await dept1.get('/api/opinions?view=department&pageSize=200')).json();
    expect(inbox.items.map((i: { id: string }) => i.id)).toContain(id);
    const d = await detail(dept1, id);
    expect(acts(d)).toEqual(expect.arrayContaining(['sign', 'return']));
    expect(acts(d)).not.toContain('reply');
    const theirs = (await dept2.client.get('/api/opinions?pageSize=200')).json();
    expect(theirs.items.map((i: { id: string }) => i.id)).not.toContain(id);
    expect(errorCode(await dept2.client.get(`/api/opinions/${id}`))).toBe('opinions.not_found');
    expect(errorCode(await dept2.client.post(`/api/opinions/${id}/sign`))).toBe(
      'opinions.not_your_department',
    );
    expect(errorCode(await qibao.get(`/api/opinions/${id}`))).toBe('opinions.not_found');
    const q = (await qibao.get('/api/opinions?pageSize=200')).json();
    expect(q.items.every((i: { township: string }) => i.township !== '莘庄镇')).toBe(true);
  });

  it('the unit signs and replies; the deputy and the citizen are told', async () => {
    expect((await dept1.post(`/api/opinions/${id}/sign`)).json().state).toBe('in_progress');
    const replied = await dept1.post(`/api/opinions/${id}/reply`, {
      body: '经现场核查，三盏路灯线路老化，已于今日更换线路并恢复照明。',
      outcome: 'solved',
    });
    expect(replied.json()).toMatchObject({ state: 'replied', stateLabel: '已答复待评价' });
    await runner.drain();
    const sms = await db.select().from(notifications).where(eq(notifications.template, 'opinions.progress'));
    const steps = sms.filter((n) => n.body.includes(trackingNo)).map((n) => n.body);
    expect(steps.some((b) => b.includes('已受理'))).toBe(true);
    expect(steps.some((b) => b.includes('已答复'))).toBe(true);
    const told = await db
      .select()
      .from(notifications)
      .where(eq(notifications.template, 'opinions.deputy_replied'));
    expect(told.filter((n) => n.body.includes(trackingNo)).length).toBeGreaterThanOrEqual(1);
    // The deputy follows it on the workbench.
    const received = (await deputyClient.get('/api/opinions?view=deputy&pageSize=200')).json();
    expect(received.items.map((i: { id: string }) => i.id)).toContain(id);
    expect(acts(await detail(deputyClient, id))).toEqual([]);
  });

  it('the follow link shows public steps only; a wrong secret shows nothing', async () => {
    const url = `/api/public/opinions/follow/${trackingNo}?k=${followUrl.split('k=')[1]}`;
    const res = await app.inject({ method: 'GET', url });
    bodies.push(res.body);
    expect(res.statusCode).toBe(200);
    const f = res.json();
    expect(f.steps.map((s: { label: string }) => s.label)).toEqual(['提交', '受理', '交办', '签收', '答复']);
    expect(f.replies[0].body).toContain('恢复照明');
    expect(f.addressMasked).toBe('上海市闵行区莘庄镇***');
    expect(JSON.stringify(f)).not.toMatch(/actorLabel|contact/);
    const bad = await app.inject({
      method: 'GET',
      url: `/api/public/opinions/follow/${trackingNo}?k=${'x'.repeat(24)}`,
    });
    expect(bad.statusCode).toBe(404);
  });

  it('不满意 once → 重办 by the same unit; then 满意 closes it; nobody else may rate', async () => {
    expect(errorCode(await other.post(`/api/public/opinions/${id}/rate`, { rating: 'satisfied' }))).toBe(
      'workflow.not_allowed',
    );
    const r1 = await me.post(`/api/public/opinions/${id}/rate`, {
      rating: 'dissatisfied',
      comment: '只换了一盏',
    });
    expect(r1.json()).toEqual({ state: 'assigned' });
    const d = (await detail(dept1, id)).json();
    expect(d).toMatchObject({ reopenCount: 1, state: 'assigned' });
    expect(d.ratings[0]).toMatchObject({ round: 1, ratingLabel: '不满意', comment: '只换了一盏' });
    await dept1.post(`/api/opinions/${id}/sign`);
    await dept1.post(`/api/opinions/${id}/reply`, {
      body: '已全部更换三盏路灯并复查，照明正常。',
      outcome: 'solved',
    });
    const mine = (await me.get('/api/public/opinions/mine')).json().items;
    bodies.push(JSON.stringify(mine));
    const item = mine.find((i: { id: string }) => i.id === id);
    expect(item).toMatchObject({ canRate: true, dissatisfiedReopens: false, state: 'replied' });
    expect(item.replies).toHaveLength(2);
    const r2 = await me.post(`/api/public/opinions/${id}/rate`, { rating: 'satisfied' });
    expect(r2.json()).toEqual({ state: 'closed' });
    const closed = (await detail(district, id)).json();
    expect(closed.ratings.map((r: { ratingLabel: string }) => r.ratingLabel)).toEqual(['不满意', '满意']);
    expect(closed.actions).toEqual([]);
    const audit = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, id), eq(auditLog.action, 'opinions.rate')));
    expect(audit).toHaveLength(1);
  });

  it('a second 不满意 goes to congress staff, who decide', async () => {
    const { id: id2 } = (await submit(me, { title: '小区东门路面坑洼' })).json();
    await town.post(`/api/opinions/${id2}/accept`, { categoryCode: 'CJ01' });
    await district.post(`/api/opinions/${id2}/assign`, {});
    for (let round = 0; round < 2; round++) {
      await dept1.post(`/api/opinions/${id2}/sign`);
      await dept1.post(`/api/opinions/${id2}/reply`, {
        body: '已安排施工队修补路面坑洼。',
        outcome: 'solved',
      });
      await me.post(`/api/public/opinions/${id2}/rate`, { rating: 'dissatisfied' });
    }
    const d = (await detail(district, id2)).json();
    expect(d.state).toBe('staff_review');
    expect(d.actions.map((a: { action: string }) => a.action).sort()).toEqual([
      'reviewClose',
      'reviewReopen',
    ]);
    const closed = await district.post(`/api/opinions/${id2}/review`, {
      decision: 'close',
      reason: '已按标准修补，经现场复核符合要求。',
    });
    expect(closed.json().state).toBe('closed');
  });
});

describe('returns', () => {
  it('a unit returns with a reason, within the window, and at most maxReturns times', async () => {
    const { id } = (await submit(me, { title: '小区健身器材损坏无人维修' })).json();
    await town.post(`/api/opinions/${id}/accept`, { categoryCode: 'CJ01' });
    for (let i = 0; i < 2; i++) {
      await district.post(`/api/opinions/${id}/assign`, {});
      expect(errorCode(await dept1.post(`/api/opinions/${id}/return`, { reason: '' }))).toBe(
        'common.validation',
      );
      const r = await dept1.post(`/api/opinions/${id}/return`, {
        reason: '健身器材由物业维护，非本单位职责。',
      });
      expect(r.json()).toEqual({ id, state: 'accepted', stateLabel: '已受理' });
      expect((await detail(district, id)).json()).toMatchObject({ returnCount: i + 1, departmentId: null });
      expect(errorCode(await dept1.get(`/api/opinions/${id}`))).toBe('opinions.not_found');
    }
    await district.post(`/api/opinions/${id}/assign`, {});
    expect(errorCode(await dept1.post(`/api/opinions/${id}/return`, { reason: '仍非本单位职责。' }))).toBe(
      'opinions.return_cap_reached',
    );
    const d = (await detail(district, id)).json();
    expect(d.assignments.map((a: { status: string }) => a.status)).toEqual([
      'returned',
      'returned',
      'assigned',
    ]);
    expect(d.assignments[0].returnReason).toContain('物业');
  });
});

describe('privacy', () => {
  it("a deputy's field note (民情笔记) is addressed to that deputy; citizens cannot use the staff route", async () => {
    const res = await deputyClient.post('/api/opinions', {
      channel: 'field_note',
      title: '走访中群众反映菜场周边占道经营',
      description: '走访莘庄镇某小区时，多位居民反映菜场周边早市占道经营，影响通行。',
      areaCode: '310112101',
    });
    expect(res.statusCode).toBe(201);
    const [row] = await db.select().from(opinions).where(eq(opinions.caseId, res.json().id));
    expect(row).toMatchObject({ channel: 'field_note', deputyId: deputy.id, citizenAccountId: null });
    const received = (await deputyClient.get('/api/opinions?view=deputy&pageSize=200')).json();
    expect(received.items.map((i: { id: string }) => i.id)).toContain(res.json().id);
    expect((await me.post('/api/opinions', { channel: 'walk_in' })).statusCode).toBe(403);
  });

  it('no portal, staff list, deputy or unit response carries the plaintext phone, name or address', async () => {
    bodies.push((await deputyClient.get('/api/opinions?view=deputy')).body);
    bodies.push((await dept1.get('/api/opinions/ledgers/assigned')).body);
    bodies.push((await town.get('/api/opinions')).body);
    const all = bodies.join('\n');
    expect(all.length).toBeGreaterThan(1000);
    for (const s of [PHONE, '张三丰', '莘松路100弄', deputy.phone]) expect(all).not.toContain(s);
  });

  it('staff may reveal the contact with a purpose, which is audited', async () => {
    const { id } = (await submit(me, { title: '反映噪声问题需回访' })).json();
    const res = await town.post(`/api/opinions/${id}/reveal`, { purpose: '电话回访' });
    expect(res.json()).toEqual({ name: '张三丰', phone: PHONE, address: ADDRESS });
    const audit = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, id), eq(auditLog.action, 'pii.view')));
    expect(audit).toHaveLength(3);
    expect(errorCode(await dept1.post(`/api/opinions/${id}/reveal`, { purpose: '电话回访' }))).toBe(
      'auth.forbidden',
    );
  });

  it('a walk-in with a phone appears under 我的 for that citizen', async () => {
    const station = await signedIn(app, 'xinzhuang');
    const res = await station.post('/api/opinions', {
      channel: 'walk_in',
      title: '楼道堆物影响通行',
      description: '三楼住户在楼道长期堆放旧家具，影响通行和消防安全。',
      areaCode: '310112101',
      contactPhone: '13900003333',
      contactName: '赵敏',
    });
    expect(res.statusCode).toBe(201);
    const walkIn = await citizenByPhone(env, '13900003333');
    const mine = (await walkIn.get('/api/public/opinions/mine')).json().items;
    expect(mine.map((i: { trackingNo: string }) => i.trackingNo)).toEqual([res.json().trackingNo]);
    expect(JSON.stringify(mine)).not.toContain('赵敏');
    const [row] = await db.select().from(opinions).where(eq(opinions.caseId, res.json().id));
    expect(row).toMatchObject({ channel: 'walk_in', townshipCode: '310112101', contactNameMasked: '赵*' });
    // Staff of another street cannot record one for 莘庄.
    const other = await qibao.post('/api/opinions', {
      channel: 'walk_in',
      title: '楼道堆物影响通行',
      description: '三楼住户在楼道长期堆放旧家具，影响通行和消防安全。',
      areaCode: '310112101',
    });
    expect(errorCode(other)).toBe('auth.out_of_scope');
  });
});
