import { and, asc, desc, eq, gte, inArray, isNotNull, lt, lte, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../kernel/auth/actor';
import { toDateString } from '../../kernel/calendar/calendar';
import type { AppContext } from '../../kernel/context';
import type { Executor } from '../../kernel/db/client';
import { caseHistory, cases } from '../../kernel/db/kernel.schema';
import { resolveSetting } from '../../kernel/settings';
import { availableActions } from '../../kernel/workflow/definition';
import { departments } from '../congresses/congresses.schema';
import { deputies } from '../deputies/deputies.schema';
import { findJurisdiction } from '../jurisdictions/jurisdictions.repository';
import { findingSource } from '../mediation/mediation.usecases';
import { assertCanSee, viewerOf, visibleTo } from './access';
import { attachmentsEditable, attachmentsOf } from './attachments';
import { congressFor } from './congresses';
import { followUpReports } from './followup';
import { sourceActivityOf, sourceOpinionOf } from './links';
import { dataOf, suggestionCase } from './suggestions.case';
import { suggestionErrors } from './suggestions.errors';
import {
  suggestionAnswers,
  suggestionAssignments,
  suggestionContacts,
  suggestionRatings,
  suggestionReports,
  suggestionSigners,
  suggestions,
} from './suggestions.schema';
import { answerCategories } from './suggestions.settings';

export const ratingLabels = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  dissatisfied: '不满意',
} as const;
export const periodLabels = { session: '会议期间', interim: '闭会期间' } as const;
export const stageLabels = { before: '办前', during: '办中', after: '办后' } as const;
export const formLabels = { visit: '走访', meeting: '座谈', phone: '电话' } as const;
export const pilLabels: Record<string, string> = {
  none: '',
  handed: '已移送检察机关（公益诉讼线索）',
  accepted: '检察机关已受理',
  filed: '检察机关已立案',
  declined: '检察机关不予立案',
  from_procuratorate: '由检察建议转化',
};

export interface ListFilter {
  state?: string;
  /** The congress (jurisdiction code) or any area above it: its whole subtree. */
  scope?: string;
  /** Exactly this congress (its own suggestions, not those of the congresses below it). */
  congress?: string;
  term?: number;
  /** A session number, or 'interim' for 闭会期间. */
  session?: string;
  departmentId?: string;
  overdue?: boolean;
  followUp?: boolean;
  keyYear?: number;
  view?: 'all' | 'department' | 'deputy';
  from?: string;
  to?: string;
  q?: string;
  page?: number;
  pageSize?: number;
}

const join = and(eq(suggestions.regionCode, cases.regionCode), eq(suggestions.caseId, cases.id));
const day = (d: Date | null) => (d ? toDateString(d) : null);

async function whereOf(ctx: AppContext, actor: Actor, f: ListFilter): Promise<SQL> {
  const v = await viewerOf(ctx.database.db, actor);
  const view =
    f.view === 'department' && v.departmentId
      ? { ...v, staffPaths: [], deputyId: null }
      : f.view === 'deputy' && v.deputyId
        ? { ...v, staffPaths: [], departmentId: null }
        : v;
  const conds: SQL[] = [
    eq(cases.regionCode, actor.regionCode),
    eq(cases.caseType, 'suggestions'),
    visibleTo(view),
  ];
  if (f.state) conds.push(eq(cases.state, f.state));
  if (f.scope) conds.push(sql`${cases.jurisdictionPath} like ${`%/${f.scope}/%`}`);
  if (f.congress) conds.push(eq(suggestions.congressCode, f.congress));
  if (f.term) conds.push(eq(suggestions.term, f.term));
  if (f.session === 'interim') conds.push(eq(suggestions.period, 'interim'));
  else if (f.session) conds.push(eq(suggestions.sessionNo, Number(f.session)));
  if (f.departmentId) conds.push(eq(suggestions.leadDepartmentId, f.departmentId));
  if (f.overdue) conds.push(lte(suggestions.answerDueAt, ctx.clock.now()));
  if (f.followUp)
    conds.push(and(isNotNull(suggestions.promisedOn), sql`${suggestions.followUpDoneAt} is null`)!);
  if (f.keyYear) conds.push(eq(suggestions.keyYear, f.keyYear));
  if (f.from) conds.push(gte(suggestions.submittedAt, new Date(`${f.from}T00:00:00+08:00`)));
  if (f.to)
    conds.push(lt(suggestions.submittedAt, new Date(Date.parse(`${f.to}T00:00:00+08:00`) + 86_400_000)));
  if (f.q) conds.push(sql`position(${f.q} in ${cases.title}) > 0`);
  return and(...conds)!;
}

function itemOf(
  r: {
    c: typeof cases.$inferSelect;
    s: typeof suggestions.$inferSelect;
    deputyName: string | null;
    dept: string | null;
  },
  now: Date,
) {
  const { c, s } = r;
  return {
    id: c.id,
    trackingNo: c.trackingNo,
    title: c.title,
    state: c.state,
    stateLabel: suggestionCase.states[c.state]?.label ?? c.state,
    phase: c.phase,
    congressCode: s.congressCode,
    category: s.category,
    origin: s.origin,
    registerNo: s.registerNo,
    term: s.term,
    sessionNo: s.sessionNo,
    period: s.period,
    periodLabel: s.period ? periodLabels[s.period] : null,
    deputyName: r.deputyName,
    leadDepartmentId: s.leadDepartmentId,
    leadDepartmentName: r.dept,
    submittedAt: s.submittedAt?.toISOString() ?? null,
    assignedAt: s.assignedAt?.toISOString() ?? null,
    answerDueAt: s.answerDueAt?.toISOString() ?? null,
    answerDueDay: day(s.answerDueAt),
    overdue: !!s.answerDueAt && s.answerDueAt < now,
    difficult: s.difficult,
    answerCategory: s.answerCategory,
    answeredAt: s.answeredAt?.toISOString() ?? null,
    promisedOn: s.promisedOn,
    followUpDoneAt: s.followUpDoneAt?.toISOString() ?? null,
    attitude: s.attitude,
    result: s.result,
    attitudeLabel: s.attitude ? ratingLabels[s.attitude] : null,
    resultLabel: s.result ? ratingLabels[s.result] : null,
    rehandled: s.rehandled,
    supervisionLevel: dataOf(c).supervisionLevel ?? 0,
    keyYear: s.keyYear,
    keyLeader: s.keyLeader,
    pilStatus: s.pilStatus,
    pilLabel: pilLabels[s.pilStatus] ?? '',
    groupId: s.groupId,
    publishedAt: s.publishedAt?.toISOString() ?? null,
  };
}
export type SuggestionItem = ReturnType<typeof itemOf>;

function baseSelect(exec: Executor) {
  return exec
    .select({ c: cases, s: suggestions, deputyName: deputies.name, dept: departments.name })
    .from(suggestions)
    .innerJoin(cases, join)
    .leftJoin(
      deputies,
      and(eq(deputies.regionCode, suggestions.regionCode), eq(deputies.id, suggestions.deputyId)),
    )
    .leftJoin(
      departments,
      and(
        eq(departments.regionCode, suggestions.regionCode),
        eq(departments.id, suggestions.leadDepartmentId),
      ),
    );
}

/** The list every role gets (scoped to what it may see), newest first or by deadline. */
export async function listSuggestions(ctx: AppContext, actor: Actor, f: ListFilter, byDue = false) {
  const { db } = ctx.database;
  const where = await whereOf(ctx, actor, f);
  const page = f.page ?? 1;
  const pageSize = Math.min(f.pageSize ?? 20, 5000);
  const [rows, [count]] = await Promise.all([
    baseSelect(db)
      .where(where)
      .orderBy(byDue ? sql`${suggestions.answerDueAt} asc nulls last` : desc(cases.openedAt), asc(cases.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: sql<number>`count(*)` }).from(suggestions).innerJoin(cases, join).where(where),
  ]);
  const now = ctx.clock.now();
  // 回头看 board: the last mid-year / year-end report due (or 未报送) and the next one.
  const reports = f.followUp ? await followUpReports(db, ctx, rows) : null;
  return {
    total: Number(count?.n ?? 0),
    page,
    pageSize,
    items: rows.map((r) => ({
      ...itemOf(r, now),
      ...(reports ? { followUpReports: reports.get(r.c.id) ?? null } : {}),
    })),
  };
}

const inCase = <T extends { regionCode: unknown; caseId: unknown }>(t: T, rc: string, id: string) =>
  and(eq(t.regionCode as never, rc), eq(t.caseId as never, id));

/** The detail: signers, units, 面商, answers, ratings, reports, history and what the viewer may do next. */
export async function suggestionDetail(ctx: AppContext, actor: Actor, id: string) {
  const { db } = ctx.database;
  const [row] = await baseSelect(db).where(
    and(eq(cases.regionCode, actor.regionCode), eq(cases.id, id), eq(cases.caseType, 'suggestions')),
  );
  if (!row) throw suggestionErrors.not_found();
  const v = await viewerOf(db, actor);
  await assertCanSee(db, v, row.c);
  const rc = actor.regionCode;
  const [
    signers,
    assignments,
    contacts,
    answers,
    ratings,
    reports,
    history,
    group,
    sourceOpinion,
    sourceActivity,
    sourceMediation,
  ] = await Promise.all([
    db
      .select({
        deputyId: suggestionSigners.deputyId,
        role: suggestionSigners.role,
        signedAt: suggestionSigners.signedAt,
        name: deputies.name,
      })
      .from(suggestionSigners)
      .leftJoin(
        deputies,
        and(
          eq(deputies.regionCode, suggestionSigners.regionCode),
          eq(deputies.id, suggestionSigners.deputyId),
        ),
      )
      .where(inCase(suggestionSigners, rc, id))
      .orderBy(desc(suggestionSigners.role), asc(suggestionSigners.signedAt)),
    db
      .select({ a: suggestionAssignments, name: departments.name })
      .from(suggestionAssignments)
      .leftJoin(
        departments,
        and(
          eq(departments.regionCode, suggestionAssignments.regionCode),
          eq(departments.id, suggestionAssignments.departmentId),
        ),
      )
      .where(inCase(suggestionAssignments, rc, id))
      .orderBy(asc(suggestionAssignments.assignedAt)),
    db
      .select()
      .from(suggestionContacts)
      .where(inCase(suggestionContacts, rc, id))
      .orderBy(asc(suggestionContacts.day)),
    db
      .select()
      .from(suggestionAnswers)
      .where(inCase(suggestionAnswers, rc, id))
      .orderBy(asc(suggestionAnswers.round)),
    db
      .select()
      .from(suggestionRatings)
      .where(inCase(suggestionRatings, rc, id))
      .orderBy(asc(suggestionRatings.round)),
    db
      .select()
      .from(suggestionReports)
      .where(inCase(suggestionReports, rc, id))
      .orderBy(asc(suggestionReports.reportedAt)),
    db
      .select()
      .from(caseHistory)
      .where(inCase(caseHistory, rc, id))
      .orderBy(asc(caseHistory.seq)),
    row.s.groupId
      ? db
          .select({ id: cases.id, trackingNo: cases.trackingNo, title: cases.title })
          .from(suggestions)
          .innerJoin(cases, join)
          .where(and(eq(suggestions.regionCode, rc), eq(suggestions.groupId, row.s.groupId)))
      : Promise.resolve([]),
    sourceOpinionOf(db, actor, row.s.sourceOpinionId),
    sourceActivityOf(db, actor, row.s.sourceActivityId),
    findingSource(db, actor, row.s.sourceMediationFindingId),
  ]);
  const cats = await resolveSetting(db, rc, row.c.jurisdictionPath, answerCategories);
  const catLabel = (code: string) => cats.find((x) => x.code === code)?.label ?? code;
  return {
    ...itemOf(row, ctx.clock.now()),
    body: row.s.body,
    letterReason: row.s.letterReason,
    followUpReports: (await followUpReports(db, ctx, [row])).get(id) ?? null,
    sourceOpinion,
    sourceActivity,
    sourceMediation,
    group: group.filter((g) => g.id !== id),
    signers: signers.map((x) => ({ ...x, signedAt: x.signedAt.toISOString() })),
    assignments: assignments.map(({ a, name }) => ({
      id: a.id,
      departmentId: a.departmentId,
      departmentName: name,
      role: a.role,
      status: a.status,
      batch: a.batch,
      assignedAt: a.assignedAt.toISOString(),
      returnReason: a.returnReason,
      opinion: a.opinion,
      opinionAt: a.opinionAt?.toISOString() ?? null,
      opinionDueAt: a.opinionDueAt?.toISOString() ?? null,
    })),
    contacts: contacts.map((x) => ({
      id: x.id,
      stage: x.stage,
      stageLabel: stageLabels[x.stage],
      day: x.day,
      form: x.form,
      formLabel: formLabels[x.form],
      agreed: x.agreed,
    })),
    answers: answers.map((x) => ({
      round: x.round,
      body: x.body,
      category: x.category,
      categoryLabel: catLabel(x.category),
      signerName: x.signerName,
      signerTitle: x.signerTitle,
      promisedOn: x.promisedOn,
      noContact: x.noContact,
      onTime: x.onTime,
      answeredAt: x.answeredAt.toISOString(),
    })),
    ratings: ratings.map((x) => ({
      round: x.round,
      attitude: x.attitude,
      result: x.result,
      attitudeLabel: ratingLabels[x.attitude],
      resultLabel: ratingLabels[x.result],
      comment: x.comment,
      ratedAt: x.ratedAt.toISOString(),
    })),
    reports: reports.map((x) => ({
      kind: x.kind,
      year: x.year,
      body: x.body,
      at: x.reportedAt.toISOString(),
    })),
    history: history.map((h) => ({
      action: h.action,
      label: h.action === 'open' ? '起草' : (suggestionCase.actions[h.action]?.label ?? h.action),
      stateLabel: suggestionCase.states[h.toState]?.label ?? h.toState,
      actorLabel: h.actorLabel,
      at: h.at.toISOString(),
      reason:
        typeof (h.payload as { reason?: unknown }).reason === 'string'
          ? (h.payload as { reason: string }).reason
          : null,
    })),
    answerCategories: cats,
    attachments: await attachmentsOf(db, rc, id),
    attachmentsEditable: attachmentsEditable(v, row.c, row.s),
    // 取消重点督办 only on a key suggestion; 会办意见 is the joint units' (the lead unit would be
    // refused): offered only to them.
    actions: availableActions(suggestionCase, row.c, actor)
      .map((a) => a.action)
      .filter((a) => a !== 'unmarkKey' || row.s.keyYear !== null)
      .filter(
        (a) =>
          a !== 'jointOpinion' ||
          assignments.some(
            (x) => x.a.role === 'joint' && x.a.status === 'assigned' && x.a.departmentId === v.departmentId,
          ),
      ),
  };
}

const pct = (n: number, d: number) => (d === 0 ? null : Math.round((n * 1000) / d) / 10);
const ok = (r: string | null) => r === 'satisfied' || r === 'basically_satisfied';

/**
 * Statistics of exactly one congress (the one asked for, or the broadest the viewer may count; a
 * district's figures never include its townships' congresses), optionally one term and session,
 * over what the viewer may see: received (会议期间/闭会期间), registered, letters, assigned,
 * answered (on time = first answer within its deadline), latest answer category counts and the
 * first category's rate, satisfaction (满意+基本满意 among rated) for attitude and result,
 * re-handled, follow-up items still open, and the same per lead unit.
 *
 * "Still open" (B 未落实) is the follow-up board's rule: a promise on record (`promised_on`, set by
 * an answer in a follow-up category) not yet kept. 不满意 clears the promise — the deputy rejected
 * that answer and the item is counted under 重新办理 until it is answered again — so an item in
 * re-handling after a B answer is not counted as open; answered B again, it is.
 */
export async function suggestionStats(ctx: AppContext, actor: Actor, f: ListFilter) {
  const { db } = ctx.database;
  const congress = await congressFor(db, actor, f.congress);
  const where = await whereOf(ctx, actor, {
    ...f,
    congress: congress.code,
    page: undefined,
    pageSize: undefined,
  });
  const rows = await db
    .select({ s: suggestions, state: cases.state, dept: departments.name })
    .from(suggestions)
    .innerJoin(cases, join)
    .leftJoin(
      departments,
      and(
        eq(departments.regionCode, suggestions.regionCode),
        eq(departments.id, suggestions.leadDepartmentId),
      ),
    )
    .where(and(where, isNotNull(suggestions.submittedAt)));
  const ids = rows.map((r) => r.s.caseId);
  const firsts = ids.length
    ? await db
        .select({ caseId: suggestionAnswers.caseId, onTime: suggestionAnswers.onTime })
        .from(suggestionAnswers)
        .where(
          and(
            eq(suggestionAnswers.regionCode, actor.regionCode),
            inArray(suggestionAnswers.caseId, ids),
            eq(suggestionAnswers.round, 1),
          ),
        )
    : [];
  const onTime = new Set(firsts.filter((x) => x.onTime).map((x) => x.caseId));
  const place = await findJurisdiction(db, congress.code);
  const cats = await resolveSetting(db, actor.regionCode, place!.path, answerCategories);
  const summarise = (rs: typeof rows) => {
    const answered = rs.filter((r) => r.s.answeredAt);
    const rated = rs.filter((r) => r.s.attitude);
    const byCategory = Object.fromEntries(
      cats.map((c) => [c.code, answered.filter((r) => r.s.answerCategory === c.code).length]),
    );
    return {
      received: rs.length,
      duringSession: rs.filter((r) => r.s.period === 'session').length,
      interim: rs.filter((r) => r.s.period === 'interim').length,
      registered: rs.filter((r) => r.s.registerNo).length,
      letters: rs.filter((r) => r.state === 'letter').length,
      assigned: rs.filter((r) => r.s.assignedAt).length,
      answered: answered.length,
      answeredOnTime: rs.filter((r) => onTime.has(r.s.caseId)).length,
      byCategory,
      firstCategoryRate: pct(byCategory[cats[0]!.code] ?? 0, answered.length),
      rated: rated.length,
      attitudeSatisfaction: pct(rated.filter((r) => ok(r.s.attitude)).length, rated.length),
      resultSatisfaction: pct(rated.filter((r) => ok(r.s.result)).length, rated.length),
      rehandled: rs.filter((r) => r.s.rehandled > 0).length,
      followUpOpen: rs.filter((r) => r.s.promisedOn && !r.s.followUpDoneAt).length,
    };
  };
  const units = new Map<string, typeof rows>();
  for (const r of rows) {
    if (!r.s.leadDepartmentId) continue;
    units.set(r.s.leadDepartmentId, [...(units.get(r.s.leadDepartmentId) ?? []), r]);
  }
  return {
    congress,
    categories: cats,
    ...summarise(rows),
    byUnit: [...units.entries()]
      .map(([departmentId, rs]) => ({ departmentId, departmentName: rs[0]!.dept, ...summarise(rs) }))
      .sort((a, b) => b.received - a.received),
  };
}

/** Published results for the portal: no deputy contact data, no staff names, no comments. */
async function publicRows(ctx: AppContext, where: SQL, limit: number, offset: number) {
  const { db } = ctx.database;
  const rc = ctx.config.REGION_CODE;
  const rows = await baseSelect(db)
    .where(where)
    .orderBy(desc(suggestions.publishedAt), asc(cases.id))
    .limit(limit)
    .offset(offset);
  const ids = rows.map((r) => r.c.id);
  const [answers, units] = ids.length
    ? await Promise.all([
        db
          .select()
          .from(suggestionAnswers)
          .where(and(eq(suggestionAnswers.regionCode, rc), inArray(suggestionAnswers.caseId, ids)))
          .orderBy(desc(suggestionAnswers.round)),
        db
          .select({
            caseId: suggestionAssignments.caseId,
            role: suggestionAssignments.role,
            name: departments.name,
          })
          .from(suggestionAssignments)
          .innerJoin(
            departments,
            and(
              eq(departments.regionCode, suggestionAssignments.regionCode),
              eq(departments.id, suggestionAssignments.departmentId),
            ),
          )
          .where(
            and(
              eq(suggestionAssignments.regionCode, rc),
              inArray(suggestionAssignments.caseId, ids),
              inArray(suggestionAssignments.status, ['assigned', 'done']),
            ),
          ),
      ])
    : [[], []];
  const cats = await resolveSetting(db, rc, `/${rc}/`, answerCategories);
  return rows.map((r) => {
    const a = answers.find((x) => x.caseId === r.c.id);
    return {
      id: r.c.id,
      registerNo: r.s.registerNo,
      title: r.c.title,
      body: r.s.body,
      category: r.s.category,
      deputyName: r.deputyName,
      stateLabel: suggestionCase.states[r.c.state]?.label ?? r.c.state,
      leadUnit: units.find((u) => u.caseId === r.c.id && u.role === 'lead')?.name ?? r.dept,
      jointUnits: units.filter((u) => u.caseId === r.c.id && u.role === 'joint').map((u) => u.name),
      answerCategory: a?.category ?? null,
      answerCategoryLabel: a ? (cats.find((c) => c.code === a.category)?.label ?? a.category) : null,
      answer: a?.body ?? null,
      answeredOn: a ? toDateString(a.answeredAt) : null,
      promisedOn: a?.promisedOn ?? null,
      attitudeLabel: r.s.attitude ? ratingLabels[r.s.attitude] : null,
      resultLabel: r.s.result ? ratingLabels[r.s.result] : null,
      publishedOn: toDateString(r.s.publishedAt!),
    };
  });
}

const published = (ctx: AppContext) =>
  and(eq(suggestions.regionCode, ctx.config.REGION_CODE), isNotNull(suggestions.publishedAt))!;

export async function publicSuggestions(ctx: AppContext, q: { page?: number; pageSize?: number }) {
  const page = q.page ?? 1;
  const pageSize = Math.min(q.pageSize ?? 20, 100);
  const items = await publicRows(ctx, published(ctx), pageSize, (page - 1) * pageSize);
  const [count] = await ctx.database.db
    .select({ n: sql<number>`count(*)` })
    .from(suggestions)
    .where(published(ctx));
  return { total: Number(count?.n ?? 0), page, pageSize, items };
}

export async function publicSuggestion(ctx: AppContext, id: string) {
  const [item] = await publicRows(ctx, and(published(ctx), eq(suggestions.caseId, id))!, 1, 0);
  if (!item) throw suggestionErrors.not_found();
  return item;
}
