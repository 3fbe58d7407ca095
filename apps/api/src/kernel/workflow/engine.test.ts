import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startTestServer } from '../../../test/harness';
import { accounts } from '../../modules/accounts/accounts.schema';
import { actorFor, loadGrants } from '../../modules/accounts/sessions';
import { replyDays } from '../../modules/congresses/congress-settings';
import { settings } from '../../modules/congresses/congresses.schema';
import { createContext } from '../../server';
import { verifyAuditChain } from '../audit/audit';
import type { Actor } from '../auth/actor';
import type { AppContext } from '../context';
import { openDatabase } from '../db/client';
import { auditLog, caseHistory, cases, notifications, outbox, timers } from '../db/kernel.schema';
import { JobRunner } from '../jobs/runner';
import { createLogger } from '../logger';
import { defineCaseType } from './definition';
import { openCase, transition } from './engine';

const env = await startTestServer();
const { ctx, clock, database } = env;
const { db } = database;
const REGION = '310112';
const QIBAO = '310112102';
const XINZHUANG = '310112101';

/** A small case type exercising every feature of the engine: phases, roles, timers, guard. */
const testCase = defineCaseType({
  type: 'testcase',
  label: '测试事项',
  trackingPrefix: 'TC',
  initial: 'received',
  states: {
    received: { phase: 'intake', label: '已受理' },
    assigned: { phase: 'handling', label: '办理中' },
    escalated: { phase: 'handling', label: '已督办' },
    replied: { phase: 'feedback', label: '已答复' },
    closed: { phase: 'closed', label: '已办结' },
  },
  actions: {
    assign: {
      label: '交办',
      from: ['received'],
      to: 'assigned',
      roles: ['congress_staff'],
      startTimers: [{ kind: 'reply', unit: 'workingDays', setting: replyDays, onDue: 'escalate' }],
    },
    escalate: {
      label: '督办',
      from: ['assigned'],
      to: 'escalated',
      roles: ['congress_staff'],
      guard: (c) => ((c.data as { frozen?: boolean }).frozen ? '事项已冻结，不能督办' : null),
    },
    reply: {
      label: '答复',
      from: ['assigned', 'escalated'],
      to: 'replied',
      roles: ['congress_staff', 'department_handler'],
      payload: z.object({ answer: z.string({ error: '请填写答复内容' }) }),
      guard: (_c, p) => (String(p.answer).trim().length < 5 ? '答复内容不少于 5 个字' : null),
      stopTimers: ['reply'],
    },
    close: { label: '办结', from: ['replied'], to: 'closed', roles: ['congress_staff'] },
  },
});

const actors = new Map<string, Actor>();
async function actorOf(username: string): Promise<Actor> {
  const known = actors.get(username);
  if (known) return known;
  const [account] = await db.select().from(accounts).where(eq(accounts.username, username));
  if (!account) throw new Error(`no demo account ${username}`);
  const actor = actorFor(account, await loadGrants(db, account));
  actors.set(username, actor);
  return actor;
}

async function open(jurisdictionCode = QIBAO, title = '小区门口路灯不亮', data?: Record<string, unknown>) {
  return openCase(ctx, db, await actorOf('district'), { type: testCase.type, jurisdictionCode, title, data });
}

const ref = (c: { id: string }) => ({ regionCode: REGION, id: c.id });

/**
 * The context of a second job runner. On PostgreSQL it gets its own connection pool, so the two
 * runners really run concurrently and only FOR UPDATE SKIP LOCKED keeps them apart. On PGlite the
 * embedded server accepts a single connection, so both runners share it: their transactions
 * interleave rather than overlap.
 */
let second: AppContext = ctx;
if (env.url) {
  const database2 = await openDatabase({ url: env.url, poolSize: 4 });
  second = createContext(env.config, database2, { clock, log: createLogger('silent') });
  afterAll(() => database2.close());
}

async function timersOf(caseId: string) {
  return db
    .select()
    .from(timers)
    .where(and(eq(timers.regionCode, REGION), eq(timers.caseId, caseId)));
}

async function historyOf(caseId: string) {
  return db
    .select()
    .from(caseHistory)
    .where(and(eq(caseHistory.regionCode, REGION), eq(caseHistory.caseId, caseId)))
    .orderBy(asc(caseHistory.seq));
}

async function eventsOf(caseId: string, topic: string) {
  return db
    .select()
    .from(outbox)
    .where(and(eq(outbox.aggregateId, caseId), eq(outbox.topic, topic)));
}

describe('opening a case', () => {
  it('numbers cases PREFIX + China day + 6-digit counter, per day', async () => {
    // 00:30 in Beijing is still the previous day in UTC: the number must carry the China day.
    clock.set('2026-11-23T00:30:00+08:00');
    const a = await open();
    const b = await open();
    clock.set('2026-11-23T23:59:00+08:00');
    const c = await open();
    clock.set('2026-11-24T00:00:01+08:00');
    const d = await open();
    expect([a.trackingNo, b.trackingNo, c.trackingNo, d.trackingNo]).toEqual([
      'TC20261123000001',
      'TC20261123000002',
      'TC20261123000003',
      'TC20261124000001',
    ]);
    expect(a).toMatchObject({ state: 'received', phase: 'intake', version: 1, jurisdictionCode: QIBAO });
  });

  it('writes the history row, the audit entry and the event with the case', async () => {
    clock.set('2026-03-10T09:00:00+08:00');
    const c = await open();
    const history = await historyOf(c.id);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({
      seq: 1,
      action: 'open',
      fromState: null,
      toState: 'received',
      actorId: (await actorOf('district')).accountId,
    });
    const audit = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.regionCode, REGION), eq(auditLog.targetId, c.id)));
    expect(audit.map((a) => a.action)).toEqual(['testcase.open']);
    expect(audit[0]!.details).toEqual({ trackingNo: c.trackingNo });
    expect(await eventsOf(c.id, 'testcase.opened')).toHaveLength(1);
  });
});

describe('transitions', () => {
  it('assigns with history, audit, event and a reply timer due at the end of the 15th working day (China time)', async () => {
    // 2026-09-25 is the Mid-Autumn holiday (Friday). Counting 15 working days after it, by hand
    // from shared/data/calendar/cn-2026.json: 09-26/27 off; 09-28, 29, 30 (1–3); National Day
    // 10-01…10-07 off; 10-08, 09 (4–5); Saturday 10-10 is a make-up working day (6); Sunday 10-11
    // off; 10-12…16 (7–11); 10-19, 20, 21, 22 (12–15) → Thursday 2026-10-22.
    clock.set('2026-09-25T10:00:00+08:00');
    const c = await open();
    const staff = await actorOf('district');
    const next = await transition(ctx, ref(c), 'assign', staff, {}, { expectedVersion: 1 });
    expect(next).toMatchObject({ state: 'assigned', phase: 'handling', version: 2 });

    const [t, ...more] = await timersOf(c.id);
    expect(more).toEqual([]);
    expect(t).toMatchObject({
      kind: 'reply',
      status: 'open',
      provisional: 0,
      payload: { onDue: 'escalate', day: '2026-10-22' },
    });
    expect(t!.dueAt.toISOString()).toBe(new Date('2026-10-22T23:59:59.999+08:00').toISOString());

    const history = await historyOf(c.id);
    expect(history.map((h) => [h.seq, h.action, h.fromState, h.toState])).toEqual([
      [1, 'open', null, 'received'],
      [2, 'assign', 'received', 'assigned'],
    ]);
    expect(history[1]!.actorLabel).toBe(staff.label);
    const audit = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.regionCode, REGION), eq(auditLog.targetId, c.id)))
      .orderBy(asc(auditLog.seq));
    expect(audit.map((a) => [a.action, a.actorId, a.jurisdictionCode])).toEqual([
      ['testcase.open', staff.accountId, QIBAO],
      ['testcase.assign', staff.accountId, QIBAO],
    ]);
    expect(audit[1]!.details).toEqual({ from: 'received', to: 'assigned' });
    expect(await eventsOf(c.id, 'testcase.assign')).toHaveLength(1);
    expect((await verifyAuditChain(db, REGION)).ok).toBe(true);
  });

  it('takes the period from the street setting when the street overrides the district', async () => {
    await db.insert(settings).values([
      { regionCode: REGION, jurisdictionCode: REGION, key: replyDays.key, value: 10 },
      { regionCode: REGION, jurisdictionCode: QIBAO, key: replyDays.key, value: 5 },
    ]);
    try {
      // Friday 2026-09-18. 5 working days: Sunday 09-20 is a make-up working day (1), 09-21…24
      // (2–5) → 2026-09-24. 10 working days: then the Mid-Autumn/National Day break, 09-28, 29,
      // 30 (6–8), 10-08, 09 (9–10) → 2026-10-09.
      clock.set('2026-09-18T15:00:00+08:00');
      const staff = await actorOf('district');
      const inQibao = await open(QIBAO);
      const inXinzhuang = await open(XINZHUANG);
      await transition(ctx, ref(inQibao), 'assign', staff);
      await transition(ctx, ref(inXinzhuang), 'assign', staff);
      const [q] = await timersOf(inQibao.id);
      const [x] = await timersOf(inXinzhuang.id);
      expect((q!.payload as { day: string }).day).toBe('2026-09-24');
      expect(q!.dueAt.toISOString()).toBe(new Date('2026-09-24T23:59:59.999+08:00').toISOString());
      expect((x!.payload as { day: string }).day).toBe('2026-10-09');
    } finally {
      await db.delete(settings).where(and(eq(settings.regionCode, REGION), eq(settings.key, replyDays.key)));
    }
  });

  it('refuses staff of another street with auth.out_of_scope and other roles with auth.forbidden', async () => {
    clock.set('2026-03-11T09:00:00+08:00');
    const c = await open(QIBAO);
    await expect(transition(ctx, ref(c), 'assign', await actorOf('xinzhuang'))).rejects.toMatchObject({
      code: 'auth.out_of_scope',
      status: 403,
    });
    await expect(transition(ctx, ref(c), 'assign', await actorOf('dept1'))).rejects.toMatchObject({
      code: 'auth.forbidden',
      status: 403,
    });
    // The street's own staff may.
    expect((await transition(ctx, ref(c), 'assign', await actorOf('qibao'))).state).toBe('assigned');
  });

  it('refuses an action from the wrong state, an unknown action and a guard failure with workflow.not_allowed', async () => {
    clock.set('2026-03-12T09:00:00+08:00');
    const c = await open();
    const staff = await actorOf('district');
    await expect(transition(ctx, ref(c), 'reply', staff, { answer: '已经修好了路灯' })).rejects.toMatchObject(
      {
        code: 'workflow.not_allowed',
        status: 409,
        details: { action: 'reply', state: 'received' },
      },
    );
    await expect(transition(ctx, ref(c), 'archive', staff)).rejects.toMatchObject({
      code: 'workflow.not_allowed',
    });
    await transition(ctx, ref(c), 'assign', staff);
    await expect(transition(ctx, ref(c), 'reply', staff, { answer: '好' })).rejects.toMatchObject({
      code: 'workflow.not_allowed',
      message: '答复内容不少于 5 个字',
    });
    await expect(transition(ctx, ref(c), 'reply', staff, {})).rejects.toMatchObject({
      code: 'common.validation',
    });
    // Refusals leave no trace: still assigned, version 2, two history rows.
    const [row] = await db
      .select()
      .from(cases)
      .where(and(eq(cases.regionCode, REGION), eq(cases.id, c.id)));
    expect(row).toMatchObject({ state: 'assigned', version: 2 });
    expect(await historyOf(c.id)).toHaveLength(2);
    await expect(
      transition(ctx, { regionCode: REGION, id: '00000000-0000-7000-8000-000000000000' }, 'assign', staff),
    ).rejects.toMatchObject({
      code: 'workflow.not_found',
    });
  });

  it('refuses a stale expectedVersion with workflow.conflict', async () => {
    clock.set('2026-03-13T09:00:00+08:00');
    const c = await open();
    const staff = await actorOf('district');
    await transition(ctx, ref(c), 'assign', staff, {}, { expectedVersion: 1 });
    await expect(
      transition(ctx, ref(c), 'reply', staff, { answer: '路灯已经修复完毕' }, { expectedVersion: 1 }),
    ).rejects.toMatchObject({
      code: 'workflow.conflict',
      status: 409,
    });
    const replied = await transition(
      ctx,
      ref(c),
      'reply',
      staff,
      { answer: '路灯已经修复完毕' },
      { expectedVersion: 2 },
    );
    expect(replied).toMatchObject({ state: 'replied', phase: 'feedback', version: 3 });
  });

  it('closes the reply timer when the case is answered, so it never fires', async () => {
    clock.set('2026-03-16T09:00:00+08:00');
    const c = await open();
    const staff = await actorOf('district');
    await transition(ctx, ref(c), 'assign', staff);
    await transition(ctx, ref(c), 'reply', staff, { answer: '路灯已经修复完毕' });
    const [t] = await timersOf(c.id);
    expect(t).toMatchObject({ status: 'cancelled' });
    clock.set('2026-06-01T09:00:00+08:00');
    await env.server.runner.drain();
    expect((await timersOf(c.id))[0]!.status).toBe('cancelled');
    expect(await eventsOf(c.id, 'testcase.timer_fired')).toEqual([]);
    const closed = await transition(ctx, ref(c), 'close', staff);
    expect(closed).toMatchObject({ phase: 'closed' });
    expect(closed.closedAt).not.toBeNull();
  });
});

describe('deadline timers', () => {
  it('fires once after the end of the due day, escalates the case and tells the congress staff in-app', async () => {
    clock.set('2026-09-25T10:00:00+08:00');
    const c = await open(QIBAO, '楼道堆物影响通行');
    await transition(ctx, ref(c), 'assign', await actorOf('qibao'));

    // One second before the end of 2026-10-22 (China time) nothing happens.
    clock.set('2026-10-22T23:59:59+08:00');
    await env.server.runner.drain();
    expect((await timersOf(c.id))[0]!.status).toBe('open');

    clock.set('2026-10-23T00:00:00+08:00');
    await env.server.runner.drain();
    await env.server.runner.drain();
    const [t] = await timersOf(c.id);
    expect(t).toMatchObject({ status: 'fired' });
    expect(t!.firedAt!.toISOString()).toBe(new Date('2026-10-23T00:00:00+08:00').toISOString());
    expect(await eventsOf(c.id, 'testcase.timer_fired')).toHaveLength(1);

    const history = await historyOf(c.id);
    const escalations = history.filter((h) => h.action === 'escalate');
    expect(escalations).toHaveLength(1);
    expect(escalations[0]).toMatchObject({
      fromState: 'assigned',
      toState: 'escalated',
      actorId: null,
      actorLabel: '系统',
      payload: { timerKind: 'reply' },
    });
    const [row] = await db
      .select()
      .from(cases)
      .where(and(eq(cases.regionCode, REGION), eq(cases.id, c.id)));
    expect(row!.state).toBe('escalated');

    // In-app notices to congress staff over the case: the district and 七宝镇, not 莘庄镇.
    const notes = await db
      .select({
        accountId: notifications.accountId,
        body: notifications.body,
        status: notifications.status,
        channel: notifications.channel,
      })
      .from(notifications)
      .where(
        and(
          eq(notifications.template, 'workflow.overdue'),
          sql`${notifications.params}->>'trackingNo' = ${c.trackingNo}`,
        ),
      );
    const recipients = new Set(notes.map((n) => n.accountId));
    expect(recipients).toEqual(
      new Set([(await actorOf('district')).accountId, (await actorOf('qibao')).accountId]),
    );
    expect(notes).toHaveLength(2);
    for (const n of notes) {
      expect(n).toMatchObject({ channel: 'inapp', status: 'sent' });
      expect(n.body).toContain(c.trackingNo);
      expect(n.body).toContain('2026-10-22');
    }
  });

  it('still fires a timer whose automatic action is refused, without blocking the other timers', async () => {
    clock.set('2026-04-07T09:00:00+08:00');
    const staff = await actorOf('district');
    const frozen = await open(QIBAO, '冻结事项', { frozen: true });
    const normal = await open(QIBAO, '普通事项');
    await transition(ctx, ref(frozen), 'assign', staff);
    await transition(ctx, ref(normal), 'assign', staff);
    clock.set('2026-05-20T09:00:00+08:00');
    await env.server.runner.drain();
    expect((await timersOf(frozen.id))[0]!.status).toBe('fired');
    expect((await timersOf(normal.id))[0]!.status).toBe('fired');
    // The guard refused the escalation of the frozen case: it stays as it was, but staff are told.
    const states = await db
      .select({ id: cases.id, state: cases.state })
      .from(cases)
      .where(inArray(cases.id, [frozen.id, normal.id]));
    expect(Object.fromEntries(states.map((r) => [r.id, r.state]))).toEqual({
      [frozen.id]: 'assigned',
      [normal.id]: 'escalated',
    });
    expect(await eventsOf(frozen.id, 'testcase.timer_fired')).toHaveLength(1);
    expect((await historyOf(frozen.id)).map((h) => h.action)).toEqual(['open', 'assign']);
  });

  it('flags a deadline reaching the unloaded year 2027 as provisional and tells the sysadmins once', async () => {
    // Sunday 2026-12-20 + 15 working days counted Monday–Friday for 2027 (no schedule loaded):
    // 12-21…25 (1–5), 12-28…31 (6–9), Friday 2027-01-01 assumed working (10), 01-04…08 (11–15).
    clock.set('2026-12-20T11:00:00+08:00');
    const staff = await actorOf('district');
    const c = await open();
    await transition(ctx, ref(c), 'assign', staff);
    const [t] = await timersOf(c.id);
    expect(t).toMatchObject({ provisional: 1, payload: { day: '2027-01-08' } });
    expect(await eventsOf(c.id, 'calendar.deadline_provisional')).toHaveLength(1);

    const second = await open();
    await transition(ctx, ref(second), 'assign', staff);
    await env.server.runner.drain();

    const [admin] = await db.select().from(accounts).where(eq(accounts.username, 'admin'));
    const notes = await db
      .select()
      .from(notifications)
      .where(
        and(eq(notifications.accountId, admin!.id), eq(notifications.template, 'calendar.year_missing')),
      );
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ channel: 'inapp', status: 'sent', params: { year: 2027 } });
    expect(notes[0]!.body).toContain('2027');
    // Only system administrators are told.
    const others = await db
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.template, 'calendar.year_missing'),
          sql`${notifications.accountId} <> ${admin!.id}`,
        ),
      );
    expect(others).toEqual([]);
  });
});

describe('two job runners', () => {
  it('fires each timer exactly once when two runners race, over several rounds', async () => {
    const a = new JobRunner(ctx);
    const b = new JobRunner(second);
    const staff = await actorOf('district');
    // Start from a quiet queue so earlier tests' work does not blur the race.
    clock.set('2027-06-01T09:00:00+08:00');
    await a.drain();
    const all: string[] = [];
    for (let round = 0; round < 3; round++) {
      const ids: string[] = [];
      for (let i = 0; i < 10; i++) {
        const c = await open(i % 2 ? QIBAO : XINZHUANG, `并发测试 ${round}-${i}`);
        await transition(ctx, ref(c), 'assign', staff);
        ids.push(c.id);
      }
      clock.advance({ days: 40 });
      await Promise.all([a.runOnce(), b.runOnce(), a.runOnce(), b.runOnce()]);
      await Promise.all([a.drain(), b.drain()]);
      all.push(...ids);
    }

    const fired = await db
      .select({ caseId: timers.caseId, status: timers.status })
      .from(timers)
      .where(and(eq(timers.regionCode, REGION), inArray(timers.caseId, all)));
    expect(fired).toHaveLength(30);
    expect(fired.every((t) => t.status === 'fired')).toBe(true);

    const escalations = await db
      .select({ caseId: caseHistory.caseId, n: sql<number>`count(*)::int` })
      .from(caseHistory)
      .where(
        and(
          eq(caseHistory.regionCode, REGION),
          eq(caseHistory.action, 'escalate'),
          inArray(caseHistory.caseId, all),
        ),
      )
      .groupBy(caseHistory.caseId);
    expect(escalations).toHaveLength(30);
    expect(escalations.every((e) => e.n === 1)).toBe(true);

    const events = await db
      .select({
        caseId: outbox.aggregateId,
        n: sql<number>`count(*)::int`,
        done: sql<number>`count(*) filter (where ${outbox.status} = 'done')::int`,
      })
      .from(outbox)
      .where(and(eq(outbox.topic, 'testcase.timer_fired'), inArray(outbox.aggregateId, all)))
      .groupBy(outbox.aggregateId);
    expect(events).toHaveLength(30);
    expect(events.every((e) => e.n === 1 && e.done === 1)).toBe(true);

    // Each overdue notice went out once per staff member (district + the street), not twice.
    const notes = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(notifications)
      .where(
        and(
          eq(notifications.template, 'workflow.overdue'),
          sql`${notifications.params}->>'title' like '并发测试 %'`,
        ),
      );
    expect(notes[0]!.n).toBe(60);
    expect((await verifyAuditChain(db, REGION)).ok).toBe(true);
  });
});
