import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { type Client, errorCode, signedIn, startTestServer } from '../../../test/harness';
import { departmentIdOf, deputyOf, otherDepartmentHandler, submitted } from './suggestions.fixtures';

// A generated data set whose figures are worked out by hand below.
const env = await startTestServer();
const { app, clock } = env;
const as = (u: string) => signedIn(app, u);

const answer = (c: Client, id: string, category: string, promisedOn?: string) =>
  c.post(`/api/suggestions/${id}/answer`, {
    body: `答复内容：经研究，按${category}类答复如下。`,
    category,
    signerName: '张强',
    signerTitle: '局长',
    ...(promisedOn ? { promisedOn } : {}),
  });
const rate = (c: Client, id: string, attitude: string, result: string) =>
  c.post(`/api/suggestions/${id}/rate`, { attitude, result });

describe('statistics per congress and session', () => {
  it('match a hand-computed answer', async () => {
    clock.set('2026-05-11T09:00:00+08:00');
    let district = await as('district');
    await district.post('/api/suggestions/sessions', {
      congressCode: '310112',
      term: 17,
      session: 5,
      startsOn: '2026-05-11',
      endsOn: '2026-05-13',
    });
    let deputy = await as('deputy1');
    const dept1 = await departmentIdOf(env, 'dept1');
    const other = await otherDepartmentHandler(env);
    // During the session: S1..S4.
    const [s1, s2, s3, s4] = [
      await submitted(deputy),
      await submitted(deputy),
      await submitted(deputy),
      await submitted(deputy),
    ];
    for (const id of [s1, s2, s3]) await district.post(`/api/suggestions/${id}/register`);
    await district.post(`/api/suggestions/${s4}/letter`, { reason: '属于个案问题，转作来信。' });
    await district.post('/api/suggestions/assign', { ids: [s1, s2], departmentId: dept1, batch: '第一批' });
    await district.post('/api/suggestions/assign', { ids: [s3], departmentId: other.departmentId });
    let dept = await as('dept1');
    // S1: A, 满意/满意. S2: B, 基本满意/满意 (stays open). S3: C, 不满意 → re-handled → A, 满意/满意.
    await dept.post(`/api/suggestions/${s1}/contact`, {
      stage: 'before',
      day: '2026-05-12',
      form: 'phone',
      agreed: '电话沟通办理思路。',
    });
    expect((await answer(dept, s1, 'A')).statusCode).toBe(200);
    expect((await answer(dept, s2, 'B', '2026-12-31')).statusCode).toBe(200);
    expect((await answer(other.client, s3, 'C')).statusCode).toBe(200);
    expect((await rate(deputy, s1, 'satisfied', 'satisfied')).json().state).toBe('closed');
    expect((await rate(deputy, s2, 'basically_satisfied', 'satisfied')).json().state).toBe('follow_up');
    expect((await rate(deputy, s3, 'dissatisfied', 'basically_satisfied')).json().state).toBe('rehandling');
    expect((await answer(other.client, s3, 'A')).statusCode).toBe(200);
    expect((await rate(deputy, s3, 'satisfied', 'satisfied')).json().state).toBe('closed');

    // Between sessions: S5 assigned and answered D late; S6 only submitted.
    clock.set('2026-05-20T09:00:00+08:00');
    deputy = await as('deputy1');
    district = await as('district');
    const s5 = await submitted(deputy);
    const s6 = await submitted(deputy);
    const reg5 = await district.post(`/api/suggestions/${s5}/register`);
    expect(reg5.json().registerNo).toMatch(/^第\d+届闭会期间第\d{4}号$/);
    await district.post('/api/suggestions/assign', { ids: [s5], departmentId: dept1 });
    // S8: answered B on time, then rated 不满意 → re-handling: not a B promise still open.
    const s8 = await submitted(deputy);
    await district.post(`/api/suggestions/${s8}/register`);
    await district.post('/api/suggestions/assign', { ids: [s8], departmentId: dept1 });
    expect((await answer(await as('dept1'), s8, 'B', '2026-12-31')).statusCode).toBe(200);
    expect((await rate(deputy, s8, 'satisfied', 'dissatisfied')).json().state).toBe('rehandling');
    // S7: a township congress's suggestion (Xinzhuang), handled by the same unit and answered B —
    // none of the district's figures may count it.
    const local = await deputyOf(env, '310112101');
    const s7 = await submitted(local.client, { congressCode: '310112101' });
    await district.post(`/api/suggestions/${s7}/register`);
    await district.post('/api/suggestions/assign', { ids: [s7], departmentId: dept1 });
    expect((await answer(await as('dept1'), s7, 'B', '2026-12-31')).statusCode).toBe(200);
    clock.set('2026-09-01T09:00:00+08:00'); // due 2026-08-20
    dept = await as('dept1');
    expect((await answer(dept, s5, 'D')).json().answers[0].onTime).toBe(false);

    district = await as('district');
    const stats = (
      await district.get('/api/suggestions/stats?congress=310112&from=2026-05-11&to=2026-05-31')
    ).json();
    expect(stats.congress).toMatchObject({ code: '310112' });
    expect(stats).toMatchObject({
      received: 7,
      duringSession: 4,
      interim: 3,
      registered: 5,
      letters: 1,
      assigned: 5,
      answered: 5,
      answeredOnTime: 4,
      byCategory: { A: 2, B: 2, C: 0, D: 1 },
      firstCategoryRate: 40,
      rated: 4,
      attitudeSatisfaction: 100,
      resultSatisfaction: 75,
      rehandled: 2,
      // S2 only: S8's B answer was rejected (re-handling), S7 is the township's.
      followUpOpen: 1,
    });
    const unit1 = stats.byUnit.find((u: { departmentId: string }) => u.departmentId === dept1);
    expect(unit1).toMatchObject({
      received: 4,
      answered: 4,
      answeredOnTime: 3,
      byCategory: { A: 1, B: 2, D: 1 },
      firstCategoryRate: 25,
      rehandled: 1,
      followUpOpen: 1,
    });
    const unit2 = stats.byUnit.find((u: { departmentId: string }) => u.departmentId === other.departmentId);
    expect(unit2).toMatchObject({ received: 1, answered: 1, rehandled: 1, byCategory: { A: 1, C: 0 } });
    // Without a congress: the broadest the staff may count, the district — the same figures.
    const plain = (await district.get('/api/suggestions/stats?from=2026-05-11&to=2026-05-31')).json();
    expect(plain).toMatchObject({ congress: { code: '310112' }, received: 7, followUpOpen: 1 });
    // The township congress on its own: S7 only, its B promise open.
    const town = (
      await district.get('/api/suggestions/stats?congress=310112101&from=2026-05-11&to=2026-05-31')
    ).json();
    expect(town).toMatchObject({ received: 1, answered: 1, followUpOpen: 1, byCategory: { B: 1 } });
    const picker = (await district.get('/api/suggestions/congresses')).json().items;
    expect(picker[0]).toMatchObject({ code: '310112', staff: true });
    expect(picker.map((c: { code: string }) => c.code)).toContain('310112101');
    // Another street's staff may not count Xinzhuang, nor the district.
    const qibao = await as('qibao');
    expect(errorCode(await qibao.get('/api/suggestions/stats?congress=310112101'))).toBe('auth.out_of_scope');
    expect(errorCode(await qibao.get('/api/suggestions/stats?congress=310112'))).toBe('auth.out_of_scope');
    // The session alone.
    const session = (await district.get('/api/suggestions/stats?congress=310112&term=17&session=5')).json();
    expect(session).toMatchObject({ received: 4, registered: 3, letters: 1, answered: 3 });
    expect(s6).toBeTruthy();

    // The ledger and the per-unit report as Excel.
    const ledger = await district.get(
      '/api/suggestions/ledger/export?congress=310112&from=2026-05-11&to=2026-05-31',
    );
    expect(ledger.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(ledger.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('建议办理台账')!;
    expect(ws.getRow(1).getCell(1).value).toBe('立案号');
    expect(ws.rowCount).toBe(8);
    const report = await dept.get('/api/suggestions/unit-report/export');
    expect(report.statusCode, report.body.slice(0, 200)).toBe(200);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(report.rawPayload as unknown as ArrayBuffer);
    expect(wb2.getWorksheet('办理情况')!.getRow(2).getCell(1).value).toBe('交办件数');
  });

  it('numbers registrations per session without gaps or duplicates, even when registered at once', async () => {
    clock.set('2026-10-12T09:00:00+08:00');
    const district = await as('district');
    await district.post('/api/suggestions/sessions', {
      congressCode: '310112',
      term: 17,
      session: 6,
      startsOn: '2026-10-12',
      endsOn: '2026-10-14',
    });
    const deputy = await as('deputy1');
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push(await submitted(deputy));
    const res = await Promise.all(ids.map((id) => district.post(`/api/suggestions/${id}/register`)));
    const nos = res.map((r) => r.json().registerNo as string).sort();
    expect(nos).toEqual([1, 2, 3, 4, 5, 6].map((n) => `第17届第6次会议第000${n}号`));
  });
});
