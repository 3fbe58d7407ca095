import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { type Client, errorCode, signedIn, startTestServer } from '../../../test/harness';
import { notifications, timers } from '../../kernel/db/kernel.schema';
import { JobRunner } from '../../kernel/jobs/runner';
import { citizen } from '../receptions/receptions.fixtures';
import { otherDepartmentHandler, tinyPng } from './opinions.fixtures';
import { opinionAttachments, opinionProgressReports } from './opinions.schema';

// The clock starts Monday 2026-03-02 09:00 China time; deadlines follow the official calendar.
const env = await startTestServer();
const { app, ctx, clock } = env;
const { db } = ctx.database;
const runner = new JobRunner(ctx);
const as = (u: string) => signedIn(app, u);
let n = 0;

/** A case filed, accepted with this category and assigned (to the unit the rules pick). */
async function assigned(categoryCode: string, extra: Record<string, unknown> = {}) {
  const me = await citizen(env, `1370000${String(6000 + n++)}`);
  const res = await me.post('/api/public/opinions', {
    title: `老楼加装电梯协调${n}`,
    description: '我们楼六层没有电梯，多数住户同意加装，希望协调低层住户意见并推进审批。',
    areaCode: '310112101',
  });
  expect(res.statusCode, res.body).toBe(201);
  const { id, trackingNo, followUrl } = res.json();
  expect(
    (await (await as('xinzhuang')).post(`/api/opinions/${id}/accept`, { categoryCode })).statusCode,
  ).toBe(200);
  const a = await (await as('district')).post(`/api/opinions/${id}/assign`, extra);
  expect(a.statusCode, a.body).toBe(200);
  return { id, trackingNo, followUrl: followUrl as string, me, detail: a.json() };
}

const openTimers = (id: string, kind: string) =>
  db
    .select()
    .from(timers)
    .where(and(eq(timers.caseId, id), eq(timers.kind, kind), eq(timers.status, 'open')));
const dayOf = (t: { payload: unknown }) => (t.payload as { day: string }).day;
const notes = async (template: string, trackingNo: string) =>
  (await db.select().from(notifications).where(eq(notifications.template, template))).filter((x) =>
    x.body.includes(trackingNo),
  );

function tinyPdf(): Buffer {
  return Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
    'latin1',
  );
}

describe('complex matters, progress reports and reminders', () => {
  it('a complex category gets the longer reply period and a monthly progress timer; a simple one does not', async () => {
    const complex = await assigned('CJ02'); // 加装电梯
    const simple = await assigned('CJ01'); // 道路设施
    expect(complex.detail.complex).toBe(true);
    expect(simple.detail.complex).toBe(false);
    // 60 working days from Monday 2 March 2026 (清明 4–6 April, 劳动节 1–5 May, with make-up days).
    const [reply] = await openTimers(complex.id, 'reply_due');
    const [simpleReply] = await openTimers(simple.id, 'reply_due');
    expect(dayOf(simpleReply!)).toBe('2026-03-23');
    expect(dayOf(reply!) > '2026-05-20').toBe(true);
    const [progress] = await openTimers(complex.id, 'progress_due');
    expect(dayOf(progress!)).toBe('2026-04-02');
    expect(await openTimers(simple.id, 'progress_due')).toHaveLength(0);
  });

  it('the unit reports progress (the citizen sees it); a missed month reminds the unit and re-arms', async () => {
    clock.set('2026-03-02T09:00:00+08:00');
    const c = await assigned('CJ02');
    const dept = await as('dept1');
    expect((await dept.post(`/api/opinions/${c.id}/sign`)).statusCode).toBe(200);
    // Progress reports are for the lead unit only.
    const other = await otherDepartmentHandler(env);
    expect(
      errorCode(await other.client.post(`/api/opinions/${c.id}/progress`, { body: '我们也在办。' })),
    ).toMatch(/not_found|not_your_department/);
    clock.set('2026-03-20T10:00:00+08:00');
    const r = await (await as('dept1')).post(`/api/opinions/${c.id}/progress`, {
      body: '已组织三次协调会，低层住户意见基本统一，正在办理规划审批。',
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().progress).toEqual([expect.objectContaining({ departmentName: '区住房城乡建设管理委' })]);
    const [next] = await openTimers(c.id, 'progress_due');
    expect(dayOf(next!)).toBe('2026-04-20'); // a month after the report
    const k = new URL(c.followUrl, 'http://x').searchParams.get('k');
    const follow = (await app.inject({ url: `/api/public/opinions/follow/${c.trackingNo}?k=${k}` })).json();
    expect(follow.progress[0].body).toContain('规划审批');
    expect(follow.steps.map((s: { label: string }) => s.label)).toContain('报送办理进度');
    // No report for a month: the unit is reminded and a new period starts.
    clock.set('2026-04-21T09:00:00+08:00');
    await runner.drain();
    expect((await notes('opinions.progress_due', c.trackingNo)).length).toBeGreaterThanOrEqual(1);
    const [again] = await openTimers(c.id, 'progress_due');
    expect(dayOf(again!)).toBe('2026-05-21');
    // Replying stops the progress and reminder timers.
    const reply = await (await as('dept1')).post(`/api/opinions/${c.id}/reply`, {
      body: '加装电梯规划审批已通过，施工单位已进场。',
      outcome: 'in_progress',
    });
    expect(reply.statusCode, reply.body).toBe(200);
    expect(await openTimers(c.id, 'progress_due')).toHaveLength(0);
    expect(await openTimers(c.id, 'reply_remind')).toHaveLength(0);
    expect(
      await db.select().from(opinionProgressReports).where(eq(opinionProgressReports.caseId, c.id)),
    ).toHaveLength(1);
  });

  it('reminds the unit N working days before the reply deadline, once', async () => {
    clock.set('2026-06-01T09:00:00+08:00');
    const c = await assigned('CJ01');
    const [due] = await openTimers(c.id, 'reply_due');
    expect(dayOf(due!)).toBe('2026-06-23'); // 15 working days; 端午 19 June
    const [remind] = await openTimers(c.id, 'reply_remind');
    // Two working days before Tuesday 23 June: Friday 19 June is 端午, so Thursday 18 June 09:00.
    expect(remind!.dueAt.toISOString()).toBe('2026-06-18T01:00:00.000Z');
    clock.set('2026-06-18T09:30:00+08:00');
    await runner.drain();
    await runner.drain();
    const told = await notes('opinions.due_soon', c.trackingNo);
    expect(told.length).toBeGreaterThanOrEqual(1);
    expect(told[0]!.body).toContain('2026-06-23');
    expect(new Set(told.map((t) => t.accountId)).size).toBe(told.length);
    // An approved extension re-arms the reminder before the new deadline.
    const dept = await as('dept1');
    await dept.post(`/api/opinions/${c.id}/sign`);
    await dept.post(`/api/opinions/${c.id}/extension`, { days: 5, reason: '需等待检测报告。' });
    await (await as('district')).post(`/api/opinions/${c.id}/extension/decide`, { approve: true });
    const [later] = await openTimers(c.id, 'reply_remind');
    expect(later!.dueAt > remind!.dueAt).toBe(true);
  });
});

describe('extensions stay consistent with the deadline and the unit', () => {
  it('no extension once the deadline has passed; a re-route lapses the old unit’s request', async () => {
    clock.set('2026-09-01T09:00:00+08:00');
    const late = await assigned('CJ01');
    await (await as('dept1')).post(`/api/opinions/${late.id}/sign`);
    const [due] = await openTimers(late.id, 'reply_due');
    clock.set(new Date(due!.dueAt.getTime() + 3_600_000));
    await runner.drain();
    const dept = await as('dept1');
    expect(
      errorCode(await dept.post(`/api/opinions/${late.id}/extension`, { days: 5, reason: '仍在协调。' })),
    ).toBe('opinions.extension_after_due');
    // Still on the supervision board (the deadline is not lost).
    const board = (await (await as('district')).get('/api/opinions/supervision?pageSize=200')).json();
    expect(board.items.map((i: { id: string }) => i.id)).toContain(late.id);

    clock.set('2026-10-12T09:00:00+08:00');
    const c = await assigned('CJ01');
    const d1 = await as('dept1');
    await d1.post(`/api/opinions/${c.id}/sign`);
    expect(
      (await d1.post(`/api/opinions/${c.id}/extension`, { days: 3, reason: '等待检测。' })).statusCode,
    ).toBe(200);
    const other = await otherDepartmentHandler(env, '区绿化市容局');
    const moved = await (await as('district')).post(`/api/opinions/${c.id}/reroute`, {
      departmentId: other.departmentId,
      reason: '属绿化市容职责。',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().extensions).toEqual([
      expect.objectContaining({ days: 3, status: 'refused', decisionNote: '已改派，原延期申请失效' }),
    ]);
    expect(
      errorCode(
        await (await as('district')).post(`/api/opinions/${c.id}/extension/decide`, { approve: true }),
      ),
    ).toBe('opinions.extension_not_found');
  });
});

describe('joint units and reply attachments', () => {
  let joint: { client: Client; departmentId: string };

  it('a joint unit sees the case, gives its opinion to the lead, and cannot answer it', async () => {
    clock.set('2026-07-01T09:00:00+08:00');
    joint = await otherDepartmentHandler(env, '区市场监管局');
    const c = await assigned('CJ01', { jointDepartmentIds: [joint.departmentId] });
    await runner.drain();
    expect((await notes('opinions.joint_assigned', c.trackingNo)).length).toBeGreaterThanOrEqual(1);
    const seen = await joint.client.get(`/api/opinions/${c.id}`);
    expect(seen.statusCode, seen.body).toBe(200);
    expect(seen.json().actions.map((a: { action: string }) => a.action)).toEqual(['jointOpinion']);
    expect(
      errorCode(
        await joint.client.post(`/api/opinions/${c.id}/reply`, { body: '由我们答复吧。', outcome: 'solved' }),
      ),
    ).toBe('opinions.not_your_department');
    const op = await joint.client.post(`/api/opinions/${c.id}/joint-opinion`, {
      body: '经查该路段占道经营属实，我局将配合开展联合执法。',
    });
    expect(op.statusCode, op.body).toBe(200);
    // The lead unit cannot give a joint opinion on its own case, and is told of this one.
    expect(
      errorCode(
        await (await as('dept1')).post(`/api/opinions/${c.id}/joint-opinion`, { body: '自己会办。' }),
      ),
    ).toBe('opinions.not_joint_unit');
    await runner.drain();
    expect((await notes('opinions.joint_opinion', c.trackingNo)).length).toBeGreaterThanOrEqual(1);
    const lead = (await (await as('dept1')).get(`/api/opinions/${c.id}`)).json();
    expect(lead.assignments.find((a: { role: string }) => a.role === 'joint')).toMatchObject({
      departmentName: '区市场监管局',
      opinion: expect.stringContaining('联合执法'),
    });
  });

  it('the reply carries photos and a PDF letter; bad files and thin explanations change nothing', async () => {
    const c = await assigned('CJ01');
    const dept = await as('dept1');
    await dept.post(`/api/opinions/${c.id}/sign`);
    const b64 = (b: Buffer) => b.toString('base64');
    const bad = await dept.post(`/api/opinions/${c.id}/reply`, {
      body: '已处理完毕，见附件。',
      outcome: 'solved',
      attachments: [b64(Buffer.from('MZ this is not a picture'))],
    });
    expect(errorCode(bad)).toBe('opinions.photo_type');
    const thin = await dept.post(`/api/opinions/${c.id}/reply`, {
      body: '条件不具备。',
      outcome: 'explained',
    });
    expect(errorCode(thin)).toBe('opinions.explanation_too_short');
    expect((await dept.get(`/api/opinions/${c.id}`)).json().state).toBe('in_progress');
    expect(
      await db.select().from(opinionAttachments).where(eq(opinionAttachments.caseId, c.id)),
    ).toHaveLength(0);

    const ok = await dept.post(`/api/opinions/${c.id}/reply`, {
      body: '已修复破损路面并重新铺设人行道地砖，整改前后照片及答复函见附件。',
      outcome: 'solved',
      attachments: [b64(tinyPng()), `data:application/pdf;base64,${b64(tinyPdf())}`],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const files = ok.json().attachments.filter((a: { stage: string }) => a.stage === 'reply');
    expect(files.map((f: { mime: string; round: number }) => `${f.mime}@${f.round}`)).toEqual([
      'image/png@1',
      'application/pdf@1',
    ]);
    const pdf = await dept.get(`/api/opinions/${c.id}/attachments/${files[1].id}`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
  });
});
