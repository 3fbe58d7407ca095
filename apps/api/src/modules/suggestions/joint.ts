import { and, eq, sql } from 'drizzle-orm';
import { addDays, type CivilDay, endOfDayInstant } from '../../kernel/calendar/calendar';
import { loadCalendar } from '../../kernel/calendar/service';
import type { AppContext } from '../../kernel/context';
import type { Tx } from '../../kernel/db/client';
import { timers } from '../../kernel/db/kernel.schema';
import type { DomainEvent } from '../../kernel/events';
import { uuidv7 } from '../../kernel/ids';
import { resolveSetting } from '../../kernel/settings';
import type { CaseRow } from './access';
import { suggestionAssignments } from './suggestions.schema';
import { jointRemindDays } from './suggestions.settings';

/**
 * 会办意见期限: one `joint_due` timer per joint unit at the end of its stored opinion due day, and a
 * `joint_remind` `suggestions.jointRemindBeforeWorkingDays` working days before it. Both name the
 * assignment; giving the opinion cancels that unit's pair, the answer or a return stops them all
 * (HANDLING_TIMERS).
 */
export const JOINT_DUE = 'joint_due';
export const JOINT_REMIND = 'joint_remind';

interface JointTimerPayload {
  onDue: null;
  day: CivilDay;
  assignmentId: string;
  departmentId: string;
}

/** Arms the pair of timers of one joint assignment (at 交办). */
export async function armJointTimers(
  tx: Tx,
  ctx: AppContext,
  c: CaseRow,
  a: { id: string; departmentId: string },
  day: CivilDay,
): Promise<void> {
  const now = ctx.clock.now();
  const payload: JointTimerPayload = { onDue: null, day, assignmentId: a.id, departmentId: a.departmentId };
  const rows = [{ kind: JOINT_DUE, dueAt: endOfDayInstant(day) }];
  const lead = await resolveSetting(tx, c.regionCode, c.jurisdictionPath, jointRemindDays);
  if (lead > 0) {
    const calendar = await loadCalendar(tx);
    let d = day;
    for (let n = 0; n < lead; ) {
      d = addDays(d, -1);
      if (calendar.isWorkingDay(d)) n++;
    }
    const at = new Date(`${d}T09:00:00+08:00`);
    if (at > now) rows.push({ kind: JOINT_REMIND, dueAt: at });
  }
  await tx.insert(timers).values(
    rows.map((r, i) => ({
      regionCode: c.regionCode,
      id: uuidv7(now.getTime() + i),
      caseId: c.id,
      ...r,
      payload,
      createdAt: now,
    })),
  );
}

/** The joint unit gave its opinion: its reminder and deadline go. */
export async function cancelJointTimers(tx: Tx, ctx: AppContext, c: CaseRow, assignmentId: string) {
  await tx
    .update(timers)
    .set({ status: 'cancelled', cancelledAt: ctx.clock.now() })
    .where(
      and(
        eq(timers.regionCode, c.regionCode),
        eq(timers.caseId, c.id),
        sql`${timers.kind} in (${JOINT_DUE}, ${JOINT_REMIND})`,
        eq(timers.status, 'open'),
        sql`${timers.payload}->>'assignmentId' = ${assignmentId}`,
      ),
    );
}

export interface JointTimerFired {
  kind: typeof JOINT_DUE | typeof JOINT_REMIND;
  day: CivilDay;
  departmentId: string;
}

/**
 * On a joint timer: the assignment it names, if it still waits for the opinion (still assigned,
 * no opinion); null otherwise (given, returned, or not a joint timer).
 */
export async function pendingJointTimer(tx: Tx, e: DomainEvent): Promise<JointTimerFired | null> {
  const kind = e.payload.kind;
  if (kind !== JOINT_DUE && kind !== JOINT_REMIND) return null;
  const [t] = await tx
    .select()
    .from(timers)
    .where(and(eq(timers.regionCode, e.regionCode), eq(timers.id, String(e.payload.timerId))));
  const p = t?.payload as JointTimerPayload | undefined;
  if (!p?.assignmentId) return null;
  const [a] = await tx
    .select()
    .from(suggestionAssignments)
    .where(
      and(eq(suggestionAssignments.regionCode, e.regionCode), eq(suggestionAssignments.id, p.assignmentId)),
    );
  if (a?.status !== 'assigned' || a.opinionAt) return null;
  return { kind, day: p.day, departmentId: a.departmentId };
}
