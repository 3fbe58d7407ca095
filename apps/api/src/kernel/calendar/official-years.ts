import type { CalendarException, CivilDay } from './calendar';

/**
 * Published State Council schedules, shipped as data so that a fresh database is seeded with a
 * real calendar. Later years are loaded by an operator (see calendar.schema-input.ts) when the
 * notice appears each November; until then deadlines reaching them are flagged provisional.
 */
export interface OfficialCalendarYear {
  year: number;
  source: string;
  publishedOn: CivilDay;
  days: CalendarException[];
}

/** One festival of a notice: the days off (休) and the weekend days worked instead (班). */
function festival(name: string, off: CivilDay[], makeUpWorkdays: CivilDay[] = []): CalendarException[] {
  return [
    ...off.map((day) => ({ day, kind: 'holiday' as const, name })),
    ...makeUpWorkdays.map((day) => ({ day, kind: 'workday' as const, name })),
  ];
}

/**
 * 2025: 261 Mon–Fri days, 18 of them off, 5 weekend days worked → 248 working days
 * (the 13 statutory holiday days of the 2024 revision of 全国年节及纪念日放假办法).
 */
const cn2025: OfficialCalendarYear = {
  year: 2025,
  source: '国务院办公厅关于2025年部分节假日安排的通知',
  publishedOn: '2024-11-12',
  days: [
    ...festival('元旦', ['2025-01-01']),
    ...festival(
      '春节',
      [
        '2025-01-28',
        '2025-01-29',
        '2025-01-30',
        '2025-01-31',
        '2025-02-01',
        '2025-02-02',
        '2025-02-03',
        '2025-02-04',
      ],
      ['2025-01-26', '2025-02-08'],
    ),
    ...festival('清明节', ['2025-04-04', '2025-04-05', '2025-04-06']),
    ...festival(
      '劳动节',
      ['2025-05-01', '2025-05-02', '2025-05-03', '2025-05-04', '2025-05-05'],
      ['2025-04-27'],
    ),
    ...festival('端午节', ['2025-05-31', '2025-06-01', '2025-06-02']),
    ...festival(
      '国庆节、中秋节',
      [
        '2025-10-01',
        '2025-10-02',
        '2025-10-03',
        '2025-10-04',
        '2025-10-05',
        '2025-10-06',
        '2025-10-07',
        '2025-10-08',
      ],
      ['2025-09-28', '2025-10-11'],
    ),
  ],
};

/** 2026, copied from the published notice (cn-2026.json): 248 working days. */
const cn2026: OfficialCalendarYear = {
  year: 2026,
  source: '国务院办公厅关于2026年部分节假日安排的通知',
  publishedOn: '2025-11-04',
  days: [
    ...festival('元旦', ['2026-01-01', '2026-01-02', '2026-01-03'], ['2026-01-04']),
    ...festival(
      '春节',
      [
        '2026-02-15',
        '2026-02-16',
        '2026-02-17',
        '2026-02-18',
        '2026-02-19',
        '2026-02-20',
        '2026-02-21',
        '2026-02-22',
        '2026-02-23',
      ],
      ['2026-02-14', '2026-02-28'],
    ),
    ...festival('清明节', ['2026-04-04', '2026-04-05', '2026-04-06']),
    ...festival(
      '劳动节',
      ['2026-05-01', '2026-05-02', '2026-05-03', '2026-05-04', '2026-05-05'],
      ['2026-05-09'],
    ),
    ...festival('端午节', ['2026-06-19', '2026-06-20', '2026-06-21']),
    ...festival('中秋节', ['2026-09-25', '2026-09-26', '2026-09-27']),
    ...festival(
      '国庆节',
      ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'],
      ['2026-09-20', '2026-10-10'],
    ),
  ],
};

export const officialYears: readonly OfficialCalendarYear[] = [cn2025, cn2026];
