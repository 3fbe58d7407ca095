import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../../kernel/calendar/calendar';
import { officialYears } from '../../kernel/calendar/official-years';
import {
  describeRule,
  type HolidayPolicy,
  occurrences,
  type RuleShape,
  rotaFor,
  slotsOf,
  validateRule,
} from './rules';

const calendar = new WorkingCalendar(officialYears.map((y) => ({ year: y.year, days: y.days })));

function days(rule: RuleShape, from: string, to: string, holidayPolicy: HolidayPolicy = 'keep') {
  return occurrences(calendar, { rule, holidayPolicy, validFrom: '2025-01-01', validTo: null }, from, to).map(
    (o) => o.day,
  );
}

describe('reception rules: dates', () => {
  it('每月10日 keeps the 10th, moves a weekend 10th to the next working day', () => {
    const rule: RuleShape = { kind: 'monthDay', day: 10 };
    expect(days(rule, '2026-01-01', '2026-03-31')).toEqual(['2026-01-10', '2026-02-10', '2026-03-10']);
    // 2026-01-10 is a Saturday.
    expect(days(rule, '2026-01-01', '2026-01-31', 'next_working_day')).toEqual(['2026-01-12']);
    expect(days(rule, '2026-01-01', '2026-01-31', 'previous_working_day')).toEqual(['2026-01-09']);
    expect(days(rule, '2026-01-01', '2026-01-31', 'skip')).toEqual([]);
  });

  it('每月1日 in October 2026 (National Day, 10-01 to 10-07) moves past the holiday', () => {
    const rule: RuleShape = { kind: 'monthDay', day: 1 };
    expect(days(rule, '2026-10-01', '2026-10-31', 'next_working_day')).toEqual(['2026-10-08']);
    expect(days(rule, '2026-09-01', '2026-10-31', 'previous_working_day')).toEqual([
      '2026-09-01',
      '2026-09-30',
      '2026-10-30', // 11-01 is a Sunday: moved back into October
    ]);
    // 2026-01-01 to 01-03 is 元旦; 01-04 is a make-up working Sunday.
    expect(days(rule, '2026-01-01', '2026-01-31', 'next_working_day')).toEqual(['2026-01-04']);
  });

  it('a month without the day uses its last day', () => {
    expect(days({ kind: 'monthDay', day: 31 }, '2026-04-01', '2026-04-30')).toEqual(['2026-04-30']);
    expect(days({ kind: 'monthDay', day: 30 }, '2026-02-01', '2026-02-28')).toEqual(['2026-02-28']);
  });

  it('每月第N个星期X and the last one', () => {
    const tue3: RuleShape = { kind: 'nthWeekday', n: 3, weekday: 2 };
    expect(days(tue3, '2026-03-01', '2026-05-31')).toEqual(['2026-03-17', '2026-04-21', '2026-05-19']);
    expect(days({ kind: 'nthWeekday', n: 1, weekday: 2 }, '2026-09-01', '2026-09-30')).toEqual([
      '2026-09-01',
    ]);
    expect(days({ kind: 'nthWeekday', n: -1, weekday: 5 }, '2026-07-01', '2026-07-31')).toEqual([
      '2026-07-31',
    ]);
    // First Thursday of October 2026 is 10-01 (National Day) → 10-08.
    expect(
      days({ kind: 'nthWeekday', n: 1, weekday: 4 }, '2026-10-01', '2026-10-31', 'next_working_day'),
    ).toEqual(['2026-10-08']);
  });

  it('每月第N周的星期X: week 1 is the Monday-starting week containing the 1st', () => {
    // 2026-10-01 is a Thursday: week 1 is 09-28…10-04, so its Tuesday is in September → none.
    const w1tue: RuleShape = { kind: 'weekOfMonth', week: 1, weekday: 2 };
    expect(days(w1tue, '2026-10-01', '2026-10-31')).toEqual([]);
    // Week 3 of October 2026 is 10-12…10-18.
    expect(days({ kind: 'weekOfMonth', week: 3, weekday: 2 }, '2026-10-01', '2026-10-31')).toEqual([
      '2026-10-13',
    ]);
    // 2026-06-01 is a Monday: week 1 starts on the 1st.
    expect(days(w1tue, '2026-06-01', '2026-06-30')).toEqual(['2026-06-02']);
    // 第三个星期二 and 第三周的星期二 differ when the month starts on a Wednesday–Sunday.
    expect(days({ kind: 'nthWeekday', n: 3, weekday: 2 }, '2026-10-01', '2026-10-31')).toEqual([
      '2026-10-20',
    ]);
  });

  it('make-up working Sundays count as working days', () => {
    const sundays: RuleShape = { kind: 'weekly', weekday: 7 };
    // Only the make-up Sundays of 2026 survive 'skip': 01-04 and 09-20.
    expect(days(sundays, '2026-01-01', '2026-12-31', 'skip')).toEqual(['2026-01-04', '2026-09-20']);
    // The third Sunday of September 2026 is a make-up working day: kept, not moved.
    expect(
      days({ kind: 'nthWeekday', n: 3, weekday: 7 }, '2026-09-01', '2026-09-30', 'next_working_day'),
    ).toEqual(['2026-09-20']);
    // Make-up Saturday 2026-02-28 keeps a 每月最后一个星期六 rule.
    expect(days({ kind: 'nthWeekday', n: -1, weekday: 6 }, '2026-02-01', '2026-02-28', 'skip')).toEqual([
      '2026-02-28',
    ]);
  });

  it('weekly rules collapse days moved onto the same working day', () => {
    // Thursdays 10-01 (holiday) and 10-08: both land on 10-08 once.
    expect(days({ kind: 'weekly', weekday: 4 }, '2026-10-01', '2026-10-15', 'next_working_day')).toEqual([
      '2026-10-08',
      '2026-10-15',
    ]);
  });

  it('respects validFrom/validTo and a day moved in from the previous month', () => {
    const spec = {
      rule: { kind: 'monthDay', day: 10 } as RuleShape,
      holidayPolicy: 'keep' as const,
      validFrom: '2026-02-11',
      validTo: '2026-04-10',
    };
    expect(occurrences(calendar, spec, '2026-01-01', '2026-12-31').map((o) => o.day)).toEqual([
      '2026-03-10',
      '2026-04-10',
    ]);
    // 每月30日 with 'next_working_day': 2026-05-30 is a Saturday → 06-01, found in a June range.
    const moved = occurrences(
      calendar,
      {
        rule: { kind: 'monthDay', day: 30 },
        holidayPolicy: 'next_working_day',
        validFrom: '2026-01-01',
        validTo: null,
      },
      '2026-06-01',
      '2026-06-10',
    );
    expect(moved).toEqual([{ day: '2026-06-01', nominal: '2026-05-30', index: 4 }]);
  });
});

describe('reception rules: rota, slots, descriptions, validation', () => {
  it('takes deputies in turn, deterministically, whatever range is asked for', () => {
    const rota = ['a', 'b', 'c'];
    expect([0, 1, 2, 3].map((i) => rotaFor(rota, 1, i))).toEqual([['a'], ['b'], ['c'], ['a']]);
    expect([0, 1, 2].map((i) => rotaFor(rota, 2, i))).toEqual([
      ['a', 'b'],
      ['c', 'a'],
      ['b', 'c'],
    ]);
    expect(rotaFor(['a'], 3, 5)).toEqual(['a']);
    expect(rotaFor([], 1, 0)).toEqual([]);
    const spec = {
      rule: { kind: 'monthDay', day: 10 } as RuleShape,
      holidayPolicy: 'keep' as const,
      validFrom: '2026-01-01',
      validTo: null,
    };
    const whole = occurrences(calendar, spec, '2026-01-01', '2026-12-31');
    const part = occurrences(calendar, spec, '2026-06-01', '2026-06-30');
    expect(part[0]!.index).toBe(whole.find((o) => o.day === '2026-06-10')!.index);
  });

  it('cuts the reception time into whole slots', () => {
    expect(slotsOf('09:00', '11:30', 30).map((s) => s.start)).toEqual([
      '09:00',
      '09:30',
      '10:00',
      '10:30',
      '11:00',
    ]);
    expect(slotsOf('14:00', '15:10', 30)).toEqual([
      { start: '14:00', end: '14:30' },
      { start: '14:30', end: '15:00' },
    ]);
  });

  it('describes rules in Chinese', () => {
    expect(describeRule({ kind: 'nthWeekday', n: 3, weekday: 2 }, 'next_working_day')).toBe(
      '每月第三个星期二（遇节假日顺延至下一个工作日）',
    );
    expect(describeRule({ kind: 'monthDay', day: 10 })).toBe('每月10日');
    expect(describeRule({ kind: 'weekOfMonth', week: 3, weekday: 2 }, 'keep')).toBe(
      '每月第三周的星期二（节假日照常接待）',
    );
    expect(describeRule({ kind: 'nthWeekday', n: -1, weekday: 5 }, 'skip')).toBe(
      '每月最后一个星期五（遇节假日取消）',
    );
    expect(describeRule({ kind: 'weekly', weekday: 7 })).toBe('每周星期日');
  });

  it('validates with Chinese messages', () => {
    const good = {
      rule: { kind: 'monthDay', day: 10 },
      holidayPolicy: 'next_working_day',
      validFrom: '2026-01-01',
      startTime: '09:00',
      endTime: '11:30',
      slotMinutes: 30,
      capacityPerSlot: 3,
      deputiesPerDay: 1,
    };
    expect(validateRule(good).ok).toBe(true);
    const bad = validateRule({
      ...good,
      rule: { kind: 'nthWeekday', n: 5, weekday: 8 },
      endTime: '08:00',
      validTo: '2025-12-31',
    });
    expect(bad.ok).toBe(false);
    const messages = bad.ok ? [] : bad.issues.map((i) => i.message);
    expect(messages).toContain('第几个为 1–4，或“最后一个”');
    expect(messages).toContain('星期几为 1（星期一）到 7（星期日）');
    const dates = validateRule({ ...good, validTo: '2025-12-31', endTime: '08:00' });
    expect(dates.ok ? [] : dates.issues.map((i) => i.message)).toEqual(
      expect.arrayContaining(['截止日期不能早于开始日期', '结束时间应晚于开始时间']),
    );
    const kind = validateRule({ ...good, rule: { kind: 'yearly' } });
    expect(kind.ok ? [] : kind.issues[0]!.message).toBe('请选择接待日规则类型');
  });
});
