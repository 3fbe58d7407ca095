import { and, asc, eq, gte, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import { appendAudit } from '../../kernel/audit/audit';
import { type Actor, assertCan } from '../../kernel/auth/actor';
import type { AppContext } from '../../kernel/context';
import { maskPhone } from '../../kernel/crypto/pii';
import type { Executor } from '../../kernel/db/client';
import { cases } from '../../kernel/db/kernel.schema';
import { resolveSetting } from '../../kernel/settings';
import { stateLabeler } from '../../kernel/workflow/state-names';
import { congresses } from '../congresses/congresses.schema';
import { deputiesErrors, levelLabels } from '../deputies/deputies.model';
import { deputies, deputyMandates } from '../deputies/deputies.schema';
import { findJurisdiction, findJurisdictions } from '../jurisdictions/jurisdictions.repository';
import { opinionRatings, opinions } from '../opinions/opinions.schema';
import { ratingLabels } from '../opinions/queries.usecases';
import { suggestionCase } from '../suggestions/suggestions.case';
import { suggestionSigners, suggestions } from '../suggestions/suggestions.schema';
import { answerCategories } from '../suggestions/suggestions.settings';
import { activities, activityParticipants } from './activities.schema';
import { activityKinds } from './activities.settings';
import { type Attendance, attendanceLabels, deputyOfAccount } from './activities.usecases';
import { lineInWords } from './points.engine';
import { adjustmentsOf, scoresOf } from './points.usecases';
import { voterReportResultsForYear } from './voter-reports.usecases';

/** Who may read an archive besides the deputy: congress staff whose jurisdiction covers the deputy. */
export const ARCHIVE_STAFF = ['congress_staff'] as const;
type Rating = keyof typeof ratingLabels;

/** Instants of a calendar year in China time (the year a record belongs to). */
const yearBounds = (year: number) => ({
  from: new Date(`${year}-01-01T00:00:00+08:00`),
  to: new Date(`${year + 1}-01-01T00:00:00+08:00`),
});
const chinaDay = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
const countRatings = (ratings: Array<Rating | null>) => ({
  satisfied: ratings.filter((r) => r === 'satisfied').length,
  basicallySatisfied: ratings.filter((r) => r === 'basically_satisfied').length,
  dissatisfied: ratings.filter((r) => r === 'dissatisfied').length,
  unrated: ratings.filter((r) => r === null).length,
});

/**
 * The deputy an archive is about, after the access check: the deputy themself, or congress staff
 * whose jurisdiction covers the deputy's. Anyone else is refused (another street, another deputy).
 */
async function archiveSubject(ctx: AppContext, actor: Actor, deputyId: string) {
  const { db } = ctx.database;
  const [d] = await db
    .select()
    .from(deputies)
    .where(and(eq(deputies.regionCode, actor.regionCode), eq(deputies.id, deputyId)));
  if (!d) throw deputiesErrors.not_found();
  const where = await findJurisdiction(db, d.jurisdictionCode);
  if ((await deputyOfAccount(db, actor)) !== d.id)
    assertCan(actor, ARCHIVE_STAFF, where?.path ?? `/${d.jurisdictionCode}/`);
  return { d, where };
}

/** Mandates in force at some time of the year, with their congress's name. */
async function mandatesInYear(exec: Executor, regionCode: string, deputyId: string, year: number) {
  const rows = await exec
    .select({ m: deputyMandates, congressName: congresses.name })
    .from(deputyMandates)
    .leftJoin(
      congresses,
      and(
        eq(congresses.regionCode, deputyMandates.regionCode),
        eq(congresses.jurisdictionCode, deputyMandates.congressJurisdictionCode),
      ),
    )
    .where(
      and(
        eq(deputyMandates.regionCode, regionCode),
        eq(deputyMandates.deputyId, deputyId),
        or(isNull(deputyMandates.startedOn), lte(deputyMandates.startedOn, `${year}-12-31`)),
        or(isNull(deputyMandates.endedOn), gte(deputyMandates.endedOn, `${year}-01-01`)),
      ),
    )
    .orderBy(asc(sql`length(${deputyMandates.congressJurisdictionCode})`), asc(deputyMandates.startedOn));
  return rows.map(({ m, congressName }) => ({
    level: m.level,
    levelLabel: levelLabels[m.level],
    congressCode: m.congressJurisdictionCode,
    congressName: congressName ?? m.congressJurisdictionCode,
    term: m.term,
    electoralDistrict: m.electoralDistrict,
    delegation: m.delegation,
    groupName: m.groupName,
    startedOn: m.startedOn,
    endedOn: m.endedOn,
  }));
}

/** Confirmed activities of the year the deputy took part in, with their attendance. */
async function activitiesInYear(exec: Executor, regionCode: string, deputyId: string, year: number) {
  const rows = await exec
    .select({ a: activities, attendance: activityParticipants.attendance })
    .from(activityParticipants)
    .innerJoin(
      activities,
      and(
        eq(activities.regionCode, activityParticipants.regionCode),
        eq(activities.id, activityParticipants.activityId),
      ),
    )
    .where(
      and(
        eq(activityParticipants.regionCode, regionCode),
        eq(activityParticipants.deputyId, deputyId),
        eq(activities.status, 'confirmed'),
        sql`${activities.day} between ${`${year}-01-01`} and ${`${year}-12-31`}`,
      ),
    )
    .orderBy(asc(activities.day), asc(activities.id));
  // Kind names as each congress set them (a kind code may be named differently per congress).
  const names = new Map<string, Map<string, string>>();
  const congressPaths = await findJurisdictions(exec, [...new Set(rows.map((r) => r.a.congressCode))]);
  for (const [code, j] of congressPaths) {
    const kinds = await resolveSetting(exec, regionCode, j.path, activityKinds);
    names.set(code, new Map(kinds.map((k) => [k.code, k.name])));
  }
  const items = rows.map(({ a, attendance }) => ({
    id: a.id,
    day: a.day,
    kind: a.kind,
    kindName: names.get(a.congressCode)?.get(a.kind) ?? a.kind,
    title: a.title,
    place: a.place,
    attendance,
    attendanceLabel: attendanceLabels[attendance],
    citizensReceived: a.citizensReceived,
    opinionsCollected: a.opinionsCollected,
    problemsSolved: a.problemsSolved,
  }));
  const tally = (list: typeof items) => {
    const n = (x: Attendance) => list.filter((i) => i.attendance === x).length;
    return { total: list.length, present: n('present'), excused: n('excused'), absent: n('absent') };
  };
  const kinds = [...new Set(items.map((i) => i.kind))];
  return {
    attendance: tally(items),
    byKind: kinds
      .map((kind) => {
        const list = items.filter((i) => i.kind === kind);
        return { kind, kindName: list[0]!.kindName, ...tally(list) };
      })
      .sort((a, b) => b.total - a.total || a.kind.localeCompare(b.kind)),
    items,
    trainings: items.filter((i) => i.kind === 'training'),
    citizensReceived: items
      .filter((i) => i.attendance === 'present')
      .reduce((s, i) => s + i.citizensReceived, 0),
  };
}

/** Suggestions the deputy led or co-signed, submitted in the year, with their outcome. */
async function suggestionsInYear(exec: Executor, regionCode: string, deputyId: string, year: number) {
  const { from, to } = yearBounds(year);
  const rows = await exec
    .select({ s: suggestions, c: cases, role: suggestionSigners.role })
    .from(suggestionSigners)
    .innerJoin(
      suggestions,
      and(
        eq(suggestions.regionCode, suggestionSigners.regionCode),
        eq(suggestions.caseId, suggestionSigners.caseId),
      ),
    )
    .innerJoin(cases, and(eq(cases.regionCode, suggestions.regionCode), eq(cases.id, suggestions.caseId)))
    .where(
      and(
        eq(suggestionSigners.regionCode, regionCode),
        eq(suggestionSigners.deputyId, deputyId),
        gte(suggestions.submittedAt, from),
        lt(suggestions.submittedAt, to),
      ),
    )
    .orderBy(asc(suggestions.submittedAt));
  const labels = new Map<string, Map<string, string>>();
  for (const [code, j] of await findJurisdictions(exec, [...new Set(rows.map((r) => r.s.congressCode))])) {
    const cats = await resolveSetting(exec, regionCode, j.path, answerCategories);
    labels.set(code, new Map(cats.map((c) => [c.code, c.label])));
  }
  const states = suggestionCase.states as Record<string, { label: string }>;
  const items = rows.map(({ s, c, role }) => ({
    caseId: c.id,
    trackingNo: c.trackingNo,
    title: c.title,
    role,
    roleLabel: role === 'lead' ? '领衔' : '联名',
    state: c.state,
    stateLabel: states[c.state]?.label ?? c.state,
    registerNo: s.registerNo,
    answerCategory: s.answerCategory,
    answerCategoryLabel: s.answerCategory
      ? (labels.get(s.congressCode)?.get(s.answerCategory) ?? s.answerCategory)
      : null,
    attitudeLabel: s.attitude ? ratingLabels[s.attitude] : null,
    resultLabel: s.result ? ratingLabels[s.result] : null,
    key: s.keyYear !== null,
  }));
  const byCategory = new Map<string, number>();
  for (const i of items)
    if (i.answerCategory) byCategory.set(i.answerCategory, (byCategory.get(i.answerCategory) ?? 0) + 1);
  return {
    total: items.length,
    led: items.filter((i) => i.role === 'lead').length,
    cosigned: items.filter((i) => i.role === 'co').length,
    registered: items.filter((i) => i.registerNo).length,
    key: items.filter((i) => i.key).length,
    answerCategories: [...byCategory].sort().map(([code, count]) => ({ code, count })),
    items,
  };
}

/** Opinions addressed to the deputy that were opened in the year, how far they went and their rating. */
async function opinionsInYear(exec: Executor, regionCode: string, deputyId: string, year: number) {
  const { from, to } = yearBounds(year);
  const rows = await exec
    .select({
      id: cases.id,
      trackingNo: cases.trackingNo,
      title: cases.title,
      state: cases.state,
      phase: cases.phase,
      jurisdictionPath: cases.jurisdictionPath,
      openedAt: cases.openedAt,
    })
    .from(opinions)
    .innerJoin(cases, and(eq(cases.regionCode, opinions.regionCode), eq(cases.id, opinions.caseId)))
    .where(
      and(
        eq(opinions.regionCode, regionCode),
        eq(opinions.deputyId, deputyId),
        gte(cases.openedAt, from),
        lt(cases.openedAt, to),
      ),
    )
    .orderBy(asc(cases.openedAt));
  const ratings = rows.length
    ? await exec
        .select({ caseId: opinionRatings.caseId, round: opinionRatings.round, rating: opinionRatings.rating })
        .from(opinionRatings)
        .where(
          and(
            eq(opinionRatings.regionCode, regionCode),
            inArray(
              opinionRatings.caseId,
              rows.map((r) => r.id),
            ),
          ),
        )
    : [];
  // The rating of the last round counts (a 不满意 that led to re-handling is superseded).
  const last = new Map<string, { round: number; rating: Rating | null }>();
  for (const r of ratings)
    if ((last.get(r.caseId)?.round ?? 0) < r.round) last.set(r.caseId, { round: r.round, rating: r.rating });
  const stateLabel = await stateLabeler(exec, regionCode, 'opinions');
  const items = rows.map((r) => {
    const rating = last.get(r.id)?.rating ?? null;
    return {
      caseId: r.id,
      trackingNo: r.trackingNo,
      title: r.title,
      openedOn: chinaDay(r.openedAt),
      stateLabel: stateLabel(r.state, r.jurisdictionPath),
      closed: r.phase === 'closed',
      rating,
      ratingLabel: rating ? ratingLabels[rating] : last.has(r.id) ? '逾期未评价' : null,
    };
  });
  const rated = items.filter((i) => last.has(i.caseId)).map((i) => i.rating);
  return {
    received: items.length,
    closed: items.filter((i) => i.closed).length,
    ratings: countRatings(rated),
    items,
  };
}

/** 述职评议 results of the year (the 述职评议 use cases' own summary; cancelled reports left out). */
async function voterReportsInYear(exec: Executor, regionCode: string, deputyId: string, year: number) {
  return (await voterReportResultsForYear(exec, regionCode, deputyId, year)).map((r) => ({
    id: r.reportId,
    title: r.title,
    scheduledOn: r.scheduledOn,
    place: r.stationName ?? r.place,
    statusLabel: r.statusLabel,
    total: r.total,
    satisfied: r.counts.satisfied,
    basicallySatisfied: r.counts.basically_satisfied,
    dissatisfied: r.counts.dissatisfied,
    satisfactionRate: r.satisfactionRate,
  }));
}

/**
 * Points of the year in every congress the deputy sat in, through the same scoring as the points
 * table (`scoresOf` → the engine): lines with rule key, count, price, cap and the formula in words.
 */
async function pointsInYear(
  exec: Executor,
  regionCode: string,
  deputyId: string,
  year: number,
  mandates: Awaited<ReturnType<typeof mandatesInYear>>,
) {
  const out = [];
  for (const code of [...new Set(mandates.map((m) => m.congressCode))]) {
    const { rows, ruleSetYear } = await scoresOf(exec, regionCode, code, year, { deputyIds: [deputyId] });
    const row = rows[0];
    if (!row) continue;
    const adjustments = await adjustmentsOf(exec, regionCode, code, year, [deputyId]);
    const s = row.score;
    out.push({
      congressCode: code,
      congressName: mandates.find((m) => m.congressCode === code)!.congressName,
      level: row.level,
      levelLabel: levelLabels[row.level as keyof typeof levelLabels] ?? row.level,
      ruleSetYear,
      total: s.total,
      base: s.base,
      months: s.months,
      factor: s.factor,
      formula: s.formula,
      lines: s.lines.map((l) => ({ ...l, words: lineInWords(l) })),
      unpriced: s.unpriced,
      adjustments: adjustments
        .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
        .map((a) => ({
          id: a.id,
          points: a.points,
          reason: a.reason,
          at: a.createdAt.toISOString(),
        })),
    });
  }
  return out;
}

export type Archive = Awaited<ReturnType<typeof assembleArchive>>;

/** Everything of one deputy-year, generated from the records (nothing in it is typed by hand). */
export async function assembleArchive(
  ctx: AppContext,
  { d, where }: Awaited<ReturnType<typeof archiveSubject>>,
  year: number,
) {
  const { db } = ctx.database;
  const { regionCode, id: deputyId } = d;
  const mandates = await mandatesInYear(db, regionCode, deputyId, year);
  const [acts, sugg, ops, points, reports] = await Promise.all([
    activitiesInYear(db, regionCode, deputyId, year),
    suggestionsInYear(db, regionCode, deputyId, year),
    opinionsInYear(db, regionCode, deputyId, year),
    pointsInYear(db, regionCode, deputyId, year, mandates),
    voterReportsInYear(db, regionCode, deputyId, year),
  ]);
  const phone = d.phoneEnc ? ctx.vault.decrypt(d.phoneEnc) : null;
  return {
    year,
    generatedAt: ctx.clock.now().toISOString(),
    generatedOn: chinaDay(ctx.clock.now()),
    /** The header: the congress of the deputy's highest-level mandate that year. */
    congressName: mandates[0]?.congressName ?? where?.name ?? '',
    deputy: {
      id: d.id,
      name: d.name,
      gender: d.gender,
      ethnicity: d.ethnicity,
      birthYear: d.birthYear,
      party: d.party,
      occupationCategory: d.occupationCategory,
      workplace: d.workplace,
      jurisdictionName: where?.name ?? d.jurisdictionCode,
      phoneMasked: phone ? maskPhone(phone) : null,
      status: d.status,
      statusChangedOn: d.statusChangedOn,
    },
    mandates,
    activities: acts,
    suggestions: sugg,
    opinions: ops,
    points,
    voterReports: reports,
  };
}

/** Reads a deputy's archive (audited: who read whose archive, for which year, in which form). */
export async function readArchive(
  ctx: AppContext,
  actor: Actor,
  q: { deputyId?: string; year: number; format: 'web' | 'pdf' },
): Promise<Archive> {
  const { db } = ctx.database;
  const deputyId = q.deputyId ?? (await deputyOfAccount(db, actor));
  if (!deputyId) throw deputiesErrors.not_found();
  const subject = await archiveSubject(ctx, actor, deputyId);
  const { d } = subject;
  const archive = await assembleArchive(ctx, subject, q.year);
  await db.transaction((tx) =>
    appendAudit(tx, actor, ctx.clock.now(), {
      action: 'archives.read',
      targetType: 'deputy',
      targetId: d.id,
      jurisdictionCode: d.jurisdictionCode,
      details: { year: q.year, format: q.format },
    }),
  );
  return archive;
}
