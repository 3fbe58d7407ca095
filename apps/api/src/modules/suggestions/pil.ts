import { and, asc, desc, eq, inArray, isNull, ne, type SQL, sql } from 'drizzle-orm';
import { appendAudit } from '../../kernel/audit/audit';
import { type Actor, hasRole, scopePaths } from '../../kernel/auth/actor';
import type { AppContext } from '../../kernel/context';
import type { Executor, Tx } from '../../kernel/db/client';
import { caseHistory, cases } from '../../kernel/db/kernel.schema';
import { emit } from '../../kernel/events';
import { uuidv7 } from '../../kernel/ids';
import { resolveSetting } from '../../kernel/settings';
import { accounts, roleGrants } from '../accounts/accounts.schema';
import { departments } from '../congresses/congresses.schema';
import { deputies, deputyMandates } from '../deputies/deputies.schema';
import { jurisdictions } from '../jurisdictions/jurisdictions.schema';
import { underPaths, viewerOf, visibleTo } from './access';
import { pilLabels } from './queries.usecases';
import { suggestionCase } from './suggestions.case';
import { suggestionErrors } from './suggestions.errors';
import { act, suggestionWhere, withSuggestion } from './suggestions.repository';
import { procuratorateRecommendations, suggestionAssignments, suggestions } from './suggestions.schema';
import { answerCategories } from './suggestions.settings';

/**
 * 公益诉讼衔接, the procuratorate's side. A procuratorate is an organisation (a `departments` row
 * of kind judicial) whose liaison accounts hold `procuratorate_liaison` over its jurisdiction. It
 * sees, in that subtree, only the suggestions handed to it as clues and those converted from its
 * recommendations — never drafts, deputies' contact data, 面商 notes, answers' text or ratings.
 */
export const CLUE_STATUSES = ['handed', 'accepted', 'filed', 'declined'] as const;
export type Feedback = 'accepted' | 'filed' | 'declined';
/** What the procuratorate may record next: 受理, then 立案 or 不予立案 (final). */
const NEXT: Record<string, Feedback[]> = {
  handed: ['accepted', 'filed', 'declined'],
  accepted: ['filed', 'declined'],
};
export const feedbackLabels: Record<Feedback, string> = {
  accepted: '已受理',
  filed: '已立案',
  declined: '不予立案',
};

export interface Procuratorate {
  actor: Actor;
  paths: string[];
  departmentId: string | null;
  name: string;
}

export async function procuratorateOf(exec: Executor, actor: Actor): Promise<Procuratorate> {
  const paths = scopePaths(actor, ['procuratorate_liaison']);
  if (paths.length === 0 || !actor.accountId) throw suggestionErrors.not_a_procuratorate();
  const [a] = await exec
    .select({ d: accounts.departmentId, name: departments.name })
    .from(accounts)
    .leftJoin(
      departments,
      and(eq(departments.regionCode, accounts.regionCode), eq(departments.id, accounts.departmentId)),
    )
    .where(and(eq(accounts.regionCode, actor.regionCode), eq(accounts.id, actor.accountId)));
  return { actor, paths, departmentId: a?.d ?? null, name: a?.name ?? '检察机关' };
}

/** The suggestions a procuratorate may see: its clues and conversions, in its subtree, not drafts. */
const seenBy = (p: Procuratorate): SQL =>
  and(
    underPaths(p.paths),
    ne(cases.state, 'draft'),
    inArray(suggestions.pilStatus, [...CLUE_STATUSES, 'from_procuratorate']),
  )!;

const join = and(eq(suggestions.regionCode, cases.regionCode), eq(suggestions.caseId, cases.id));

function rowsOf(exec: Executor) {
  return exec
    .select({ c: cases, s: suggestions, dept: departments.name, deputyName: deputies.name })
    .from(suggestions)
    .innerJoin(cases, join)
    .leftJoin(
      departments,
      and(
        eq(departments.regionCode, suggestions.regionCode),
        eq(departments.id, suggestions.leadDepartmentId),
      ),
    )
    .leftJoin(
      deputies,
      and(eq(deputies.regionCode, suggestions.regionCode), eq(deputies.id, suggestions.deputyId)),
    );
}
type Row = Awaited<ReturnType<ReturnType<typeof rowsOf>['where']>>[number];

function itemOf(r: Row, catLabel: (code: string) => string) {
  const { c, s } = r;
  return {
    id: c.id,
    trackingNo: c.trackingNo,
    registerNo: s.registerNo,
    title: c.title,
    category: s.category,
    kind: s.pilStatus === 'from_procuratorate' ? ('converted' as const) : ('clue' as const),
    state: c.state,
    stateLabel: suggestionCase.states[c.state]?.label ?? c.state,
    deputyName: r.deputyName,
    leadDepartmentName: r.dept,
    answerCategory: s.answerCategory,
    answerCategoryLabel: s.answerCategory ? catLabel(s.answerCategory) : null,
    pilStatus: s.pilStatus,
    pilLabel: pilLabels[s.pilStatus] ?? '',
    pilNote: s.pilNote,
    submittedAt: s.submittedAt?.toISOString() ?? null,
    nextStatuses: NEXT[s.pilStatus] ?? [],
  };
}

export interface PilFilter {
  kind?: 'clue' | 'converted';
  pilStatus?: (typeof CLUE_STATUSES)[number];
  q?: string;
  page?: number;
  pageSize?: number;
}

/** 公益诉讼衔接 list of the procuratorate: clues handed to it and suggestions from its recommendations. */
export async function listPilSuggestions(ctx: AppContext, actor: Actor, f: PilFilter) {
  const { db } = ctx.database;
  const p = await procuratorateOf(db, actor);
  const conds: SQL[] = [eq(suggestions.regionCode, actor.regionCode), seenBy(p)];
  if (f.kind === 'clue') conds.push(inArray(suggestions.pilStatus, [...CLUE_STATUSES]));
  if (f.kind === 'converted') conds.push(eq(suggestions.pilStatus, 'from_procuratorate'));
  if (f.pilStatus) conds.push(eq(suggestions.pilStatus, f.pilStatus));
  if (f.q) conds.push(sql`position(${f.q} in ${cases.title}) > 0`);
  const where = and(...conds)!;
  const page = f.page ?? 1;
  const pageSize = Math.min(f.pageSize ?? 20, 200);
  const [rows, [count]] = await Promise.all([
    rowsOf(db)
      .where(where)
      .orderBy(desc(cases.updatedAt), asc(cases.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: sql<number>`count(*)` }).from(suggestions).innerJoin(cases, join).where(where),
  ]);
  const cats = await resolveSetting(db, actor.regionCode, `/${actor.regionCode}/`, answerCategories);
  const label = (code: string) => cats.find((x) => x.code === code)?.label ?? code;
  return { total: Number(count?.n ?? 0), page, pageSize, items: rows.map((r) => itemOf(r, label)) };
}

/** Steps the procuratorate is shown (without their reasons, which are for others). */
const SHOWN = new Set([
  'submit',
  'register',
  'assign',
  'answer',
  'rate',
  'rateFollowUp',
  'rateDissatisfied',
  'completeFollowUp',
  'publish',
  'pil',
  'pilFeedback',
]);

async function loadSeen(exec: Executor, p: Procuratorate, id: string) {
  const [row] = await rowsOf(exec).where(
    and(eq(suggestions.regionCode, p.actor.regionCode), eq(suggestions.caseId, id), seenBy(p)),
  );
  if (!row) throw suggestionErrors.not_found();
  return row;
}

/** The drawer: the item, its units, the recommendation it came from and the steps with PIL notes. */
export async function pilSuggestionDetail(ctx: AppContext, actor: Actor, id: string) {
  const { db } = ctx.database;
  const p = await procuratorateOf(db, actor);
  const row = await loadSeen(db, p, id);
  const rc = actor.regionCode;
  const [units, history, [rec]] = await Promise.all([
    db
      .select({ role: suggestionAssignments.role, name: departments.name })
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
          eq(suggestionAssignments.caseId, id),
          inArray(suggestionAssignments.status, ['assigned', 'done']),
        ),
      )
      .orderBy(asc(suggestionAssignments.assignedAt)),
    db
      .select()
      .from(caseHistory)
      .where(and(eq(caseHistory.regionCode, rc), eq(caseHistory.caseId, id)))
      .orderBy(asc(caseHistory.seq)),
    db
      .select({
        id: procuratorateRecommendations.id,
        reference: procuratorateRecommendations.reference,
        title: procuratorateRecommendations.title,
      })
      .from(procuratorateRecommendations)
      .where(
        and(
          eq(procuratorateRecommendations.regionCode, rc),
          eq(procuratorateRecommendations.suggestionId, id),
        ),
      ),
  ]);
  const cats = await resolveSetting(db, rc, row.c.jurisdictionPath, answerCategories);
  const label = (code: string) => cats.find((x) => x.code === code)?.label ?? code;
  return {
    ...itemOf(row, label),
    body: row.s.body,
    units: units.map((u) => ({ role: u.role, roleLabel: u.role === 'lead' ? '主办' : '会办', name: u.name })),
    recommendation: rec ?? null,
    history: history
      .filter((h) => SHOWN.has(h.action))
      .map((h) => {
        const pl = h.payload as { status?: string; note?: string; reason?: string };
        const pil = h.action === 'pil' || h.action === 'pilFeedback';
        return {
          action: h.action,
          label: suggestionCase.actions[h.action]?.label ?? h.action,
          stateLabel: suggestionCase.states[h.toState]?.label ?? h.toState,
          at: h.at.toISOString(),
          actorLabel: pil ? h.actorLabel : null,
          pilLabel: pil && pl.status ? (pilLabels[pl.status] ?? pl.status) : null,
          note: pil ? (pl.reason ?? pl.note ?? null) : null,
        };
      }),
  };
}

/**
 * The procuratorate records its status on a clue: 已受理, 已立案 or 不予立案 (with a reason). On the
 * workflow seam (history, audit, event → congress staff told); a status out of order is refused.
 */
export async function recordPilFeedback(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { status: Feedback; note?: string; reason?: string },
) {
  return withSuggestion(ctx, actor, id, async (tx, c, s) => {
    const p = await procuratorateOf(tx, actor);
    await loadSeen(tx, p, c.id);
    if (!(NEXT[s.pilStatus] ?? []).includes(input.status)) throw suggestionErrors.pil_not_open();
    const reason = input.reason?.trim();
    if (input.status === 'declined' && (!reason || reason.length < 2))
      throw suggestionErrors.pil_reason_required();
    const note = input.status === 'declined' ? reason : input.note?.trim() || undefined;
    const next = await act(ctx, tx, c, 'pilFeedback', actor, {
      status: input.status,
      ...(note ? { note } : {}),
      ...(input.status === 'declined' ? { reason } : {}),
    });
    await tx
      .update(suggestions)
      .set({ pilStatus: input.status, pilNote: note ?? null })
      .where(suggestionWhere(c));
    return next;
  });
}

// --- 检察建议 → 代表建议 --------------------------------------------------------------------------

export interface RecommendationInput {
  title: string;
  body: string;
  reference: string;
}

/** 移送检察建议: the procuratorate hands a recommendation to the congress of its jurisdiction. */
export async function submitRecommendation(ctx: AppContext, actor: Actor, input: RecommendationInput) {
  return ctx.database.db.transaction(async (tx) => {
    const p = await procuratorateOf(tx, actor);
    const grant = actor.grants.find((g) => g.role === 'procuratorate_liaison' && g.scopePath === p.paths[0])!;
    const [dup] = await tx
      .select({ id: procuratorateRecommendations.id })
      .from(procuratorateRecommendations)
      .where(
        and(
          eq(procuratorateRecommendations.regionCode, actor.regionCode),
          eq(procuratorateRecommendations.jurisdictionCode, grant.scopeCode),
          eq(procuratorateRecommendations.reference, input.reference),
        ),
      );
    if (dup) throw suggestionErrors.recommendation_duplicate();
    const now = ctx.clock.now();
    const [row] = await tx
      .insert(procuratorateRecommendations)
      .values({
        regionCode: actor.regionCode,
        id: uuidv7(now.getTime()),
        jurisdictionCode: grant.scopeCode,
        departmentId: p.departmentId,
        title: input.title,
        body: input.body,
        reference: input.reference,
        submittedBy: actor.accountId,
        createdAt: now,
      })
      .returning();
    await appendAudit(tx, actor, now, {
      action: 'suggestions.recommendation_submitted',
      targetType: 'procuratorate_recommendation',
      targetId: row!.id,
      jurisdictionCode: grant.scopeCode,
      details: { reference: input.reference },
    });
    await emit(tx, now, {
      regionCode: actor.regionCode,
      topic: 'procuratorate.recommended',
      aggregateType: 'procuratorate_recommendation',
      aggregateId: row!.id,
      payload: { recommendationId: row!.id, jurisdictionCode: grant.scopeCode, procuratorate: p.name },
    });
    return row!;
  });
}

const recJoin = (exec: Executor) =>
  exec
    .select({
      r: procuratorateRecommendations,
      path: jurisdictions.path,
      procuratorate: departments.name,
      caseId: cases.id,
      state: cases.state,
      registerNo: suggestions.registerNo,
      pilStatus: suggestions.pilStatus,
    })
    .from(procuratorateRecommendations)
    .innerJoin(jurisdictions, eq(jurisdictions.code, procuratorateRecommendations.jurisdictionCode))
    .leftJoin(
      departments,
      and(
        eq(departments.regionCode, procuratorateRecommendations.regionCode),
        eq(departments.id, procuratorateRecommendations.departmentId),
      ),
    )
    .leftJoin(
      cases,
      and(
        eq(cases.regionCode, procuratorateRecommendations.regionCode),
        eq(cases.id, procuratorateRecommendations.suggestionId),
      ),
    )
    .leftJoin(suggestions, join);

/**
 * Who sees a recommendation: the procuratorate (its subtree), congress staff of the congress
 * addressed (subtree), and the deputies holding a seat in that congress (who may take it up).
 */
async function recommendationScope(exec: Executor, actor: Actor) {
  const v = await viewerOf(exec, actor);
  const procPaths = scopePaths(actor, ['procuratorate_liaison']);
  const parts: SQL[] = [];
  const under = (paths: string[]) => or_(paths.map((x) => sql`${jurisdictions.path} like ${`${x}%`}`));
  if (procPaths.length) parts.push(under(procPaths));
  if (v.staffPaths.length) parts.push(under(v.staffPaths));
  if (v.deputyId)
    parts.push(sql`exists (select 1 from ${deputyMandates} m where m.region_code = ${actor.regionCode}
      and m.deputy_id = ${v.deputyId} and m.congress_jurisdiction_code = ${procuratorateRecommendations.jurisdictionCode}
      and m.ended_on is null)`);
  const where = parts.length ? or_(parts) : sql`false`;
  // The converted suggestion's number and stage: for the procuratorate once submitted, otherwise
  // for whoever may see that suggestion.
  const seesCase = hasRole(actor, ['procuratorate_liaison'])
    ? or_([and(underPaths(procPaths), ne(cases.state, 'draft'))!, visibleTo(v)])
    : visibleTo(v);
  return { where, seesCase };
}
const or_ = (xs: SQL[]): SQL => (xs.length ? sql`(${sql.join(xs, sql` or `)})` : sql`false`);

export async function listRecommendations(
  ctx: AppContext,
  actor: Actor,
  f: { status?: 'pending' | 'converted'; page?: number; pageSize?: number },
) {
  const { db } = ctx.database;
  const { where, seesCase } = await recommendationScope(db, actor);
  const conds: SQL[] = [eq(procuratorateRecommendations.regionCode, actor.regionCode), where];
  if (f.status === 'pending') conds.push(isNull(procuratorateRecommendations.suggestionId));
  if (f.status === 'converted') conds.push(sql`${procuratorateRecommendations.suggestionId} is not null`);
  const page = f.page ?? 1;
  const pageSize = Math.min(f.pageSize ?? 20, 200);
  const rows = await recJoin(db)
    .where(and(...conds))
    .orderBy(desc(procuratorateRecommendations.createdAt), asc(procuratorateRecommendations.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const seen = rows.length
    ? new Set(
        (
          await db
            .select({ id: cases.id })
            .from(suggestions)
            .innerJoin(cases, join)
            .where(
              and(
                eq(suggestions.regionCode, actor.regionCode),
                inArray(
                  suggestions.caseId,
                  rows.flatMap((r) => (r.caseId ? [r.caseId] : [])),
                ),
                seesCase,
              ),
            )
        ).map((x) => x.id),
      )
    : new Set<string>();
  const [count] = await db
    .select({ n: sql<number>`count(*)` })
    .from(procuratorateRecommendations)
    .innerJoin(jurisdictions, eq(jurisdictions.code, procuratorateRecommendations.jurisdictionCode))
    .where(and(...conds));
  return {
    total: Number(count?.n ?? 0),
    page,
    pageSize,
    items: rows.map((x) => ({
      id: x.r.id,
      title: x.r.title,
      body: x.r.body,
      reference: x.r.reference,
      jurisdictionCode: x.r.jurisdictionCode,
      procuratorate: x.procuratorate ?? '检察机关',
      submittedAt: x.r.createdAt.toISOString(),
      converted: !!x.r.suggestionId,
      convertedAt: x.r.convertedAt?.toISOString() ?? null,
      suggestion:
        x.caseId && seen.has(x.caseId)
          ? {
              id: x.caseId,
              registerNo: x.registerNo,
              state: x.state!,
              stateLabel: suggestionCase.states[x.state!]?.label ?? x.state!,
              pilStatus: x.pilStatus,
            }
          : null,
    })),
  };
}

/** For a deputy taking a recommendation up: it, locked, if addressed to a congress they sit in. */
export async function recommendationForDeputy(tx: Tx, actor: Actor, deputyId: string, id: string) {
  const [row] = await tx
    .select()
    .from(procuratorateRecommendations)
    .where(
      and(
        eq(procuratorateRecommendations.regionCode, actor.regionCode),
        eq(procuratorateRecommendations.id, id),
      ),
    )
    .for('update');
  if (!row) throw suggestionErrors.recommendation_not_found();
  const [seat] = await tx
    .select({ d: deputyMandates.deputyId })
    .from(deputyMandates)
    .where(
      and(
        eq(deputyMandates.regionCode, actor.regionCode),
        eq(deputyMandates.deputyId, deputyId),
        eq(deputyMandates.congressJurisdictionCode, row.jurisdictionCode),
        isNull(deputyMandates.endedOn),
      ),
    );
  if (!seat) throw suggestionErrors.recommendation_not_found();
  if (row.suggestionId) throw suggestionErrors.recommendation_taken({ suggestionId: row.suggestionId });
  return row;
}

/** Liaison accounts of the procuratorates over a jurisdiction path (whom to tell about a clue). */
export async function procuratorateAccounts(tx: Tx, regionCode: string, path: string) {
  const codes = path.split('/').filter(Boolean);
  const rows = await tx
    .select({ id: roleGrants.accountId })
    .from(roleGrants)
    .innerJoin(
      accounts,
      and(eq(accounts.regionCode, roleGrants.regionCode), eq(accounts.id, roleGrants.accountId)),
    )
    .where(
      and(
        eq(roleGrants.regionCode, regionCode),
        eq(roleGrants.role, 'procuratorate_liaison'),
        inArray(roleGrants.scopeCode, codes),
        eq(accounts.status, 'active'),
      ),
    );
  return rows.map((r) => r.id);
}
