import { and, asc, eq, inArray, like, or, sql } from 'drizzle-orm';
import { type Actor, assertCan, scopePaths } from '../../kernel/auth/actor';
import type { CivilDay } from '../../kernel/calendar/calendar';
import { computeDeadline, loadCalendar } from '../../kernel/calendar/service';
import type { AppContext } from '../../kernel/context';
import type { Tx } from '../../kernel/db/client';
import { cases } from '../../kernel/db/kernel.schema';
import { uuidv7 } from '../../kernel/ids';
import { resolveSetting } from '../../kernel/settings';
import { difficultSuggestionMonths, returnWindowDays } from '../congresses/congress-settings';
import { departmentOf, findDepartment } from '../congresses/departments.repository';
import type { CaseRow, SuggestionRow } from './access';
import { monthsFrom, moveAnswerDue, syncDue } from './deadlines';
import { armJointTimers, cancelJointTimers } from './joint';
import { suggestionErrors } from './suggestions.errors';
import { act, suggestionWhere, withSuggestion } from './suggestions.repository';
import {
  suggestionAssignments,
  suggestionContacts,
  suggestionCounters,
  suggestions,
} from './suggestions.schema';
import { jointOpinionMonths } from './suggestions.settings';

const staffOnly = (actor: Actor, c: CaseRow) => assertCan(actor, ['congress_staff'], c.jurisdictionPath);

/**
 * The next register number of a congress's session (or of the term's 闭会期间). The counter row is
 * upserted in the registering transaction: concurrent registrations queue on its row lock and a
 * rolled-back registration gives its number back, so numbers have no gaps and no duplicates.
 */
async function nextRegisterNo(tx: Tx, s: SuggestionRow): Promise<{ no: string; seq: number }> {
  const term = s.term ?? 0;
  const key = s.period === 'session' && s.sessionNo ? `${term}-${s.sessionNo}` : `${term}-interim`;
  const [row] = await tx
    .insert(suggestionCounters)
    .values({ regionCode: s.regionCode, congressCode: s.congressCode, counterKey: key, value: 1 })
    .onConflictDoUpdate({
      target: [suggestionCounters.regionCode, suggestionCounters.congressCode, suggestionCounters.counterKey],
      set: { value: sql`${suggestionCounters.value} + 1` },
    })
    .returning({ value: suggestionCounters.value });
  const seq = row!.value;
  const n = String(seq).padStart(4, '0');
  const no =
    s.period === 'session' && s.sessionNo
      ? `第${term}届第${s.sessionNo}次会议第${n}号`
      : `第${term}届闭会期间第${n}号`;
  return { no, seq };
}

/** 立案. */
export async function registerSuggestion(ctx: AppContext, actor: Actor, id: string) {
  return withSuggestion(ctx, actor, id, async (tx, c, s) => {
    staffOnly(actor, c);
    const { no, seq } = await nextRegisterNo(tx, s);
    const next = await act(ctx, tx, c, 'register', actor, { registerNo: no });
    await tx
      .update(suggestions)
      .set({ registerNo: no, registerSeq: seq, registeredAt: ctx.clock.now() })
      .where(suggestionWhere(c));
    return next;
  });
}

/** 转作来信: not registered as a suggestion; the deputy sees the reason. */
export async function convertToLetter(ctx: AppContext, actor: Actor, id: string, reason: string) {
  return withSuggestion(ctx, actor, id, async (tx, c) => {
    staffOnly(actor, c);
    const next = await act(ctx, tx, c, 'toLetter', actor, { reason });
    await tx.update(suggestions).set({ letterReason: reason }).where(suggestionWhere(c));
    return next;
  });
}

/** 并案: several suggestions on one matter are handled together under the main one. */
export async function groupSuggestions(
  ctx: AppContext,
  actor: Actor,
  input: { mainId: string; ids: string[] },
) {
  const ids = [...new Set([input.mainId, ...input.ids])];
  if (ids.length < 2) throw suggestionErrors.group_invalid();
  return ctx.database.db.transaction(async (tx) => {
    for (const id of ids)
      await withSuggestion(
        ctx,
        actor,
        id,
        async (t, c) => {
          staffOnly(actor, c);
          await act(ctx, t, c, 'group', actor, { groupId: input.mainId });
          await t.update(suggestions).set({ groupId: input.mainId }).where(suggestionWhere(c));
        },
        tx,
      );
    return { groupId: input.mainId, count: ids.length };
  });
}

export interface AssignInput {
  departmentId: string;
  jointDepartmentIds?: string[];
  /** 涉及面广、处理难度大: 6 months instead of 3. */
  difficult?: boolean;
  /** 交办会 (e.g. "2027年代表建议交办会"). */
  batch?: string;
}

async function assignOne(ctx: AppContext, tx: Tx, actor: Actor, c: CaseRow, input: AssignInput) {
  staffOnly(actor, c);
  if (!(await findDepartment(tx, c.regionCode, input.departmentId)))
    throw suggestionErrors.unknown_department();
  const joint = [...new Set(input.jointDepartmentIds ?? [])].filter((d) => d !== input.departmentId);
  for (const d of joint)
    if (!(await findDepartment(tx, c.regionCode, d))) throw suggestionErrors.unknown_department();
  const now = ctx.clock.now();
  const next = await act(ctx, tx, c, 'assign', actor, {
    departmentId: input.departmentId,
    ...(joint.length ? { jointDepartmentIds: joint } : {}),
    difficult: input.difficult === true,
    ...(input.batch ? { batch: input.batch } : {}),
  });
  const jointMonths = await resolveSetting(tx, c.regionCode, c.jurisdictionPath, jointOpinionMonths);
  const jointDue = await monthsFrom(tx, c, now, jointMonths);
  const rows = [
    { departmentId: input.departmentId, role: 'lead' as const, opinionDueAt: null },
    ...joint.map((d) => ({ departmentId: d, role: 'joint' as const, opinionDueAt: jointDue.dueAt })),
  ];
  const inserted = await tx
    .insert(suggestionAssignments)
    .values(
      rows.map((r) => ({
        regionCode: c.regionCode,
        id: uuidv7(now.getTime()),
        caseId: c.id,
        ...r,
        batch: input.batch ?? null,
        assignedBy: actor.accountId,
        assignedAt: now,
      })),
    )
    .returning({
      id: suggestionAssignments.id,
      departmentId: suggestionAssignments.departmentId,
      role: suggestionAssignments.role,
    });
  for (const a of inserted.filter((x) => x.role === 'joint'))
    await armJointTimers(tx, ctx, next, a, jointDue.day);
  await tx
    .update(suggestions)
    .set({
      leadDepartmentId: input.departmentId,
      difficult: input.difficult === true,
      assignedAt: now,
      assignBatch: input.batch ?? null,
    })
    .where(suggestionWhere(c));
  await syncDue(tx, ctx, next);
  return next;
}

/**
 * 并案 members go together: every registered member of a picked suggestion's group joins the batch
 * (same units, same 交办会). A member not yet registered holds the whole group back.
 */
async function withGroups(tx: Tx, actor: Actor, ids: string[]): Promise<string[]> {
  const regionCode = actor.regionCode;
  const mine = or(...scopePaths(actor, ['congress_staff']).map((p) => like(cases.jurisdictionPath, `${p}%`)));
  const picked = await tx
    .select({ groupId: suggestions.groupId })
    .from(suggestions)
    .innerJoin(cases, and(eq(cases.regionCode, suggestions.regionCode), eq(cases.id, suggestions.caseId)))
    .where(and(eq(suggestions.regionCode, regionCode), inArray(suggestions.caseId, ids), mine ?? sql`false`));
  const groups = [...new Set(picked.flatMap((p) => (p.groupId ? [p.groupId] : [])))];
  if (groups.length === 0) return ids;
  const members = await tx
    .select({ id: cases.id, state: cases.state, trackingNo: cases.trackingNo })
    .from(suggestions)
    .innerJoin(cases, and(eq(cases.regionCode, suggestions.regionCode), eq(cases.id, suggestions.caseId)))
    .where(and(eq(suggestions.regionCode, regionCode), inArray(suggestions.groupId, groups)))
    .orderBy(asc(cases.openedAt));
  const waiting = members.filter((m) => m.state === 'submitted');
  if (waiting.length > 0)
    throw suggestionErrors.group_not_registered({ trackingNos: waiting.map((m) => m.trackingNo) });
  const registered = members.filter((m) => m.state === 'registered').map((m) => m.id);
  return [...new Set([...ids, ...registered])];
}

/** 交办 (at a 交办会, in a batch, grouped suggestions together): all or none. */
export async function assignSuggestions(ctx: AppContext, actor: Actor, ids: string[], input: AssignInput) {
  return ctx.database.db.transaction(async (tx) => {
    const out: CaseRow[] = [];
    for (const id of await withGroups(tx, actor, [...new Set(ids)]))
      out.push(await withSuggestion(ctx, actor, id, (t, c) => assignOne(ctx, t, actor, c, input), tx));
    return out;
  });
}

const liveAssignment = (c: CaseRow, departmentId: string, role: 'lead' | 'joint') =>
  and(
    eq(suggestionAssignments.regionCode, c.regionCode),
    eq(suggestionAssignments.caseId, c.id),
    eq(suggestionAssignments.departmentId, departmentId),
    eq(suggestionAssignments.role, role),
    eq(suggestionAssignments.status, 'assigned'),
  );

/** The handler's unit must lead the suggestion. */
async function requireLead(tx: Tx, actor: Actor, s: SuggestionRow): Promise<string> {
  const mine = await departmentOf(tx, actor);
  if (!mine || mine !== s.leadDepartmentId) throw suggestionErrors.not_your_department();
  return mine;
}

/** 退回: a unit that is not responsible returns the suggestion within the window, with a reason. */
export async function returnSuggestion(ctx: AppContext, actor: Actor, id: string, reason: string) {
  return withSuggestion(ctx, actor, id, async (tx, c, s) => {
    const mine = await requireLead(tx, actor, s);
    const windowDays = await resolveSetting(tx, c.regionCode, c.jurisdictionPath, returnWindowDays);
    const [lead] = await tx
      .select()
      .from(suggestionAssignments)
      .where(liveAssignment(c, mine, 'lead'));
    if (lead) {
      const until = computeDeadline(await loadCalendar(tx), lead.assignedAt, { workingDays: windowDays });
      if (ctx.clock.now() > until.dueAt) throw suggestionErrors.return_window_passed({ until: until.day });
    }
    const next = await act(ctx, tx, c, 'return', actor, { reason });
    await tx
      .update(suggestionAssignments)
      .set({ status: 'returned', returnedAt: ctx.clock.now(), returnReason: reason })
      .where(
        and(
          eq(suggestionAssignments.regionCode, c.regionCode),
          eq(suggestionAssignments.caseId, c.id),
          eq(suggestionAssignments.status, 'assigned'),
        ),
      );
    await tx
      .update(suggestions)
      .set({ leadDepartmentId: null, answerDueAt: null, assignedAt: null })
      .where(suggestionWhere(c));
    return next;
  });
}

/** Approved extension: a difficult matter gets the 6-month period, counted from the assignment. */
export async function extendSuggestion(ctx: AppContext, actor: Actor, id: string, reason: string) {
  return withSuggestion(ctx, actor, id, async (tx, c, s) => {
    staffOnly(actor, c);
    const next = await act(ctx, tx, c, 'extend', actor, { reason });
    const months = await resolveSetting(tx, c.regionCode, c.jurisdictionPath, difficultSuggestionMonths);
    const due = await monthsFrom(tx, c, s.assignedAt ?? ctx.clock.now(), months);
    await moveAnswerDue(tx, c, due.day);
    await tx.update(suggestions).set({ difficult: true }).where(suggestionWhere(c));
    await syncDue(tx, ctx, next);
    return next;
  });
}

/** 会办意见: a joint unit sends its opinion to the lead unit. */
export async function giveJointOpinion(ctx: AppContext, actor: Actor, id: string, body: string) {
  return withSuggestion(ctx, actor, id, async (tx, c) => {
    const mine = await departmentOf(tx, actor);
    const [a] = mine
      ? await tx
          .select()
          .from(suggestionAssignments)
          .where(liveAssignment(c, mine, 'joint'))
      : [];
    if (!a) throw suggestionErrors.not_joint_unit();
    const next = await act(ctx, tx, c, 'jointOpinion', actor, { departmentId: mine });
    await cancelJointTimers(tx, ctx, c, a.id);
    await tx
      .update(suggestionAssignments)
      .set({ opinion: body, opinionAt: ctx.clock.now() })
      .where(and(eq(suggestionAssignments.regionCode, c.regionCode), eq(suggestionAssignments.id, a.id)));
    return next;
  });
}

export interface ContactInput {
  stage: 'before' | 'during' | 'after';
  day: CivilDay;
  form: 'visit' | 'meeting' | 'phone';
  agreed: string;
}

/** 面商: the lead (or a joint) unit records its contact with the deputy. */
export async function recordContact(ctx: AppContext, actor: Actor, id: string, input: ContactInput) {
  return withSuggestion(ctx, actor, id, async (tx, c, s) => {
    const mine = await departmentOf(tx, actor);
    const involved =
      mine &&
      (mine === s.leadDepartmentId ||
        (
          await tx
            .select()
            .from(suggestionAssignments)
            .where(liveAssignment(c, mine, 'joint'))
        ).length > 0);
    if (!involved) throw suggestionErrors.not_your_department();
    const next = await act(ctx, tx, c, 'contact', actor, { stage: input.stage, form: input.form });
    await tx.insert(suggestionContacts).values({
      regionCode: c.regionCode,
      id: uuidv7(ctx.clock.now().getTime()),
      caseId: c.id,
      departmentId: mine,
      ...input,
      recordedBy: actor.accountId,
    });
    return next;
  });
}

export async function hasContact(tx: Tx, c: CaseRow): Promise<boolean> {
  const rows = await tx
    .select({ id: suggestionContacts.id })
    .from(suggestionContacts)
    .where(and(eq(suggestionContacts.regionCode, c.regionCode), eq(suggestionContacts.caseId, c.id)))
    .limit(1);
  return rows.length > 0;
}
