import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { appendAudit } from '../../kernel/audit/audit';
import { type Actor, assertCan } from '../../kernel/auth/actor';
import type { AppContext } from '../../kernel/context';
import type { Executor, Tx } from '../../kernel/db/client';
import { timers } from '../../kernel/db/kernel.schema';
import { uuidv7 } from '../../kernel/ids';
import { resolveSetting } from '../../kernel/settings';
import { departments } from '../congresses/congresses.schema';
import { findJurisdiction } from '../jurisdictions/jurisdictions.repository';
import { deputiesErrors, noContactMonthsSetting } from './deputies.model';
import { findDeputy } from './deputies.repository';
import { deputies, liaisonPairs, liaisonVisits } from './deputies.schema';
import { codeInSubtree, READ_ROLES, resolveScope, WRITE_ROLES } from './deputies.scope';

export const NO_CONTACT_TIMER = 'liaison.no_contact';
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

export const pairInput = z.object({
  kind: z.enum(['committee_member', 'department_head'], { message: '请选择联系类型' }),
  memberName: z.string().trim().min(1, '请输入联系人姓名').max(30),
  memberTitle: z.string().trim().max(50).nullable().optional(),
  departmentId: z.string().uuid().nullable().optional(),
  deputyId: z.string().uuid('请选择代表'),
});
export const visitInput = z.object({
  visitedOn: day,
  mode: z.enum(['visit', 'meeting', 'phone', 'online'], { message: '请选择联系方式' }),
  summary: z.string().trim().min(2, '请填写联系内容').max(1000, '联系内容不超过 1000 字'),
});

/** China civil date (yyyy-mm-dd) of an instant. */
const chinaDay = (at: Date) => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

/** `months` calendar months after a civil date, 09:00 China time; the 31st becomes the month's end. */
export function monthsAfter(date: string, months: number): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return new Date(first.getTime() + 3600_000); // 09:00 +08:00 = 01:00 UTC
}

/** Cancels the pair's open reminder and opens the next one, `noContactMonths` after `from`. */
export async function armNoContactTimer(
  ctx: AppContext,
  tx: Tx,
  regionCode: string,
  pairId: string,
  path: string,
  from: string,
) {
  const now = ctx.clock.now();
  await tx
    .update(timers)
    .set({ status: 'cancelled', cancelledAt: now })
    .where(
      and(
        eq(timers.regionCode, regionCode),
        eq(timers.kind, NO_CONTACT_TIMER),
        eq(timers.status, 'open'),
        sql`${timers.payload}->>'pairId' = ${pairId}`,
      ),
    );
  const months = await resolveSetting(tx, regionCode, path, noContactMonthsSetting);
  await tx.insert(timers).values({
    regionCode,
    id: uuidv7(now.getTime()),
    caseId: null,
    kind: NO_CONTACT_TIMER,
    dueAt: monthsAfter(from, months),
    payload: { pairId, since: from, months },
    createdAt: now,
  });
}

export async function listPairs(ctx: AppContext, actor: Actor, q: { scope?: string }) {
  const { db } = ctx.database;
  const scope = await resolveScope(db, actor, READ_ROLES, q.scope);
  const rows = await db
    .select({ p: liaisonPairs, deputyName: deputies.name, departmentName: departments.name })
    .from(liaisonPairs)
    .innerJoin(
      deputies,
      and(eq(deputies.regionCode, liaisonPairs.regionCode), eq(deputies.id, liaisonPairs.deputyId)),
    )
    .leftJoin(
      departments,
      and(eq(departments.regionCode, liaisonPairs.regionCode), eq(departments.id, liaisonPairs.departmentId)),
    )
    .where(
      and(
        eq(liaisonPairs.regionCode, actor.regionCode),
        codeInSubtree(liaisonPairs.jurisdictionCode, scope.path),
      ),
    )
    .orderBy(asc(liaisonPairs.kind), asc(liaisonPairs.memberName))
    .limit(1000);
  const months = await resolveSetting(db, actor.regionCode, scope.path, noContactMonthsSetting);
  const today = chinaDay(ctx.clock.now());
  const deps = await db
    .select({ id: departments.id, name: departments.name })
    .from(departments)
    .where(
      and(
        eq(departments.regionCode, actor.regionCode),
        codeInSubtree(departments.jurisdictionCode, scope.path),
      ),
    )
    .orderBy(asc(departments.sort));
  return {
    noContactMonths: months,
    departments: deps,
    items: rows.map(({ p, deputyName, departmentName }) => {
      const since = p.lastContactOn ?? chinaDay(p.createdAt);
      return {
        id: p.id,
        kind: p.kind,
        memberName: p.memberName,
        memberTitle: p.memberTitle,
        departmentId: p.departmentId,
        departmentName,
        deputyId: p.deputyId,
        deputyName,
        jurisdictionCode: p.jurisdictionCode,
        lastContactOn: p.lastContactOn,
        overdue: monthsAfter(since, months).getTime() <= new Date(`${today}T09:00:00+08:00`).getTime(),
      };
    }),
  };
}

async function pairInScope(exec: Executor, actor: Actor, id: string, roles = WRITE_ROLES) {
  const [p] = await exec
    .select()
    .from(liaisonPairs)
    .where(and(eq(liaisonPairs.regionCode, actor.regionCode), eq(liaisonPairs.id, id)));
  if (!p) throw deputiesErrors.pair_not_found();
  const j = await findJurisdiction(exec, p.jurisdictionCode);
  assertCan(actor, roles, j?.path ?? '');
  return { p, path: j?.path ?? '' };
}

/** Links a committee member or department head to a deputy and starts the no-contact reminder. */
export async function createPair(ctx: AppContext, actor: Actor, input: z.infer<typeof pairInput>) {
  const { db } = ctx.database;
  const d = await findDeputy(db, actor.regionCode, input.deputyId);
  if (!d) throw deputiesErrors.not_found();
  const j = await findJurisdiction(db, d.jurisdictionCode);
  assertCan(actor, WRITE_ROLES, j?.path ?? '');
  const now = ctx.clock.now();
  const id = uuidv7(now.getTime());
  await db.transaction(async (tx) => {
    await tx.insert(liaisonPairs).values({
      regionCode: actor.regionCode,
      id,
      kind: input.kind,
      memberName: input.memberName,
      memberTitle: input.memberTitle ?? null,
      departmentId: input.kind === 'department_head' ? (input.departmentId ?? null) : null,
      deputyId: d.id,
      jurisdictionCode: d.jurisdictionCode,
      createdAt: now,
    });
    await armNoContactTimer(ctx, tx, actor.regionCode, id, j?.path ?? '', chinaDay(now));
    await appendAudit(tx, actor, now, {
      action: 'liaison.pair_create',
      targetType: 'liaison_pair',
      targetId: id,
      jurisdictionCode: d.jurisdictionCode,
      details: { kind: input.kind, memberName: input.memberName, deputyId: d.id },
    });
  });
  return { id };
}

export async function listVisits(ctx: AppContext, actor: Actor, pairId: string) {
  const { db } = ctx.database;
  await pairInScope(db, actor, pairId, READ_ROLES);
  return db
    .select({
      id: liaisonVisits.id,
      visitedOn: liaisonVisits.visitedOn,
      mode: liaisonVisits.mode,
      summary: liaisonVisits.summary,
      createdAt: liaisonVisits.createdAt,
    })
    .from(liaisonVisits)
    .where(and(eq(liaisonVisits.regionCode, actor.regionCode), eq(liaisonVisits.pairId, pairId)))
    .orderBy(desc(liaisonVisits.visitedOn), desc(liaisonVisits.createdAt))
    .limit(500);
}

/** Records a contact; the reminder is re-armed from the latest contact date. */
export async function recordVisit(
  ctx: AppContext,
  actor: Actor,
  pairId: string,
  input: z.infer<typeof visitInput>,
) {
  const { db } = ctx.database;
  const { p, path } = await pairInScope(db, actor, pairId);
  const now = ctx.clock.now();
  if (input.visitedOn > chinaDay(now)) throw deputiesErrors.visit_in_future();
  const id = uuidv7(now.getTime());
  await db.transaction(async (tx) => {
    await tx.insert(liaisonVisits).values({
      regionCode: actor.regionCode,
      id,
      pairId,
      ...input,
      recordedBy: actor.accountId,
      createdAt: now,
    });
    const last = p.lastContactOn && p.lastContactOn > input.visitedOn ? p.lastContactOn : input.visitedOn;
    await tx
      .update(liaisonPairs)
      .set({ lastContactOn: last })
      .where(and(eq(liaisonPairs.regionCode, actor.regionCode), eq(liaisonPairs.id, pairId)));
    await armNoContactTimer(ctx, tx, actor.regionCode, pairId, path, last);
    await appendAudit(tx, actor, now, {
      action: 'liaison.visit',
      targetType: 'liaison_pair',
      targetId: pairId,
      jurisdictionCode: p.jurisdictionCode,
      details: { visitId: id, visitedOn: input.visitedOn, mode: input.mode },
    });
  });
  return { id };
}
