import { and, eq, inArray } from 'drizzle-orm';
import { systemActor } from '../../kernel/auth/actor';
import { addDays, type CivilDay, endOfDayInstant, toDateString } from '../../kernel/calendar/calendar';
import type { AppContext } from '../../kernel/context';
import type { Executor, Tx } from '../../kernel/db/client';
import { cases, timers } from '../../kernel/db/kernel.schema';
import type { DomainEvent } from '../../kernel/events';
import { uuidv7 } from '../../kernel/ids';
import { resolveSetting } from '../../kernel/settings';
import { armReminder } from '../opinions/deadlines';
import type { CaseRow } from './access';
import { openTimer } from './deadlines';
import { dataOf } from './suggestions.case';
import { act } from './suggestions.repository';
import { suggestionReports, suggestions } from './suggestions.schema';
import { followUpRemindDays, followUpReportDays } from './suggestions.settings';

/**
 * 回头看 reports: while a B item stays open the lead unit reports by the mid-year and year-end
 * days (settings), every year, whatever the term. One `followup_due` timer at the end of the next
 * report day and one `followup_remind` before it; when the day passes the listener below escalates
 * a missing report to the congress staff and arms the next period. Timers fire once, so each
 * prompt goes out once per half-year.
 */
export const FOLLOW_UP_DUE = 'followup_due';
export const FOLLOW_UP_REMIND = 'followup_remind';
export const FOLLOW_UP_TIMERS = [FOLLOW_UP_DUE, FOLLOW_UP_REMIND];

type Kind = 'midyear' | 'yearend';
type Days = { midyear: string; yearend: string };
export interface ReportPeriod {
  kind: Kind;
  year: number;
  day: CivilDay;
  label: string;
}

const KIND_LABEL: Record<Kind, string> = { midyear: '年中', yearend: '年末' };
const period = (kind: Kind, year: number, days: Days): ReportPeriod => ({
  kind,
  year,
  day: `${year}-${days[kind]}`,
  label: `${year}年${KIND_LABEL[kind]}`,
});

/** The report periods of the years around `day`, in date order. */
function periodsAround(day: CivilDay, days: Days): ReportPeriod[] {
  const y = Number(day.slice(0, 4));
  return [y - 1, y, y + 1].flatMap((year) => [period('midyear', year, days), period('yearend', year, days)]);
}

/** The first report period whose day comes after `day`. */
export const periodAfter = (day: CivilDay, days: Days): ReportPeriod =>
  periodsAround(day, days).find((p) => p.day > day)!;

/** The latest report period whose day has passed by `today` and came after `since` (the B answer). */
export const periodPassed = (today: CivilDay, since: CivilDay, days: Days): ReportPeriod | null =>
  periodsAround(today, days)
    .filter((p) => p.day < today && p.day > since)
    .pop() ?? null;

/** Arms the next period's timers after `after` (the B answer's day, or the period just ended); null stops them. */
export async function armFollowUp(
  tx: Tx,
  ctx: AppContext,
  c: CaseRow,
  after: CivilDay | null,
): Promise<void> {
  const now = ctx.clock.now();
  await tx.update(timers).set({ status: 'cancelled', cancelledAt: now }).where(openTimer(c, FOLLOW_UP_DUE));
  if (!after) {
    await armReminder(tx, ctx, c, FOLLOW_UP_REMIND, null, 0);
    return;
  }
  const days = await resolveSetting(tx, c.regionCode, c.jurisdictionPath, followUpReportDays);
  const p = periodAfter(after, days);
  await tx.insert(timers).values({
    regionCode: c.regionCode,
    id: uuidv7(now.getTime()),
    caseId: c.id,
    kind: FOLLOW_UP_DUE,
    dueAt: endOfDayInstant(p.day),
    payload: { onDue: null, ...p },
    createdAt: now,
  });
  const lead = await resolveSetting(tx, c.regionCode, c.jurisdictionPath, followUpRemindDays);
  await armReminder(tx, ctx, c, FOLLOW_UP_REMIND, p.day, lead);
}

async function reported(exec: Executor, c: CaseRow, p: Pick<ReportPeriod, 'kind' | 'year'>) {
  const rows = await exec
    .select({ id: suggestionReports.id })
    .from(suggestionReports)
    .where(
      and(
        eq(suggestionReports.regionCode, c.regionCode),
        eq(suggestionReports.caseId, c.id),
        eq(suggestionReports.kind, p.kind),
        eq(suggestionReports.year, p.year),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/**
 * On a follow-up timer: the reminder tells the lead unit (unless the report is in or the day is
 * gone); the passing of the day escalates a missing report and arms the next period.
 */
export async function onFollowUpTimer(
  tx: Tx,
  ctx: AppContext,
  e: DomainEvent,
  tellUnit: (departmentId: string, p: ReportPeriod) => Promise<void>,
): Promise<void> {
  const kind = e.payload.kind;
  if (kind !== FOLLOW_UP_DUE && kind !== FOLLOW_UP_REMIND) return;
  const [row] = await tx
    .select({ c: cases, s: suggestions })
    .from(cases)
    .innerJoin(
      suggestions,
      and(eq(suggestions.regionCode, cases.regionCode), eq(suggestions.caseId, cases.id)),
    )
    .where(and(eq(cases.regionCode, e.regionCode), eq(cases.id, String(e.payload.caseId))));
  if (!row) return;
  const { c, s } = row;
  if (!dataOf(c).followUp || s.followUpDoneAt || !['answered', 'follow_up'].includes(c.state)) return;
  if (kind === FOLLOW_UP_REMIND) {
    const [due] = await tx.select().from(timers).where(openTimer(c, FOLLOW_UP_DUE));
    const p = due?.payload as ReportPeriod | undefined;
    if (!due || !p || due.dueAt < ctx.clock.now() || !s.leadDepartmentId) return;
    if (!(await reported(tx, c, p))) await tellUnit(s.leadDepartmentId, p);
    return;
  }
  const [t] = await tx
    .select()
    .from(timers)
    .where(and(eq(timers.regionCode, c.regionCode), eq(timers.id, String(e.payload.timerId))));
  const p = t?.payload as ReportPeriod | undefined;
  if (!p?.day) return;
  // A promised date on the report day escalates by itself that same day (promise_due), naming the
  // missing report too (`missedReportOn`): one escalation, not two.
  if (!(await reported(tx, c, p)) && !(await promiseDueOn(tx, c, p.day)))
    await act(ctx, tx, c, 'escalate', systemActor(c.regionCode, '回头看'), {
      timerKind: FOLLOW_UP_DUE,
      period: p.label,
    });
  await armFollowUp(tx, ctx, c, p.day);
}

/** The promise timer of this day, armed (open) or already fired. */
async function promiseDueOn(exec: Executor, c: CaseRow, day: CivilDay) {
  const rows = await exec
    .select({ id: timers.id })
    .from(timers)
    .where(
      and(
        eq(timers.regionCode, c.regionCode),
        eq(timers.caseId, c.id),
        eq(timers.kind, 'promise_due'),
        eq(timers.dueAt, endOfDayInstant(day)),
        inArray(timers.status, ['open', 'fired']),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/**
 * The report period whose day is `day` (owed: after the B answer of `since`) if its report is
 * missing (its label), else null: the promise escalation of that day says so as well.
 */
export async function missedReportOn(
  exec: Executor,
  c: CaseRow,
  day: CivilDay,
  since: CivilDay,
): Promise<string | null> {
  const days = await resolveSetting(exec, c.regionCode, c.jurisdictionPath, followUpReportDays);
  const p = periodsAround(day, days).find((x) => x.day === day && x.day > since);
  return p && !(await reported(exec, c, p)) ? p.label : null;
}

export interface ReportStatus {
  label: string;
  day: CivilDay;
  reported: boolean;
}

/**
 * For the follow-up board: per open B item, the last report period that has passed (reported or
 * 未报送) and the next one, from the reports on record.
 */
export async function followUpReports(
  exec: Executor,
  ctx: AppContext,
  rows: Array<{ c: CaseRow; s: typeof suggestions.$inferSelect }>,
): Promise<Map<string, { last: ReportStatus | null; next: ReportStatus }>> {
  const open = rows.filter((r) => r.s.promisedOn && r.s.answeredAt && !r.s.followUpDoneAt);
  const out = new Map<string, { last: ReportStatus | null; next: ReportStatus }>();
  if (open.length === 0) return out;
  const reports = await exec
    .select({ caseId: suggestionReports.caseId, kind: suggestionReports.kind, year: suggestionReports.year })
    .from(suggestionReports)
    .where(
      and(
        eq(suggestionReports.regionCode, open[0]!.c.regionCode),
        inArray(
          suggestionReports.caseId,
          open.map((r) => r.c.id),
        ),
        inArray(suggestionReports.kind, ['midyear', 'yearend']),
      ),
    );
  const done = new Set(reports.map((r) => `${r.caseId}:${r.kind}:${r.year}`));
  const daysByPath = new Map<string, Days>();
  const today = toDateString(ctx.clock.now());
  for (const { c, s } of open) {
    if (!daysByPath.has(c.jurisdictionPath))
      daysByPath.set(
        c.jurisdictionPath,
        await resolveSetting(exec, c.regionCode, c.jurisdictionPath, followUpReportDays),
      );
    const days = daysByPath.get(c.jurisdictionPath)!;
    const status = (p: ReportPeriod): ReportStatus => ({
      label: p.label,
      day: p.day,
      reported: done.has(`${c.id}:${p.kind}:${p.year}`),
    });
    const last = periodPassed(today, toDateString(s.answeredAt!), days);
    out.set(c.id, { last: last ? status(last) : null, next: status(periodAfter(addDays(today, -1), days)) });
  }
  return out;
}
