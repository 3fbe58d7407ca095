import { and, eq, like, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Client, errorCode, signedIn, startTestServer } from '../../../test/harness';
import { auditLog } from '../../kernel/db/kernel.schema';
import { JobRunner } from '../../kernel/jobs/runner';
import { deputies, deputyMandates } from '../deputies/deputies.schema';
import { citizenByPhone } from '../opinions/opinions.fixtures';
import { citizen } from '../receptions/receptions.fixtures';
import { stations } from '../stations/stations.schema';
import { activities, voterReportRatings, voterReports } from './activities.schema';
import { voterReportResultsForYear } from './voter-reports.usecases';

const env = await startTestServer();
const { app, ctx, clock } = env;
const { db } = ctx.database;
const runner = new JobRunner(ctx);
const C = '310112';
let xinzhuang: Client;
let mine: { id: string; code: string }; // a district deputy living in 莘庄镇
let elsewhere: string; // one living in 七宝镇
let stationId: string;
let reportId: string;

const deputyIn = async (town: string) => {
  const [d] = await db
    .select({ id: deputies.id, code: deputies.publicCode })
    .from(deputies)
    .innerJoin(
      deputyMandates,
      and(eq(deputyMandates.regionCode, deputies.regionCode), eq(deputyMandates.deputyId, deputies.id)),
    )
    .where(and(eq(deputyMandates.congressJurisdictionCode, C), like(deputies.jurisdictionCode, `${town}%`)))
    .limit(1);
  return d!;
};
const body = (over: Record<string, unknown> = {}) => ({
  deputyId: mine.id,
  congressCode: C,
  stationId,
  scheduledOn: '2026-03-10',
  startTime: '14:30',
  title: '2025年度履职情况报告',
  body: '各位选民：一年来，我围绕加装电梯、社区养老和交通出行，开展走访、调研并提出建议，现将履职情况报告如下。',
  ...over,
});
const rate = (c: Client, rating: string, comment?: string) =>
  c.post(`/api/voter-reports/${reportId}/ratings`, { rating, ...(comment ? { comment } : {}) });
const ratingRows = () =>
  db.select().from(voterReportRatings).where(eq(voterReportRatings.reportId, reportId));

beforeAll(async () => {
  await runner.drain();
  xinzhuang = await signedIn(app, 'xinzhuang');
  // The rating window is a setting of the congress: 15 days from the report day.
  const put = await (await signedIn(app, 'district')).put(
    `/api/settings/activities.voterReportRatingDays?scope=${C}`,
    { value: 15 },
  );
  expect(put.statusCode, put.body).toBe(200);
  mine = await deputyIn('310112101');
  elsewhere = (await deputyIn('310112102')).id;
  const [s] = await db.select().from(stations).where(eq(stations.jurisdictionCode, '310112101')).limit(1);
  stationId = s!.id;
});

describe('述职评议: scheduling within the jurisdiction', () => {
  it("street staff schedule their street's deputy at their station (audited)", async () => {
    const r = await xinzhuang.post('/api/voter-reports', body());
    expect(r.statusCode, r.body).toBe(201);
    reportId = r.json().id;
    expect(r.json()).toMatchObject({ status: 'scheduled', closesOn: '2026-03-24', year: 2026 });
    const audit = await db.select().from(auditLog).where(eq(auditLog.targetId, reportId));
    expect(audit.map((a) => a.action)).toContain('activities.voter_report_scheduled');
  });

  it("a street's staff cannot schedule another street's deputy; nothing is written", async () => {
    const before = await db.select({ n: sql<number>`count(*)::int` }).from(voterReports);
    const r = await xinzhuang.post('/api/voter-reports', body({ deputyId: elsewhere }));
    expect(r.statusCode).toBe(403);
    expect(errorCode(r)).toBe('auth.out_of_scope');
    const after = await db.select({ n: sql<number>`count(*)::int` }).from(voterReports);
    expect(after[0]!.n).toBe(before[0]!.n);
    const qibao = await signedIn(app, 'qibao');
    expect((await qibao.get(`/api/voter-reports/${reportId}`)).statusCode).toBe(404);
    expect(
      (await qibao.get('/api/voter-reports')).json().items.some((i: { id: string }) => i.id === reportId),
    ).toBe(false);
  });

  it('staff edit before the day; a station or a place is required', async () => {
    const bad = await xinzhuang.put(`/api/voter-reports/${reportId}`, { ...body(), stationId: null });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('请选择联络站或填写述职地点');
    const r = await xinzhuang.put(`/api/voter-reports/${reportId}`, {
      ...body(),
      title: '2025年度向选民述职报告',
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().title).toBe('2025年度向选民述职报告');
  });
});

describe('述职评议: voters read and rate, one rating per verified phone', () => {
  it('the report is public; rating before its day is refused', async () => {
    const pub = await app.inject({ method: 'GET', url: `/api/public/voter-reports/${reportId}` });
    expect(pub.statusCode).toBe(200);
    expect(pub.json()).toMatchObject({ ratingState: 'not_open', title: '2025年度向选民述职报告' });
    const voter = await citizen(env, '13911110001');
    const r = await rate(voter, 'satisfied');
    expect(r.statusCode).toBe(409);
    expect(r.json().error.message).toBe('该述职报告尚未开始评议，请在述职当天及以后评议');
    expect(await ratingRows()).toHaveLength(0);
  });

  it('on the day the report is held (timer) and becomes a 述职 activity of the deputy', async () => {
    clock.set('2026-03-10T10:00:00+08:00');
    await runner.drain();
    const [r] = await db.select().from(voterReports).where(eq(voterReports.id, reportId));
    expect(r!.status).toBe('held');
    const acts = await db.select().from(activities).where(eq(activities.sourceId, reportId));
    expect(acts).toHaveLength(1);
    expect(acts[0]).toMatchObject({ kind: 'report', status: 'confirmed', day: '2026-03-10' });
    const edit = await (await signedIn(app, 'xinzhuang')).put(`/api/voter-reports/${reportId}`, body());
    expect(errorCode(edit)).toBe('activities.report_not_editable');
  });

  it('a voter rates with a comment (stored de-identified); the same phone cannot rate twice', async () => {
    const voter = await citizen(env, '13911110002');
    const r = await rate(voter, 'satisfied', '电梯的事办得好，有事可以打我电话13812345678');
    expect(r.statusCode, r.body).toBe(201);
    const again = await rate(voter, 'dissatisfied', '改主意了');
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe('您已评议过该述职报告');
    // The same phone in a second session is refused by the database key as well.
    const twin = await citizenByPhone(env, '13911110002');
    expect(errorCode(await rate(twin, 'dissatisfied'))).toBe('activities.already_rated');
    const rows = await ratingRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.rating).toBe('satisfied');
    expect(rows[0]!.comment).not.toContain('13812345678');
    expect(rows[0]!.phoneHash).toBe(ctx.vault.blindIndex('13911110002'));
    expect(JSON.stringify(rows)).not.toContain('13911110002');
    const seen = await voter.get(`/api/voter-reports/${reportId}/my-rating`);
    expect(seen.json()).toMatchObject({ rated: true, rating: 'satisfied' });
  });

  it('results for staff: counts, satisfaction rate and moderated comments; the archive reads them', async () => {
    await rate(await citizen(env, '13911110003'), 'dissatisfied', '希望多来社区听意见');
    const staff = await signedIn(app, 'xinzhuang');
    const d = await staff.get(`/api/voter-reports/${reportId}`);
    expect(d.statusCode, d.body).toBe(200);
    expect(d.json().results).toMatchObject({
      total: 2,
      counts: { satisfied: 1, basically_satisfied: 0, dissatisfied: 1 },
      satisfactionRate: 50,
    });
    expect(d.body).not.toContain('1391111000');
    const hideId = d.json().comments.find((c: { comment: string }) => c.comment.includes('希望')).id;
    const hide = await staff.post(`/api/voter-reports/${reportId}/ratings/${hideId}/hide`, {
      reason: '测试屏蔽',
    });
    expect(hide.statusCode, hide.body).toBe(200);
    const year = await voterReportResultsForYear(db, '310112', mine.id, 2026);
    const mineReport = year.find((y) => y.reportId === reportId)!;
    expect(mineReport).toMatchObject({ total: 2, satisfactionRate: 50, status: 'held' });
    expect(mineReport.comments).toHaveLength(1);
    expect(mineReport.comments[0]!.comment).toContain('电梯');
  });

  it('outside the window the rating is refused and nothing changes', async () => {
    clock.set('2026-03-25T09:00:00+08:00');
    const late = await rate(await citizen(env, '13911110004'), 'satisfied');
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toBe('该述职报告的评议已结束');
    expect(await ratingRows()).toHaveLength(2);
  });

  it('a cancelled report cannot be rated; cancelling needs a reason', async () => {
    const staff = await signedIn(app, 'xinzhuang');
    const r = await staff.post(
      '/api/voter-reports',
      body({ scheduledOn: '2026-04-20', stationId: null, place: '莘庄镇社区文化中心' }),
    );
    expect(r.statusCode, r.body).toBe(201);
    expect((await staff.post(`/api/voter-reports/${r.json().id}/cancel`, {})).statusCode).toBe(400);
    const c = await staff.post(`/api/voter-reports/${r.json().id}/cancel`, { reason: '代表出差，另行安排' });
    expect(c.statusCode, c.body).toBe(200);
    expect(c.json().status).toBe('cancelled');
    clock.set('2026-04-20T10:00:00+08:00');
    await runner.drain();
    const voter = await citizen(env, '13911110005');
    expect(
      (await voter.post(`/api/voter-reports/${r.json().id}/ratings`, { rating: 'satisfied' })).statusCode,
    ).toBe(404);
  });
});
