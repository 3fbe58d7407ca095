/**
 * Working-day calendar of mainland China: Monday–Friday, except the days the State Council
 * publishes each November for the next year (holidays 休 and make-up working days 班/调休, which may
 * fall on a Saturday or a Sunday).
 *
 * Days are civil dates `YYYY-MM-DD`. All arithmetic runs on day numbers (days since 1970-01-01)
 * computed in UTC from the date parts, so the machine's time zone can never shift a deadline.
 * The class is pure and synchronous: the caller loads the years from the database once and
 * passes them in, which keeps deadline computation testable without a database.
 */

/** A civil date in China, `YYYY-MM-DD`. */
export type CivilDay = string;

export type CalendarDayKind = 'holiday' | 'workday';

export interface CalendarException {
  day: CivilDay;
  kind: CalendarDayKind;
  name: string;
}

export interface CalendarYearDays {
  year: number;
  days: CalendarException[];
}

/** `provisional`: some day examined lies in a year whose schedule is not loaded (Mon–Fri assumed). */
export interface DayResult {
  day: CivilDay;
  provisional: boolean;
}

export interface CountResult {
  days: number;
  provisional: boolean;
}

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;
/** China has used UTC+8 without daylight saving time since 1991. */
const CHINA_OFFSET_MS = 8 * 3_600_000;

function parts(day: CivilDay): [number, number, number] | undefined {
  const m = DAY_RE.exec(day);
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return undefined;
  return [y, mo, d];
}

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** True for a well-formed, existing date (`2026-02-30` is rejected). */
export function isCivilDay(value: string): boolean {
  return parts(value) !== undefined;
}

function toDayNumber(day: CivilDay): number {
  const p = parts(day);
  if (!p) throw new RangeError(`Invalid civil day: ${JSON.stringify(day)} (expected YYYY-MM-DD)`);
  return Date.UTC(p[0], p[1] - 1, p[2]) / MS_PER_DAY;
}

function fromDayNumber(n: number): CivilDay {
  return new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
}

function yearOfDayNumber(n: number): number {
  return new Date(n * MS_PER_DAY).getUTCFullYear();
}

/** 0 = Sunday … 6 = Saturday. */
function weekdayOfDayNumber(n: number): number {
  // 1970-01-01 was a Thursday.
  return (((n + 4) % 7) + 7) % 7;
}

/** Day of the week of a civil day: 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(day: CivilDay): number {
  return weekdayOfDayNumber(toDayNumber(day));
}

export function isWeekend(day: CivilDay): boolean {
  const w = dayOfWeek(day);
  return w === 0 || w === 6;
}

/** Calendar-day arithmetic (n may be negative). */
export function addDays(day: CivilDay, n: number): CivilDay {
  return fromDayNumber(toDayNumber(day) + n);
}

export class WorkingCalendar {
  private readonly exceptions = new Map<number, CalendarDayKind>();
  private readonly years = new Set<number>();

  constructor(years: ReadonlyArray<CalendarYearDays>) {
    for (const y of years) {
      if (this.years.has(y.year)) throw new Error(`Calendar year ${y.year} given twice`);
      this.years.add(y.year);
      for (const e of y.days) {
        const n = toDayNumber(e.day);
        if (yearOfDayNumber(n) !== y.year) throw new Error(`${e.day} does not belong to year ${y.year}`);
        const previous = this.exceptions.get(n);
        if (previous !== undefined && previous !== e.kind) {
          throw new Error(`${e.day} is listed both as holiday and as workday`);
        }
        this.exceptions.set(n, e.kind);
      }
    }
  }

  isLoaded(year: number): boolean {
    return this.years.has(year);
  }

  loadedYears(): number[] {
    return [...this.years].sort((a, b) => a - b);
  }

  isWorkingDay(day: CivilDay): boolean {
    return this.isWorkingDayNumber(toDayNumber(day));
  }

  /**
   * The n-th working day after `start` (start not counted). With n = 0: `start` if it is a working
   * day, else the next working day.
   */
  addWorkingDays(start: CivilDay, n: number): DayResult {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be an integer ≥ 0, got ${n}`);
    let cursor = toDayNumber(start);
    let provisional = false;
    if (n === 0) {
      provisional ||= !this.years.has(yearOfDayNumber(cursor));
      if (this.isWorkingDayNumber(cursor)) return { day: fromDayNumber(cursor), provisional };
    }
    let remaining = Math.max(n, 1);
    while (remaining > 0) {
      cursor += 1;
      provisional ||= !this.years.has(yearOfDayNumber(cursor));
      if (this.isWorkingDayNumber(cursor)) remaining -= 1;
    }
    return { day: fromDayNumber(cursor), provisional };
  }

  /**
   * Working days in the half-open interval (from, to]: `from` excluded, `to` included, so that
   * `workingDaysBetween(d, addWorkingDays(d, n).day).days === n`. Equal days give 0; when `to` is
   * before `from` the result is the negated count of (to, from], i.e. the function is antisymmetric.
   */
  workingDaysBetween(from: CivilDay, to: CivilDay): CountResult {
    const a = toDayNumber(from);
    const b = toDayNumber(to);
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    let count = 0;
    let provisional = false;
    for (let n = lo + 1; n <= hi; n += 1) {
      provisional ||= !this.years.has(yearOfDayNumber(n));
      if (this.isWorkingDayNumber(n)) count += 1;
    }
    return { days: b >= a ? count : -count, provisional };
  }

  /** `day` itself when it is a working day, otherwise the first working day after it. */
  nextWorkingDay(day: CivilDay): DayResult {
    return this.addWorkingDays(day, 0);
  }

  /**
   * Period in calendar months under 民法典 Arts. 201–203: the start day is not counted, the period
   * ends on the day of the last month corresponding to the start day, or on that month's last day
   * when it has no such day (01-31 + 1 month → 02-28/29). When the last day is a rest day or a
   * holiday the period ends on the next working day (Art. 203), unless `rollToWorkingDay` is false.
   * Only the roll consults the calendar, so without it the result is never provisional.
   */
  addCalendarMonths(start: CivilDay, months: number, opts: { rollToWorkingDay?: boolean } = {}): DayResult {
    if (!Number.isInteger(months) || months < 0) {
      throw new RangeError(`months must be an integer ≥ 0, got ${months}`);
    }
    const p = parts(start);
    if (!p) throw new RangeError(`Invalid civil day: ${JSON.stringify(start)} (expected YYYY-MM-DD)`);
    const monthIndex = p[0] * 12 + (p[1] - 1) + months;
    const year = Math.floor(monthIndex / 12);
    const month = (monthIndex % 12) + 1;
    const day = Math.min(p[2], daysInMonth(year, month));
    const end = fromDayNumber(Date.UTC(year, month - 1, day) / MS_PER_DAY);
    if (opts.rollToWorkingDay === false) return { day: end, provisional: false };
    return this.nextWorkingDay(end);
  }

  /** Working days of a year; for a year that is not loaded this is the plain Mon–Fri count. */
  workingDaysInYear(year: number): number {
    const first = Date.UTC(year, 0, 1) / MS_PER_DAY;
    const next = Date.UTC(year + 1, 0, 1) / MS_PER_DAY;
    let count = 0;
    for (let n = first; n < next; n += 1) if (this.isWorkingDayNumber(n)) count += 1;
    return count;
  }

  private isWorkingDayNumber(n: number): boolean {
    const kind = this.exceptions.get(n);
    if (kind !== undefined) return kind === 'workday';
    const w = weekdayOfDayNumber(n);
    return w !== 0 && w !== 6;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The civil date of an instant in a time zone (China by default), whatever the machine's zone. */
export function toDateString(date: Date, timeZone = 'Asia/Shanghai'): CivilDay {
  if (Number.isNaN(date.getTime())) throw new RangeError('Invalid Date');
  let fmt = formatters.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      calendar: 'gregory',
      numberingSystem: 'latn',
    });
    formatters.set(timeZone, fmt);
  }
  const found = fmt.formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes): string => found.find((x) => x.type === type)?.value ?? '';
  return `${get('year').padStart(4, '0')}-${get('month')}-${get('day')}`;
}

/** Deadlines fall due at the end of their day: 23:59:59.999 in China (UTC+8). */
export function endOfDayInstant(day: CivilDay): Date {
  return new Date((toDayNumber(day) + 1) * MS_PER_DAY - CHINA_OFFSET_MS - 1);
}
