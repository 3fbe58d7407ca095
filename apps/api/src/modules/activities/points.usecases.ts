import { and, asc, eq, inArray } from 'drizzle-orm';
import { appendAudit } from '../../kernel/audit/audit';
import { type Actor, assertCan } from '../../kernel/auth/actor';
import type { AppContext } from '../../kernel/context';
import type { Executor } from '../../kernel/db/client';
import { uuidv7 } from '../../kernel/ids';
import { deputies, deputyMandates } from '../deputies/deputies.schema';
import { findJurisdiction } from '../jurisdictions/jurisdictions.repository';
import { activityErrors } from './activities.errors';
import { pointAdjustments, pointEvidence, pointRuleSets } from './activities.schema';
import { deputyOfAccount } from './activities.usecases';
import { talliesOf } from './evidence';
import { monthsInOffice, ruleSetFor, type Score, score } from './points.engine';
import { DEFAULT_RULE_SET, type RuleSet, ruleSetSchema } from './points.rules';

const STAFF = ['congress_staff'] as const;
const chinaYear = (d: Date) => Number(new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 4));

async function congressOrThrow(exec: Executor, code: string) {
  const j = await findJurisdiction(exec, code);
  if (!j) throw activityErrors.no_congress();
  return j;
}

/** The congress's rule sets, newest first, and the one in force for a year (default: version 0). */
export async function ruleSets(exec: Executor, regionCode: string, congressCode: string) {
  return exec
    .select()
    .from(pointRuleSets)
    .where(and(eq(pointRuleSets.regionCode, regionCode), eq(pointRuleSets.congressCode, congressCode)))
    .orderBy(asc(pointRuleSets.effectiveYear));
}

export async function rulesFor(exec: Executor, regionCode: string, congressCode: string, year: number) {
  const set = ruleSetFor(await ruleSets(exec, regionCode, congressCode), year);
  return {
    id: set?.id ?? null,
    effectiveYear: set?.effectiveYear ?? null,
    rules: set ? ruleSetSchema.parse(set.rules) : DEFAULT_RULE_SET,
  };
}

/**
 * A new rule set, in force from the start of `effectiveYear`; only for a year that has not begun,
 * so a change never rewrites points already earned (audited).
 */
export async function createRuleSet(
  ctx: AppContext,
  actor: Actor,
  input: { congressCode: string; effectiveYear: number; rules: RuleSet; note?: string },
) {
  const { db } = ctx.database;
  const congress = await congressOrThrow(db, input.congressCode);
  assertCan(actor, STAFF, congress.path);
  const now = ctx.clock.now();
  if (input.effectiveYear <= chinaYear(now))
    throw activityErrors.rule_year_started({ earliest: chinaYear(now) + 1 });
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(pointRuleSets)
      .values({
        regionCode: actor.regionCode,
        id: uuidv7(now.getTime()),
        congressCode: congress.code,
        effectiveYear: input.effectiveYear,
        rules: input.rules,
        note: input.note ?? null,
        createdBy: actor.accountId,
        createdAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) throw activityErrors.rule_year_taken();
    await appendAudit(tx, actor, now, {
      action: 'points.rule_set_created',
      targetType: 'point_rule_set',
      targetId: row.id,
      jurisdictionCode: congress.code,
      details: { effectiveYear: input.effectiveYear, rules: input.rules.rules.length },
    });
    return row;
  });
}

/** The deputies of a congress at a level with their mandate dates (for prorating). */
async function mandatesOf(exec: Executor, regionCode: string, congressCode: string, deputyIds?: string[]) {
  return exec
    .select({
      deputyId: deputyMandates.deputyId,
      level: deputyMandates.level,
      startedOn: deputyMandates.startedOn,
      endedOn: deputyMandates.endedOn,
      name: deputies.name,
      publicCode: deputies.publicCode,
    })
    .from(deputyMandates)
    .innerJoin(
      deputies,
      and(eq(deputies.regionCode, deputyMandates.regionCode), eq(deputies.id, deputyMandates.deputyId)),
    )
    .where(
      and(
        eq(deputyMandates.regionCode, regionCode),
        eq(deputyMandates.congressJurisdictionCode, congressCode),
        ...(deputyIds ? [inArray(deputyMandates.deputyId, deputyIds)] : []),
      ),
    );
}

export async function adjustmentsOf(
  exec: Executor,
  regionCode: string,
  congressCode: string,
  year: number,
  deputyIds?: string[],
) {
  const rows = await exec
    .select()
    .from(pointAdjustments)
    .where(
      and(
        eq(pointAdjustments.regionCode, regionCode),
        eq(pointAdjustments.congressCode, congressCode),
        eq(pointAdjustments.year, year),
        ...(deputyIds ? [inArray(pointAdjustments.deputyId, deputyIds)] : []),
      ),
    );
  return rows;
}

export interface ScoreRow {
  deputyId: string;
  name: string;
  publicCode: string;
  level: string;
  score: Score;
}

/**
 * The points table of a congress-year for one level (deputies are compared only within the same
 * congress and level): every score with its formula. Staff of the congress only.
 */
export async function scoresOf(
  exec: Executor,
  regionCode: string,
  congressCode: string,
  year: number,
  opts: { level?: string; deputyIds?: string[] } = {},
): Promise<{ rules: RuleSet; ruleSetYear: number | null; rows: ScoreRow[] }> {
  const { rules, effectiveYear } = await rulesFor(exec, regionCode, congressCode, year);
  const [mandates, tallies, adjustments] = await Promise.all([
    mandatesOf(exec, regionCode, congressCode, opts.deputyIds),
    talliesOf(exec, regionCode, congressCode, year, opts.deputyIds),
    adjustmentsOf(exec, regionCode, congressCode, year, opts.deputyIds),
  ]);
  const adj = new Map<string, number>();
  for (const a of adjustments) adj.set(a.deputyId, (adj.get(a.deputyId) ?? 0) + a.points);
  // A re-elected deputy holds two mandates of one congress in the changeover year: months add up.
  const byDeputy = new Map<string, (typeof mandates)[number] & { months: number }>();
  for (const m of mandates) {
    if (opts.level && m.level !== opts.level) continue;
    const months = monthsInOffice(year, m.startedOn, m.endedOn);
    const seen = byDeputy.get(m.deputyId);
    byDeputy.set(m.deputyId, { ...m, months: Math.min(12, (seen?.months ?? 0) + months) });
  }
  const rows: ScoreRow[] = [];
  for (const m of byDeputy.values()) {
    const months = m.months;
    if (months === 0) continue;
    rows.push({
      deputyId: m.deputyId,
      name: m.name,
      publicCode: m.publicCode,
      level: m.level,
      score: score(tallies.get(m.deputyId) ?? new Map(), rules, months, adj.get(m.deputyId) ?? 0),
    });
  }
  rows.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  return { rules, ruleSetYear: effectiveYear, rows };
}

export async function pointsTable(
  ctx: AppContext,
  actor: Actor,
  q: { congressCode: string; year: number; level?: string },
) {
  const { db } = ctx.database;
  const congress = await congressOrThrow(db, q.congressCode);
  assertCan(actor, STAFF, congress.path);
  const out = await scoresOf(db, actor.regionCode, congress.code, q.year, { level: q.level });
  return {
    congressCode: congress.code,
    congressName: congress.name,
    year: q.year,
    level: q.level ?? null,
    ruleSetYear: out.ruleSetYear,
    rules: out.rules,
    items: out.rows.map((r) => ({
      deputyId: r.deputyId,
      name: r.name,
      level: r.level,
      total: r.score.total,
      months: r.score.months,
      formula: r.score.formula,
    })),
  };
}

/**
 * One deputy's points for a year with every line's evidence (what it links to) and the rule that
 * priced it. The deputy sees their own; staff of the congress see anyone's.
 */
export async function deputyPoints(
  ctx: AppContext,
  actor: Actor,
  q: { deputyId?: string; congressCode: string; year: number },
) {
  const { db } = ctx.database;
  const congress = await congressOrThrow(db, q.congressCode);
  const me = await deputyOfAccount(db, actor);
  const deputyId = q.deputyId ?? me;
  if (!deputyId) throw activityErrors.not_a_deputy();
  if (deputyId !== me) assertCan(actor, STAFF, congress.path);
  const out = await scoresOf(db, actor.regionCode, congress.code, q.year, { deputyIds: [deputyId] });
  const row = out.rows[0];
  if (!row) throw activityErrors.unknown_deputy();
  const evidence = await db
    .select()
    .from(pointEvidence)
    .where(
      and(
        eq(pointEvidence.regionCode, actor.regionCode),
        eq(pointEvidence.congressCode, congress.code),
        eq(pointEvidence.year, q.year),
        eq(pointEvidence.deputyId, deputyId),
      ),
    )
    .orderBy(asc(pointEvidence.day), asc(pointEvidence.id));
  const adjustments = await adjustmentsOf(db, actor.regionCode, congress.code, q.year, [deputyId]);
  const rule = new Map(out.rules.rules.map((r) => [r.key, r]));
  return {
    deputyId,
    name: row.name,
    level: row.level,
    year: q.year,
    congressCode: congress.code,
    ruleSetYear: out.ruleSetYear,
    ...row.score,
    evidence: evidence.map((e) => ({
      id: e.id,
      day: e.day,
      key: e.key,
      label: e.label,
      ruleLabel: rule.get(e.key)?.label ?? '（本年度规则未计分）',
      pointsEach: rule.get(e.key)?.points ?? 0,
      refType: e.refType,
      refId: e.refId,
    })),
    adjustmentEntries: adjustments.map((a) => ({
      id: a.id,
      points: a.points,
      reason: a.reason,
      at: a.createdAt.toISOString(),
    })),
  };
}

/** 年终核定: a recorded adjustment with a reason (audited); never an edit of the evidence. */
export async function adjustPoints(
  ctx: AppContext,
  actor: Actor,
  input: { deputyId: string; congressCode: string; year: number; points: number; reason: string },
) {
  const { db } = ctx.database;
  const congress = await congressOrThrow(db, input.congressCode);
  assertCan(actor, STAFF, congress.path);
  const [m] = await mandatesOf(db, actor.regionCode, congress.code, [input.deputyId]);
  if (!m) throw activityErrors.unknown_deputy();
  const now = ctx.clock.now();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(pointAdjustments)
      .values({
        regionCode: actor.regionCode,
        id: uuidv7(now.getTime()),
        deputyId: input.deputyId,
        congressCode: congress.code,
        year: input.year,
        points: input.points,
        reason: input.reason,
        createdBy: actor.accountId,
        createdAt: now,
      })
      .returning();
    await appendAudit(tx, actor, now, {
      action: 'points.adjusted',
      targetType: 'deputy',
      targetId: input.deputyId,
      jurisdictionCode: congress.code,
      details: { year: input.year, points: input.points, reason: input.reason },
    });
    return row!;
  });
}

/**
 * Staff-only lists for a congress-year and level: 约谈提醒 (below the threshold), 书面提醒
 * (below it this year and last year), 评优候选 (at or above the honours line). Thresholds come from
 * the year's rule set; each entry carries its score and formula.
 */
export async function pointLists(
  ctx: AppContext,
  actor: Actor,
  q: { congressCode: string; year: number; level?: string },
) {
  const { db } = ctx.database;
  const congress = await congressOrThrow(db, q.congressCode);
  assertCan(actor, STAFF, congress.path);
  const now = await scoresOf(db, actor.regionCode, congress.code, q.year, { level: q.level });
  const prev = await scoresOf(db, actor.regionCode, congress.code, q.year - 1, { level: q.level });
  const prevLow = new Set(
    prev.rows.filter((r) => r.score.total < prev.rules.talkBelow).map((r) => r.deputyId),
  );
  const item = (r: ScoreRow) => ({
    deputyId: r.deputyId,
    name: r.name,
    total: r.score.total,
    formula: r.score.formula,
  });
  const low = now.rows.filter((r) => r.score.total < now.rules.talkBelow);
  return {
    year: q.year,
    talkBelow: now.rules.talkBelow,
    honourFrom: now.rules.honourFrom,
    talk: low.map(item),
    warning: low.filter((r) => prevLow.has(r.deputyId)).map(item),
    honours: now.rows.filter((r) => r.score.total >= now.rules.honourFrom).map(item),
  };
}
