import { and, asc, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { appendAudit } from '../../kernel/audit/audit';
import { type Actor, assertCan, grantsCovering, scopePaths } from '../../kernel/auth/actor';
import type { AppContext } from '../../kernel/context';
import type { Executor, Tx } from '../../kernel/db/client';
import { timers } from '../../kernel/db/kernel.schema';
import { authErrors } from '../../kernel/errors';
import { emit } from '../../kernel/events';
import { uuidv7 } from '../../kernel/ids';
import { resolveSetting } from '../../kernel/settings';
import { accounts } from '../accounts/accounts.schema';
import { congresses } from '../congresses/congresses.schema';
import { deputies, deputyMandates } from '../deputies/deputies.schema';
import { findJurisdiction } from '../jurisdictions/jurisdictions.repository';
import { redactText } from '../opinions/disclosure.usecases';
import { stations } from '../stations/stations.schema';
import { activityErrors } from './activities.errors';
import { voterReportRatings, voterReports } from './activities.schema';
import { voterReportRatingDays } from './activities.settings';
import { deputyOfAccount } from './activities.usecases';
import { chinaDay } from './quotas.engine';
import { reportErrors } from './voter-reports.errors';

export const REPORT_DAY_TIMER = 'activities.voter_report_day';
const STAFF = ['congress_staff', 'station_staff'] as const;
export type Rating = 'satisfied' | 'basically_satisfied' | 'dissatisfied';
export const ratingLabels: Record<Rating, string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  dissatisfied: '不满意',
};
const statusLabels = { scheduled: '已安排', held: '已述职', cancelled: '已取消' } as const;
type Report = typeof voterReports.$inferSelect;

const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export interface ReportInput {
  deputyId: string;
  congressCode: string;
  stationId?: string | null;
  scheduledOn: string;
  startTime?: string | null;
  place?: string | null;
  title: string;
  body: string;
}

/** Checks a schedule against the actor's jurisdiction: the deputy's area and the station must be theirs. */
async function placeReport(exec: Executor, actor: Actor, input: ReportInput) {
  const [c] = await exec
    .select({ code: congresses.jurisdictionCode })
    .from(congresses)
    .where(
      and(eq(congresses.regionCode, actor.regionCode), eq(congresses.jurisdictionCode, input.congressCode)),
    );
  const congress = c ? await findJurisdiction(exec, input.congressCode) : undefined;
  if (!congress) throw activityErrors.no_congress();
  const [d] = await exec
    .select({ id: deputies.id, name: deputies.name, jurisdictionCode: deputies.jurisdictionCode })
    .from(deputies)
    .where(and(eq(deputies.regionCode, actor.regionCode), eq(deputies.id, input.deputyId)));
  const home = d ? await findJurisdiction(exec, d.jurisdictionCode) : undefined;
  if (!d || !home) throw activityErrors.unknown_deputy();
  // A street's staff schedule only their street's deputies.
  assertCan(actor, STAFF, home.path);
  const [m] = await exec
    .select({ id: deputyMandates.id })
    .from(deputyMandates)
    .where(
      and(
        eq(deputyMandates.regionCode, actor.regionCode),
        eq(deputyMandates.deputyId, d.id),
        eq(deputyMandates.congressJurisdictionCode, congress.code),
        sql`(${deputyMandates.startedOn} is null or ${deputyMandates.startedOn} <= ${input.scheduledOn})`,
        sql`(${deputyMandates.endedOn} is null or ${deputyMandates.endedOn} >= ${input.scheduledOn})`,
      ),
    )
    .limit(1);
  if (!m) throw reportErrors.report_deputy_not_in_office();
  let station: { id: string; name: string; address: string } | null = null;
  if (input.stationId) {
    const [s] = await exec
      .select({
        id: stations.id,
        name: stations.name,
        address: stations.address,
        j: stations.jurisdictionCode,
      })
      .from(stations)
      .where(and(eq(stations.regionCode, actor.regionCode), eq(stations.id, input.stationId)));
    const at = s ? await findJurisdiction(exec, s.j) : undefined;
    if (!s || !at || grantsCovering(actor, STAFF, at.path).length === 0)
      throw reportErrors.report_station_out_of_scope();
    station = s;
  }
  const days = await resolveSetting(exec, actor.regionCode, congress.path, voterReportRatingDays);
  return { congress, deputy: d, home, station, closesOn: addDays(input.scheduledOn, days - 1) };
}

/** The report-day timer (00:00 China time of the day): when it fires the report counts as held. */
async function armReportDay(tx: Tx, now: Date, r: Pick<Report, 'regionCode' | 'id' | 'scheduledOn'>) {
  await tx
    .update(timers)
    .set({ status: 'cancelled', cancelledAt: now })
    .where(
      and(
        eq(timers.regionCode, r.regionCode),
        eq(timers.kind, REPORT_DAY_TIMER),
        eq(timers.status, 'open'),
        sql`${timers.payload}->>'reportId' = ${r.id}`,
      ),
    );
  if (!r.scheduledOn) return;
  await tx.insert(timers).values({
    regionCode: r.regionCode,
    id: uuidv7(now.getTime()),
    caseId: null,
    kind: REPORT_DAY_TIMER,
    dueAt: new Date(`${r.scheduledOn}T00:00:00+08:00`),
    payload: { reportId: r.id },
    createdAt: now,
  });
}

const reportEvent = (tx: Tx, at: Date, r: Report, topic: string, extra: Record<string, unknown> = {}) =>
  emit(tx, at, {
    regionCode: r.regionCode,
    topic: `activities.voter_report_${topic}`,
    aggregateType: 'voter_report',
    aggregateId: r.id,
    payload: { reportId: r.id, deputyId: r.deputyId, congressCode: r.congressCode, year: r.year, ...extra },
  });

/** 安排述职: staff schedule a deputy of their jurisdiction to report to voters (audited). */
export async function scheduleReport(ctx: AppContext, actor: Actor, input: ReportInput) {
  const { db } = ctx.database;
  const now = ctx.clock.now();
  const p = await placeReport(db, actor, input);
  return db.transaction(async (tx) => {
    const [r] = await tx
      .insert(voterReports)
      .values({
        regionCode: actor.regionCode,
        id: uuidv7(now.getTime()),
        deputyId: p.deputy.id,
        congressCode: p.congress.code,
        year: Number(input.scheduledOn.slice(0, 4)),
        stationId: p.station?.id ?? null,
        jurisdictionCode: p.home.code,
        jurisdictionPath: p.home.path,
        scheduledOn: input.scheduledOn,
        startTime: input.startTime ?? null,
        place: input.place ?? null,
        title: input.title,
        body: input.body,
        publishedAt: now,
        closesOn: p.closesOn,
        status: 'scheduled',
        createdBy: actor.accountId,
        createdAt: now,
      })
      .returning();
    await armReportDay(tx, now, r!);
    await appendAudit(tx, actor, now, {
      action: 'activities.voter_report_scheduled',
      targetType: 'voter_report',
      targetId: r!.id,
      jurisdictionCode: p.home.code,
      details: { deputyId: p.deputy.id, scheduledOn: input.scheduledOn, stationId: p.station?.id ?? null },
    });
    await reportEvent(tx, now, r!, 'scheduled');
    return r!;
  });
}

async function lockReport(tx: Tx, actor: Actor, id: string) {
  const [r] = await tx
    .select()
    .from(voterReports)
    .where(and(eq(voterReports.regionCode, actor.regionCode), eq(voterReports.id, id)))
    .for('update');
  if (!r) throw activityErrors.report_not_found();
  assertCan(actor, STAFF, r.jurisdictionPath);
  return r;
}

/** Until its day, a scheduled report may be moved or rewritten; afterwards voters rate what they read. */
function assertEditable(r: Report, now: Date) {
  if (r.status !== 'scheduled' || chinaDay(now) >= r.scheduledOn) throw reportErrors.report_not_editable();
}

export async function updateReport(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: Omit<ReportInput, 'deputyId' | 'congressCode'>,
) {
  const { db } = ctx.database;
  const now = ctx.clock.now();
  return db.transaction(async (tx) => {
    const r = await lockReport(tx, actor, id);
    assertEditable(r, now);
    const p = await placeReport(tx, actor, { ...input, deputyId: r.deputyId, congressCode: r.congressCode });
    const [next] = await tx
      .update(voterReports)
      .set({
        stationId: p.station?.id ?? null,
        scheduledOn: input.scheduledOn,
        year: Number(input.scheduledOn.slice(0, 4)),
        startTime: input.startTime ?? null,
        place: input.place ?? null,
        title: input.title,
        body: input.body,
        closesOn: p.closesOn,
        updatedAt: now,
      })
      .where(and(eq(voterReports.regionCode, r.regionCode), eq(voterReports.id, r.id)))
      .returning();
    if (next!.scheduledOn !== r.scheduledOn) await armReportDay(tx, now, next!);
    const changed = (['scheduledOn', 'startTime', 'place', 'stationId', 'title', 'body'] as const).filter(
      (k) => (r[k] ?? null) !== (next![k] ?? null),
    );
    await appendAudit(tx, actor, now, {
      action: 'activities.voter_report_updated',
      targetType: 'voter_report',
      targetId: r.id,
      jurisdictionCode: r.jurisdictionCode,
      details: { changed, scheduledOn: next!.scheduledOn },
    });
    await reportEvent(tx, now, next!, 'updated');
    return next!;
  });
}

export async function cancelReport(ctx: AppContext, actor: Actor, id: string, reason: string) {
  const { db } = ctx.database;
  const now = ctx.clock.now();
  return db.transaction(async (tx) => {
    const r = await lockReport(tx, actor, id);
    assertEditable(r, now);
    const [next] = await tx
      .update(voterReports)
      .set({ status: 'cancelled', cancelReason: reason, cancelledAt: now, updatedAt: now })
      .where(and(eq(voterReports.regionCode, r.regionCode), eq(voterReports.id, r.id)))
      .returning();
    await tx
      .update(timers)
      .set({ status: 'cancelled', cancelledAt: now })
      .where(
        and(
          eq(timers.regionCode, r.regionCode),
          eq(timers.kind, REPORT_DAY_TIMER),
          eq(timers.status, 'open'),
          sql`${timers.payload}->>'reportId' = ${r.id}`,
        ),
      );
    await appendAudit(tx, actor, now, {
      action: 'activities.voter_report_cancelled',
      targetType: 'voter_report',
      targetId: r.id,
      jurisdictionCode: r.jurisdictionCode,
      details: { reason },
    });
    await reportEvent(tx, now, next!, 'cancelled');
    return next!;
  });
}

/** The report day came (its timer fired): scheduled → held, once; emits `activities.voter_report_held`. */
export async function markHeld(tx: Tx, regionCode: string, reportId: string, at: Date) {
  const [r] = await tx
    .update(voterReports)
    .set({ status: 'held', heldAt: at })
    .where(
      and(
        eq(voterReports.regionCode, regionCode),
        eq(voterReports.id, reportId),
        eq(voterReports.status, 'scheduled'),
      ),
    )
    .returning();
  if (r) await reportEvent(tx, at, r, 'held');
  return r ?? null;
}

export type RatingState = 'not_open' | 'open' | 'closed' | 'cancelled';
export function ratingState(r: Pick<Report, 'status' | 'scheduledOn' | 'closesOn'>, now: Date): RatingState {
  if (r.status === 'cancelled') return 'cancelled';
  const today = chinaDay(now);
  if (today < r.scheduledOn) return 'not_open';
  if (r.closesOn && today > r.closesOn) return 'closed';
  return 'open';
}
const stateLabels: Record<RatingState, string> = {
  not_open: '述职当天开始评议',
  open: '评议进行中',
  closed: '评议已结束',
  cancelled: '述职已取消',
};

export interface Results {
  total: number;
  counts: Record<Rating, number>;
  /** (满意 + 基本满意) / total, in per cent with one decimal; null without ratings. */
  satisfactionRate: number | null;
}

/** Counts per report, one grouped query. */
export async function resultsOf(
  exec: Executor,
  regionCode: string,
  ids: string[],
): Promise<Map<string, Results>> {
  const out = new Map<string, Results>();
  for (const id of ids)
    out.set(id, {
      total: 0,
      counts: { satisfied: 0, basically_satisfied: 0, dissatisfied: 0 },
      satisfactionRate: null,
    });
  if (ids.length === 0) return out;
  const rows = await exec
    .select({
      id: voterReportRatings.reportId,
      rating: voterReportRatings.rating,
      n: sql<number>`count(*)::int`,
    })
    .from(voterReportRatings)
    .where(and(eq(voterReportRatings.regionCode, regionCode), inArray(voterReportRatings.reportId, ids)))
    .groupBy(voterReportRatings.reportId, voterReportRatings.rating);
  for (const r of rows) {
    const res = out.get(r.id)!;
    res.counts[r.rating] = Number(r.n);
    res.total += Number(r.n);
  }
  for (const res of out.values())
    if (res.total > 0)
      res.satisfactionRate =
        Math.round(((res.counts.satisfied + res.counts.basically_satisfied) * 1000) / res.total) / 10;
  return out;
}

/** Comments (stored de-identified); the deputy and the archive never see hidden ones. */
async function commentsOf(exec: Executor, regionCode: string, ids: string[], withHidden: boolean) {
  if (ids.length === 0) return [];
  return exec
    .select({
      reportId: voterReportRatings.reportId,
      id: voterReportRatings.id,
      rating: voterReportRatings.rating,
      comment: voterReportRatings.comment,
      ratedAt: voterReportRatings.ratedAt,
      hiddenAt: voterReportRatings.hiddenAt,
      hiddenReason: voterReportRatings.hiddenReason,
    })
    .from(voterReportRatings)
    .where(
      and(
        eq(voterReportRatings.regionCode, regionCode),
        inArray(voterReportRatings.reportId, ids),
        sql`${voterReportRatings.comment} is not null`,
        ...(withHidden ? [] : [isNull(voterReportRatings.hiddenAt)]),
      ),
    )
    .orderBy(asc(voterReportRatings.ratedAt));
}

type Row = {
  r: Report;
  deputyName: string;
  deputyCode: string;
  stationName: string | null;
  stationAddress: string | null;
};

async function reportsWhere(exec: Executor, where: SQL, limit = 500, offset = 0): Promise<Row[]> {
  return exec
    .select({
      r: voterReports,
      deputyName: deputies.name,
      deputyCode: deputies.publicCode,
      stationName: stations.name,
      stationAddress: stations.address,
    })
    .from(voterReports)
    .innerJoin(
      deputies,
      and(eq(deputies.regionCode, voterReports.regionCode), eq(deputies.id, voterReports.deputyId)),
    )
    .leftJoin(
      stations,
      and(eq(stations.regionCode, voterReports.regionCode), eq(stations.id, voterReports.stationId)),
    )
    .where(where)
    .orderBy(desc(voterReports.scheduledOn), desc(voterReports.id))
    .limit(limit)
    .offset(offset);
}

function present(row: Row, results: Results | undefined, now: Date) {
  const { r } = row;
  const state = ratingState(r, now);
  return {
    id: r.id,
    deputyId: r.deputyId,
    deputyName: row.deputyName,
    deputyCode: row.deputyCode,
    congressCode: r.congressCode,
    year: r.year,
    jurisdictionCode: r.jurisdictionCode,
    stationId: r.stationId,
    stationName: row.stationName,
    place: r.place,
    scheduledOn: r.scheduledOn,
    startTime: r.startTime,
    title: r.title,
    body: r.body,
    closesOn: r.closesOn,
    status: r.status,
    statusLabel: statusLabels[r.status],
    cancelReason: r.cancelReason,
    ratingState: state,
    ratingStateLabel: stateLabels[state],
    editable: r.status === 'scheduled' && chinaDay(now) < r.scheduledOn,
    results: results ?? null,
  };
}

export interface ReportFilter {
  year?: number;
  status?: 'scheduled' | 'held' | 'cancelled';
  deputyId?: string;
  page?: number;
  pageSize?: number;
}

/** Staff: the reports of their jurisdiction's deputies, with the rating counts. */
export async function listReports(ctx: AppContext, actor: Actor, f: ReportFilter) {
  const { db } = ctx.database;
  const paths = scopePaths(actor, STAFF);
  if (paths.length === 0) throw authErrors.forbidden();
  const conds: SQL[] = [
    eq(voterReports.regionCode, actor.regionCode),
    sql`(${sql.join(
      paths.map((p) => sql`${voterReports.jurisdictionPath} like ${`${p}%`}`),
      sql` or `,
    )})`,
  ];
  if (f.year) conds.push(eq(voterReports.year, f.year));
  if (f.status) conds.push(eq(voterReports.status, f.status));
  if (f.deputyId) conds.push(eq(voterReports.deputyId, f.deputyId));
  const pageSize = Math.min(f.pageSize ?? 20, 100);
  const page = Math.max(1, f.page ?? 1);
  const where = and(...conds)!;
  const [rows, [count]] = await Promise.all([
    reportsWhere(db, where, pageSize, (page - 1) * pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(voterReports).where(where),
  ]);
  const results = await resultsOf(
    db,
    actor.regionCode,
    rows.map((r) => r.r.id),
  );
  const now = ctx.clock.now();
  return {
    total: Number(count?.n ?? 0),
    page,
    pageSize,
    items: rows.map((r) => present(r, results.get(r.r.id), now)),
  };
}

/** One report with its results: staff of its jurisdiction (with hidden comments marked) or the deputy. */
export async function reportDetail(ctx: AppContext, actor: Actor, id: string) {
  const { db } = ctx.database;
  const [row] = await reportsWhere(
    db,
    and(eq(voterReports.regionCode, actor.regionCode), eq(voterReports.id, id))!,
  );
  if (!row) throw activityErrors.report_not_found();
  const staff = grantsCovering(actor, STAFF, row.r.jurisdictionPath).length > 0;
  if (!staff && (await deputyOfAccount(db, actor)) !== row.r.deputyId)
    throw activityErrors.report_not_found();
  const results = await resultsOf(db, actor.regionCode, [id]);
  const comments = await commentsOf(db, actor.regionCode, [id], staff);
  return {
    ...present(row, results.get(id), ctx.clock.now()),
    canModerate: staff,
    comments: comments.map((c) => ({
      id: c.id,
      rating: c.rating,
      ratingLabel: ratingLabels[c.rating],
      comment: c.comment,
      ratedAt: c.ratedAt.toISOString(),
      ...(staff ? { hidden: c.hiddenAt !== null, hiddenReason: c.hiddenReason } : {}),
    })),
  };
}

/** 我的述职: the deputy's own reports with results (hidden comments left out). */
export async function myReports(ctx: AppContext, actor: Actor, q: { year?: number }) {
  const { db } = ctx.database;
  const me = await deputyOfAccount(db, actor);
  if (!me) throw activityErrors.not_a_deputy();
  const rows = await reportsWhere(
    db,
    and(
      eq(voterReports.regionCode, actor.regionCode),
      eq(voterReports.deputyId, me),
      ...(q.year ? [eq(voterReports.year, q.year)] : []),
    )!,
    100,
  );
  const ids = rows.map((r) => r.r.id);
  const [results, comments] = await Promise.all([
    resultsOf(db, actor.regionCode, ids),
    commentsOf(db, actor.regionCode, ids, false),
  ]);
  const now = ctx.clock.now();
  return {
    items: rows.map((r) => ({
      ...present(r, results.get(r.r.id), now),
      comments: comments
        .filter((c) => c.reportId === r.r.id)
        .map((c) => ({
          rating: c.rating,
          ratingLabel: ratingLabels[c.rating],
          comment: c.comment,
          ratedAt: c.ratedAt.toISOString(),
        })),
    })),
  };
}

/** Moderation: staff hide a comment (abusive, or personal data the masks missed); audited, the rating still counts. */
export async function hideComment(
  ctx: AppContext,
  actor: Actor,
  reportId: string,
  ratingId: string,
  reason: string,
) {
  const { db } = ctx.database;
  const now = ctx.clock.now();
  return db.transaction(async (tx) => {
    const r = await lockReport(tx, actor, reportId);
    const [hit] = await tx
      .update(voterReportRatings)
      .set({ hiddenAt: now, hiddenBy: actor.accountId, hiddenReason: reason })
      .where(
        and(
          eq(voterReportRatings.regionCode, r.regionCode),
          eq(voterReportRatings.reportId, r.id),
          eq(voterReportRatings.id, ratingId),
        ),
      )
      .returning({ id: voterReportRatings.id });
    if (!hit) throw reportErrors.rating_not_found();
    await appendAudit(tx, actor, now, {
      action: 'activities.voter_report_comment_hidden',
      targetType: 'voter_report',
      targetId: r.id,
      jurisdictionCode: r.jurisdictionCode,
      details: { ratingId, reason },
    });
    return { id: ratingId, hidden: true };
  });
}

/** The portal's report page: the report as published, where and when, and whether rating is open. */
export async function publicReport(ctx: AppContext, regionCode: string, id: string) {
  const { db } = ctx.database;
  const [row] = await reportsWhere(
    db,
    and(eq(voterReports.regionCode, regionCode), eq(voterReports.id, id))!,
  );
  if (!row?.r.publishedAt) throw activityErrors.report_not_found();
  const { r } = row;
  const congress = await findJurisdiction(db, r.congressCode);
  const state = ratingState(r, ctx.clock.now());
  return {
    id: r.id,
    title: r.title,
    body: r.status === 'cancelled' ? null : r.body,
    deputy: { name: row.deputyName, code: row.deputyCode },
    congressName: congress?.name ?? null,
    scheduledOn: r.scheduledOn,
    startTime: r.startTime,
    place: r.place,
    station: row.stationName ? { name: row.stationName, address: row.stationAddress } : null,
    closesOn: r.closesOn,
    status: r.status,
    statusLabel: statusLabels[r.status],
    ratingState: state,
    ratingStateLabel: stateLabels[state],
  };
}

async function citizenPhoneHash(exec: Executor, actor: Actor) {
  if (actor.kind !== 'citizen' || !actor.accountId) throw reportErrors.not_a_citizen();
  const [a] = await exec
    .select({ phoneHash: accounts.phoneHash })
    .from(accounts)
    .where(and(eq(accounts.regionCode, actor.regionCode), eq(accounts.id, actor.accountId)));
  if (!a?.phoneHash) throw reportErrors.not_a_citizen();
  return a.phoneHash;
}

/** Whether the signed-in voter already rated this report (and how). */
export async function myRating(ctx: AppContext, actor: Actor, id: string) {
  const { db } = ctx.database;
  const hash = await citizenPhoneHash(db, actor);
  const [r] = await db
    .select({ rating: voterReportRatings.rating, ratedAt: voterReportRatings.ratedAt })
    .from(voterReportRatings)
    .where(
      and(
        eq(voterReportRatings.regionCode, actor.regionCode),
        eq(voterReportRatings.reportId, id),
        eq(voterReportRatings.phoneHash, hash),
      ),
    );
  return r
    ? { rated: true, rating: r.rating, ratingLabel: ratingLabels[r.rating], ratedAt: r.ratedAt.toISOString() }
    : { rated: false };
}

/**
 * 评议: a voter signed in by SMS code rates a report 满意/基本满意/不满意 with an optional comment,
 * within the window. One rating per verified phone per report — the phone's blind index is part of
 * the primary key, so a second attempt (even a concurrent one) is refused and changes nothing. The
 * comment is de-identified before it is stored.
 */
export async function rateReport(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { rating: Rating; comment?: string },
) {
  const { db } = ctx.database;
  const now = ctx.clock.now();
  const hash = await citizenPhoneHash(db, actor);
  return db.transaction(async (tx) => {
    const [r] = await tx
      .select()
      .from(voterReports)
      .where(and(eq(voterReports.regionCode, actor.regionCode), eq(voterReports.id, id)));
    if (!r?.publishedAt || r.status === 'cancelled') throw activityErrors.report_not_found();
    const state = ratingState(r, now);
    if (state === 'not_open') throw reportErrors.report_not_open({ opensOn: r.scheduledOn });
    if (state === 'closed') throw activityErrors.report_closed({ closesOn: r.closesOn });
    const comment = input.comment?.trim() ? redactText(input.comment.trim()) : null;
    const [row] = await tx
      .insert(voterReportRatings)
      .values({
        regionCode: actor.regionCode,
        reportId: r.id,
        phoneHash: hash,
        accountId: actor.accountId,
        rating: input.rating,
        comment,
        ratedAt: now,
      })
      .onConflictDoNothing()
      .returning({ id: voterReportRatings.id });
    if (!row) throw activityErrors.already_rated();
    await appendAudit(tx, actor, now, {
      action: 'activities.voter_report_rated',
      targetType: 'voter_report',
      targetId: r.id,
      jurisdictionCode: r.jurisdictionCode,
      details: { rating: input.rating },
    });
    await reportEvent(tx, now, r, 'rated', { rating: input.rating });
    return {
      rated: true,
      rating: input.rating,
      ratingLabel: ratingLabels[input.rating],
      ratedAt: now.toISOString(),
    };
  });
}

export interface YearResult {
  reportId: string;
  title: string;
  scheduledOn: string;
  place: string | null;
  stationName: string | null;
  status: 'scheduled' | 'held' | 'cancelled';
  statusLabel: string;
  closesOn: string | null;
  total: number;
  counts: Record<Rating, number>;
  satisfactionRate: number | null;
  comments: Array<{ rating: Rating; ratingLabel: string; comment: string; ratedAt: string }>;
}

/**
 * 述职评议 results of one deputy's year, for the annual archive: every report that was not
 * cancelled, with counts, satisfaction rate ((满意 + 基本满意) / total, %) and the de-identified,
 * unhidden comments. No phone, no account, nothing that identifies a voter.
 */
export async function voterReportResultsForYear(
  exec: Executor,
  regionCode: string,
  deputyId: string,
  year: number,
): Promise<YearResult[]> {
  const rows = await reportsWhere(
    exec,
    and(
      eq(voterReports.regionCode, regionCode),
      eq(voterReports.deputyId, deputyId),
      eq(voterReports.year, year),
      sql`${voterReports.status} <> 'cancelled'`,
    )!,
    100,
  );
  const ids = rows.map((r) => r.r.id);
  const [results, comments] = await Promise.all([
    resultsOf(exec, regionCode, ids),
    commentsOf(exec, regionCode, ids, false),
  ]);
  return rows
    .sort((a, b) => a.r.scheduledOn.localeCompare(b.r.scheduledOn))
    .map(({ r, stationName }) => {
      const res = results.get(r.id)!;
      return {
        reportId: r.id,
        title: r.title,
        scheduledOn: r.scheduledOn,
        place: r.place,
        stationName,
        status: r.status,
        statusLabel: statusLabels[r.status],
        closesOn: r.closesOn,
        ...res,
        comments: comments
          .filter((c) => c.reportId === r.id)
          .map((c) => ({
            rating: c.rating,
            ratingLabel: ratingLabels[c.rating],
            comment: c.comment!,
            ratedAt: c.ratedAt.toISOString(),
          })),
      };
    });
}
