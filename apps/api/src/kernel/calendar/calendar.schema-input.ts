import { z } from 'zod';
import { addDays, type CivilDay, dayOfWeek, isCivilDay, isWeekend, WorkingCalendar } from './calendar';

/**
 * What an operator submits to load a year's schedule when the State Council publishes it each
 * November. Validation is strict because one wrong day silently shifts every deadline of the year.
 */

const WEEKDAY_NAMES = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];

const civilDay = z
  .string({ error: '日期必须是 YYYY-MM-DD 格式的字符串' })
  .refine(isCivilDay, { error: (iss) => `${String(iss.input)} 不是有效日期（应为 YYYY-MM-DD）` });

export const calendarDayInput = z.object({
  day: civilDay,
  kind: z.enum(['holiday', 'workday'], { error: '类型只能是 holiday（休）或 workday（班）' }),
  name: z
    .string({ error: '请填写节日名称' })
    .trim()
    .min(1, '请填写节日名称')
    .max(50, '节日名称不能超过 50 个字'),
});

export const calendarYearInput = z
  .object({
    year: z
      .int({ error: (iss) => (iss.input === undefined ? '缺少年份' : '年份必须是整数') })
      .min(2000, '年份应在 2000 至 2100 之间')
      .max(2100, '年份应在 2000 至 2100 之间'),
    source: z
      .string({ error: '请填写来源（通知名称）' })
      .trim()
      .min(1, '请填写来源（通知名称）')
      .max(200, '来源不能超过 200 个字'),
    publishedOn: civilDay.optional(),
    days: z.array(calendarDayInput, { error: '请提供放假和调休日期列表' }),
  })
  .superRefine((input, ctx) => {
    const { year, days } = input;
    const seen = new Set<CivilDay>();
    const holidays = new Set<CivilDay>();
    days.forEach((d, i) => {
      if (!isCivilDay(d.day)) return;
      const path = ['days', i, 'day'];
      if (!d.day.startsWith(`${year}-`)) {
        ctx.addIssue({ code: 'custom', path, message: `${d.day} 不在 ${year} 年内，请在其所属年度中录入` });
      }
      if (seen.has(d.day)) ctx.addIssue({ code: 'custom', path, message: `${d.day} 重复出现` });
      seen.add(d.day);
      if (d.kind === 'workday' && !isWeekend(d.day)) {
        const weekday = WEEKDAY_NAMES[dayOfWeek(d.day)];
        ctx.addIssue({
          code: 'custom',
          path,
          message: `${d.day} 是${weekday}，本来就是工作日：调休上班日（班）只能是星期六或星期日`,
        });
      }
      if (d.kind === 'holiday') holidays.add(d.day);
    });
    // A weekend day is a rest day anyway; listing it as 休 only makes sense inside a holiday block
    // that also takes weekdays off. A block of weekend days alone is almost surely a typo.
    days.forEach((d, i) => {
      if (d.kind !== 'holiday' || !isCivilDay(d.day) || !isWeekend(d.day)) return;
      if (!blockHasWeekday(d.day, holidays)) {
        ctx.addIssue({
          code: 'custom',
          path: ['days', i, 'day'],
          message: `${d.day} 是周末，且所在的连续放假日中没有工作日：周末本来就休息，请核对日期`,
        });
      }
    });
    if (holidays.size === 0) {
      ctx.addIssue({ code: 'custom', path: ['days'], message: '至少需要一个放假日（休）' });
    }
    if (
      input.publishedOn !== undefined &&
      isCivilDay(input.publishedOn) &&
      input.publishedOn > `${year}-12-31`
    ) {
      ctx.addIssue({ code: 'custom', path: ['publishedOn'], message: '发布日期不能晚于该年度' });
    }
  });

export type CalendarYearInput = z.infer<typeof calendarYearInput>;

/** Whether the run of consecutive holidays containing `day` takes at least one Mon–Fri day off. */
function blockHasWeekday(day: CivilDay, holidays: ReadonlySet<CivilDay>): boolean {
  for (const step of [-1, 1]) {
    for (let d = day; holidays.has(d); d = addDays(d, step)) if (!isWeekend(d)) return true;
  }
  return false;
}

/** Shape of the published files (one festival per entry), e.g. shared/data/calendar/cn-2026.json. */
const officialCalendarJson = z.object({
  year: z.int().optional(),
  source: z.string().min(1),
  holidays: z.array(
    z.object({
      name: z.string().min(1),
      off: z.array(z.string()),
      makeUpWorkdays: z.array(z.string()).default([]),
    }),
  ),
  workingDaysInYear: z.int().optional(),
});

export type OfficialCalendarJson = z.input<typeof officialCalendarJson>;

/** The files append the publication date to the title: "…的通知 (2025-11-04)". */
const SOURCE_DATE_RE = /\s*[(（](\d{4}-\d{2}-\d{2})[)）]\s*$/;

/**
 * Converts a published schedule file into a `CalendarYearInput`, so an operator can load the file
 * as is. `year` is needed only when the file does not state it, and must agree when it does.
 * A stated `workingDaysInYear` is checked against the days listed, which catches a mistyped date.
 * Throws a ZodError with Chinese messages.
 */
export function parseOfficialCalendarJson(json: unknown, year?: number): CalendarYearInput {
  const file = officialCalendarJson.parse(json, {
    error: (iss) =>
      `文件格式不符（${iss.path?.join('.') || '根'}）：应包含 year、source、holidays[].name/off/makeUpWorkdays`,
  });
  const dated = SOURCE_DATE_RE.exec(file.source);
  const input = {
    year: file.year ?? year,
    source: dated ? file.source.slice(0, dated.index) : file.source,
    ...(dated ? { publishedOn: dated[1] } : {}),
    days: file.holidays.flatMap((h) => [
      // Notices may start a New Year block on the previous year's weekend ("2022年12月31日至2023年
      // 1月2日"); such a day is a rest day anyway and belongs to the other year, so it is dropped.
      ...h.off
        .filter((day) => !(isCivilDay(day) && isWeekend(day) && !day.startsWith(`${file.year ?? year}-`)))
        .map((day) => ({ day, kind: 'holiday' as const, name: h.name })),
      ...h.makeUpWorkdays.map((day) => ({ day, kind: 'workday' as const, name: h.name })),
    ]),
  };
  const checked = calendarYearInput.superRefine(
    (v, ctx) => {
      if (year !== undefined && file.year !== undefined && file.year !== year) {
        ctx.addIssue({
          code: 'custom',
          path: ['year'],
          message: `文件中的年份 ${file.year} 与指定的 ${year} 不一致`,
        });
      }
      if (file.workingDaysInYear === undefined) return;
      const computed = new WorkingCalendar([v]).workingDaysInYear(v.year);
      if (computed !== file.workingDaysInYear) {
        ctx.addIssue({
          code: 'custom',
          path: ['workingDaysInYear'],
          message: `文件声明全年 ${file.workingDaysInYear} 个工作日，按所列日期计算为 ${computed} 个，请核对`,
        });
      }
    },
    // The count needs a consistent year; skip it while other errors are being reported.
    { when: (payload) => payload.issues.length === 0 },
  );
  return checked.parse(input);
}

/** The reverse of parseOfficialCalendarJson, to export a loaded year in the published format. */
export function toOfficialCalendarJson(input: CalendarYearInput): Required<OfficialCalendarJson> {
  const festivals = new Map<string, { name: string; off: CivilDay[]; makeUpWorkdays: CivilDay[] }>();
  for (const d of input.days) {
    let f = festivals.get(d.name);
    if (!f) {
      f = { name: d.name, off: [], makeUpWorkdays: [] };
      festivals.set(d.name, f);
    }
    (d.kind === 'holiday' ? f.off : f.makeUpWorkdays).push(d.day);
  }
  return {
    year: input.year,
    source: input.publishedOn ? `${input.source} (${input.publishedOn})` : input.source,
    holidays: [...festivals.values()],
    workingDaysInYear: new WorkingCalendar([input]).workingDaysInYear(input.year),
  };
}
