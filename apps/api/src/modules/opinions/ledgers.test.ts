import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { signedIn, startTestServer } from '../../../test/harness';

// The demo region's ~40 opinions, driven through the workflow when the template was seeded.
const env = await startTestServer();
const { app } = env;

describe('demo opinions and ledgers', () => {
  it('the demo has opinions in every state, with consistent history', async () => {
    const district = await signedIn(app, 'district');
    const all = (await district.get('/api/opinions?pageSize=200')).json();
    expect(all.total).toBeGreaterThanOrEqual(40);
    const states = new Set(all.items.map((i: { state: string }) => i.state));
    for (const s of [
      'submitted',
      'accepted',
      'assigned',
      'in_progress',
      'replied',
      'closed',
      'rejected',
      'staff_review',
    ])
      expect(states).toContain(s);
    const overdue = all.items.filter((i: { supervisionLevel: number }) => i.supervisionLevel > 0);
    expect(overdue.length).toBeGreaterThanOrEqual(2);
    const reopened = all.items.find(
      (i: { reopenCount: number; state: string }) => i.reopenCount === 1 && i.state === 'closed',
    );
    const d = (await district.get(`/api/opinions/${reopened.id}`)).json();
    expect(d.history.map((h: { action: string }) => h.action)).toEqual([
      'open',
      'classify',
      'accept',
      'assign',
      'sign',
      'reply',
      'rateReopen',
      'sign',
      'reply',
      'rate',
    ]);
    // dept1 sees only its own unit's cases.
    const inbox = (await (await signedIn(app, 'dept1')).get('/api/opinions?pageSize=200')).json();
    expect(inbox.total).toBeGreaterThan(0);
    expect(
      inbox.items.every(
        (i: { departmentName: string | null }) => i.departmentName === '区住房城乡建设管理委',
      ),
    ).toBe(true);
  });

  it('问题清单 / 交办清单 / 办结清单 filter by phase and export as Excel', async () => {
    const district = await signedIn(app, 'district');
    type Row = {
      state: string;
      phase: string;
      assignedAt: string | null;
      dueAt: string | null;
      repliedAt: string | null;
      answeredOnTime: boolean | null;
      timelinessLabel: string | null;
    };
    const assigned = (await district.get('/api/opinions/ledgers/assigned?pageSize=200')).json();
    expect(assigned.title).toBe('交办清单');
    const items = assigned.items as Row[];
    // Every assigned case, answered and closed ones included — never rejected, merged or unassigned.
    expect(new Set(items.map((i) => i.phase))).toEqual(new Set(['handling', 'feedback', 'closed']));
    expect(
      items.every((i) => ['assigned', 'in_progress', 'replied', 'staff_review', 'closed'].includes(i.state)),
    ).toBe(true);
    expect(items.every((i) => i.assignedAt && i.dueAt)).toBe(true);
    // Answered cases keep their deadline and say whether the answer came in time.
    const answered = items.filter((i) => i.repliedAt);
    expect(answered.length).toBeGreaterThan(0);
    for (const i of answered) {
      expect(i.answeredOnTime).toBe(i.repliedAt! <= i.dueAt!);
      expect(i.timelinessLabel).toBe(i.answeredOnTime ? '按期答复' : '超期答复');
    }
    expect(items.filter((i) => i.phase === 'handling').every((i) => !i.repliedAt)).toBe(true);
    // Filterable by state.
    const closedOnes = (
      await district.get('/api/opinions/ledgers/assigned?pageSize=200&state=closed')
    ).json();
    expect(closedOnes.total).toBeGreaterThan(0);
    expect(closedOnes.items.every((i: Row) => i.state === 'closed')).toBe(true);
    const none = (await district.get('/api/opinions/ledgers/assigned?pageSize=200&state=rejected')).json();
    expect(none.total).toBe(0);
    const closed = (await district.get('/api/opinions/ledgers/closed?pageSize=200')).json();
    expect(closed.items.some((i: { ratingLabel: string | null }) => i.ratingLabel === '满意')).toBe(true);
    const filtered = (
      await district.get('/api/opinions/ledgers/collected?categoryCode=JT&pageSize=200')
    ).json();
    expect(filtered.items.length).toBeGreaterThan(0);
    expect(
      filtered.items.every((i: { categoryCode: string | null }) => i.categoryCode?.startsWith('JT')),
    ).toBe(true);

    const res = await district.get('/api/opinions/ledgers/closed/export');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('办结清单')!;
    expect(ws.getRow(1).values).toEqual(expect.arrayContaining(['受理编号', '承办单位', '满意度']));
    expect(ws.rowCount).toBe(closed.items.length + 1);
  });
});

describe('bounded counts', () => {
  it('count the same rows the list shows, region-wide (opinion-side count) and for a street', async () => {
    for (const who of ['district', 'xinzhuang']) {
      const c = await signedIn(app, who);
      for (const q of [
        'categoryCode=CJ',
        'categoryCode=CJ&from=2025-01-01&to=2026-12-31',
        'from=2026-02-01',
        '',
      ]) {
        const r = (await c.get(`/api/opinions?pageSize=200&${q}`)).json();
        expect(r.total, `${who} ${q}`).toBe(r.items.length);
        expect(r.totalIsLowerBound).toBe(false);
        // 交办清单: a region-wide count reads the lead unit on the opinion row, the list the states.
        const l = (await c.get(`/api/opinions/ledgers/assigned?pageSize=200&${q}`)).json();
        expect(l.total, `交办清单 ${who} ${q}`).toBe(l.items.length);
      }
    }
  });
});
