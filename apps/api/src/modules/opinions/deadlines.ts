import { and, eq } from 'drizzle-orm';
import { addDays, type CivilDay } from '../../kernel/calendar/calendar';
import { loadCalendar } from '../../kernel/calendar/service';
import type { AppContext } from '../../kernel/context';
import type { Tx } from '../../kernel/db/client';
import { type cases, timers } from '../../kernel/db/kernel.schema';
import { uuidv7 } from '../../kernel/ids';
import { resolveSetting } from '../../kernel/settings';
import { opinions } from './opinions.schema';
import { remindBeforeDays } from './opinions.settings';

type CaseRow = typeof cases.$inferSelect;
export const REMIND = 'reply_remind';

const openTimer = (c: CaseRow, kind: string) =>
  and(
    eq(timers.regionCode, c.regionCode),
    eq(timers.caseId, c.id),
    eq(timers.kind, kind),
    eq(timers.status, 'open'),
  );

/**
 * After any command that moves the reply deadline (交办, 改派, 延期, 重办): mirror the open
 * `reply_due` onto the opinion row (ledgers, supervision board) and re-arm the reminder that
 * fires `opinions.remindBeforeDays` working days before it, at 09:00 China time (none when that
 * moment has passed or the setting is 0).
 */
export async function syncDue(tx: Tx, ctx: AppContext, c: CaseRow): Promise<void> {
  const [due] = await tx.select().from(timers).where(openTimer(c, 'reply_due'));
  await tx
    .update(opinions)
    .set({ replyDueAt: due?.dueAt ?? null })
    .where(and(eq(opinions.regionCode, c.regionCode), eq(opinions.caseId, c.id)));
  const day = (due?.payload as { day?: CivilDay } | undefined)?.day;
  const lead = await resolveSetting(tx, c.regionCode, c.jurisdictionPath, remindBeforeDays);
  await armReminder(tx, ctx, c, REMIND, due && day ? day : null, lead);
}

/**
 * Cancels the open reminder timer `kind` of a case and, given the deadline's day, arms it again
 * `lead` working days before that day at 09:00 China time (none when that moment has passed or
 * `lead` is 0). Shared by the case modules that remind units before a deadline.
 */
export async function armReminder(
  tx: Tx,
  ctx: AppContext,
  c: CaseRow,
  kind: string,
  day: CivilDay | null,
  lead: number,
): Promise<void> {
  const now = ctx.clock.now();
  await tx.update(timers).set({ status: 'cancelled', cancelledAt: now }).where(openTimer(c, kind));
  if (!day || lead <= 0) return;
  const calendar = await loadCalendar(tx);
  let d = day;
  for (let n = 0; n < lead; ) {
    d = addDays(d, -1);
    if (calendar.isWorkingDay(d)) n++;
  }
  const at = new Date(`${d}T09:00:00+08:00`);
  if (at <= now) return;
  await tx.insert(timers).values({
    regionCode: c.regionCode,
    id: uuidv7(now.getTime()),
    caseId: c.id,
    kind,
    dueAt: at,
    payload: { onDue: null, day },
    createdAt: now,
  });
}
