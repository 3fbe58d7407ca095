import { and, eq } from 'drizzle-orm';
import { type CivilDay, endOfDayInstant } from '../../kernel/calendar/calendar';
import { computeDeadline, type Deadline, loadCalendar } from '../../kernel/calendar/service';
import type { AppContext } from '../../kernel/context';
import type { Tx } from '../../kernel/db/client';
import { timers } from '../../kernel/db/kernel.schema';
import { uuidv7 } from '../../kernel/ids';
import { resolveSetting } from '../../kernel/settings';
import { armReminder } from '../opinions/deadlines';
import type { CaseRow } from './access';
import { suggestionWhere } from './suggestions.repository';
import { suggestions } from './suggestions.schema';
import { monthsRule, suggestionRemindDays } from './suggestions.settings';

export const REMIND = 'answer_remind';

export const openTimer = (c: CaseRow, kind: string) =>
  and(
    eq(timers.regionCode, c.regionCode),
    eq(timers.caseId, c.id),
    eq(timers.kind, kind),
    eq(timers.status, 'open'),
  );

/**
 * After a command that moves the answer deadline (交办, 延长, 重新办理): mirror the open
 * `answer_due` onto the suggestion row (ledgers, deadlines board) and re-arm the reminder.
 */
export async function syncDue(tx: Tx, ctx: AppContext, c: CaseRow): Promise<void> {
  const [due] = await tx.select().from(timers).where(openTimer(c, 'answer_due'));
  await tx
    .update(suggestions)
    .set({ answerDueAt: due?.dueAt ?? null })
    .where(suggestionWhere(c));
  const day = (due?.payload as { day?: CivilDay } | undefined)?.day ?? null;
  const lead = await resolveSetting(tx, c.regionCode, c.jurisdictionPath, suggestionRemindDays);
  await armReminder(tx, ctx, c, REMIND, due ? day : null, lead);
}

/** A period of `months` from an instant, counted by the congress's rule (`suggestions.monthsRule`). */
export async function monthsFrom(tx: Tx, c: CaseRow, from: Date, months: number): Promise<Deadline> {
  const rule = await resolveSetting(tx, c.regionCode, c.jurisdictionPath, monthsRule);
  return computeDeadline(await loadCalendar(tx), from, { months, rule });
}

/** Moves the open `answer_due` timer to another period computed from the assignment. */
export async function moveAnswerDue(tx: Tx, c: CaseRow, day: CivilDay): Promise<void> {
  const [due] = await tx.select().from(timers).where(openTimer(c, 'answer_due'));
  if (!due) return;
  await tx
    .update(timers)
    .set({ dueAt: endOfDayInstant(day), payload: { ...(due.payload as object), day } })
    .where(and(eq(timers.regionCode, due.regionCode), eq(timers.id, due.id)));
}

/** 回头看: a promised date (B) is a timer; when it passes unfulfilled the matter is escalated. */
export async function armPromise(tx: Tx, ctx: AppContext, c: CaseRow, day: CivilDay | null): Promise<void> {
  const now = ctx.clock.now();
  await tx.update(timers).set({ status: 'cancelled', cancelledAt: now }).where(openTimer(c, 'promise_due'));
  if (!day) return;
  await tx.insert(timers).values({
    regionCode: c.regionCode,
    id: uuidv7(now.getTime()),
    caseId: c.id,
    kind: 'promise_due',
    dueAt: endOfDayInstant(day),
    payload: { onDue: 'escalate', day },
    createdAt: now,
  });
}
