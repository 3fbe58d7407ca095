import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { type Actor, assertCan, grantsCovering, hasRole, scopePaths } from '../../kernel/auth/actor';
import type { AppContext } from '../../kernel/context';
import type { Executor, Tx } from '../../kernel/db/client';
import { timers } from '../../kernel/db/kernel.schema';
import { inTransaction } from '../../kernel/db/tx';
import { uuidv7 } from '../../kernel/ids';
import { type Notice, notifyMany } from '../../kernel/notifications/notify';
import { resolveSetting, resolveSettings } from '../../kernel/settings';
import { accounts } from '../accounts/accounts.schema';
import { congresses } from '../congresses/congresses.schema';
import { levelLabels, type MandateLevel } from '../deputies/deputies.model';
import { deputies, deputyMandates } from '../deputies/deputies.schema';
import { codeInSubtree } from '../deputies/deputies.scope';
import { findJurisdiction, findJurisdictions } from '../jurisdictions/jurisdictions.repository';
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
  congressCode: string;
  deputyId: string;
  name: string;
  publicCode: string;
  jurisdictionCode: string;
  level: string;
  spans: Span[];
}

interface Scope {
  deputyIds?: string[];
  paths?: string[];
}

const byName = new Intl.Collator('zh-CN');

/**
 * The deputies holding a mandate of one of the congresses that touches the year (optionally within
 * some subtrees), one query for all of them: per congress, sorted by name.
 */
async function deputiesOf(
  exec: Executor,
  regionCode: string,
  congressCodes: string[],
  year: number,
  opts: Scope = {},
): Promise<Map<string, DeputyRow[]>> {
  const conds: SQL[] = [
    eq(deputyMandates.regionCode, regionCode),
    inArray(deputyMandates.congressJurisdictionCode, congressCodes),
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
      congressCode: deputyMandates.congressJurisdictionCode,
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
  const one = new Map<string, DeputyRow>();
  for (const r of rows) {
    const k = `${r.congressCode}|${r.deputyId}`;
    const d = one.get(k) ?? { ...r, spans: [] };
    d.spans.push({ startedOn: r.startedOn, endedOn: r.endedOn });
    one.set(k, d);
  }
  const out = new Map<string, DeputyRow[]>(congressCodes.map((c) => [c, []]));
  for (const d of one.values()) out.get(d.congressCode)?.push(d);
  for (const list of out.values()) list.sort((a, b) => byName.compare(a.name, b.name));
  return out;
}

/**
 * Evidence counts per congress, deputy and key — for the year and for its month `month` (1–12) —
 * in one grouped query over the congresses. Keyed `congress|deputy|key`.
 */
async function countsOf(
  exec: Executor,
  regionCode: string,
  congressCodes: string[],
  year: number,
  month: number,
  keys: string[],
  deputyIds?: string[],
) {
  const out = new Map<string, { year: number; month: number }>();
  if (congressCodes.length === 0 || keys.length === 0 || deputyIds?.length === 0) return out;
  const m = sql<number>`extract(month from ${pointEvidence.day})::int`;
  const rows = await exec
    .select({
      congressCode: pointEvidence.congressCode,
      deputyId: pointEvidence.deputyId,
      key: pointEvidence.key,
      m,
      n: sql<number>`count(*)::int`,
    })
    .from(pointEvidence)
    .where(
      and(
        eq(pointEvidence.regionCode, regionCode),
        inArray(pointEvidence.congressCode, congressCodes),
        eq(pointEvidence.year, year),
        ...(deputyIds ? [inArray(pointEvidence.deputyId, deputyIds)] : []),
        inArray(pointEvidence.key, keys),
        sql`extract(month from ${pointEvidence.day}) <= ${month}`,
      ),
    )
    .groupBy(pointEvidence.congressCode, pointEvidence.deputyId, pointEvidence.key, m);
  for (const r of rows) {
    const k = `${r.congressCode}|${r.deputyId}|${r.key}`;
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

interface CongressQuotas {
  code: string;
  quotas: Quota[];
}

/**
 * Quota progress of the deputies of several congresses as of `asOf` (a China date), set-based: one
 * query for the mandates and one grouped query for the counts, whatever the number of deputies;
 * the rest is the pure engine. `remindedAt` is left null (the staff read fills it in).
 */
async function progressMany(
  exec: Executor,
  regionCode: string,
  list: CongressQuotas[],
  asOf: string,
  opts: Scope = {},
): Promise<Map<string, DeputyQuotas[]>> {
  const year = Number(asOf.slice(0, 4));
  const month = Number(asOf.slice(5, 7));
  const codes = list.map((c) => c.code);
  const people = await deputiesOf(exec, regionCode, codes, year, opts);
  const ids = opts.deputyIds ?? (opts.paths ? [...people.values()].flat().map((p) => p.deputyId) : undefined);
  const keys = [...new Set(list.flatMap((c) => c.quotas.map((q) => q.key)))];
  const counts = await countsOf(exec, regionCode, codes, year, month, keys, ids);
  const out = new Map<string, DeputyQuotas[]>();
  for (const { code, quotas } of list) {
    const rows: DeputyQuotas[] = [];
    for (const p of people.get(code) ?? []) {
      const items: DeputyQuotas['quotas'] = [];
      for (const q of quotas) {
        const c = counts.get(`${code}|${p.deputyId}|${q.key}`);
        const progress = quotaProgress(q, (q.per === 'month' ? c?.month : c?.year) ?? 0, p.spans, asOf);
        if (progress) items.push({ ...progress, remindedAt: null });
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
    out.set(code, rows);
  }
  return out;
}

/**
 * Quota progress of a congress's deputies as of `asOf` (a China date): counts come from the
 * evidence (confirmed activities, suggestions …), never typed in; monthly quotas are measured in
 * the month of `asOf`, yearly ones in its year, both prorated to the days in office. Each line
 * says when the deputy was reminded of it.
 */
export async function progressOf(
  exec: Executor,
  regionCode: string,
  congressCode: string,
  congressPath: string,
  asOf: string,
  opts: Scope = {},
): Promise<{ quotas: Quota[]; rows: DeputyQuotas[] }> {
  const quotas = (await resolveSetting(exec, regionCode, congressPath, activityQuotas)) as Quota[];
  const rows = (await progressMany(exec, regionCode, [{ code: congressCode, quotas }], asOf, opts)).get(
    congressCode,
  )!;
  const ids = rows.map((r) => r.deputyId);
  const reminders = ids.length
    ? await exec
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
    : [];
  const sent = new Map(reminders.map((r) => [`${r.deputyId}|${r.quotaKey}|${r.period}`, r.sentAt]));
  for (const r of rows)
    for (const q of r.quotas) {
      const at = sent.get(`${r.deputyId}|${q.key}|${q.period}`);
      if (at) q.remindedAt = at.toISOString();
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
 * Set-based: progress of all the region's deputies from two queries, every reminder row in one
 * guarded INSERT (the rows that come back are the new ones), one read of accounts and phones and
 * one INSERT of the messages. Returns how many deputies were reminded (per congress).
 */
export async function runQuotaCheck(ctx: AppContext, tx: Tx, regionCode: string): Promise<number> {
  const now = ctx.clock.now();
  const today = chinaDay(now);
  const list = await tx
    .select({ code: congresses.jurisdictionCode })
    .from(congresses)
    .where(eq(congresses.regionCode, regionCode));
  const places = await findJurisdictions(
    tx,
    list.map((c) => c.code),
  );
  const checked: Array<CongressQuotas & { name: string; fromShare: number; sms: boolean }> = [];
  for (const j of places.values()) {
    const set = await resolveSettings(tx, regionCode, j.path, [activityQuotas.key, quotaReminders.key]);
    const cfg = set.get(quotaReminders.key)!.value as { enabled: boolean; fromShare: number; sms: boolean };
    const quotas = set.get(activityQuotas.key)!.value as Quota[];
    if (cfg.enabled && quotas.length > 0) checked.push({ code: j.code, name: j.name, quotas, ...cfg });
  }
  if (checked.length === 0) return 0;
  const progress = await progressMany(tx, regionCode, checked, today);
  const due = checked.flatMap((c) =>
    (progress.get(c.code) ?? []).flatMap((r) =>
      r.quotas
        .filter((q) => q.status === 'behind' && !q.closed && q.share >= c.fromShare)
        .map((q) => ({ c, r, q })),
    ),
  );
  if (due.length === 0) return 0;
  const rows = due.map(({ c, r, q }) => ({
    congress_code: c.code,
    deputy_id: r.deputyId,
    quota_key: q.key,
    period: q.period,
    count: q.count,
    target: q.target,
  }));
  const inserted = await tx.execute<{
    congress_code: string;
    deputy_id: string;
    quota_key: string;
    period: string;
  }>(sql`
    insert into ${activityQuotaReminders}
      (region_code, congress_code, deputy_id, quota_key, period, count, target, sent_at)
    select ${regionCode}, x.congress_code, x.deputy_id, x.quota_key, x.period, x.count, x.target,
      ${now.toISOString()}::timestamptz
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      as x(congress_code text, deputy_id uuid, quota_key text, period text, count int, target int)
    on conflict do nothing
    returning congress_code, deputy_id, quota_key, period`);
  const isNew = new Set(
    [...inserted].map((g) => `${g.congress_code}|${g.deputy_id}|${g.quota_key}|${g.period}`),
  );
  // One message per deputy and congress, listing the quotas newly behind.
  const fresh = new Map<string, { c: (typeof checked)[number]; r: DeputyQuotas; qs: QuotaProgress[] }>();
  for (const { c, r, q } of due) {
    const k = `${c.code}|${r.deputyId}`;
    if (!isNew.has(`${k}|${q.key}|${q.period}`)) continue;
    const f = fresh.get(k) ?? { c, r, qs: [] };
    f.qs.push(q);
    fresh.set(k, f);
  }
  if (fresh.size === 0) return 0;
  const ids = [...new Set([...fresh.values()].map((f) => f.r.deputyId))];
  const [accs, phones] = await Promise.all([
    tx
      .select({ id: accounts.id, deputyId: accounts.deputyId })
      .from(accounts)
      .where(and(eq(accounts.regionCode, regionCode), inArray(accounts.deputyId, ids))),
    checked.some((c) => c.sms)
      ? tx
          .select({ id: deputies.id, phoneEnc: deputies.phoneEnc })
          .from(deputies)
          .where(and(eq(deputies.regionCode, regionCode), inArray(deputies.id, ids)))
      : [],
  ]);
  const phoneOf = new Map(phones.map((p) => [p.id, p.phoneEnc]));
  const notices = [...fresh.values()].flatMap(({ c, r, qs }) =>
    behindNotices(ctx, r, c.name, qs, {
      accountIds: accs.filter((a) => a.deputyId === r.deputyId).map((a) => a.id),
      phoneEnc: c.sms ? (phoneOf.get(r.deputyId) ?? null) : null,
    }),
  );
  await notifyMany(tx, ctx, regionCode, notices);
  return fresh.size;
}

/** The in-app message to each of the deputy's accounts and the SMS, listing the quotas behind. */
function behindNotices(
  ctx: AppContext,
  r: DeputyQuotas,
  congressName: string,
  fresh: QuotaProgress[],
  to: { accountIds: string[]; phoneEnc: string | null },
): Notice[] {
  const items = fresh
    .map((q) => `${q.periodLabel}“${q.label}”已完成 ${q.count} 次，要求 ${q.target} 次`)
    .join('；');
  const template = 'activities.quota_behind' as const;
  const params = { name: r.name, congress: congressName, items };
  const key = `activities.quota_behind:${r.deputyId}:${fresh.map((q) => `${q.key}@${q.period}`).join(',')}`;
  const out: Notice[] = to.accountIds.map((id) => ({
    to: { channel: 'inapp', accountId: id },
    template,
    params,
    dedupeKey: `${key}:${id}`,
  }));
  if (to.phoneEnc)
    out.push({
      to: { channel: 'sms', phone: ctx.vault.decrypt(to.phoneEnc) },
      template,
      params,
      dedupeKey: `${key}:sms`,
    });
  return out;
}
