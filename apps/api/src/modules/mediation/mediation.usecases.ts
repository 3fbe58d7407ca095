import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { appendAudit } from '../../kernel/audit/audit';
import { type Actor, grantsCovering, scopePaths } from '../../kernel/auth/actor';
import { toDateString } from '../../kernel/calendar/calendar';
import type { AppContext } from '../../kernel/context';
import { maskAddress, maskName, maskPhone } from '../../kernel/crypto/pii';
import type { Executor } from '../../kernel/db/client';
import { caseHistory, cases, timers } from '../../kernel/db/kernel.schema';
import { authErrors } from '../../kernel/errors';
import { uuidv7 } from '../../kernel/ids';
import { availableActions, type CaseRow } from '../../kernel/workflow/definition';
import { openCase, transition } from '../../kernel/workflow/engine';
import { deputyOfAccount } from '../activities/activities.usecases';
import { levelLabels, type MandateLevel } from '../deputies/deputies.model';
import { deputies, deputyMandates } from '../deputies/deputies.schema';
import { assertCanSee as canSeeOpinion, viewerOf as opinionViewer } from '../opinions/access';
import { loadOpinion } from '../opinions/opinions.repository';
import { stationDeputies, stations } from '../stations/stations.schema';
import { dataOf, mediationCase } from './mediation.case';
import { mediationErrors } from './mediation.errors';
import {
  disputeTypeLabels,
  guidanceLabels,
  partyRoleLabels,
  performanceLabels,
  sourceLabels,
} from './mediation.labels';
import {
  type DISPUTE_TYPES,
  type GUIDANCE,
  type MEDIATION_SOURCES,
  mediationCases,
  mediationFindings,
  mediationMediators,
  mediationSessions,
  type PERFORMANCE,
} from './mediation.schema';

const STAFF = ['station_staff', 'congress_staff'] as const;
const TYPE = mediationCase.type;
const label = (s: string) => mediationCase.states[s]?.label ?? s;
const join = and(eq(mediationCases.regionCode, cases.regionCode), eq(mediationCases.caseId, cases.id));

export interface Party {
  role: keyof typeof partyRoleLabels;
  name: string;
  phone?: string | null;
  address?: string | null;
}

export interface RegisterInput {
  title: string;
  disputeType: (typeof DISPUTE_TYPES)[number];
  source: (typeof MEDIATION_SOURCES)[number];
  summary: string;
  parties: Party[];
  stationId?: string | null;
  jurisdictionCode?: string | null;
  sourceOpinionId?: string | null;
  referredBy?: string | null;
}

/** Who is looking: staff scope paths, and the deputy behind the account (a mediator sees their cases). */
interface Viewer {
  actor: Actor;
  staffPaths: string[];
  deputyId: string | null;
}
async function viewerOf(exec: Executor, actor: Actor): Promise<Viewer> {
  return { actor, staffPaths: scopePaths(actor, [...STAFF]), deputyId: await deputyOfAccount(exec, actor) };
}

const mediatedBy = (regionCode: string, deputyId: string): SQL =>
  sql`exists (select 1 from ${mediationMediators} m where m.region_code = ${regionCode}
    and m.case_id = ${mediationCases.caseId} and m.deputy_id = ${deputyId})`;

function visibleTo(v: Viewer): SQL {
  const parts: SQL[] = v.staffPaths.map((p) => sql`${cases.jurisdictionPath} like ${`${p}%`}`);
  if (v.deputyId) parts.push(mediatedBy(v.actor.regionCode, v.deputyId));
  return parts.length > 0 ? sql`(${sql.join(parts, sql` or `)})` : sql`false`;
}

async function isMediator(exec: Executor, regionCode: string, caseId: string, deputyId: string | null) {
  if (!deputyId) return false;
  const [m] = await exec
    .select({ d: mediationMediators.deputyId })
    .from(mediationMediators)
    .where(
      and(
        eq(mediationMediators.regionCode, regionCode),
        eq(mediationMediators.caseId, caseId),
        eq(mediationMediators.deputyId, deputyId),
      ),
    );
  return !!m;
}

/**
 * Staff over the case's jurisdiction, or one of its deputies; anyone else learns nothing. Also the
 * check before acting: the workflow then checks the role (a deputy may not accept or end a case).
 */
async function canSee(exec: Executor, v: Viewer, c: CaseRow): Promise<'staff' | 'mediator'> {
  if (grantsCovering(v.actor, [...STAFF], c.jurisdictionPath).length > 0) return 'staff';
  if (await isMediator(exec, c.regionCode, c.id, v.deputyId)) return 'mediator';
  throw mediationErrors.not_found();
}

async function loadCase(exec: Executor, regionCode: string, id: string) {
  const [row] = await exec
    .select({ c: cases, m: mediationCases })
    .from(cases)
    .innerJoin(mediationCases, join)
    .where(and(eq(cases.regionCode, regionCode), eq(cases.id, id), eq(cases.caseType, TYPE)));
  if (!row) throw mediationErrors.not_found();
  return row;
}

const partiesOf = (ctx: AppContext, enc: string) => JSON.parse(ctx.vault.decrypt(enc)) as Party[];

/**
 * 登记: station or congress staff record a dispute brought to a station (or referred, or found by a
 * deputy, or from a citizen's opinion). The parties are encrypted; the case title (案由) must not
 * name them, since titles appear in lists, notices and the deputies' activity records.
 */
export async function registerMediation(ctx: AppContext, actor: Actor, input: RegisterInput) {
  const { db } = ctx.database;
  const rc = actor.regionCode;
  for (const p of input.parties) {
    const leaks = [p.name, p.phone].filter((x): x is string => !!x && x.length >= 2);
    if (leaks.some((x) => input.title.includes(x))) throw mediationErrors.title_has_personal_data();
  }
  let jurisdictionCode = input.jurisdictionCode ?? null;
  if (input.stationId) {
    const [s] = await db
      .select({ j: stations.jurisdictionCode })
      .from(stations)
      .where(and(eq(stations.regionCode, rc), eq(stations.id, input.stationId)));
    if (!s) throw mediationErrors.station_not_found();
    jurisdictionCode = s.j;
  }
  if (input.sourceOpinionId) {
    const found = await loadOpinion(db, rc, input.sourceOpinionId).catch(() => null);
    if (!found) throw mediationErrors.opinion_not_found();
    await canSeeOpinion(db, await opinionViewer(db, actor), found.c, found.o).catch(() => {
      throw mediationErrors.opinion_not_found();
    });
    jurisdictionCode ??= found.c.jurisdictionCode;
  }
  if (!jurisdictionCode) throw mediationErrors.station_not_found();
  return db.transaction(async (tx) => {
    const c = await openCase(ctx, tx, actor, {
      type: TYPE,
      jurisdictionCode: jurisdictionCode!,
      title: input.title,
    });
    // openCase checks the jurisdiction exists; the actor must be staff over it.
    if (actor.kind !== 'system' && grantsCovering(actor, [...STAFF], c.jurisdictionPath).length === 0)
      throw authErrors.out_of_scope();
    await tx.insert(mediationCases).values({
      regionCode: rc,
      caseId: c.id,
      stationId: input.stationId ?? null,
      disputeType: input.disputeType,
      source: input.sourceOpinionId ? 'opinion' : input.source,
      sourceOpinionId: input.sourceOpinionId ?? null,
      referredBy: input.referredBy ?? null,
      partiesEnc: ctx.vault.encrypt(JSON.stringify(input.parties)),
      partyCount: input.parties.length,
      summary: input.summary,
      createdBy: actor.accountId,
    });
    return c;
  });
}

/**
 * Who may be named to mediate a case: active deputies with a current seat in a congress over the
 * case's jurisdiction (the district's, the township's, and those above), and the deputies stationed
 * at its station (进站代表), the latter first. Staff pick from these even where the deputy roster
 * of another township is not theirs to read. (`deputies.id` is written out: drizzle leaves columns
 * unqualified in a select list, where the subqueries' own `id` would shadow it.)
 */
async function candidates(
  exec: Executor,
  c: CaseRow,
  stationId: string | null,
  f: { q?: string; ids?: string[] } = {},
) {
  const { q, ids } = f;
  const rc = c.regionCode;
  const atStation = stationId
    ? sql<boolean>`exists (select 1 from ${stationDeputies} sd where sd.region_code = ${rc}
      and sd.station_id = ${stationId} and sd.deputy_id = deputies.id)`
    : sql<boolean>`false`;
  const seat = sql<string | null>`(select m.level from ${deputyMandates} m where m.region_code = ${rc}
    and m.deputy_id = deputies.id and m.ended_on is null
    and position('/' || m.congress_jurisdiction_code || '/' in ${c.jurisdictionPath}) > 0
    order by length(m.congress_jurisdiction_code) desc limit 1)`;
  const rows = await exec
    .select({ id: deputies.id, name: deputies.name, atStation, level: seat })
    .from(deputies)
    .where(
      and(
        eq(deputies.regionCode, rc),
        eq(deputies.status, 'active'),
        sql`(${atStation} or ${seat} is not null)`,
        q ? sql`${deputies.name} like ${`%${q}%`}` : undefined,
        ids ? inArray(deputies.id, ids) : undefined,
      ),
    )
    .orderBy(sql`${atStation} desc`, asc(deputies.name))
    .limit(q ? 50 : 500);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    atStation: r.atStation === true,
    note: [
      r.atStation === true ? '进站代表' : null,
      r.level ? `${levelLabels[r.level as MandateLevel]}代表` : null,
    ]
      .filter(Boolean)
      .join(' · '),
  }));
}

/** 受理 form: the deputies staff may name for this case (by name with `q`). */
export async function mediatorCandidates(ctx: AppContext, actor: Actor, id: string, q?: string) {
  const { db } = ctx.database;
  const { c, m } = await loadCase(db, actor.regionCode, id);
  if ((await canSee(db, await viewerOf(db, actor), c)) !== 'staff') throw mediationErrors.not_found();
  return candidates(db, c, m.stationId, { q });
}

export type ActionInput =
  | { action: 'accept'; deputyIds: string[]; coMediators?: string | null }
  | { action: 'reject' | 'withdraw'; reason: string }
  | { action: 'agree'; agreement: string; form: 'written' | 'oral'; performanceDueOn?: string | null }
  | { action: 'fail'; reason: string; guidance: (typeof GUIDANCE)[number] }
  | { action: 'followUp'; performance: (typeof PERFORMANCE)[number]; note?: string | null };

/** The deputies of the case, named in every event (履职 records build on them). */
async function mediatorIds(exec: Executor, regionCode: string, caseId: string) {
  const rows = await exec
    .select({ d: mediationMediators.deputyId })
    .from(mediationMediators)
    .where(and(eq(mediationMediators.regionCode, regionCode), eq(mediationMediators.caseId, caseId)))
    .orderBy(asc(mediationMediators.createdAt));
  return rows.map((r) => r.d);
}

/** 受理/不予受理/达成协议/调解不成/终止/回访结案: the transition and the detail row in one transaction. */
export async function actOnMediation(ctx: AppContext, actor: Actor, id: string, input: ActionInput) {
  const rc = actor.regionCode;
  return ctx.database.db.transaction(async (tx) => {
    const { c, m } = await loadCase(tx, rc, id);
    const v = await viewerOf(tx, actor);
    await canSee(tx, v, c);
    const now = ctx.clock.now();
    // What the history and the event get (codes and short reasons), and what the detail row keeps.
    let payload: Record<string, unknown>;
    let detail: Partial<typeof mediationCases.$inferInsert>;
    let named: string[] | null = null;
    switch (input.action) {
      case 'accept': {
        named = [...new Set(input.deputyIds)];
        // Only the named ones are looked up among the candidates.
        const eligible = new Set((await candidates(tx, c, m.stationId, { ids: named })).map((x) => x.id));
        if (named.length === 0 || named.some((d) => !eligible.has(d)))
          throw mediationErrors.deputy_not_found();
        payload = {};
        detail = { acceptedAt: now, coMediators: input.coMediators ?? null };
        break;
      }
      case 'reject':
      case 'withdraw':
        payload = { reason: input.reason };
        detail = { outcomeReason: input.reason, concludedAt: now };
        break;
      case 'agree':
        if (!input.agreement.trim()) throw mediationErrors.agreement_required();
        payload = { form: input.form };
        detail = {
          agreement: input.agreement,
          agreementForm: input.form,
          performanceDueOn: input.performanceDueOn ?? null,
          concludedAt: now,
        };
        break;
      case 'fail':
        payload = { reason: input.reason, guidance: input.guidance };
        detail = { outcomeReason: input.reason, guidance: input.guidance, concludedAt: now };
        break;
      case 'followUp':
        payload = { performance: input.performance };
        detail = { performance: input.performance, followUpNote: input.note ?? null, followedUpAt: now };
        break;
    }
    const deputyIds = named ?? (await mediatorIds(tx, rc, id));
    const next = await transition(
      ctx,
      { regionCode: rc, id },
      input.action,
      actor,
      { ...payload, deputyIds },
      { exec: tx },
    );
    if (named)
      await tx
        .insert(mediationMediators)
        .values(named.map((deputyId) => ({ regionCode: rc, caseId: id, deputyId })))
        .onConflictDoNothing();
    await tx
      .update(mediationCases)
      .set(detail)
      .where(and(eq(mediationCases.regionCode, rc), eq(mediationCases.caseId, id)));
    return next;
  });
}

export interface SessionInput {
  heldOn: string;
  place: string;
  attendees: string;
  minutes: string;
}

/** 调解记录: staff over the case or one of its deputies, while it is being mediated. */
export async function addSession(ctx: AppContext, actor: Actor, id: string, input: SessionInput) {
  const rc = actor.regionCode;
  const today = toDateString(ctx.clock.now());
  if (input.heldOn > today) throw mediationErrors.day_in_future();
  return ctx.database.db.transaction(async (tx) => {
    const { c } = await loadCase(tx, rc, id);
    await canSee(tx, await viewerOf(tx, actor), c);
    const deputyIds = await mediatorIds(tx, rc, id);
    await transition(
      ctx,
      { regionCode: rc, id },
      'recordSession',
      actor,
      { heldOn: input.heldOn, deputyIds },
      { exec: tx },
    );
    const [row] = await tx
      .insert(mediationSessions)
      .values({
        regionCode: rc,
        id: uuidv7(ctx.clock.now().getTime()),
        caseId: id,
        ...input,
        createdBy: actor.accountId,
        createdByLabel: actor.label,
      })
      .returning();
    return row!;
  });
}

/** 调解中发现的问题: recorded by staff or a mediating deputy, once mediation has begun. */
export async function addFinding(ctx: AppContext, actor: Actor, id: string, body: string) {
  const rc = actor.regionCode;
  return ctx.database.db.transaction(async (tx) => {
    const { c } = await loadCase(tx, rc, id);
    await canSee(tx, await viewerOf(tx, actor), c);
    const deputyIds = await mediatorIds(tx, rc, id);
    await transition(ctx, { regionCode: rc, id }, 'recordFinding', actor, { deputyIds }, { exec: tx });
    const [row] = await tx
      .insert(mediationFindings)
      .values({
        regionCode: rc,
        id: uuidv7(ctx.clock.now().getTime()),
        caseId: id,
        body,
        createdBy: actor.accountId,
        createdByLabel: actor.label,
      })
      .returning();
    return row!;
  });
}

export interface ListFilter {
  state?: string;
  phase?: 'intake' | 'handling' | 'feedback' | 'closed';
  disputeType?: (typeof DISPUTE_TYPES)[number];
  stationId?: string;
  /** 民意转调解: the disputes registered from this opinion. */
  sourceOpinionId?: string;
  overdue?: boolean;
  mine?: boolean;
  q?: string;
  page?: number;
  pageSize?: number;
}

/**
 * The running deadline: while mediating, the mediation period; once agreed, the follow-up visit.
 * A timer that fired still marks the deadline (it was missed); a cancelled one does not.
 */
// Qualified by hand: drizzle leaves columns unqualified in a single-table select list.
const dueOf = sql<Date | null>`(select min(t.due_at) from ${timers} t where t.region_code = cases.region_code
  and t.case_id = cases.id and t.status <> 'cancelled' and t.kind = case cases.state
  when 'mediating' then 'mediation_due' when 'agreed' then 'follow_up_due' end)`;

/** The mediation list (console 矛盾调解; a deputy's 我参与的调解 with `mine`). */
export async function listMediations(ctx: AppContext, actor: Actor, f: ListFilter) {
  const { db } = ctx.database;
  const v = await viewerOf(db, actor);
  const rc = actor.regionCode;
  const dueAt = dueOf;
  const conds: SQL[] = [eq(cases.regionCode, rc), eq(cases.caseType, TYPE), visibleTo(v)];
  if (f.mine) conds.push(v.deputyId ? mediatedBy(rc, v.deputyId) : sql`false`);
  if (f.state) conds.push(eq(cases.state, f.state));
  if (f.phase) conds.push(eq(cases.phase, f.phase));
  if (f.disputeType) conds.push(eq(mediationCases.disputeType, f.disputeType));
  if (f.stationId) conds.push(eq(mediationCases.stationId, f.stationId));
  if (f.sourceOpinionId) conds.push(eq(mediationCases.sourceOpinionId, f.sourceOpinionId));
  if (f.q) conds.push(sql`(${cases.title} like ${`%${f.q}%`} or ${cases.trackingNo} = ${f.q})`);
  const now = ctx.clock.now();
  if (f.overdue) conds.push(sql`${dueAt} < ${now.toISOString()}`);
  const where = and(...conds);
  const page = f.page ?? 1;
  const pageSize = Math.min(f.pageSize ?? 20, 200);
  const [rows, [count]] = await Promise.all([
    db
      .select({ c: cases, m: mediationCases, stationName: stations.name, dueAt })
      .from(cases)
      .innerJoin(mediationCases, join)
      .leftJoin(
        stations,
        and(eq(stations.regionCode, mediationCases.regionCode), eq(stations.id, mediationCases.stationId)),
      )
      .where(where)
      .orderBy(desc(cases.openedAt), asc(cases.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: sql<number>`count(*)` }).from(cases).innerJoin(mediationCases, join).where(where),
  ]);
  const names = await mediatorNames(
    db,
    rc,
    rows.map((r) => r.c.id),
  );
  return {
    total: Number(count?.n ?? 0),
    page,
    pageSize,
    items: rows.map((r) => {
      const due = r.dueAt ? new Date(r.dueAt) : null;
      return {
        id: r.c.id,
        trackingNo: r.c.trackingNo,
        title: r.c.title,
        state: r.c.state,
        stateLabel: label(r.c.state),
        disputeType: r.m.disputeType,
        disputeTypeLabel: disputeTypeLabels[r.m.disputeType],
        stationName: r.stationName ?? null,
        partyCount: r.m.partyCount,
        mediators: names.get(r.c.id) ?? [],
        openedAt: r.c.openedAt.toISOString(),
        dueAt: due?.toISOString() ?? null,
        overdue: !!due && due < now,
        supervisionLevel: dataOf(r.c).supervisionLevel ?? 0,
      };
    }),
  };
}

export interface StatsFilter {
  from?: string;
  to?: string;
  stationId?: string;
}

/**
 * 调解统计 (staff, their jurisdiction): by dispute type — registered, being mediated, agreed
 * (达成协议, with or without the follow-up done), failed, refused or ended, the success rate
 * (agreed / (agreed + failed)), agreements performed, mean days from acceptance to the end, and
 * cases past their running deadline now. Cases counted by the day they were registered (China
 * time); one grouped statement, whatever the number of cases.
 */
export async function mediationStats(ctx: AppContext, actor: Actor, f: StatsFilter) {
  const { db } = ctx.database;
  const v = await viewerOf(db, actor);
  if (v.staffPaths.length === 0) throw authErrors.forbidden();
  const rc = actor.regionCode;
  const now = ctx.clock.now().toISOString();
  const conds: SQL[] = [
    eq(cases.regionCode, rc),
    eq(cases.caseType, TYPE),
    visibleTo({ ...v, deputyId: null }),
  ];
  if (f.from) conds.push(sql`${cases.openedAt} >= ${`${f.from}T00:00:00+08:00`}`);
  if (f.to)
    conds.push(sql`${cases.openedAt} < (${`${f.to}T00:00:00+08:00`}::timestamptz + interval '1 day')`);
  if (f.stationId) conds.push(eq(mediationCases.stationId, f.stationId));
  const rows = await db
    .select({
      type: mediationCases.disputeType,
      state: cases.state,
      n: sql<number>`count(*)::int`,
      performed: sql<number>`(count(*) filter (where ${mediationCases.performance} = 'performed'))::int`,
      days: sql<
        number | null
      >`sum(extract(epoch from (${mediationCases.concludedAt} - ${mediationCases.acceptedAt})) / 86400)
        filter (where ${mediationCases.acceptedAt} is not null and ${mediationCases.concludedAt} is not null)`,
      timed: sql<number>`(count(*) filter (where ${mediationCases.acceptedAt} is not null and ${mediationCases.concludedAt} is not null))::int`,
      overdue: sql<number>`(count(*) filter (where ${dueOf} < ${now}))::int`,
    })
    .from(cases)
    .innerJoin(mediationCases, join)
    .where(and(...conds))
    .groupBy(mediationCases.disputeType, cases.state);
  type Row = {
    total: number;
    mediating: number;
    agreed: number;
    failed: number;
    ended: number;
    waiting: number;
    performed: number;
    overdue: number;
    days: number;
    timed: number;
  };
  const blank = (): Row => ({
    total: 0,
    mediating: 0,
    agreed: 0,
    failed: 0,
    ended: 0,
    waiting: 0,
    performed: 0,
    overdue: 0,
    days: 0,
    timed: 0,
  });
  const byType = new Map<string, Row>();
  const all = blank();
  for (const r of rows) {
    const t = byType.get(r.type) ?? blank();
    byType.set(r.type, t);
    for (const x of [t, all]) {
      x.total += r.n;
      if (r.state === 'registered') x.waiting += r.n;
      else if (r.state === 'mediating') x.mediating += r.n;
      else if (r.state === 'agreed' || r.state === 'closed') x.agreed += r.n;
      else if (r.state === 'failed') x.failed += r.n;
      else x.ended += r.n;
      x.performed += r.performed;
      x.overdue += r.overdue;
      x.days += Number(r.days ?? 0);
      x.timed += r.timed;
    }
  }
  const out = (x: Row) => ({
    total: x.total,
    waiting: x.waiting,
    mediating: x.mediating,
    agreed: x.agreed,
    failed: x.failed,
    ended: x.ended,
    performed: x.performed,
    overdue: x.overdue,
    successRate: x.agreed + x.failed > 0 ? x.agreed / (x.agreed + x.failed) : null,
    meanDays: x.timed > 0 ? Math.round((x.days / x.timed) * 10) / 10 : null,
  });
  return {
    total: out(all),
    byType: [...byType]
      .map(([type, x]) => ({
        type,
        label: disputeTypeLabels[type as keyof typeof disputeTypeLabels],
        ...out(x),
      }))
      .sort((a, b) => b.total - a.total),
  };
}

async function mediatorNames(exec: Executor, regionCode: string, caseIds: string[]) {
  const out = new Map<string, Array<{ id: string; name: string }>>();
  if (caseIds.length === 0) return out;
  const rows = await exec
    .select({ caseId: mediationMediators.caseId, id: deputies.id, name: deputies.name })
    .from(mediationMediators)
    .innerJoin(
      deputies,
      and(
        eq(deputies.regionCode, mediationMediators.regionCode),
        eq(deputies.id, mediationMediators.deputyId),
      ),
    )
    .where(and(eq(mediationMediators.regionCode, regionCode), inArray(mediationMediators.caseId, caseIds)))
    .orderBy(asc(mediationMediators.createdAt));
  for (const r of rows) {
    const list = out.get(r.caseId) ?? [];
    list.push({ id: r.id, name: r.name });
    out.set(r.caseId, list);
  }
  return out;
}

const maskParty = (p: Party) => ({
  role: p.role,
  roleLabel: partyRoleLabels[p.role],
  name: maskName(p.name),
  phone: p.phone ? maskPhone(p.phone) : null,
  address: p.address ? maskAddress(p.address) : null,
});

/** The detail: masked parties, mediators, sittings, findings, history and what the viewer may do. */
export async function mediationDetail(ctx: AppContext, actor: Actor, id: string) {
  const { db } = ctx.database;
  const rc = actor.regionCode;
  const { c, m } = await loadCase(db, rc, id);
  const v = await viewerOf(db, actor);
  const role = await canSee(db, v, c);
  const inCase = <T extends typeof mediationSessions | typeof mediationFindings>(t: T) =>
    and(eq(t.regionCode, rc), eq(t.caseId, id));
  const [names, sessions, findings, history, station] = await Promise.all([
    mediatorNames(db, rc, [id]),
    db
      .select()
      .from(mediationSessions)
      .where(inCase(mediationSessions))
      .orderBy(asc(mediationSessions.heldOn)),
    db
      .select()
      .from(mediationFindings)
      .where(inCase(mediationFindings))
      .orderBy(asc(mediationFindings.createdAt)),
    db
      .select()
      .from(caseHistory)
      .where(and(eq(caseHistory.regionCode, rc), eq(caseHistory.caseId, id)))
      .orderBy(asc(caseHistory.seq)),
    m.stationId
      ? db
          .select({ id: stations.id, name: stations.name })
          .from(stations)
          .where(and(eq(stations.regionCode, rc), eq(stations.id, m.stationId)))
          .then((r) => r[0] ?? null)
      : Promise.resolve(null),
  ]);
  const [due] = await db
    .select({ dueAt: dueOf })
    .from(cases)
    .where(and(eq(cases.regionCode, rc), eq(cases.id, id)));
  const now = ctx.clock.now();
  return {
    id: c.id,
    trackingNo: c.trackingNo,
    title: c.title,
    state: c.state,
    stateLabel: label(c.state),
    phase: c.phase,
    openedAt: c.openedAt.toISOString(),
    jurisdictionCode: c.jurisdictionCode,
    station,
    disputeType: m.disputeType,
    disputeTypeLabel: disputeTypeLabels[m.disputeType],
    source: m.source,
    sourceLabel: sourceLabels[m.source],
    sourceOpinionId: m.sourceOpinionId,
    referredBy: m.referredBy,
    summary: m.summary,
    parties: partiesOf(ctx, m.partiesEnc).map(maskParty),
    mediators: names.get(id) ?? [],
    coMediators: m.coMediators,
    agreement: m.agreement,
    agreementForm: m.agreementForm,
    performanceDueOn: m.performanceDueOn,
    outcomeReason: m.outcomeReason,
    guidance: m.guidance,
    guidanceLabel: m.guidance ? guidanceLabels[m.guidance] : null,
    performance: m.performance,
    performanceLabel: m.performance ? performanceLabels[m.performance] : null,
    followUpNote: m.followUpNote,
    dueAt: due?.dueAt ? new Date(due.dueAt).toISOString() : null,
    overdue: !!due?.dueAt && new Date(due.dueAt) < now,
    supervisionLevel: dataOf(c).supervisionLevel ?? 0,
    sessions: sessions.map((s) => ({
      id: s.id,
      heldOn: s.heldOn,
      place: s.place,
      attendees: s.attendees,
      minutes: s.minutes,
      recordedBy: s.createdByLabel,
    })),
    findings: findings.map((f) => ({
      id: f.id,
      body: f.body,
      recordedBy: f.createdByLabel,
      at: f.createdAt.toISOString(),
    })),
    history: history.map((h) => ({
      seq: h.seq,
      action: h.action,
      actionLabel: h.action === 'open' ? '登记' : (mediationCase.actions[h.action]?.label ?? h.action),
      toState: h.toState,
      stateLabel: label(h.toState),
      actor: h.actorLabel,
      at: h.at.toISOString(),
    })),
    viewerRole: role,
    actions: availableActions(mediationCase, c, actor)
      .filter((a) => a.roles.length > 0)
      .filter((a) => role === 'staff' || a.roles.includes('deputy'))
      .map((a) => ({ action: a.action, label: a.label })),
  };
}

/** 查看当事人联系方式: the parties in the clear for whoever may act on the case, audited. */
export async function revealParties(ctx: AppContext, actor: Actor, id: string) {
  const { db } = ctx.database;
  const { c, m } = await loadCase(db, actor.regionCode, id);
  await canSee(db, await viewerOf(db, actor), c);
  await appendAudit(db, actor, ctx.clock.now(), {
    action: 'mediations.parties_viewed',
    targetType: TYPE,
    targetId: c.id,
    jurisdictionCode: c.jurisdictionCode,
    details: { trackingNo: c.trackingNo },
  });
  return partiesOf(ctx, m.partiesEnc).map((p) => ({ ...p, roleLabel: partyRoleLabels[p.role] }));
}

/** For the suggestions module (调解转建议): a finding with its case, if this deputy mediated it. */
export async function findingForDeputy(
  exec: Executor,
  regionCode: string,
  findingId: string,
  deputyId: string,
) {
  const [row] = await exec
    .select({ f: mediationFindings, c: cases })
    .from(mediationFindings)
    .innerJoin(
      cases,
      and(eq(cases.regionCode, mediationFindings.regionCode), eq(cases.id, mediationFindings.caseId)),
    )
    .where(and(eq(mediationFindings.regionCode, regionCode), eq(mediationFindings.id, findingId)));
  if (!row || !(await isMediator(exec, regionCode, row.c.id, deputyId))) return null;
  return row;
}

/** For the suggestion's detail: the finding and its case, with details only for who may see the case. */
export async function findingSource(exec: Executor, actor: Actor, findingId: string | null) {
  if (!findingId) return null;
  const hidden = { visible: false as const, caseId: null, trackingNo: null, title: null, finding: null };
  const [row] = await exec
    .select({ f: mediationFindings, c: cases })
    .from(mediationFindings)
    .innerJoin(
      cases,
      and(eq(cases.regionCode, mediationFindings.regionCode), eq(cases.id, mediationFindings.caseId)),
    )
    .where(and(eq(mediationFindings.regionCode, actor.regionCode), eq(mediationFindings.id, findingId)));
  if (!row) return hidden;
  const seen = await canSee(exec, await viewerOf(exec, actor), row.c).then(
    () => true,
    () => false,
  );
  if (!seen) return hidden;
  return {
    visible: true as const,
    caseId: row.c.id,
    trackingNo: row.c.trackingNo,
    title: row.c.title,
    finding: row.f.body,
  };
}
