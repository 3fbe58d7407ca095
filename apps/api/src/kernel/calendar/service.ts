import { asc } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { calendarDays, calendarYears } from '../db/kernel.schema';
import { endOfDayInstant, toDateString, WorkingCalendar } from './calendar';

/**
 * The official schedule lives in the database (versioned by year, loadable by an operator); the
 * pure WorkingCalendar is rebuilt from it and cached until a year is loaded.
 */
let cached: { calendar: WorkingCalendar; at: number } | undefined;
const TTL_MS = 60_000;

export function forgetCalendar(): void {
  cached = undefined;
}

export async function loadCalendar(exec: Executor): Promise<WorkingCalendar> {
  if (cached && Date.now() - cached.at < TTL_MS) return cached.calendar;
  const years = await exec
    .select({ year: calendarYears.year })
    .from(calendarYears)
    .orderBy(asc(calendarYears.year));
  const days = await exec.select().from(calendarDays).orderBy(asc(calendarDays.day));
  const calendar = new WorkingCalendar(
    years.map((y) => ({
      year: y.year,
      days: days.filter((d) => d.year === y.year).map((d) => ({ day: d.day, kind: d.kind, name: d.name })),
    })),
  );
  cached = { calendar, at: Date.now() };
  return calendar;
}

/**
 * How a period in calendar months is counted: `civil_code` (民法典 Arts. 201–203: month-end
 * arithmetic, a last day on a rest day or holiday moves to the next working day) or `plain` (the
 * same month-end arithmetic, the last day stays where it falls).
 */
export const MONTHS_RULES = ['civil_code', 'plain'] as const;
export type MonthsRule = (typeof MONTHS_RULES)[number];

/** A period in working days, or in calendar months (by default under the civil code's rule). */
export type DeadlineRule = { workingDays: number } | { months: number; rule?: MonthsRule };

export interface Deadline {
  /** The civil day the period ends on (China time). */
  day: string;
  /** The instant the deadline passes: the end of that day, China time. */
  dueAt: Date;
  /** The period reaches a year whose official schedule is not loaded yet. */
  provisional: boolean;
}

/** Computes a deadline from an instant: working days (opinions, tickets) or calendar months (suggestions). */
export function computeDeadline(calendar: WorkingCalendar, from: Date, rule: DeadlineRule): Deadline {
  const start = toDateString(from);
  const r =
    'workingDays' in rule
      ? calendar.addWorkingDays(start, rule.workingDays)
      : calendar.addCalendarMonths(start, rule.months, {
          rollToWorkingDay: rule.rule !== 'plain',
        });
  return { day: r.day, dueAt: endOfDayInstant(r.day), provisional: r.provisional };
}
