import { z } from 'zod';
import {
  addDays,
  type CivilDay,
  dayOfWeek,
  isCivilDay,
  type WorkingCalendar,
} from '../../kernel/calendar/calendar';

/**
 * Reception schedules as rules, not typed dates. Pure functions: the caller passes the official
 * working-day calendar, so everything here is testable without a database.
 *
 * Rule shapes (weekday 1 = Monday … 7 = Sunday):
 *  - monthDay    { day }          每月10日. A month without that day (31 in April) uses its last day.
 *  - nthWeekday  { n, weekday }   每月第N个星期X; n = 1–4, or -1 for the last one of the month.
 *  - weekOfMonth { week, weekday } 每月第N周的星期X. Weeks start on Monday; week 1 is the week that
 *                 contains the 1st of the month, week 2 the next one, and so on. The day is that
 *                 week's weekday; when it falls outside the month (the Tuesday of week 1 when the
 *                 1st is a Thursday, or a week 5/6 that does not reach it) the month has no
 *                 reception day for the rule.
 *  - weekly      { weekday }      每周星期X.
 *
 * `holidayPolicy` applies when the nominal day is not a working day on the official calendar
 * (a weekend that is not a make-up working day, or a holiday): move to the next working day,
 * move to the previous working day, keep it (the station receives anyway), or skip it.
 * `validFrom`/`validTo` bound the nominal days; the moved day may leave that window.
 */

const weekday = z
  .number({ error: '请选择星期几' })
  .int()
  .min(1, '星期几为 1（星期一）到 7（星期日）')
  .max(7, '星期几为 1（星期一）到 7（星期日）');

export const ruleShape = z.discriminatedUnion(
  'kind',
  [
    z.object({
      kind: z.literal('monthDay'),
      day: z.number().int().min(1, '日期为每月 1–31 日').max(31, '日期为每月 1–31 日'),
    }),
    z.object({
      kind: z.literal('nthWeekday'),
      n: z
        .number()
        .int()
        .refine((n) => n === -1 || (n >= 1 && n <= 4), '第几个为 1–4，或“最后一个”'),
      weekday,
    }),
    z.object({
      kind: z.literal('weekOfMonth'),
      week: z.number().int().min(1, '第几周为 1–5').max(5, '第几周为 1–5'),
      weekday,
    }),
    z.object({ kind: z.literal('weekly'), weekday }),
  ],
  { error: '请选择接待日规则类型' },
);
export type RuleShape = z.infer<typeof ruleShape>;

export const holidayPolicies = ['next_working_day', 'previous_working_day', 'keep', 'skip'] as const;
export type HolidayPolicy = (typeof holidayPolicies)[number];

const civilDay = z.string().refine(isCivilDay, '日期格式应为 YYYY-MM-DD');
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 HH:MM');

/** What a rule needs to produce dates (no times, no rota). */
export const scheduleSpec = z
  .object({
    rule: ruleShape,
    holidayPolicy: z.enum(holidayPolicies, { error: '请选择遇节假日的处理方式' }),
    validFrom: civilDay,
    validTo: civilDay.nullable().default(null),
  })
  .refine((s) => !s.validTo || s.validTo >= s.validFrom, {
    message: '截止日期不能早于开始日期',
    path: ['validTo'],
  });
export type ScheduleSpec = z.infer<typeof scheduleSpec>;

/** A full rule as staff edit it: dates, times, slots, capacity and the rota. */
export const ruleInput = z
  .object({
    rule: ruleShape,
    holidayPolicy: z.enum(holidayPolicies, { error: '请选择遇节假日的处理方式' }),
    validFrom: civilDay,
    validTo: civilDay.nullable().default(null),
    startTime: clock,
    endTime: clock,
    slotMinutes: z.number().int().min(10, '每个时段 10–240 分钟').max(240, '每个时段 10–240 分钟'),
    capacityPerSlot: z.number().int().min(1, '每个时段可约 1–100 人').max(100, '每个时段可约 1–100 人'),
    rotaDeputyIds: z.array(z.string().uuid('代表编号格式不正确')).max(100, '轮值代表最多 100 名').default([]),
    deputiesPerDay: z.number().int().min(1, '每天接待代表 1–10 名').max(10, '每天接待代表 1–10 名'),
    theme: z.string().trim().max(100, '主题不超过 100 字').nullable().default(null),
    active: z.boolean().default(true),
  })
  .refine((r) => !r.validTo || r.validTo >= r.validFrom, {
    message: '截止日期不能早于开始日期',
    path: ['validTo'],
  })
  .refine((r) => r.startTime < r.endTime, { message: '结束时间应晚于开始时间', path: ['endTime'] })
  .refine((r) => minutes(r.endTime) - minutes(r.startTime) >= r.slotMinutes, {
    message: '接待时间不足一个预约时段',
    path: ['slotMinutes'],
  })
  .refine((r) => new Set(r.rotaDeputyIds).size === r.rotaDeputyIds.length, {
    message: '轮值代表有重复',
    path: ['rotaDeputyIds'],
  });
export type RuleInput = z.infer<typeof ruleInput>;

/** Validates a rule; returns the parsed value or Chinese messages by field. */
export function validateRule(
  input: unknown,
): { ok: true; value: RuleInput } | { ok: false; issues: Array<{ path: string; message: string }> } {
  const r = ruleInput.safeParse(input);
  if (r.success) return { ok: true, value: r.data };
  return { ok: false, issues: r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) };
}

// --- dates -------------------------------------------------------------------------------------

const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (y: number, m: number, d: number): CivilDay => `${y}-${pad(m)}-${pad(d)}`;
const lastDayOf = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
/** 1 = Monday … 7 = Sunday. */
export const isoWeekday = (day: CivilDay) => dayOfWeek(day) || 7;

/** The nominal day of a monthly rule in month `m` (1–12) of year `y`, or null when there is none. */
export function nominalInMonth(rule: RuleShape, y: number, m: number): CivilDay[] {
  const last = lastDayOf(y, m);
  const first = ymd(y, m, 1);
  switch (rule.kind) {
    case 'monthDay':
      return [ymd(y, m, Math.min(rule.day, last))];
    case 'nthWeekday': {
      if (rule.n === -1) {
        const end = ymd(y, m, last);
        return [addDays(end, -((isoWeekday(end) - rule.weekday + 7) % 7))];
      }
      const offset = (rule.weekday - isoWeekday(first) + 7) % 7;
      return [addDays(first, offset + (rule.n - 1) * 7)];
    }
    case 'weekOfMonth': {
      const monday = addDays(first, -(isoWeekday(first) - 1));
      const day = addDays(monday, (rule.week - 1) * 7 + rule.weekday - 1);
      return day.slice(0, 7) === first.slice(0, 7) ? [day] : [];
    }
    case 'weekly': {
      const out: CivilDay[] = [];
      for (
        let d = addDays(first, (rule.weekday - isoWeekday(first) + 7) % 7);
        d.slice(0, 7) === first.slice(0, 7);
        d = addDays(d, 7)
      ) {
        out.push(d);
      }
      return out;
    }
  }
}

function applyPolicy(calendar: WorkingCalendar, day: CivilDay, policy: HolidayPolicy): CivilDay | null {
  if (policy === 'keep' || calendar.isWorkingDay(day)) return day;
  if (policy === 'skip') return null;
  if (policy === 'next_working_day') return calendar.nextWorkingDay(day).day;
  let d = addDays(day, -1);
  for (let i = 0; i < 60 && !calendar.isWorkingDay(d); i++) d = addDays(d, -1);
  return d;
}

export interface Occurrence {
  /** The reception day after the holiday policy. */
  day: CivilDay;
  /** The day the rule names; differs from `day` when the policy moved it. */
  nominal: CivilDay;
  /** Position among all the rule's occurrences since validFrom (0-based): drives the rota. */
  index: number;
}

/** Occurrences whose (moved) day lies in [from, to], in order. */
export function occurrences(
  calendar: WorkingCalendar,
  spec: ScheduleSpec,
  from: CivilDay,
  to: CivilDay,
): Occurrence[] {
  const out: Occurrence[] = [];
  const seen = new Set<CivilDay>();
  // Start one month early: a day moved forward may come from the previous month. The index
  // counts from validFrom so that the rota never depends on the range asked for.
  let y = Number(spec.validFrom.slice(0, 4));
  let m = Number(spec.validFrom.slice(5, 7));
  const endY = Number(to.slice(0, 4));
  const endM = Number(to.slice(5, 7)) + 1;
  let index = 0;
  while (y * 12 + m <= endY * 12 + endM) {
    for (const nominal of nominalInMonth(spec.rule, y, m)) {
      if (nominal < spec.validFrom || (spec.validTo && nominal > spec.validTo)) continue;
      const day = applyPolicy(calendar, nominal, spec.holidayPolicy);
      if (!day || seen.has(day)) continue;
      seen.add(day);
      if (day >= from && day <= to) out.push({ day, nominal, index });
      index++;
    }
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}

/** The deputies on duty for an occurrence: the rota taken in turn, `perDay` at a time. */
export function rotaFor(rota: readonly string[], perDay: number, index: number): string[] {
  if (rota.length === 0) return [];
  const n = Math.min(perDay, rota.length);
  return Array.from({ length: n }, (_, i) => rota[(index * n + i) % rota.length]!);
}

function minutes(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}
const hhmm = (m: number) => `${pad(Math.floor(m / 60))}:${pad(m % 60)}`;

/** Bookable slots of a day: whole slots from start, none running past the end. */
export function slotsOf(startTime: string, endTime: string, slotMinutes: number) {
  const out: Array<{ start: string; end: string }> = [];
  for (let t = minutes(startTime); t + slotMinutes <= minutes(endTime); t += slotMinutes) {
    out.push({ start: hhmm(t), end: hhmm(t + slotMinutes) });
  }
  return out;
}

// --- Chinese descriptions ----------------------------------------------------------------------

export const weekdayNames = ['', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六', '星期日'];
const ordinals = ['', '一', '二', '三', '四', '五'];

export const holidayPolicyLabels: Record<HolidayPolicy, string> = {
  next_working_day: '遇节假日顺延至下一个工作日',
  previous_working_day: '遇节假日提前至上一个工作日',
  keep: '节假日照常接待',
  skip: '遇节假日取消',
};

/** '每月第三个星期二（遇节假日顺延至下一个工作日）'. */
export function describeRule(rule: RuleShape, policy?: HolidayPolicy): string {
  const base = (() => {
    switch (rule.kind) {
      case 'monthDay':
        return `每月${rule.day}日`;
      case 'nthWeekday':
        return rule.n === -1
          ? `每月最后一个${weekdayNames[rule.weekday]}`
          : `每月第${ordinals[rule.n]}个${weekdayNames[rule.weekday]}`;
      case 'weekOfMonth':
        return `每月第${ordinals[rule.week]}周的${weekdayNames[rule.weekday]}`;
      case 'weekly':
        return `每周${weekdayNames[rule.weekday]}`;
    }
  })();
  return policy ? `${base}（${holidayPolicyLabels[policy]}）` : base;
}
