import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { type Actor, assertCan, grantsCovering, hasRole, scopePaths } from '../../kernel/auth/actor';
import type { AppContext } from '../../kernel/context';
import type { Executor, Tx } from '../../kernel/db/client';
import { timers } from '../../kernel/db/kernel.schema';
import { inTransaction } from '../../kernel/db/tx';
import { uuidv7 } from '../../kernel/ids';
import { notify } from '../../kernel/notifications/notify';
import { resolveSetting } from '../../kernel/settings';
import { accounts } from '../accounts/accounts.schema';
import { congresses } from '../congresses/congresses.schema';
import { levelLabels, type MandateLevel } from '../deputies/deputies.model';
import { deputies, deputyMandates } from '../deputies/deputies.schema';
import { codeInSubtree } from '../deputies/deputies.scope';
import { findJurisdiction } from '../jurisdictions/jurisdictions.repository';
import { activityErrors } from './activities.errors';
import { activityQuotaReminders, pointEvidence } from './activities.schema';
import { activityQuotas, quotaReminders } from './activities.settings';
import { deputyOfAccount } from './activities.usecases';
import {
  chinaDay,
  periodOf,
  type Quota,
  type QuotaProgress,
  quotaProgress,
  type Span,
} from './quotas.engine';
import { reportErrors } from './voter-reports.errors';

export const QUOTA_CHECK_TIMER = 'activities.quota_check';
const STAFF = ['congress_staff', 'station_staff'] as const;

interface DeputyRow {
  deputyId: string;
  name: string;
  publicCode: string;
  jurisdictionCode: string;
  level: string;
  spans: Span[];
}

/** The deputies holding a mandate of the congress that touches the year (optionally within some subtrees). */
async function deputiesOf(
  exec: Executor,
  regionCode: string,
  congressCode: string,
  year: number,
  opts: { deputyIds?: string[]; paths?: string[] } = {},
): Promise<DeputyRow[]> {
  const conds: SQL[] = [
    eq(deputyMandates.regionCode, regionCode),
    eq(deputyMandates.congressJurisdictionCode, congressCode),
    sql`(${deputyMandates.startedOn} is null or ${deputyMandates.startedOn} <= ${`${year}-12-31`})`,
    sql`(${deputyMandates.endedOn} is null or ${deputyMandates.endedOn} >= ${`${year}-01-01`})`,
  ];
  if (opts.deputyIds) conds.push(inArray(deputyMandates.deputyId, opts.deputyIds));
  if (opts.paths)
    conds.push(
      opts.paths.length
        ? sql`(${sql.join(
            opts.paths.map((p) => codeInSubtree(deputies.jurisdictionCode, p)),
            sql` or `,
          )})`
        : sql`false`,
    );
  const rows = await exec
    .select({
      deputyId: deputyMandates.deputyId,
      level: deputyMandates.level,
      startedOn: deputyMandates.startedOn,
      endedOn: deputyMandates.endedOn,
      name: deputies.name,
      publicCode: deputies.publicCode,
      jurisdictionCode: deputies.jurisdictionCode,
    })
    .from(deputyMandates)
    .innerJoin(
      deputies,
      and(eq(deputies.regionCode, deputyMandates.regionCode), eq(deputies.id, deputyMandates.deputyId)),
    )
    .where(and(...conds));
  const out = new Map<string, DeputyRow>();
  for (const r of rows) {
    const d = out.get(r.deputyId) ?? { ...r, spans: [] };
    d.spans.push({ startedOn: r.startedOn, endedOn: r.endedOn });
    out.set(r.deputyId, d);
  }
  return [...out.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}

/** Evidence counts per deputy and key: for the year and for its month `month` (1–12). */
async function countsOf(
  exec: Executor,
  regionCode: string,
  congressCode: string,
  year: number,
  month: number,
  keys: string[],
  deputyIds?: string[],
) {
  const out = new Map<string, { year: number; month: number }>();
  if (keys.length === 0 || deputyIds?.length === 0) return out;
  const m = sql<number>`extract(month from ${pointEvidence.day})::int`;
  const rows = await exec
    .select({ deputyId: pointEvidence.deputyId, key: pointEvidence.key, m, n: sql<number>`count(*)::int` })
    .from(pointEvidence)
    .where(
      and(
        eq(pointEvidence.regionCode, regionCode),
        eq(pointEvidence.congressCode, congressCode),
        eq(pointEvidence.year, year),
        ...(deputyIds ? [inArray(pointEvidence.deputyId, deputyIds)] : []),
        inArray(pointEvidence.key, keys),
        sql`extract(month from ${pointEvidence.day}) <= ${month}`,
      ),
    )
    .groupBy(pointEvidence.deputyId, pointEvidence.key, m);
  for (const r of rows) {
    const k = `${r.deputyId}|${r.key}`;
    const c = out.get(k) ?? { year: 0, month: 0 };
    c.year += Number(r.n);
    if (Number(r.m) === month) c.month += Number(r.n);
    out.set(k, c);
  }
  return out;
}

export interface DeputyQuotas {
  deputyId: string;
  name: string;
  publicCode: string;
  level: string;
  levelLabel: string;
  quotas: Array<QuotaProgress & { remindedAt: string | null }>;
  behind: number;
}

/**
 * Quota progress of a congress's deputies as of `asOf` (a China date): counts come from the
 * evidence (confirmed activities, suggestions …), never typed in; monthly quotas are measured in
 * the month of `asOf`, yearly ones in its year, both prorated to the days in office.
 */
export async function progressOf(
  exec: Executor,
  regionCode: string,
  congressCode: string,
  congressPath: string,
  asOf: string,
  opts: { deputyIds?: string[]; paths?: string[] } = {},
): Promise<{ quotas: Quota[]; rows: DeputyQuotas[] }> {
  const quotas = (await resolveSetting(exec, regionCode, congressPath, activityQuotas)) as Quota[];
  const year = Number(asOf.slice(0, 4));
  const month = Number(asOf.slice(5, 7));
  const people = await deputiesOf(exec, regionCode, congressCode, year, opts);
  const ids = people.map((p) => p.deputyId);
  const [counts, reminders] = await Promise.all([
    countsOf(
      exec,
      regionCode,
      congressCode,
      year,
      month,
      quotas.map((q) => q.key),
      opts.deputyIds ?? (opts.paths ? ids : undefined),
    ),
    ids.length
      ? exec
          .select()
          .from(activityQuotaReminders)
          .where(
            and(
              eq(activityQuotaReminders.regionCode, regionCode),
              eq(activityQuotaReminders.congressCode, congressCode),
              inArray(activityQuotaReminders.deputyId, ids),
              inArray(activityQuotaReminders.period, [periodOf('month', asOf).id, periodOf('year', asOf).id]),
            ),
          )
      : [],
  ]);
  const sent = new Map(reminders.map((r) => [`${r.deputyId}|${r.quotaKey}|${r.period}`, r.sentAt]));
  const rows: DeputyQuotas[] = [];
  for (const p of people) {
    const items: DeputyQuotas['quotas'] = [];
    for (const q of quotas) {
      const c = counts.get(`${p.deputyId}|${q.key}`);
      const progress = quotaProgress(q, (q.per === 'month' ? c?.month : c?.year) ?? 0, p.spans, asOf);
      if (!progress) continue;
      const at = sent.get(`${p.deputyId}|${q.key}|${progress.period}`);
      items.push({ ...progress, remindedAt: at ? at.toISOString() : null });
    }
    if (items.length === 0) continue;
    rows.push({
      deputyId: p.deputyId,
      name: p.name,
      publicCode: p.publicCode,
      level: p.level,
      levelLabel: levelLabels[p.level as MandateLevel] ?? p.level,
      quotas: items,
      behind: items.filter((i) => i.status === 'behind').length,
    });
  }
  return { quotas, rows };
}

/** The date progress is measured at: today, or the last day of an earlier month asked for. */
function asOfFor(now: Date, month?: string): string {
  const today = chinaDay(now);
  if (!month || month === today.slice(0, 7)) return today;
  if (month > today.slice(0, 7)) throw reportErrors.quota_future_month();
  return periodOf('month', `${month}-01`).end;
}

async function congressOrThrow(exec: Executor, regionCode: string, code: string) {
  const [c] = await exec
    .select({ code: congresses.jurisdictionCode })
    .from(congresses)
    .where(and(eq(congresses.regionCode, regionCode), eq(congresses.jurisdictionCode, code)));
  const j = c ? await findJurisdiction(exec, code) : undefined;
  if (!j) throw activityErrors.no_congress();
  return j;
}

export interface QuotaFilter {
  congressCode: string;
  month?: string;
  status?: 'behind' | 'met' | 'on_track';
  quotaKey?: string;
  name?: string;
  page?: number;
  pageSize?: number;
}

/**
 * Staff: the quota progress of the deputies in their jurisdiction — all of the congress's deputies
 * for staff over the congress, those living in their street/township for staff below it — with
 * who is behind (and whether they were reminded). Filterable by status, quota and name.
 */
export async function staffQuotaProgress(ctx: AppContext, actor: Actor, f: QuotaFilter) {
  const { db } = ctx.database;
  const congress = await congressOrThrow(db, actor.regionCode, f.congressCode);
  if (!hasRole(actor, STAFF)) assertCan(actor, [...STAFF], congress.path);
  const whole = grantsCovering(actor, [...STAFF], congress.path).length > 0;
  const paths = whole ? undefined : scopePaths(actor, [...STAFF]).filter((p) => p.startsWith(congress.path));
  if (paths && paths.length === 0) assertCan(actor, [...STAFF], congress.path);
  const asOf = asOfFor(ctx.clock.now(), f.month);
  const { quotas, rows } = await progressOf(db, actor.regionCode, congress.code, congress.path, asOf, {
    paths,
  });
  const matches = (r: DeputyQuotas) => {
    const qs = f.quotaKey ? r.quotas.filter((q) => q.key === f.quotaKey) : r.quotas;
    if (f.name && !r.name.includes(f.name)) return false;
    if (!f.status) return qs.length > 0;
    return f.status === 'behind'
      ? qs.some((q) => q.status === 'behind')
      : f.status === 'met'
        ? qs.length > 0 && qs.every((q) => q.status === 'met')
        : qs.length > 0 && qs.every((q) => q.status !== 'behind') && qs.some((q) => q.status !== 'met');
  };
  const hits = rows.filter(matches);
  const pageSize = Math.min(f.pageSize ?? 20, 200);
  const page = Math.max(1, f.page ?? 1);
  return {
    congressCode: congress.code,
    congressName: congress.name,
    asOf,
    quotas,
    summary: quotas.map((q) => {
      const of = rows.flatMap((r) => r.quotas.filter((x) => x.key === q.key));
      return {
        key: q.key,
        label: q.label,
        per: q.per,
        min: q.min,
        deputies: of.length,
        met: of.filter((x) => x.status === 'met').length,
        behind: of.filter((x) => x.status === 'behind').length,
      };
    }),
    total: hits.length,
    page,
    pageSize,
    items: hits.slice((page - 1) * pageSize, page * pageSize),
  };
}

/** 我的履职要求: the deputy's own progress in every congress they hold a mandate of. */
export async function myQuotaProgress(ctx: AppContext, actor: Actor, q: { month?: string }) {
  const { db } = ctx.database;
  const me = await deputyOfAccount(db, actor);
  if (!me) throw activityErrors.not_a_deputy();
  const asOf = asOfFor(ctx.clock.now(), q.month);
  const held = await db
    .selectDistinct({ code: deputyMandates.congressJurisdictionCode })
    .from(deputyMandates)
    .where(and(eq(deputyMandates.regionCode, actor.regionCode), eq(deputyMandates.deputyId, me)));
  const items = [];
  for (const { code } of held) {
    const j = await findJurisdiction(db, code);
    if (!j) continue;
    const { rows } = await progressOf(db, actor.regionCode, j.code, j.path, asOf, { deputyIds: [me] });
    if (rows[0]) items.push({ congressCode: j.code, congressName: j.name, ...rows[0] });
  }
  return { asOf, items };
}

const nextNineOClock = (now: Date) => {
  const today = chinaDay(now);
  const at = new Date(`${today}T09:00:00+08:00`);
  return at > now ? at : new Date(at.getTime() + 86_400_000);
};

/**
 * Arms the region's daily quota check (09:00 China time) unless one is open: a DB timer, so it
 * survives restarts and two processes never both run it (advisory lock on the region).
 */
export async function armQuotaCheck(ctx: AppContext, exec: Executor, regionCode: string) {
  const now = ctx.clock.now();
  const run = async (tx: Tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`${QUOTA_CHECK_TIMER}:${regionCode}`}))`);
    const [open] = await tx
      .select({ id: timers.id })
      .from(timers)
      .where(
        and(eq(timers.regionCode, regionCode), eq(timers.kind, QUOTA_CHECK_TIMER), eq(timers.status, 'open')),
      )
      .limit(1);
    if (open) return false;
    await tx.insert(timers).values({
      regionCode,
      id: uuidv7(now.getTime()),
      caseId: null,
      kind: QUOTA_CHECK_TIMER,
      dueAt: nextNineOClock(now),
      payload: {},
      createdAt: now,
    });
    return true;
  };
  return inTransaction(exec, run);
}

/** On start: every region with a congress gets its daily check armed. */
export async function armQuotaChecks(ctx: AppContext) {
  const regions = await ctx.database.db.selectDistinct({ r: congresses.regionCode }).from(congresses);
  for (const { r } of regions) await armQuotaCheck(ctx, ctx.database.db, r);
}

/**
 * The daily check: for every congress of the region, deputies behind the pace of a quota (once
 * `fromShare` of the period has gone) are told — in-app and by SMS — once per quota and period:
 * the reminder row is the guard, so the next day's pass (or a redelivered event) sends nothing.
 * Returns how many deputies were reminded.
 */
export async function runQuotaCheck(ctx: AppContext, tx: Tx, regionCode: string): Promise<number> {
  const now = ctx.clock.now();
  const today = chinaDay(now);
  const list = await tx
    .select({ code: congresses.jurisdictionCode })
    .from(congresses)
    .where(eq(congresses.regionCode, regionCode));
  let reminded = 0;
  for (const { code } of list) {
    const j = await findJurisdiction(tx, code);
    if (!j) continue;
    const cfg = await resolveSetting(tx, regionCode, j.path, quotaReminders);
    if (!cfg.enabled) continue;
    const { rows } = await progressOf(tx, regionCode, j.code, j.path, today);
    const due = rows.flatMap((r) =>
      r.quotas
        .filter((q) => q.status === 'behind' && !q.closed && q.share >= cfg.fromShare)
        .map((q) => ({ r, q })),
    );
    // One guarded INSERT per chunk: the rows that come back are the reminders not sent before.
    const fresh = new Map<string, { r: DeputyQuotas; qs: QuotaProgress[] }>();
    for (let i = 0; i < due.length; i += 500) {
      const chunk = due.slice(i, i + 500);
      const got = await tx
        .insert(activityQuotaReminders)
        .values(
          chunk.map(({ r, q }) => ({
            regionCode,
            congressCode: j.code,
            deputyId: r.deputyId,
            quotaKey: q.key,
            period: q.period,
            count: q.count,
            target: q.target,
            sentAt: now,
          })),
        )
        .onConflictDoNothing()
        .returning({ deputyId: activityQuotaReminders.deputyId, key: activityQuotaReminders.quotaKey });
      const isNew = new Set(got.map((g) => `${g.deputyId}|${g.key}`));
      for (const { r, q } of chunk) {
        if (!isNew.has(`${r.deputyId}|${q.key}`)) continue;
        const f = fresh.get(r.deputyId) ?? { r, qs: [] };
        f.qs.push(q);
        fresh.set(r.deputyId, f);
      }
    }
    if (fresh.size === 0) continue;
    const ids = [...fresh.keys()];
    const [accs, phones] = await Promise.all([
      tx
        .select({ id: accounts.id, deputyId: accounts.deputyId })
        .from(accounts)
        .where(and(eq(accounts.regionCode, regionCode), inArray(accounts.deputyId, ids))),
      cfg.sms
        ? tx
            .select({ id: deputies.id, phoneEnc: deputies.phoneEnc })
            .from(deputies)
            .where(and(eq(deputies.regionCode, regionCode), inArray(deputies.id, ids)))
        : [],
    ]);
    const phoneOf = new Map(phones.map((p) => [p.id, p.phoneEnc]));
    for (const { r, qs } of fresh.values()) {
      reminded += 1;
      await tellDeputy(tx, ctx, regionCode, r, j.name, qs, {
        accountIds: accs.filter((a) => a.deputyId === r.deputyId).map((a) => a.id),
        phoneEnc: phoneOf.get(r.deputyId) ?? null,
      });
    }
  }
  return reminded;
}

async function tellDeputy(
  tx: Tx,
  ctx: AppContext,
  regionCode: string,
  r: DeputyQuotas,
  congressName: string,
  fresh: QuotaProgress[],
  to: { accountIds: string[]; phoneEnc: string | null },
) {
  const items = fresh
    .map((q) => `${q.periodLabel}“${q.label}”已完成 ${q.count} 次，要求 ${q.target} 次`)
    .join('；');
  const params = { name: r.name, congress: congressName, items };
  const key = `activities.quota_behind:${r.deputyId}:${fresh.map((q) => `${q.key}@${q.period}`).join(',')}`;
  for (const id of to.accountIds)
    await notify(
      tx,
      ctx,
      regionCode,
      { channel: 'inapp', accountId: id },
      'activities.quota_behind',
      params,
      `${key}:${id}`,
    );
  if (to.phoneEnc)
    await notify(
      tx,
      ctx,
      regionCode,
      { channel: 'sms', phone: ctx.vault.decrypt(to.phoneEnc) },
      'activities.quota_behind',
      params,
      `${key}:sms`,
    );
}
