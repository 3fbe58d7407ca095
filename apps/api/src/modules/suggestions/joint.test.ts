import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { signedIn, startTestServer } from '../../../test/harness';
import { notifications, timers } from '../../kernel/db/kernel.schema';
import { JobRunner } from '../../kernel/jobs/runner';
import { accounts } from '../accounts/accounts.schema';
import { assigned, deputyOf, otherDepartmentHandler } from './suggestions.fixtures';

// 会办意见期限 on the test clock (Monday 2026-03-02 09:00 China time).
const env = await startTestServer();
const { app, ctx, clock } = env;
const { db } = ctx.database;
const runner = new JobRunner(ctx);
const as = (u: string) => signedIn(app, u);

const jointTimers = async (id: string) =>
  (
    await db
      .select()
      .from(timers)
      .where(and(eq(timers.caseId, id), eq(timers.status, 'open')))
  ).filter((t) => t.kind.startsWith('joint_'));
const told = async (template: string, accountId: string, title: string) =>
  (await db.select().from(notifications).where(eq(notifications.template, template))).filter(
    (n) => n.accountId === accountId && n.body.includes(`「${title}」`),
  );

describe('joint units’ opinion deadline (会办意见期限)', () => {
  it('armed per joint unit at assignment, reminded before, overdue told to the lead and staff, cancelled by the opinion', async () => {
    const deputy = await deputyOf(env);
    const market = await otherDepartmentHandler(env);
    const civil = await otherDepartmentHandler(env, '区民政局');
    const id = await assigned(env, deputy.client, {
      jointDepartmentIds: [market.departmentId, civil.departmentId],
    });
    const d = (await (await as('district')).get(`/api/suggestions/${id}`)).json();
    const title = d.title as string;
    const joint = d.assignments.filter((a: { role: string }) => a.role === 'joint');
    expect(joint).toHaveLength(2);
    // 1 month from Monday 2026-03-02: Thursday 2026-04-02, the stored due date of both.
    expect(joint.map((a: { opinionDueAt: string }) => a.opinionDueAt)).toEqual([
      '2026-04-02T15:59:59.999Z',
      '2026-04-02T15:59:59.999Z',
    ]);
    // The assignment notice names that day (suggestions.jointOpinionMonths), not a fixed "one month".
    await runner.drain();
    const [notice] = await told('suggestions.assigned', market.accountId, title);
    expect(notice?.body).toContain('会办（请于 2026-04-02 前向主办单位提出会办意见）');
    const armed = await jointTimers(id);
    expect(armed.map((t) => t.kind).sort()).toEqual([
      'joint_due',
      'joint_due',
      'joint_remind',
      'joint_remind',
    ]);
    const due = armed.find((t) => t.kind === 'joint_due')!;
    expect(due.dueAt.toISOString()).toBe(joint[0].opinionDueAt);
    // Reminder 3 working days before 04-02: Monday 03-30, 09:00.
    const remind = armed.find((t) => t.kind === 'joint_remind')!;
    expect(remind.dueAt.toISOString()).toBe('2026-03-30T01:00:00.000Z');

    // 提出会办意见 is offered to the joint units only, not to the lead unit (the server refuses it).
    expect((await (await as('dept1')).get(`/api/suggestions/${id}`)).json().actions).not.toContain(
      'jointOpinion',
    );
    expect((await market.client.get(`/api/suggestions/${id}`)).json().actions).toContain('jointOpinion');

    // The market unit gives its opinion: its pair of timers goes, the other unit's stays.
    const given = await market.client.post(`/api/suggestions/${id}/joint-opinion`, {
      body: '建议主办单位同步考虑市场监管方面的配套措施。',
    });
    expect(given.statusCode, given.body).toBe(200);
    const left = await jointTimers(id);
    expect(left).toHaveLength(2);
    expect(
      left.every((t) => (t.payload as { departmentId: string }).departmentId === civil.departmentId),
    ).toBe(true);

    // The reminder reaches the civil-affairs unit once, and not the unit that gave its opinion.
    clock.set('2026-03-30T09:00:00+08:00');
    await runner.drain();
    await runner.drain();
    expect(await told('suggestions.joint_remind', civil.accountId, title)).toHaveLength(1);
    expect(await told('suggestions.joint_remind', market.accountId, title)).toHaveLength(0);
    const [lead] = await db.select().from(accounts).where(eq(accounts.username, 'dept1'));
    const [staff] = await db.select().from(accounts).where(eq(accounts.username, 'district'));
    expect(await told('suggestions.joint_overdue', lead!.id, title)).toHaveLength(0);

    // The day passes without the civil-affairs opinion: the lead unit and the staff are told, once.
    clock.set('2026-04-03T09:00:00+08:00');
    await runner.drain();
    await runner.drain();
    const overdue = await told('suggestions.joint_overdue', lead!.id, title);
    expect(overdue).toHaveLength(1);
    expect(overdue[0]!.body).toContain('区民政局');
    expect(overdue[0]!.body).toContain('2026-04-02');
    expect(await told('suggestions.joint_overdue', staff!.id, title)).toHaveLength(1);
    expect(await told('suggestions.joint_overdue', civil.accountId, title)).toHaveLength(0);
    expect(await jointTimers(id)).toHaveLength(0);
  });

  it('the answer stops the joint timers', async () => {
    clock.set('2026-05-04T10:00:00+08:00');
    const deputy = await deputyOf(env, '310112', 1);
    const market = await otherDepartmentHandler(env);
    const id = await assigned(env, deputy.client, { jointDepartmentIds: [market.departmentId] });
    expect(await jointTimers(id)).toHaveLength(2);
    const r = await (await as('dept1')).post(`/api/suggestions/${id}/answer`, {
      body: '已办结，具体情况见答复函。',
      category: 'A',
      signerName: '李华',
      signerTitle: '副局长',
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(await jointTimers(id)).toHaveLength(0);
  });
});
