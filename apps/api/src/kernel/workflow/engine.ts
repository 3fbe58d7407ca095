import { and, eq, inArray, lte, sql } from 'drizzle-orm';
import { findJurisdiction } from '../../modules/jurisdictions/jurisdictions.repository';
import { appendAudit } from '../audit/audit';
import { type Actor, assertCan, systemActor } from '../auth/actor';
import { computeDeadline, loadCalendar } from '../calendar/service';
import type { AppContext } from '../context';
import type { Executor, Tx } from '../db/client';
import { caseHistory, cases, timers, trackingCounters } from '../db/kernel.schema';
import { inTransaction } from '../db/tx';
import { AppError, authErrors, commonErrors, domainErrors } from '../errors';
import { emit } from '../events';
import { uuidv7 } from '../ids';
import { resolveSetting } from '../settings';
import { type CaseRow, type CaseTypeDef, caseType, mayAct, type TimerDef } from './definition';

export const workflowErrors = domainErrors('workflow', { not_allowed: 409, conflict: 409, not_found: 404 });

export interface CaseRef {
  regionCode: string;
  id: string;
}

/** China civil date as yyyymmdd, for tracking numbers. */
let lastStamp = { day: Number.NaN, stamp: '' };
/** The China-time calendar day of `at` as YYYYMMDD (kept for the day: intake asks on every request). */
export function dayStamp(at: Date): string {
  const shifted = at.getTime() + 8 * 3600_000;
  const day = Math.floor(shifted / 86_400_000);
  if (day !== lastStamp.day) {
    lastStamp = { day, stamp: new Date(shifted).toISOString().slice(0, 10).replaceAll('-', '') };
  }
  return lastStamp.stamp;
}

async function nextTrackingNo(tx: Tx, regionCode: string, prefix: string, at: Date): Promise<string> {
  const day = dayStamp(at);
  const [row] = await tx
    .insert(trackingCounters)
    .values({ regionCode, prefix, day, value: 1 })
    .onConflictDoUpdate({
      target: [trackingCounters.regionCode, trackingCounters.prefix, trackingCounters.day],
      set: { value: sql`${trackingCounters.value} + 1` },
    })
    .returning({ value: trackingCounters.value });
  return `${prefix}${day}${String(row!.value).padStart(6, '0')}`;
}

async function openTimers(tx: Tx, c: CaseRow, defs: readonly TimerDef[], at: Date): Promise<void> {
  if (defs.length === 0) return;
  const calendar = await loadCalendar(tx);
  for (const t of defs) {
    if (t.when && !t.when(c)) continue;
    const setting = typeof t.setting === 'function' ? t.setting(c) : t.setting;
    const period = await resolveSetting(tx, c.regionCode, c.jurisdictionPath, setting);
    const rule = t.monthsRule
      ? await resolveSetting(tx, c.regionCode, c.jurisdictionPath, t.monthsRule)
      : undefined;
    const deadline = computeDeadline(
      calendar,
      at,
      t.unit === 'months' ? { months: period, rule } : { workingDays: period },
    );
    await tx.insert(timers).values({
      regionCode: c.regionCode,
      id: uuidv7(at.getTime()),
      caseId: c.id,
      kind: t.kind,
      dueAt: deadline.dueAt,
      payload: { onDue: t.onDue ?? null, day: deadline.day },
      provisional: deadline.provisional ? 1 : 0,
      createdAt: at,
    });
    if (deadline.provisional) {
      await emit(tx, at, {
        regionCode: c.regionCode,
        topic: 'calendar.deadline_provisional',
        aggregateType: 'case',
        aggregateId: c.id,
        payload: { caseId: c.id, kind: t.kind, day: deadline.day, year: Number(deadline.day.slice(0, 4)) },
      });
    }
  }
}

async function writeHistory(
  tx: Tx,
  c: CaseRow,
  seq: number,
  action: string,
  from: string | null,
  actor: Actor,
  payload: Record<string, unknown>,
  at: Date,
): Promise<void> {
  await tx.insert(caseHistory).values({
    regionCode: c.regionCode,
    id: uuidv7(at.getTime()),
    caseId: c.id,
    seq,
    action,
    fromState: from,
    toState: c.state,
    actorId: actor.accountId,
    actorLabel: actor.label,
    payload,
    at,
  });
}

export interface OpenCaseInput {
  type: string;
  jurisdictionCode: string;
  title: string;
  data?: Record<string, unknown>;
  /**
   * A case accepted earlier and filed now (a queued submission): its id, the tracking number the
   * citizen already holds, and the moment it was submitted, from which its deadlines run.
   */
  reserved?: { id: string; trackingNo: string; openedAt: Date };
}

/** Opens a case in its initial state, with its tracking number, history, audit, timers and event. */
export async function openCase(
  ctx: AppContext,
  exec: Executor,
  actor: Actor,
  input: OpenCaseInput,
): Promise<CaseRow> {
  const def = caseType(input.type);
  const now = ctx.clock.now();
  // A queued submission opens as of its submission (history, deadlines); audit and event are now.
  const at = input.reserved?.openedAt ?? now;
  return inTransaction(exec, async (tx) => {
    const j = await findJurisdiction(tx, input.jurisdictionCode);
    if (!j) throw new AppError('jurisdictions.not_found', 404);
    const [c] = await tx
      .insert(cases)
      .values({
        regionCode: actor.regionCode,
        id: input.reserved?.id ?? uuidv7(at.getTime()),
        caseType: def.type,
        trackingNo:
          input.reserved?.trackingNo ?? (await nextTrackingNo(tx, actor.regionCode, def.trackingPrefix, at)),
        jurisdictionCode: j.code,
        jurisdictionPath: j.path,
        state: def.initial,
        phase: def.states[def.initial]!.phase,
        title: input.title,
        data: input.data ?? {},
        openedAt: at,
        updatedAt: now,
      })
      .returning();
    await writeHistory(tx, c!, 1, 'open', null, actor, {}, at);
    await openTimers(tx, c!, def.openTimers ?? [], at);
    await appendAudit(tx, actor, now, {
      action: `${def.type}.open`,
      targetType: def.type,
      targetId: c!.id,
      jurisdictionCode: j.code,
      details: { trackingNo: c!.trackingNo },
    });
    await emit(tx, now, {
      regionCode: c!.regionCode,
      topic: `${def.type}.opened`,
      aggregateType: def.type,
      aggregateId: c!.id,
      payload: { caseId: c!.id, trackingNo: c!.trackingNo, state: c!.state },
    });
    return c!;
  });
}

export interface TransitionOptions {
  /** Optimistic concurrency: refuse when someone else changed the case meanwhile. */
  expectedVersion?: number;
  exec?: Executor;
}

/**
 * The only way a case changes state. In one transaction: lock the case, check that the action is
 * allowed from its state, the actor's role and jurisdiction, the payload and the guard; update the
 * case; append history and audit; close and open deadline timers; write the event to the outbox.
 */
export async function transition(
  ctx: AppContext,
  ref: CaseRef,
  action: string,
  actor: Actor,
  payload: Record<string, unknown> = {},
  opts: TransitionOptions = {},
): Promise<CaseRow> {
  const at = ctx.clock.now();
  return inTransaction(opts.exec ?? ctx.database.db, async (tx) => {
    const [c] = await tx
      .select()
      .from(cases)
      .where(and(eq(cases.regionCode, ref.regionCode), eq(cases.id, ref.id)))
      .for('update');
    if (!c) throw workflowErrors.not_found();
    const def = caseType(c.caseType);
    const a = def.actions[action];
    if (!a) throw workflowErrors.not_allowed({ action, state: c.state });
    if (opts.expectedVersion !== undefined && opts.expectedVersion !== c.version)
      throw workflowErrors.conflict();
    if (!a.from.includes(c.state)) throw workflowErrors.not_allowed({ action, state: c.state });
    if (actor.kind === 'citizen') {
      // Citizens hold no grants: the action must admit them, and its guard checks whose case it is.
      if (!mayAct(actor, a, c)) throw authErrors.forbidden();
    } else assertCan(actor, a.roles, c.jurisdictionPath);
    let input = payload;
    if (a.payload) {
      const parsed = a.payload.safeParse(payload);
      if (!parsed.success) {
        throw commonErrors.validation(
          parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
        );
      }
      input = parsed.data;
    }
    const reason = a.guard?.(c, input, actor);
    if (reason) throw workflowErrors.not_allowed({ action, state: c.state }, reason);

    const to = a.to ?? c.state;
    const toPhase = def.states[to]!.phase;
    const [next] = await tx
      .update(cases)
      .set({
        state: to,
        phase: toPhase,
        version: c.version + 1,
        updatedAt: at,
        // An action that keeps a closed case closed (a rating on a merged case) keeps its closing date.
        closedAt: toPhase === 'closed' ? (c.phase === 'closed' ? (c.closedAt ?? at) : at) : null,
        data: a.patch ? { ...(c.data as Record<string, unknown>), ...a.patch(c, input) } : c.data,
      })
      .where(and(eq(cases.regionCode, c.regionCode), eq(cases.id, c.id)))
      .returning();
    await writeHistory(tx, next!, c.version + 1, action, c.state, actor, input, at);
    await stopTimers(tx, c, a.stopTimers ?? (toPhase === 'closed' ? '*' : []), at);
    await openTimers(tx, next!, a.startTimers ?? [], at);
    await appendAudit(tx, actor, at, {
      action: `${def.type}.${action}`,
      targetType: def.type,
      targetId: c.id,
      jurisdictionCode: c.jurisdictionCode,
      details: { from: c.state, to },
    });
    await emit(tx, at, {
      regionCode: c.regionCode,
      topic: `${def.type}.${action}`,
      aggregateType: def.type,
      aggregateId: c.id,
      payload: {
        caseId: c.id,
        trackingNo: c.trackingNo,
        from: c.state,
        to,
        actorId: actor.accountId,
        ...input,
      },
    });
    return next!;
  });
}

async function stopTimers(tx: Tx, c: CaseRow, kinds: readonly string[] | '*', at: Date): Promise<void> {
  if (kinds !== '*' && kinds.length === 0) return;
  const scope = and(eq(timers.regionCode, c.regionCode), eq(timers.caseId, c.id), eq(timers.status, 'open'));
  await tx
    .update(timers)
    .set({ status: 'cancelled', cancelledAt: at })
    .where(kinds === '*' ? scope : and(scope, inArray(timers.kind, [...kinds])));
}

/**
 * Claims due timers with FOR UPDATE SKIP LOCKED and fires each exactly once: the status change,
 * the event and the automatic action (if any) commit together, and a timer locked by another
 * runner is skipped rather than waited for. Returns the number fired.
 */
export async function fireDueTimers(ctx: AppContext, limit = 100): Promise<number> {
  const now = ctx.clock.now();
  return ctx.database.db.transaction(async (tx) => {
    const due = await tx
      .select()
      .from(timers)
      .where(and(eq(timers.status, 'open'), lte(timers.dueAt, now)))
      .orderBy(timers.dueAt)
      .limit(limit)
      .for('update', { skipLocked: true });
    for (const t of due) await fireTimer(ctx, tx, t, now);
    return due.length;
  });
}

type TimerRow = typeof timers.$inferSelect;

/**
 * Fires one claimed timer in the caller's transaction: marks it fired, emits `<type>.timer_fired`
 * and performs its automatic action (if any, in a savepoint). Exported for seeding history.
 */
export async function fireTimer(ctx: AppContext, tx: Tx, t: TimerRow, now: Date): Promise<void> {
  await tx
    .update(timers)
    .set({ status: 'fired', firedAt: now })
    .where(and(eq(timers.regionCode, t.regionCode), eq(timers.id, t.id)));
  const [c] = t.caseId
    ? await tx
        .select()
        .from(cases)
        .where(and(eq(cases.regionCode, t.regionCode), eq(cases.id, t.caseId)))
    : [];
  const def: CaseTypeDef | undefined = c ? caseType(c.caseType) : undefined;
  await emit(tx, now, {
    regionCode: t.regionCode,
    topic: def ? `${def.type}.timer_fired` : 'timers.fired',
    aggregateType: def?.type,
    aggregateId: t.caseId ?? undefined,
    payload: {
      timerId: t.id,
      kind: t.kind,
      caseId: t.caseId,
      dueAt: t.dueAt.toISOString(),
      trackingNo: c?.trackingNo,
    },
  });
  const onDue = (t.payload as { onDue?: string | null }).onDue;
  if (c && def && onDue && def.actions[onDue]?.from.includes(c.state)) {
    // In a savepoint: an automatic action refused by its guard or payload schema must neither
    // undo the firing nor roll back (and so block forever) the other due timers of the batch.
    // The timer_fired event above still tells the staff the case is overdue.
    try {
      await tx.transaction((sp) =>
        transition(
          ctx,
          { regionCode: c.regionCode, id: c.id },
          onDue,
          systemActor(c.regionCode),
          { timerKind: t.kind },
          { exec: sp },
        ),
      );
    } catch (err) {
      ctx.log.warn(
        { timerId: t.id, caseId: c.id, action: onDue, err: String(err) },
        'automatic action of a due timer failed',
      );
    }
  }
}
