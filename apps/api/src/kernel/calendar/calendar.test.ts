import { describe, expect, it } from 'vitest';
import { addDays, dayOfWeek, endOfDayInstant, toDateString, WorkingCalendar } from './calendar';
import {
  type CalendarYearInput,
  calendarYearInput,
  parseOfficialCalendarJson,
  toOfficialCalendarJson,
} from './calendar.schema-input';
import fixture from './fixtures/cn-2026-expected.json';
import { officialYears } from './official-years';

const cal = new WorkingCalendar(officialYears);
const only2026 = new WorkingCalendar(officialYears.filter((y) => y.year === 2026));

/** Every day of the fixture with its expected letter (W, R, H, B: see the fixture's legend). */
function fixtureDays(): Array<[string, string]> {
  return Object.entries(fixture.months).flatMap(([month, letters]) =>
    [...letters].map((c, i): [string, string] => [`${month}-${String(i + 1).padStart(2, '0')}`, c]),
  );
}

describe('2026 official calendar', () => {
  it('has exactly 248 working days', () => {
    expect(cal.workingDaysInYear(2026)).toBe(248);
    expect(fixture.workingDaysInYear).toBe(248);
    expect(cal.workingDaysInYear(2025)).toBe(248);
  });

  it('matches the expected status of every day of the year', () => {
    const days = fixtureDays();
    expect(days).toHaveLength(365);
    const kinds = new Map(officialYears.flatMap((y) => y.days.map((d) => [d.day, d.kind] as const)));
    const mismatches = days.filter(([day, c]) => {
      const expectedKind = c === 'H' ? 'holiday' : c === 'B' ? 'workday' : undefined;
      return cal.isWorkingDay(day) !== (c === 'W' || c === 'B') || kinds.get(day) !== expectedKind;
    });
    expect(mismatches).toEqual([]);
  });

  it('treats the make-up Sundays 2026-01-04 and 2026-09-20 as working days', () => {
    for (const day of ['2026-01-04', '2026-09-20']) {
      expect(dayOfWeek(day)).toBe(0);
      expect(cal.isWorkingDay(day)).toBe(true);
    }
    expect(cal.isWorkingDay('2026-01-11')).toBe(false);
  });

  it('knows which years are loaded', () => {
    expect(cal.loadedYears()).toEqual([2025, 2026]);
    expect(cal.isLoaded(2026)).toBe(true);
    expect(cal.isLoaded(2027)).toBe(false);
  });
});

describe('addWorkingDays', () => {
  it('jumps the Spring Festival and counts the make-up Saturday', () => {
    expect(cal.addWorkingDays('2026-02-13', 1)).toEqual({ day: '2026-02-14', provisional: false });
    expect(cal.addWorkingDays('2026-02-14', 1)).toEqual({ day: '2026-02-24', provisional: false });
    expect(cal.addWorkingDays('2026-02-13', 3).day).toBe('2026-02-25');
  });

  it('jumps Mid-Autumn and National Day', () => {
    expect(cal.addWorkingDays('2026-09-30', 1).day).toBe('2026-10-08');
    expect(cal.addWorkingDays('2026-09-30', 3).day).toBe('2026-10-10');
    expect(cal.addWorkingDays('2026-09-30', 4).day).toBe('2026-10-12');
    expect(cal.addWorkingDays('2026-09-18', 15)).toEqual({ day: '2026-10-15', provisional: false });
  });

  it('with n = 0 returns the day itself or the next working day', () => {
    expect(cal.addWorkingDays('2026-02-14', 0).day).toBe('2026-02-14');
    expect(cal.addWorkingDays('2026-02-15', 0).day).toBe('2026-02-24');
    expect(cal.nextWorkingDay('2026-10-01')).toEqual({ day: '2026-10-08', provisional: false });
    expect(cal.nextWorkingDay('2026-03-18').day).toBe('2026-03-18');
  });

  it('is provisional when it reaches a year that is not loaded', () => {
    expect(cal.addWorkingDays('2026-12-30', 1)).toEqual({ day: '2026-12-31', provisional: false });
    // 2027-01-01 is surely a holiday, which is exactly why the answer must be flagged.
    expect(cal.addWorkingDays('2026-12-31', 1)).toEqual({ day: '2027-01-01', provisional: true });
    expect(cal.addWorkingDays('2026-12-25', 15).provisional).toBe(true);
    // Only the days examined count: the start in unloaded 2025 is not one of them.
    expect(only2026.addWorkingDays('2025-12-31', 1)).toEqual({ day: '2026-01-04', provisional: false });
    expect(only2026.addWorkingDays('2025-12-31', 0).provisional).toBe(true);
  });

  it('rejects a negative or fractional n and malformed days', () => {
    expect(() => cal.addWorkingDays('2026-03-02', -1)).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2026-03-02', 1.5)).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2026/03/02', 1)).toThrow(RangeError);
  });
});

describe('workingDaysBetween', () => {
  it('counts (from, to]', () => {
    expect(cal.workingDaysBetween('2026-09-30', '2026-10-10')).toEqual({ days: 3, provisional: false });
    expect(cal.workingDaysBetween('2026-03-02', '2026-03-02').days).toBe(0);
    expect(cal.workingDaysBetween('2026-03-01', '2026-03-02').days).toBe(1);
    expect(cal.workingDaysBetween('2025-12-31', '2026-12-31')).toEqual({ days: 248, provisional: false });
  });

  it('is antisymmetric', () => {
    expect(cal.workingDaysBetween('2026-10-10', '2026-09-30').days).toBe(-3);
  });

  it('inverts addWorkingDays', () => {
    for (const start of ['2026-01-01', '2026-02-13', '2026-04-30', '2026-09-19', '2026-10-07']) {
      for (const n of [1, 2, 5, 15, 40]) {
        const end = cal.addWorkingDays(start, n).day;
        expect(cal.workingDaysBetween(start, end).days).toBe(n);
      }
    }
  });

  it('is provisional across an unloaded year', () => {
    expect(cal.workingDaysBetween('2026-12-30', '2027-01-04')).toEqual({ days: 3, provisional: true });
  });
});

describe('addCalendarMonths (民法典 Arts. 201–203)', () => {
  it('ends on the last day of a shorter month', () => {
    // 2026-02-28 is a Saturday but also a make-up working day, so there is nothing to roll.
    expect(cal.addCalendarMonths('2026-01-31', 1)).toEqual({ day: '2026-02-28', provisional: false });
    expect(cal.addCalendarMonths('2026-08-31', 3)).toEqual({ day: '2026-11-30', provisional: false });
    expect(cal.addCalendarMonths('2024-02-29', 12).day).toBe('2025-02-28');
    expect(cal.addCalendarMonths('2027-11-30', 3, { rollToWorkingDay: false }).day).toBe('2028-02-29');
  });

  it('rolls a period ending on a holiday or a weekend to the next working day', () => {
    expect(cal.addCalendarMonths('2026-07-01', 3)).toEqual({ day: '2026-10-08', provisional: false });
    expect(cal.addCalendarMonths('2026-07-01', 3, { rollToWorkingDay: false }).day).toBe('2026-10-01');
    expect(cal.addCalendarMonths('2026-03-07', 3).day).toBe('2026-06-08');
  });

  it('is provisional when the period ends in a year that is not loaded', () => {
    expect(cal.addCalendarMonths('2026-09-15', 6)).toEqual({ day: '2027-03-15', provisional: true });
    expect(cal.addCalendarMonths('2026-11-30', 3)).toEqual({ day: '2027-03-01', provisional: true });
    expect(cal.addCalendarMonths('2026-09-15', 6, { rollToWorkingDay: false }).provisional).toBe(false);
  });
});

describe('instants and civil days', () => {
  it('reads the civil day in China, not in the machine time zone', () => {
    expect(toDateString(new Date('2026-01-31T16:30:00Z'))).toBe('2026-02-01');
    expect(toDateString(new Date('2026-01-31T16:30:00Z'), 'UTC')).toBe('2026-01-31');
  });

  it('puts a deadline at the end of its day in China', () => {
    const end = endOfDayInstant('2026-10-08');
    expect(end.toISOString()).toBe('2026-10-08T15:59:59.999Z');
    expect(toDateString(end)).toBe('2026-10-08');
    expect(toDateString(new Date(end.getTime() + 1))).toBe('2026-10-09');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});

describe('calendarYearInput', () => {
  const base: CalendarYearInput = {
    year: 2027,
    source: '国务院办公厅关于2027年部分节假日安排的通知',
    days: [{ day: '2027-01-01', kind: 'holiday', name: '元旦' }],
  };
  const messages = (input: unknown): string[] => {
    const r = calendarYearInput.safeParse(input);
    return r.success ? [] : r.error.issues.map((i) => i.message);
  };

  it('accepts a valid year', () => {
    expect(calendarYearInput.safeParse(base).success).toBe(true);
  });

  it('rejects a make-up workday on a Wednesday', () => {
    const r = calendarYearInput.safeParse({
      ...base,
      days: [...base.days, { day: '2027-01-06', kind: 'workday', name: '元旦' }],
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['days', 1, 'day']);
    expect(r.error?.issues[0]?.message).toBe(
      '2027-01-06 是星期三，本来就是工作日：调休上班日（班）只能是星期六或星期日',
    );
  });

  it('rejects a day outside the year', () => {
    const input = { ...base, days: [...base.days, { day: '2026-12-31', kind: 'holiday', name: '元旦' }] };
    expect(messages(input)).toEqual(['2026-12-31 不在 2027 年内，请在其所属年度中录入']);
  });

  it('rejects duplicates, no holiday, a lone weekend holiday, bad dates and years', () => {
    expect(messages({ ...base, days: [...base.days, ...base.days] })).toEqual(['2027-01-01 重复出现']);
    expect(messages({ ...base, days: [] })).toEqual(['至少需要一个放假日（休）']);
    expect(messages({ ...base, days: [{ day: '2027-01-09', kind: 'holiday', name: 'x' }] })[0]).toContain(
      '是周末',
    );
    expect(
      messages({ ...base, days: [...base.days, { day: '2027-02-30', kind: 'holiday', name: 'x' }] }),
    ).toEqual(['2027-02-30 不是有效日期（应为 YYYY-MM-DD）']);
    expect(messages({ ...base, year: 1999 })).toContain('年份应在 2000 至 2100 之间');
  });

  it('accepts a weekend holiday inside a block that takes weekdays off', () => {
    const days = ['2027-01-01', '2027-01-02', '2027-01-03'].map((day) => ({
      day,
      kind: 'holiday',
      name: '元旦',
    }));
    expect(messages({ ...base, days })).toEqual([]);
  });
});

describe('parseOfficialCalendarJson', () => {
  it('round-trips the shipped fixture and agrees with the seeded 2026', () => {
    const parsed = parseOfficialCalendarJson(fixture.official);
    expect(parsed.publishedOn).toBe('2025-11-04');
    expect(parsed).toEqual(officialYears.find((y) => y.year === 2026));
    expect(toOfficialCalendarJson(parsed)).toEqual(fixture.official);
    const fromFile = new WorkingCalendar([parsed]);
    const wrong = fixtureDays().filter(([day, c]) => fromFile.isWorkingDay(day) !== (c === 'W' || c === 'B'));
    expect(wrong).toEqual([]);
  });

  it('takes the year from the argument when the file has none, and checks it otherwise', () => {
    const { year: _ignored, ...withoutYear } = fixture.official;
    expect(parseOfficialCalendarJson(withoutYear, 2026).year).toBe(2026);
    expect(() => parseOfficialCalendarJson(withoutYear)).toThrow('缺少年份');
    expect(() => parseOfficialCalendarJson(fixture.official, 2027)).toThrow('与指定的 2027 不一致');
  });

  it('drops a weekend day of the previous year that opens a New Year block', () => {
    const file = {
      year: 2023,
      source: '国务院办公厅关于2023年部分节假日安排的通知',
      holidays: [{ name: '元旦', off: ['2022-12-31', '2023-01-01', '2023-01-02'], makeUpWorkdays: [] }],
    };
    expect(parseOfficialCalendarJson(file).days.map((d) => d.day)).toEqual(['2023-01-01', '2023-01-02']);
  });

  it('rejects a file whose stated working-day count disagrees with its dates', () => {
    const tampered = { ...fixture.official, workingDaysInYear: 249 };
    expect(() => parseOfficialCalendarJson(tampered)).toThrow('按所列日期计算为 248 个');
    expect(() => parseOfficialCalendarJson({ year: 2026 })).toThrow('文件格式不符');
  });
});
