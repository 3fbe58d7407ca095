import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { errorCode, signedIn, startTestServer } from '../../../test/harness';
import { WorkingCalendar } from '../../kernel/calendar/calendar';
import { computeDeadline } from '../../kernel/calendar/service';
import { notifications, timers } from '../../kernel/db/kernel.schema';
import { JobRunner } from '../../kernel/jobs/runner';
import { assigned, departmentIdOf } from './suggestions.fixtures';

// Suggestions count calendar months (民法典 Arts. 201–203), not working days.
const env = await startTestServer();
const { app, ctx, clock } = env;
const { db } = ctx.database;
const runner = new JobRunner(ctx);
const as = (u: string) => signedIn(app, u);
const detail = async (id: string) => (await (await as('district')).get(`/api/suggestions/${id}`)).json();

describe('answer deadlines in calendar months', () => {
  it('the rule itself: 2026-11-30 + 3 months → 2027-02-28 (a Sunday) → Monday 2027-03-01', () => {
    const cal = new WorkingCalendar([]);
    expect(cal.addCalendarMonths('2026-11-30', 3, { rollToWorkingDay: false }).day).toBe('2027-02-28');
    const d = computeDeadline(cal, new Date('2026-11-30T10:00:00+08:00'), { months: 3 });
    expect(d.day).toBe('2027-03-01');
    expect(d.dueAt.toISOString()).toBe('2027-03-01T15:59:59.999Z');
  });

  it('an assignment on 2026-11-30 is due on Monday 2027-03-01; a difficult one six months on', async () => {
    clock.set('2026-11-30T10:00:00+08:00');
    const deputy = await as('deputy1');
    const plain = await assigned(env, deputy);
    expect(await detail(plain)).toMatchObject({ answerDueDay: '2027-03-01', difficult: false });
    // 2027-05-30 is a Sunday: the period ends on Monday 2027-05-31.
    const hard = await assigned(env, deputy, { difficult: true });
    expect(await detail(hard)).toMatchObject({ answerDueDay: '2027-05-31', difficult: true });
    // An approved extension turns a plain one into six months counted from the same assignment.
    const ext = await (await as('district')).post(`/api/suggestions/${plain}/extend`, {
      reason: '涉及多个部门，难度较大。',
    });
    expect(ext.json()).toMatchObject({ answerDueDay: '2027-05-31', difficult: true });
    expect(
      errorCode(
        await (await as('district')).post(`/api/suggestions/${plain}/extend`, { reason: '再次延长。' }),
      ),
    ).toBe('workflow.not_allowed');
    // Only one open deadline; the reminder is re-armed before it (10 working days).
    const open = await db
      .select()
      .from(timers)
      .where(and(eq(timers.caseId, plain), eq(timers.status, 'open')));
    expect(open.map((t) => t.kind).sort()).toEqual(['answer_due', 'answer_remind']);
    expect((open.find((t) => t.kind === 'answer_due')!.payload as { day: string }).day).toBe('2027-05-31');
  });

  it('a unit may return a suggestion only within 7 working days of the assignment', async () => {
    clock.set('2026-11-30T10:00:00+08:00');
    const deputy = await as('deputy1');
    const early = await assigned(env, deputy);
    const late = await assigned(env, deputy);
    clock.set('2026-12-09T17:00:00+08:00'); // the 7th working day
    const ok = await (await as('dept1')).post(`/api/suggestions/${early}/return`, {
      reason: '不属于本单位职责，建议交规划资源局。',
    });
    expect(ok.json()).toMatchObject({ state: 'registered' });
    clock.set('2026-12-10T09:00:00+08:00');
    const refused = await (await as('dept1')).post(`/api/suggestions/${late}/return`, {
      reason: '不属于本单位职责。',
    });
    expect(errorCode(refused)).toBe('suggestions.return_window_passed');
    expect((await detail(late)).state).toBe('assigned');
    // The returned one goes back to staff and can be assigned again.
    const again = await (await as('district')).post('/api/suggestions/assign', {
      ids: [early],
      departmentId: await departmentIdOf(env, 'dept1'),
    });
    expect(again.statusCode, again.body).toBe(200);
  });

  it('an unanswered suggestion is escalated when its deadline passes', async () => {
    clock.set('2027-01-04T10:00:00+08:00');
    const id = await assigned(env, await as('deputy1'));
    // 2027-04-04 is a Sunday (2027's holidays are not loaded: Monday to Friday assumed).
    expect((await detail(id)).answerDueDay).toBe('2027-04-05');
    clock.set('2027-04-06T09:00:00+08:00');
    await runner.drain();
    const d = await detail(id);
    expect(d.supervisionLevel).toBe(1);
    expect(d.history.map((h: { action: string }) => h.action)).toContain('escalate');
    // The deadlines board: overdue only, earliest deadline first; the unit sees only its own.
    const board = (
      await (await as('district')).get('/api/suggestions/deadlines?overdue=1&pageSize=200')
    ).json();
    expect(board.items.map((i: { id: string }) => i.id)).toContain(id);
    expect(board.items.every((i: { overdue: boolean }) => i.overdue)).toBe(true);
    const days = board.items.map((i: { answerDueDay: string }) => i.answerDueDay);
    expect([...days].sort()).toEqual(days);
    const unitBoard = (await (await as('dept1')).get('/api/suggestions/deadlines?pageSize=200')).json();
    const dept1 = await departmentIdOf(env, 'dept1');
    expect(
      unitBoard.items.every((i: { leadDepartmentId: string | null }) => i.leadDepartmentId === dept1),
    ).toBe(true);
  });

  it('a B item whose promised date passes is escalated (回头看), and closes when the promise is kept', async () => {
    clock.set('2027-05-10T10:00:00+08:00');
    const deputy = await as('deputy1');
    const id = await assigned(env, deputy);
    const dept = await as('dept1');
    const answer = await dept.post(`/api/suggestions/${id}/answer`, {
      body: '该事项已列入明年计划，预计年中完成改造。',
      category: 'B',
      signerName: '李华',
      signerTitle: '副局长',
      promisedOn: '2027-06-30',
    });
    expect(answer.json()).toMatchObject({ state: 'answered' });
    // Answered without any 面商 on record: flagged.
    expect(answer.json().answers[0].noContact).toBe(true);
    const rated = await deputy.post(`/api/suggestions/${id}/rate`, {
      attitude: 'satisfied',
      result: 'basically_satisfied',
    });
    expect(rated.json()).toMatchObject({ state: 'follow_up' });
    const open = await (await as('district')).get('/api/suggestions?followUp=1&pageSize=200');
    expect(open.json().items.map((i: { id: string }) => i.id)).toContain(id);
    clock.set('2027-06-30T20:00:00+08:00');
    // The mid-year 回头看 report is in (a missing one is escalated on its own: followup.test.ts).
    const done = await (await as('dept1')).post(`/api/suggestions/${id}/report`, {
      kind: 'midyear',
      body: '改造工程已开工，预计八月完工。',
    });
    expect(done.json().reports).toHaveLength(1);
    await runner.drain();
    expect((await detail(id)).supervisionLevel).toBe(0);
    clock.set('2027-07-01T09:00:00+08:00');
    await runner.drain();
    const d = await detail(id);
    expect(d.supervisionLevel).toBe(1);
    expect(d.state).toBe('follow_up');
    const told = (
      await db.select().from(notifications).where(eq(notifications.template, 'suggestions.escalated'))
    ).filter((n) => n.body.includes('已过承诺完成日期'));
    expect(told.length).toBeGreaterThan(0);
    const kept = await (await as('dept1')).post(`/api/suggestions/${id}/follow-up-done`, {
      note: '改造已完成并通过验收。',
    });
    expect(kept.json()).toMatchObject({ state: 'closed' });
    expect((kept.json().followUpDoneAt as string | null) !== null).toBe(true);
  });
});
