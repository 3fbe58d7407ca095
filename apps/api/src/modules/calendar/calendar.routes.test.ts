import { describe, expect, it } from 'vitest';
import { errorCode, signedIn, startTestServer } from '../../../test/harness';

const env = await startTestServer();
const { app, clock } = env;

/**
 * A plausible 2027 schedule in the published format (shared/data/calendar/cn-2026.json). The real
 * notice appears in November 2026; this one follows the usual pattern. 2027 has 261 Mon–Fri days;
 * 18 of them are off and 5 weekend days are worked → 248 working days.
 */
function cn2027() {
  return {
    year: 2027,
    source: '国务院办公厅关于2027年部分节假日安排的通知 (2026-11-05)',
    holidays: [
      { name: '元旦', off: ['2027-01-01', '2027-01-02', '2027-01-03'], makeUpWorkdays: [] },
      {
        name: '春节',
        off: [
          '2027-02-05',
          '2027-02-06',
          '2027-02-07',
          '2027-02-08',
          '2027-02-09',
          '2027-02-10',
          '2027-02-11',
          '2027-02-12',
          '2027-02-13',
        ],
        makeUpWorkdays: ['2027-02-20'],
      },
      { name: '清明节', off: ['2027-04-03', '2027-04-04', '2027-04-05'], makeUpWorkdays: [] },
      {
        name: '劳动节',
        off: ['2027-05-01', '2027-05-02', '2027-05-03', '2027-05-04', '2027-05-05'],
        makeUpWorkdays: ['2027-04-25', '2027-05-08'],
      },
      { name: '端午节', off: ['2027-06-09'], makeUpWorkdays: [] },
      { name: '中秋节', off: ['2027-09-15'], makeUpWorkdays: [] },
      {
        name: '国庆节',
        off: [
          '2027-10-01',
          '2027-10-02',
          '2027-10-03',
          '2027-10-04',
          '2027-10-05',
          '2027-10-06',
          '2027-10-07',
        ],
        makeUpWorkdays: ['2027-09-26', '2027-10-09'],
      },
    ],
    workingDaysInYear: 248,
  };
}

type Years = {
  items: Array<{ year: number; source: string; publishedOn: string | null; workingDays: number }>;
  nextYear: number;
  nextYearLoaded: boolean;
};

describe('loading a calendar year', () => {
  it('refuses an upload with a make-up working day on a Wednesday, with a Chinese message, and changes nothing', async () => {
    const admin = await signedIn(app, 'admin');
    const before = (await admin.get('/api/calendar/years')).json() as Years;
    const file = cn2027();
    file.holidays[1]!.makeUpWorkdays.push('2027-01-13');
    const res = await admin.put('/api/calendar/years/2027', { json: file });
    expect(res.statusCode).toBe(400);
    expect(errorCode(res)).toBe('calendar.invalid_year');
    const details = res.json().error.details as Array<{ path: string; message: string }>;
    expect(details).toContainEqual({
      path: expect.stringMatching(/^days\.\d+\.day$/),
      message: '2027-01-13 是星期三，本来就是工作日：调休上班日（班）只能是星期六或星期日',
    });
    expect((await admin.get('/api/calendar/years')).json()).toEqual(before);
    expect((await admin.get('/api/calendar/years/2027')).statusCode).toBe(404);
  });

  it('refuses a day from another year', async () => {
    const admin = await signedIn(app, 'admin');
    const file = cn2027();
    file.holidays[0]!.off.push('2028-01-03');
    const res = await admin.put('/api/calendar/years/2027', { json: file });
    expect(res.statusCode).toBe(400);
    expect(errorCode(res)).toBe('calendar.invalid_year');
    expect(res.json().error.details.map((d: { message: string }) => d.message)).toContain(
      '2028-01-03 不在 2027 年内，请在其所属年度中录入',
    );
    expect((await admin.get('/api/calendar/years/2027')).statusCode).toBe(404);
  });

  it('refuses a file for another year than the one in the address, and a wrong working-day count', async () => {
    const admin = await signedIn(app, 'admin');
    const wrongYear = await admin.put('/api/calendar/years/2028', { json: cn2027() });
    expect(wrongYear.statusCode).toBe(400);
    expect(errorCode(wrongYear)).toBe('calendar.invalid_year');
    expect(JSON.stringify(wrongYear.json().error)).toContain('不一致');

    const miscounted = { ...cn2027(), workingDaysInYear: 250 };
    const res = await admin.put('/api/calendar/years/2027', { json: miscounted });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.map((d: { message: string }) => d.message)).toContain(
      '文件声明全年 250 个工作日，按所列日期计算为 248 个，请核对',
    );
  });

  it('is refused to anyone but a system administrator', async () => {
    for (const username of ['district', 'security', 'auditor', 'qibao']) {
      const res = await (await signedIn(app, username)).put('/api/calendar/years/2027', { json: cn2027() });
      expect(res.statusCode, username).toBe(403);
      expect(errorCode(res)).toBe('auth.forbidden');
    }
    expect((await (await signedIn(app, 'admin')).get('/api/calendar/years/2027')).statusCode).toBe(404);
  });

  it('loads 2027 in the official format as admin; the list shows it and deadlines into 2027 stop being provisional', async () => {
    clock.set('2026-11-10T09:00:00+08:00');
    const admin = await signedIn(app, 'admin');
    // Sunday 2026-12-20 + 15 working days, before the load: Mon–Fri assumed for 2027.
    const provisional = (await admin.get('/api/calendar/add-working-days?from=2026-12-20&days=15')).json();
    expect(provisional).toEqual({ day: '2027-01-08', provisional: true });
    const before = (await admin.get('/api/calendar/years')).json() as Years;
    expect(before).toMatchObject({ nextYear: 2027, nextYearLoaded: false });
    expect(before.items.map((y) => y.year)).not.toContain(2027);

    const res = await admin.put('/api/calendar/years/2027', { json: cn2027() });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ year: 2027, workingDays: 248 });

    const after = (await admin.get('/api/calendar/years')).json() as Years;
    expect(after.nextYearLoaded).toBe(true);
    expect(after.items.find((y) => y.year === 2027)).toMatchObject({
      source: '国务院办公厅关于2027年部分节假日安排的通知',
      publishedOn: '2026-11-05',
      workingDays: 248,
    });
    expect(after.items.map((y) => y.year)).toEqual([...before.items.map((y) => y.year), 2027].sort());

    const year = (await admin.get('/api/calendar/years/2027')).json();
    expect(year.workingDays).toBe(248);
    expect(year.days).toHaveLength(29 + 5);
    expect(year.days).toContainEqual({ day: '2027-09-26', kind: 'workday', name: '国庆节' });

    // Now 2027-01-01 is a holiday: 12-21…25, 12-28…31 (1–9), 01-04…08 (10–14), 01-11 (15).
    expect((await admin.get('/api/calendar/add-working-days?from=2026-12-20&days=15')).json()).toEqual({
      day: '2027-01-11',
      provisional: false,
    });
    // Any staff member can read it.
    expect((await (await signedIn(app, 'qibao')).get('/api/calendar/years/2027')).statusCode).toBe(200);
  });

  it('leaves a loaded year untouched when a correction is invalid', async () => {
    const admin = await signedIn(app, 'admin');
    const before = (await admin.get('/api/calendar/years/2027')).json();
    const file = cn2027();
    file.holidays[6]!.makeUpWorkdays.push('2027-10-13');
    const res = await admin.put('/api/calendar/years/2027', { json: file });
    expect(errorCode(res)).toBe('calendar.invalid_year');
    expect((await admin.get('/api/calendar/years/2027')).json()).toEqual(before);
  });
});
