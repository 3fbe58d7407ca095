import { and, eq, gt, lte } from 'drizzle-orm';
import { type CivilDay, endOfDayInstant } from '../../kernel/calendar/calendar';
import type { AppContext } from '../../kernel/context';
import type { Tx } from '../../kernel/db/client';
import { timers } from '../../kernel/db/kernel.schema';
import type { DomainEvent } from '../../kernel/events';
import { uuidv7 } from '../../kernel/ids';
import { resolveSetting } from '../../kernel/settings';
import { armReminder } from '../opinions/deadlines';
import type { CaseRow } from './access';
import { monthsFrom, openTimer } from './deadlines';
import { suggestionReports, type suggestions } from './suggestions.schema';
import { keyReportMonths, keyReportRemindDays } from './suggestions.settings';

/**
 * 重点督办 progress reports: from the day a suggestion is made key, the lead unit reports its
 * progress every `suggestions.keyReportEveryMonths` months until the suggestion is closed. One
 * `key_report_due` timer at the end of the current period (month arithmetic, a rest day moves to
 * the next working day) and a `key_report_remind` before it; when the period ends without a
 * report the lead unit and the congress staff are told, and the next period is armed. Timers
 * fire once, so each prompt goes out once per period.
 */
export const KEY_REPORT_DUE = 'key_report_due';
export const KEY_REPORT_REMIND = 'key_report_remind';

/** States in which a key suggestion is still being handled and owes progress reports. */
const OWING = ['registered', 'assigned', 'rehandling', 'answered', 'follow_up'];

interface KeyPeriod {
  onDue: null;
  /** The day the period began (exclusive) and the day it ends (inclusive). */
  from: CivilDay;
  day: CivilDay;
}

/** Arms the period after `from` (the marking day, or the end of the last period). */
export async function armKeyReport(tx: Tx, ctx: AppContext, c: CaseRow, from: CivilDay): Promise<void> {
  const now = ctx.clock.now();
  await tx.update(timers).set({ status: 'cancelled', cancelledAt: now }).where(openTimer(c, KEY_REPORT_DUE));
  const months = await resolveSetting(tx, c.regionCode, c.jurisdictionPath, keyReportMonths);
  const end = await monthsFrom(tx, c, new Date(`${from}T12:00:00+08:00`), months);
  const payload: KeyPeriod = { onDue: null, from, day: end.day };
  await tx.insert(timers).values({
    regionCode: c.regionCode,
    id: uuidv7(now.getTime()),
    caseId: c.id,
    kind: KEY_REPORT_DUE,
    dueAt: end.dueAt,
    payload,
    createdAt: now,
  });
  const lead = await resolveSetting(tx, c.regionCode, c.jurisdictionPath, keyReportRemindDays);
  await armReminder(tx, ctx, c, KEY_REPORT_REMIND, end.day, lead);
}

/** Whether a key progress report came in within the period. */
async function reportedIn(tx: Tx, c: CaseRow, p: KeyPeriod): Promise<boolean> {
  const rows = await tx
    .select({ id: suggestionReports.id })
    .from(suggestionReports)
    .where(
      and(
        eq(suggestionReports.regionCode, c.regionCode),
        eq(suggestionReports.caseId, c.id),
        eq(suggestionReports.kind, 'key'),
        gt(suggestionReports.reportedAt, new Date(`${p.from}T00:00:00+08:00`)),
        lte(suggestionReports.reportedAt, endOfDayInstant(p.day)),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

export interface KeyReportPrompt {
  kind: 'remind' | 'missed';
  day: CivilDay;
  leadDepartmentId: string | null;
}

/**
 * On a key-report timer: the reminder goes to the lead unit unless the period's report is in; the
 * end of a period without a report is told to the lead unit and the staff; the next period is
 * armed while the suggestion is open and still key. Returns what to tell, or null.
 */
export async function onKeyReportTimer(
  tx: Tx,
  ctx: AppContext,
  e: DomainEvent,
  row: { c: CaseRow; s: typeof suggestions.$inferSelect },
): Promise<KeyReportPrompt | null> {
  const kind = e.payload.kind;
  if (kind !== KEY_REPORT_DUE && kind !== KEY_REPORT_REMIND) return null;
  if (row.s.keyYear === null || !OWING.includes(row.c.state)) return null;
  const { c, s } = row;
  if (kind === KEY_REPORT_REMIND) {
    const [due] = await tx.select().from(timers).where(openTimer(c, KEY_REPORT_DUE));
    const p = due?.payload as KeyPeriod | undefined;
    if (!p?.day || due!.dueAt < ctx.clock.now() || (await reportedIn(tx, c, p))) return null;
    return { kind: 'remind', day: p.day, leadDepartmentId: s.leadDepartmentId };
  }
  const [t] = await tx
    .select()
    .from(timers)
    .where(and(eq(timers.regionCode, c.regionCode), eq(timers.id, String(e.payload.timerId))));
  const p = t?.payload as KeyPeriod | undefined;
  if (!p?.day) return null;
  await armKeyReport(tx, ctx, c, p.day);
  return (await reportedIn(tx, c, p))
    ? null
    : { kind: 'missed', day: p.day, leadDepartmentId: s.leadDepartmentId };
}
