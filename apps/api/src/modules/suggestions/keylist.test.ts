import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { errorCode, signedIn, startTestServer } from '../../../test/harness';
import { auditLog, timers } from '../../kernel/db/kernel.schema';
import { JobRunner } from '../../kernel/jobs/runner';
import { assigned } from './suggestions.fixtures';

// The 重点督办 board (GET /api/suggestions/key) and 取消重点督办; the opinion's side of 民意转建议.
const env = await startTestServer();
const { app, ctx, clock } = env;
const { db } = ctx.database;
const runner = new JobRunner(ctx);
const as = (u: string) => signedIn(app, u);

interface KeyItem {
  id: string;
  keyLeader: string;
  leadDepartmentName: string;
  stateLabel: string;
  lastReport: { body: string } | null;
  nextReportDay: string | null;
  reportOverdue: boolean;
  reportOverdueSince: string | null;
}
const board = async (year: number) =>
  (await (await as('district')).get(`/api/suggestions/key?year=${year}`)).json() as {
    congress: { code: string };
    items: KeyItem[];
  };

describe('重点督办 board', () => {
  it('lists the year’s key suggestions with leader, unit, last report and overdue reports; staff unmark', async () => {
    clock.set('2026-05-11T10:00:00+08:00'); // a Monday
    const deputy = await as('deputy1');
    const [reported, silent, plain] = [
      await assigned(env, deputy),
      await assigned(env, deputy),
      await assigned(env, deputy),
    ];
    const staff = await as('district');
    for (const [id, leader] of [
      [reported, '王副主任'],
      [silent, '李副主任'],
    ] as const) {
      const r = await staff.post(`/api/suggestions/${id}/key`, { year: 2026, leader });
      expect(r.statusCode, r.body).toBe(200);
    }
    let b = await board(2026);
    expect(b.congress.code).toBe('310112');
    // (The demo has key suggestions of its own.)
    const ids = b.items.map((i) => i.id);
    expect(ids).toEqual(expect.arrayContaining([reported, silent]));
    expect(ids).not.toContain(plain);
    expect(b.items.find((i) => i.id === reported)).toMatchObject({
      keyLeader: '王副主任',
      stateLabel: '已交办办理中',
      lastReport: null,
      nextReportDay: '2026-08-11',
      reportOverdue: false,
    });
    expect((await board(2025)).items.map((i) => i.id)).not.toContain(reported);

    clock.set('2026-07-01T10:00:00+08:00');
    const dept = await as('dept1');
    const rep = await dept.post(`/api/suggestions/${reported}/report`, {
      kind: 'key',
      body: '已完成方案论证，进入招标阶段。',
    });
    expect(rep.statusCode, rep.body).toBe(200);
    // The period ends on 2026-08-11: the silent one is overdue from then on, the other is not.
    clock.set('2026-08-12T10:00:00+08:00');
    await runner.drain();
    b = await board(2026);
    expect(b.items.find((i) => i.id === reported)).toMatchObject({
      lastReport: { body: '已完成方案论证，进入招标阶段。' },
      nextReportDay: '2026-11-11',
      reportOverdue: false,
    });
    expect(b.items.find((i) => i.id === silent)).toMatchObject({
      lastReport: null,
      reportOverdue: true,
      reportOverdueSince: '2026-08-11',
    });
    // A late report clears it.
    await (await as('dept1')).post(`/api/suggestions/${silent}/report`, {
      kind: 'key',
      body: '补报：已开工。',
    });
    expect((await board(2026)).items.find((i) => i.id === silent)!.reportOverdue).toBe(false);

    // 取消重点督办: staff only, with a reason; only a key suggestion; its report timers stop.
    const admin = await as('district');
    expect(errorCode(await admin.post(`/api/suggestions/${silent}/unkey`, {}))).toBe('common.validation');
    expect(errorCode(await admin.post(`/api/suggestions/${plain}/unkey`, { reason: '主任会议调整。' }))).toBe(
      'suggestions.key_not_marked',
    );
    expect(
      errorCode(await (await as('dept1')).post(`/api/suggestions/${silent}/unkey`, { reason: '调整。' })),
    ).toBe('auth.forbidden');
    const detail = (await admin.get(`/api/suggestions/${silent}`)).json();
    expect(detail.actions).toContain('unmarkKey');
    expect((await admin.get(`/api/suggestions/${plain}`)).json().actions).not.toContain('unmarkKey');
    const un = await admin.post(`/api/suggestions/${silent}/unkey`, { reason: '主任会议调整重点督办建议。' });
    expect(un.json()).toMatchObject({ keyYear: null, keyLeader: null });
    const still = (await board(2026)).items.map((i) => i.id);
    expect(still).toContain(reported);
    expect(still).not.toContain(silent);
    const left = await db
      .select()
      .from(timers)
      .where(and(eq(timers.caseId, silent), eq(timers.status, 'open')));
    expect(left.filter((t) => t.kind.startsWith('key_report'))).toEqual([]);
    const audit = await db.select().from(auditLog).where(eq(auditLog.targetId, silent));
    expect(audit.map((a) => a.action)).toContain('suggestions.unmarkKey');
    // Units and deputies do not get the board.
    expect(errorCode(await (await as('dept1')).get('/api/suggestions/key?year=2026'))).toBe('auth.forbidden');
  });
});

describe('民意转建议 from the opinion’s side', () => {
  it('the deputy who received it may convert it once; others see the list only', async () => {
    clock.set('2026-06-01T10:00:00+08:00');
    const [op] = (await db.execute(
      sql`select o.case_id as id from opinions o join accounts a on a.deputy_id = o.deputy_id
        where a.username = 'deputy1'
        and not exists (select 1 from suggestions s where s.source_opinion_id = o.case_id) limit 1`,
    )) as unknown as Array<{ id: string }>;
    const deputy = await as('deputy1');
    const url = `/api/suggestions/from-opinion/${op!.id}`;
    expect((await deputy.get(url)).json()).toEqual({ items: [], hidden: 0, convertible: true });
    // Staff of the area see the opinion but do not draft suggestions.
    expect((await (await as('district')).get(url)).json()).toMatchObject({ convertible: false });
    const made = await deputy.post(url, {
      title: '关于群众反映问题的建议',
      body: '根据群众反映的情况，建议相关部门统筹研究，建立长效机制，切实解决群众急难愁盼问题。',
      category: '社会治理',
    });
    expect(made.statusCode, made.body).toBe(201);
    const after = (await deputy.get(url)).json();
    expect(after).toMatchObject({ convertible: false, hidden: 0 });
    expect(after.items).toEqual([
      expect.objectContaining({ id: made.json().id, stateLabel: '草稿（联名中）' }),
    ]);
    // A draft is not counted for staff (not even as hidden).
    expect((await (await as('district')).get(url)).json()).toMatchObject({ items: [], hidden: 0 });
    const audit = await db.select().from(auditLog).where(eq(auditLog.action, 'suggestions.from_opinion'));
    expect(audit.map((a) => a.targetId)).toContain(made.json().id);
    // Someone who may not see the opinion learns nothing about it.
    expect(errorCode(await (await as('qibao')).get(url))).toBe('suggestions.opinion_not_found');
  });
});
