import { and, asc, desc, eq, gte, inArray, lt, lte, type SQL, sql } from 'drizzle-orm';
import { revealPersonalData } from '../../kernel/audit/reveal';
import type { Actor } from '../../kernel/auth/actor';
import type { AppContext } from '../../kernel/context';
import { maskAddress } from '../../kernel/crypto/pii';
import type { Executor } from '../../kernel/db/client';
import { caseHistory, cases } from '../../kernel/db/kernel.schema';
import { sha256 } from '../../kernel/ids';
import { availableActions, caseType } from '../../kernel/workflow/definition';
import { stateLabeler } from '../../kernel/workflow/state-names';
import { departments } from '../congresses/congresses.schema';
import { deputies } from '../deputies/deputies.schema';
import { findJurisdiction, findJurisdictions } from '../jurisdictions/jurisdictions.repository';
import { stations } from '../stations/stations.schema';
import { publicSuggestionsOfOpinion, suggestionsOfOpinion } from '../suggestions/links';
import { assertCanSee, type Viewer, viewerOf, visibleTo } from './access';
import { redactText } from './disclosure.usecases';
import { opinionCase, PUBLIC_ACTIONS } from './opinions.case';
import { opinionErrors } from './opinions.errors';
import { followSecret, loadOpinion, type Opinion } from './opinions.repository';
import {
  opinionAssignments,
  opinionAttachments,
  opinionCategories,
  opinionExtensions,
  opinionProgressReports,
  opinionRatings,
  opinionReplies,
  opinionSubmissions,
  opinions,
} from './opinions.schema';
import { mergedRatingDue } from './rating.usecases';
import { untriaged } from './routing.usecases';
import { keywordCondition } from './search';
import { decodePayload, pendingSubmissionsOf } from './submissions';

type CaseRow = typeof cases.$inferSelect;

export const channelLabels: Record<Opinion['channel'], string> = {
  portal: '网上反映',
  qr_deputy: '扫码找代表',
  qr_station: '扫码找站点',
  walk_in: '现场接待',
  field_note: '民情笔记',
  observer: '民情观察员',
  hotline: '12345热线',
  open311: '开放接口',
};
export const ratingLabels = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  dissatisfied: '不满意',
} as const;
export const outcomeLabels = { solved: '已解决', in_progress: '正在解决', explained: '已解释说明' } as const;
/** 改正位置 (relocate.usecases.ts) changes no state, so it is history without a workflow action. */
const actionLabel = (a: string) =>
  a === 'open' ? '提交' : a === 'relocate' ? '改正位置' : (opinionCase.actions[a]?.label ?? a);

async function names(exec: Executor, regionCode: string, os: Opinion[]) {
  const ids = (xs: Array<string | null>) => [...new Set(xs.filter((x): x is string => !!x))];
  const depIds = ids(os.map((o) => o.departmentId));
  const depRows = depIds.length
    ? await exec
        .select({ id: departments.id, name: departments.name })
        .from(departments)
        .where(and(eq(departments.regionCode, regionCode), inArray(departments.id, depIds)))
    : [];
  const dIds = ids(os.map((o) => o.deputyId));
  const dRows = dIds.length
    ? await exec
        .select({ id: deputies.id, name: deputies.name })
        .from(deputies)
        .where(and(eq(deputies.regionCode, regionCode), inArray(deputies.id, dIds)))
    : [];
  const sIds = ids(os.map((o) => o.stationId));
  const sRows = sIds.length
    ? await exec
        .select({ id: stations.id, name: stations.name })
        .from(stations)
        .where(and(eq(stations.regionCode, regionCode), inArray(stations.id, sIds)))
    : [];
  const cats = await exec
    .select({ code: opinionCategories.code, name: opinionCategories.name })
    .from(opinionCategories)
    .where(eq(opinionCategories.regionCode, regionCode));
  const areas = await findJurisdictions(
    exec,
    ids(os.flatMap((o) => [o.townshipCode, o.communityCode, o.gridCode])),
  );
  // State names as the case's congress calls them (one cached look-up for the whole page).
  const state = await stateLabeler(exec, regionCode, 'opinions');
  return {
    state,
    department: new Map(depRows.map((r) => [r.id, r.name])),
    deputy: new Map(dRows.map((r) => [r.id, r.name])),
    station: new Map(sRows.map((r) => [r.id, r.name])),
    category: new Map(cats.map((r) => [r.code, r.name])),
    area: (code: string | null) => (code ? (areas.get(code)?.name ?? null) : null),
  };
}

/** One list row: masked personal data only. */
function row(c: CaseRow, o: Opinion, n: Awaited<ReturnType<typeof names>>, now: Date) {
  const data = c.data as { supervisionLevel?: number; returns?: number; reopens?: number };
  return {
    id: c.id,
    trackingNo: c.trackingNo,
    title: c.title,
    state: c.state,
    stateLabel: n.state(c.state, c.jurisdictionPath),
    phase: c.phase,
    channel: o.channel,
    channelLabel: channelLabels[o.channel],
    categoryCode: o.categoryCode,
    categoryName: o.categoryCode ? (n.category.get(o.categoryCode) ?? null) : null,
    township: n.area(o.townshipCode),
    community: n.area(o.communityCode),
    grid: n.area(o.gridCode),
    departmentId: o.departmentId,
    departmentName: o.departmentId ? (n.department.get(o.departmentId) ?? null) : null,
    deputyName: o.deputyId ? (n.deputy.get(o.deputyId) ?? null) : null,
    stationName: o.stationId ? (n.station.get(o.stationId) ?? null) : null,
    contactPhoneMasked: o.contactPhoneMasked,
    replyDueAt: o.replyDueAt?.toISOString() ?? null,
    overdue: !!o.replyDueAt && o.replyDueAt < now && c.phase === 'handling',
    supervisionLevel: data.supervisionLevel ?? 0,
    returnCount: data.returns ?? 0,
    reopenCount: data.reopens ?? 0,
    openedAt: c.openedAt.toISOString(),
    closedAt: c.closedAt?.toISOString() ?? null,
  };
}
export type OpinionRow = ReturnType<typeof row>;

/**
 * The 交办清单's states: every case from its 交办 on — in a unit's hands, answered, under review or
 * closed. Rejected and merged cases were never assigned; a returned case waits (已受理) to be
 * assigned again. Exactly the cases whose opinion row names a lead unit (set by 交办 and 改派, kept
 * through 答复 and 办结, cleared by 退回), which a region-wide count reads without joining `cases`.
 */
export const ASSIGNED_STATES = ['assigned', 'in_progress', 'replied', 'staff_review', 'closed'];

/** Totals above this are shown as "10000+". */
export const COUNT_CAP = 10_000;

export interface ListFilter {
  state?: string;
  /** Any of these states. */
  states?: string[];
  /** Assigned to a unit: the 交办清单 (ASSIGNED_STATES). */
  assigned?: boolean;
  phase?: 'intake' | 'handling' | 'feedback' | 'closed';
  scope?: string;
  categoryCode?: string;
  departmentId?: string;
  overdue?: boolean;
  /** 'mine': the department inbox / the deputy's received opinions only. */
  view?: 'all' | 'department' | 'deputy';
  from?: string;
  to?: string;
  /** Keywords (jieba-segmented, all words must occur) or a tracking number. */
  q?: string;
  /** 待人工分派: accepted cases no routing rule decides (routing.usecases.ts#untriaged). */
  triage?: boolean;
  page?: number;
  pageSize?: number;
}

/** The WHERE conditions of a list (scope by viewer, then the filters), shared by pages and exports. */
function listConditions(v: Viewer, f: ListFilter, now: Date): SQL[] {
  const conds: SQL[] = [eq(cases.regionCode, v.actor.regionCode), eq(cases.caseType, 'opinions')];
  if (f.view === 'department') {
    conds.push(visibleTo({ ...v, staffPaths: [], deputyId: null }));
  } else if (f.view === 'deputy') {
    conds.push(visibleTo({ ...v, staffPaths: [], departmentId: null }));
  } else conds.push(visibleTo(v));
  if (f.state) {
    conds.push(eq(cases.state, f.state));
    // The state's phase too, so the (phase, opened_at) index serves a rare state (e.g. 不满意待审核).
    const phase = opinionCase.states[f.state]?.phase;
    if (phase) conds.push(eq(cases.phase, phase));
  }
  if (f.states?.length) conds.push(inArray(cases.state, f.states));
  if (f.phase) conds.push(eq(cases.phase, f.phase));
  if (f.scope) conds.push(sql`${cases.jurisdictionPath} like ${`%/${f.scope}/%`}`);
  if (f.categoryCode) conds.push(sql`${opinions.categoryCode} like ${`${f.categoryCode}%`}`);
  if (f.departmentId) conds.push(eq(opinions.departmentId, f.departmentId));
  if (f.assigned) conds.push(inArray(cases.state, ASSIGNED_STATES));
  if (f.overdue) {
    conds.push(eq(cases.phase, 'handling'), lt(opinions.replyDueAt, now));
    // A unit's overdue board: the reply deadline is the lead unit's (joint units have none).
    if (v.departmentId && f.view === 'department') conds.push(eq(opinions.departmentId, v.departmentId));
  }
  // opinions.created_at equals cases.opened_at (both the moment of submission); a category filter
  // reads the date from opinions so one index serves both (docs/PERFORMANCE.md).
  const opened = f.categoryCode ? opinions.createdAt : cases.openedAt;
  if (f.from) conds.push(gte(opened, new Date(`${f.from}T00:00:00+08:00`)));
  if (f.to) conds.push(lte(opened, new Date(`${f.to}T23:59:59.999+08:00`)));
  if (f.q?.trim()) conds.push(keywordCondition(f.q));
  if (f.triage)
    conds.push(eq(cases.state, 'accepted'), eq(cases.phase, 'intake'), untriaged(v.actor.regionCode));
  return conds;
}

const joinOpinions = and(eq(opinions.regionCode, cases.regionCode), eq(opinions.caseId, cases.id));

/**
 * Every row a list filter matches, newest first, in chunks (keyset on opened_at, id: each chunk
 * is one index range, memory stays bounded whatever the total) — for exports, never truncated.
 */
export async function* walkOpinions(ctx: AppContext, actor: Actor, f: ListFilter, chunk = 1000) {
  const { db } = ctx.database;
  const v = await viewerOf(db, actor);
  const now = ctx.clock.now();
  const conds = listConditions(v, f, now);
  let after: string | null = null;
  for (;;) {
    const page: Array<{ c: CaseRow; o: Opinion }> = await db
      .select({ c: cases, o: opinions })
      .from(cases)
      .innerJoin(opinions, joinOpinions)
      .where(
        and(
          ...conds,
          // The exact stored instant (microseconds) of the last row, not its JavaScript Date.
          ...(after
            ? [
                sql`${cases.openedAt} <= (select c2.opened_at from ${cases} c2 where c2.region_code = ${actor.regionCode} and c2.id = ${after})`,
                sql`(${cases.openedAt} < (select c2.opened_at from ${cases} c2 where c2.region_code = ${actor.regionCode} and c2.id = ${after}) or ${cases.id} < ${after})`,
              ]
            : []),
        ),
      )
      .orderBy(desc(cases.openedAt), desc(cases.id))
      .limit(chunk);
    if (page.length === 0) return;
    const n = await names(
      db,
      actor.regionCode,
      page.map((r) => r.o),
    );
    yield page.map((r) => row(r.c, r.o, n, now));
    if (page.length < chunk) return;
    after = page.at(-1)!.c.id;
  }
}

export async function listOpinions(ctx: AppContext, actor: Actor, f: ListFilter) {
  const { db } = ctx.database;
  const v = await viewerOf(db, actor);
  const now = ctx.clock.now();
  const conds = listConditions(v, f, now);
  const pageSize = Math.min(f.pageSize ?? 20, 200);
  const page = Math.max(1, f.page ?? 1);
  const where = and(...conds);
  const join = joinOpinions;
  // Count at most COUNT_CAP + 1 rows, joining opinions only when a condition needs it: an exact
  // count over a million rows cannot take 100 ms (docs/PERFORMANCE.md).
  const needsOpinions =
    !!(f.categoryCode || f.departmentId || f.overdue || f.q?.trim()) ||
    f.view === 'department' ||
    f.view === 'deputy' ||
    !!v.departmentId ||
    !!v.deputyId;
  // A region-wide viewer whose filters are all on the opinion row (category, dates, unit) counts
  // from `opinions` alone (one row per opinion case): no join to a million cases.
  const regionPath = (await findJurisdiction(db, actor.regionCode))?.path;
  const opinionSideOnly =
    !f.state &&
    !f.triage &&
    !f.states?.length &&
    !f.phase &&
    !f.overdue &&
    !f.scope &&
    !f.q?.trim() &&
    !v.departmentId &&
    !v.deputyId &&
    (f.view ?? 'all') === 'all' &&
    !!regionPath &&
    v.staffPaths.includes(regionPath);
  const opinionSide = and(
    eq(opinions.regionCode, actor.regionCode),
    ...(f.categoryCode ? [sql`${opinions.categoryCode} like ${`${f.categoryCode}%`}`] : []),
    ...(f.departmentId ? [eq(opinions.departmentId, f.departmentId)] : []),
    ...(f.from ? [gte(opinions.createdAt, new Date(`${f.from}T00:00:00+08:00`))] : []),
    ...(f.to ? [lte(opinions.createdAt, new Date(`${f.to}T23:59:59.999+08:00`))] : []),
  );
  // 交办清单: ASSIGNED_STATES are exactly the cases whose opinion row names a lead unit. Beside a
  // category, the category index picks the case ids (fenced by its LIMIT) and each is probed for its
  // unit by a per-row subquery, stopping at COUNT_CAP + 1: a join or EXISTS there made the planner
  // scan a whole covering index (docs/PERFORMANCE.md §2).
  const picked = db
    .select({ caseId: opinions.caseId })
    .from(opinions)
    .where(opinionSide)
    .limit(2 ** 31 - 1)
    .as('pick');
  const counted = opinionSideOnly
    ? f.assigned && f.categoryCode
      ? db
          .select({ one: sql`1` })
          .from(picked)
          .where(
            sql`(select o2.department_id from ${opinions} o2 where o2.region_code = ${actor.regionCode}
              and o2.case_id = ${picked.caseId}) is not null`,
          )
          .limit(COUNT_CAP + 1)
      : db
          .select({ one: sql`1` })
          .from(opinions)
          .where(and(opinionSide, ...(f.assigned ? [sql`${opinions.departmentId} is not null`] : [])))
          .limit(COUNT_CAP + 1)
    : needsOpinions
      ? db
          .select({ one: sql`1` })
          .from(cases)
          .innerJoin(opinions, join)
          .where(where)
          .limit(COUNT_CAP + 1)
      : db
          .select({ one: sql`1` })
          .from(cases)
          .where(where)
          .limit(COUNT_CAP + 1);
  const [rows, [count]] = await Promise.all([
    db
      .select({ c: cases, o: opinions })
      .from(cases)
      .innerJoin(opinions, join)
      .where(where)
      .orderBy(f.overdue ? asc(opinions.replyDueAt) : desc(cases.openedAt))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: sql<number>`count(*)` }).from(counted.as('t')),
  ]);
  const n = await names(
    db,
    actor.regionCode,
    rows.map((r) => r.o),
  );
  const total = Number(count?.n ?? 0);
  return {
    total: Math.min(total, COUNT_CAP),
    /** More than COUNT_CAP matched: shown as "10000+"; narrow the filter to page further. */
    totalIsLowerBound: total > COUNT_CAP,
    page,
    pageSize,
    items: rows.map((r) => row(r.c, r.o, n, now)),
  };
}

/**
 * The actions this viewer may take now: role, scope and guard; a unit's actions only on its own
 * case — the lead unit's handling steps, or 会办意见 for a unit with a live joint assignment.
 */
function actionsFor(v: Viewer, c: CaseRow, o: Opinion, jointUnits: Set<string>) {
  return availableActions(caseType('opinions'), c, v.actor).filter((a) => {
    if (a.action === 'jointOpinion') return !!v.departmentId && jointUnits.has(v.departmentId);
    const deptOnly = a.roles.length > 0 && a.roles.every((r) => r === 'department_handler');
    return !deptOnly || (!!v.departmentId && v.departmentId === o.departmentId);
  });
}

async function detailParts(exec: Executor, c: CaseRow) {
  const key = <T extends { regionCode: unknown; caseId: unknown }>(t: T) =>
    and(eq(t.regionCode as never, c.regionCode), eq(t.caseId as never, c.id));
  const [history, assignments, extensions, replies, ratings, attachments, progress] = await Promise.all([
    exec.select().from(caseHistory).where(key(caseHistory)).orderBy(asc(caseHistory.seq)),
    exec
      .select()
      .from(opinionAssignments)
      .where(key(opinionAssignments))
      .orderBy(asc(opinionAssignments.assignedAt), asc(opinionAssignments.id)),
    exec
      .select()
      .from(opinionExtensions)
      .where(key(opinionExtensions))
      .orderBy(asc(opinionExtensions.requestedAt), asc(opinionExtensions.id)),
    exec.select().from(opinionReplies).where(key(opinionReplies)).orderBy(asc(opinionReplies.round)),
    exec.select().from(opinionRatings).where(key(opinionRatings)).orderBy(asc(opinionRatings.round)),
    exec
      .select()
      .from(opinionAttachments)
      .where(key(opinionAttachments))
      .orderBy(asc(opinionAttachments.createdAt)),
    exec
      .select()
      .from(opinionProgressReports)
      .where(key(opinionProgressReports))
      .orderBy(asc(opinionProgressReports.reportedAt)),
  ]);
  return { history, assignments, extensions, replies, ratings, attachments, progress };
}

const historyNote = (p: Record<string, unknown>) =>
  [
    p.reason,
    p.comment,
    p.rating ? ratingLabels[p.rating as keyof typeof ratingLabels] : null,
    p.days ? `${p.days}个工作日` : null,
    p.location,
  ]
    .filter(Boolean)
    .join('；') || null;

/** Case detail for staff, units and deputies: history, assignments, replies — personal data masked. */
export async function opinionDetail(ctx: AppContext, actor: Actor, id: string) {
  const { db } = ctx.database;
  const v = await viewerOf(db, actor);
  const { c, o } = await loadOpinion(db, actor.regionCode, id);
  await assertCanSee(db, v, c, o);
  const n = await names(db, actor.regionCode, [o]);
  const parts = await detailParts(db, c);
  const depName = (d: string | null) => (d ? (n.department.get(d) ?? null) : null);
  const allDeps = await db
    .select({ id: departments.id, name: departments.name })
    .from(departments)
    .where(
      and(
        eq(departments.regionCode, actor.regionCode),
        inArray(departments.id, [
          ...new Set([
            ...parts.assignments.map((a) => a.departmentId),
            ...parts.replies.flatMap((r) => (r.departmentId ? [r.departmentId] : [])),
          ]),
          '00000000-0000-0000-0000-000000000000',
        ]),
      ),
    );
  for (const d of allDeps) n.department.set(d.id, d.name);
  const mergedRatings = await db
    .select({ trackingNo: cases.trackingNo, r: opinionRatings })
    .from(opinionRatings)
    .innerJoin(
      opinions,
      and(eq(opinions.regionCode, opinionRatings.regionCode), eq(opinions.caseId, opinionRatings.caseId)),
    )
    .innerJoin(cases, and(eq(cases.regionCode, opinions.regionCode), eq(cases.id, opinions.caseId)))
    .where(and(eq(opinions.regionCode, c.regionCode), eq(opinions.mergedInto, c.id)))
    .orderBy(asc(opinionRatings.ratedAt));
  const mergedDue =
    c.state === 'merged' && o.mergedInto ? await mergedRatingDue(db, c.regionCode, c.id, o.mergedInto) : null;
  return {
    ...row(c, o, n, ctx.clock.now()),
    description: o.description,
    addressMasked: o.addressMasked,
    contactNameMasked: o.contactNameMasked,
    allowDisclosure: o.allowDisclosure,
    disclosureWithheldReason: o.disclosureWithheldReason,
    externalTicketNo: o.externalTicketNo,
    version: c.version,
    /** 民意转建议: the suggestions this opinion became (details only of those the viewer may see). */
    suggestions: await suggestionsOfOpinion(db, actor, c.id),
    history: parts.history.map((h) => ({
      seq: h.seq,
      action: h.action,
      label: actionLabel(h.action),
      toState: h.toState,
      toLabel: n.state(h.toState, c.jurisdictionPath),
      actorLabel: h.actorLabel,
      at: h.at.toISOString(),
      note: historyNote(h.payload as Record<string, unknown>),
    })),
    assignments: parts.assignments.map((a) => ({
      id: a.id,
      departmentName: depName(a.departmentId),
      role: a.role,
      status: a.status,
      reason: a.reason,
      suggestedDepartmentName: depName(a.suggestedDepartmentId),
      assignedAt: a.assignedAt.toISOString(),
      signedAt: a.signedAt?.toISOString() ?? null,
      returnReason: a.returnReason,
      opinion: a.opinion,
      opinionAt: a.opinionAt?.toISOString() ?? null,
    })),
    progress: parts.progress.map((p) => ({
      body: p.body,
      at: p.reportedAt.toISOString(),
      departmentName: depName(p.departmentId),
    })),
    complex: (c.data as { complex?: boolean }).complex === true,
    /** 现场接待: the station's reception day a walk-in was recorded on. */
    receptionDay: (c.data as { receptionDay?: { day: string } }).receptionDay?.day ?? null,
    extensions: parts.extensions.map((e) => ({
      id: e.id,
      days: e.days,
      reason: e.reason,
      status: e.status,
      requestedAt: e.requestedAt.toISOString(),
      decisionNote: e.decisionNote,
    })),
    replies: parts.replies.map((r) => ({
      round: r.round,
      departmentName: depName(r.departmentId),
      body: r.body,
      outcome: r.outcome,
      outcomeLabel: outcomeLabels[r.outcome],
      repliedAt: r.repliedAt.toISOString(),
    })),
    ratings: parts.ratings.map((r) => ({
      round: r.round,
      rating: r.rating,
      ratingLabel: r.rating ? ratingLabels[r.rating] : '逾期未评价',
      comment: r.comment,
      auto: r.auto,
      ratedAt: r.ratedAt.toISOString(),
    })),
    /** 并单: how the citizens of the cases merged into this one rated its answers (not its own rating). */
    mergedRatings: mergedRatings.map(({ trackingNo, r }) => ({
      trackingNo,
      round: r.round,
      ratingLabel: r.rating ? ratingLabels[r.rating] : '逾期未评价',
      comment: r.comment,
      ratedAt: r.ratedAt.toISOString(),
    })),
    attachments: parts.attachments.map((a) => ({
      id: a.id,
      stage: a.stage,
      round: a.round,
      mime: a.mime,
      bytes: a.bytes,
    })),
    actions: actionsFor(
      v,
      c,
      o,
      new Set(
        parts.assignments
          .filter((a) => a.role === 'joint' && (a.status === 'assigned' || a.status === 'signed'))
          .map((a) => a.departmentId),
      ),
    )
      // 并单: a merged citizen's rating (taken by phone) only once the main case's answer awaits it.
      .filter((a) => a.action !== 'rateMerged' || !!mergedDue)
      .map((a) => ({ action: a.action, label: a.label })),
  };
}

/** Public steps only (no internal notes, no staff names), for the citizen's follow page and 我的. */
async function publicView(ctx: AppContext, exec: Executor, c: CaseRow, o: Opinion) {
  const n = await names(exec, c.regionCode, [o]);
  const parts = await detailParts(exec, c);
  const data = c.data as { reopens?: number };
  // 并单: the main case's answer, once given, is the merged citizen's to rate (on their own case).
  const mergedDue =
    c.state === 'merged' && o.mergedInto
      ? await mergedRatingDue(exec, c.regionCode, c.id, o.mergedInto)
      : null;
  return {
    id: c.id,
    trackingNo: c.trackingNo,
    title: c.title,
    description: o.description,
    state: c.state,
    stateLabel: n.state(c.state, c.jurisdictionPath),
    phase: c.phase,
    categoryName: o.categoryCode ? (n.category.get(o.categoryCode) ?? null) : null,
    township: n.area(o.townshipCode),
    addressMasked: o.addressMasked,
    deputyName: o.deputyId ? (n.deputy.get(o.deputyId) ?? null) : null,
    stationName: o.stationId ? (n.station.get(o.stationId) ?? null) : null,
    departmentName: o.departmentId ? (n.department.get(o.departmentId) ?? null) : null,
    openedAt: c.openedAt.toISOString(),
    closedAt: c.closedAt?.toISOString() ?? null,
    steps: parts.history
      .filter((h) => PUBLIC_ACTIONS.has(h.action))
      .map((h) => ({
        label: actionLabel(h.action),
        stateLabel: n.state(h.toState, c.jurisdictionPath),
        at: h.at.toISOString(),
        note:
          h.action === 'reject' || h.action === 'reviewClose'
            ? historyNote(h.payload as Record<string, unknown>)
            : null,
      })),
    replies: parts.replies.map((r) => ({
      round: r.round,
      body: r.body,
      outcomeLabel: outcomeLabels[r.outcome],
      repliedAt: r.repliedAt.toISOString(),
    })),
    ratings: parts.ratings.map((r) => ({
      round: r.round,
      ratingLabel: r.rating ? ratingLabels[r.rating] : '逾期未评价',
    })),
    photos: parts.attachments.filter((a) => a.stage === 'intake').length,
    /** Taken up by the deputy as a suggestion (number and stage; the portal page once published). */
    suggestions: await publicSuggestionsOfOpinion(exec, c.regionCode, c.id),
    progress: parts.progress.map((p) => ({ body: p.body, at: p.reportedAt.toISOString() })),
    /** 并单: the main case's public steps and answers (never its description or the other citizen's data). */
    mergedInto: o.mergedInto ? await mergedMain(ctx, exec, c.regionCode, o.mergedInto) : null,
    /** Rating is offered to the signed-in owner (我的); the reopen choice is explained beforehand. */
    canRate: c.state === 'replied' || !!mergedDue,
    /** A merged citizen's 不满意 goes to the congress staff; it does not reopen the main case. */
    dissatisfiedReopens: !mergedDue && (data.reopens ?? 0) < 1,
  };
}

async function mergedMain(ctx: AppContext, exec: Executor, regionCode: string, mainId: string) {
  const [hit] = await exec
    .select({ c: cases, o: opinions })
    .from(cases)
    .innerJoin(opinions, and(eq(opinions.regionCode, cases.regionCode), eq(opinions.caseId, cases.id)))
    .where(and(eq(cases.regionCode, regionCode), eq(cases.id, mainId)));
  if (!hit) return null;
  const main = hit.c;
  // The answers were written to another citizen: their name and address are masked too.
  const personal = {
    names: hit.o.contactNameEnc ? [ctx.vault.decrypt(hit.o.contactNameEnc)] : [],
    addresses: hit.o.addressEnc ? [ctx.vault.decrypt(hit.o.addressEnc)] : [],
  };
  const parts = await detailParts(exec, main);
  const stateLabel = await stateLabeler(exec, regionCode, 'opinions');
  return {
    trackingNo: main.trackingNo,
    state: main.state,
    stateLabel: stateLabel(main.state, main.jurisdictionPath),
    phase: main.phase,
    closedAt: main.closedAt?.toISOString() ?? null,
    steps: parts.history
      .filter((h) => PUBLIC_ACTIONS.has(h.action) && h.action !== 'open')
      .map((h) => ({
        label: actionLabel(h.action),
        stateLabel: stateLabel(h.toState, main.jurisdictionPath),
        at: h.at.toISOString(),
      })),
    replies: parts.replies.map((r) => ({
      round: r.round,
      body: redactText(r.body, personal),
      outcomeLabel: outcomeLabels[r.outcome],
      repliedAt: r.repliedAt.toISOString(),
    })),
  };
}

/** Follow by tracking number and the secret of the link (`/o/<no>?k=<secret>`). */
export async function followOpinion(ctx: AppContext, trackingNo: string, secret: string) {
  const { db } = ctx.database;
  const region = ctx.config.REGION_CODE;
  const filed = async () =>
    (
      await db
        .select({ c: cases, o: opinions })
        .from(cases)
        .innerJoin(opinions, and(eq(opinions.regionCode, cases.regionCode), eq(opinions.caseId, cases.id)))
        .where(
          and(eq(cases.regionCode, region), eq(cases.trackingNo, trackingNo), eq(cases.caseType, 'opinions')),
        )
    )[0];
  let hit = await filed();
  if (!hit) {
    // Accepted but not filed yet (a queued submission): the link works from the first second. Only
    // unfiled rows are looked at (a small partial index, docs/PERFORMANCE.md); one filed in between
    // is found as a case on the second look.
    const [s] = await db
      .select()
      .from(opinionSubmissions)
      .where(
        and(
          eq(opinionSubmissions.regionCode, region),
          eq(opinionSubmissions.trackingNo, trackingNo),
          inArray(opinionSubmissions.status, ['pending', 'failed']),
        ),
      );
    if (s) {
      if (sha256(followSecret(ctx, s.id)) !== sha256(secret)) throw opinionErrors.follow_link_invalid();
      const { canRate: _r, dissatisfiedReopens: _d, ...view } = pendingView(ctx, s);
      return view;
    }
    hit = await filed();
    if (!hit) throw opinionErrors.follow_link_invalid();
  }
  if (hit.o.followSecretHash !== sha256(secret)) throw opinionErrors.follow_link_invalid();
  const { canRate: _r, dissatisfiedReopens: _d, ...view } = await publicView(ctx, db, hit.c, hit.o);
  return view;
}

/** A submission not filed yet, in the shape of the public view: 已提交，正在登记. */
function pendingView(ctx: AppContext, s: typeof opinionSubmissions.$inferSelect) {
  const { input, photos } = decodePayload(ctx, s.payloadEnc);
  const at = s.submittedAt.toISOString();
  return {
    id: s.id,
    trackingNo: s.trackingNo,
    title: input.title,
    description: input.description,
    state: 'received',
    stateLabel: '已提交，正在登记',
    phase: 'intake',
    categoryName: null,
    township: null,
    addressMasked: input.address ? maskAddress(input.address) : null,
    deputyName: null,
    stationName: null,
    departmentName: null,
    openedAt: at,
    closedAt: null,
    steps: [{ label: '提交', stateLabel: '已提交，正在登记', at, note: null }],
    replies: [],
    ratings: [],
    photos: photos.length,
    progress: [],
    mergedInto: null,
    canRate: false,
    dissatisfiedReopens: true,
  };
}

/** 我的: the signed-in citizen's own cases (by account; walk-ins are linked by phone at intake). */
export async function myOpinions(ctx: AppContext, actor: Actor) {
  if (actor.kind !== 'citizen' || !actor.accountId) throw opinionErrors.not_a_citizen();
  const { db } = ctx.database;
  const rows = await db
    .select({ c: cases, o: opinions })
    .from(cases)
    .innerJoin(opinions, and(eq(opinions.regionCode, cases.regionCode), eq(opinions.caseId, cases.id)))
    .where(and(eq(opinions.regionCode, actor.regionCode), eq(opinions.citizenAccountId, actor.accountId)))
    .orderBy(desc(cases.openedAt))
    .limit(50);
  const pending = (await pendingSubmissionsOf(ctx, actor.regionCode, actor.accountId)).map((s) =>
    pendingView(ctx, s),
  );
  return [...pending.reverse(), ...(await Promise.all(rows.map((r) => publicView(ctx, db, r.c, r.o))))];
}

/** Staff reveal a contact's phone or name (e.g. for a phone follow-up): audited, never in lists. */
export async function revealContact(ctx: AppContext, actor: Actor, id: string, purpose: string) {
  const { db } = ctx.database;
  const v = await viewerOf(db, actor);
  const { c, o } = await loadOpinion(db, actor.regionCode, id);
  await assertCanSee(db, v, c, o);
  const field = (f: string) => ({
    targetType: 'opinion',
    targetId: c.id,
    field: f,
    jurisdictionCode: c.jurisdictionCode,
    purpose,
  });
  return db.transaction(async (tx) => ({
    name: o.contactNameEnc ? await revealPersonalData(ctx, tx, actor, field('name'), o.contactNameEnc) : null,
    phone: o.contactPhoneEnc
      ? await revealPersonalData(ctx, tx, actor, field('phone'), o.contactPhoneEnc)
      : null,
    address: o.addressEnc ? await revealPersonalData(ctx, tx, actor, field('address'), o.addressEnc) : null,
  }));
}

/** Categories for forms: the tree of the congress nearest to the region (flat, with parent codes). */
export async function listCategories(ctx: AppContext, regionCode: string) {
  return ctx.database.db
    .select({
      code: opinionCategories.code,
      parentCode: opinionCategories.parentCode,
      name: opinionCategories.name,
      level: opinionCategories.level,
      complexity: opinionCategories.complexity,
    })
    .from(opinionCategories)
    .where(
      and(
        eq(opinionCategories.regionCode, regionCode),
        eq(opinionCategories.jurisdictionCode, regionCode),
        eq(opinionCategories.active, true),
      ),
    )
    .orderBy(asc(opinionCategories.level), asc(opinionCategories.sort));
}
