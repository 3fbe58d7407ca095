import { and, eq, like, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Client, errorCode, signedIn, startTestServer } from '../../../test/harness';
import { auditLog, cases } from '../../kernel/db/kernel.schema';
import { JobRunner } from '../../kernel/jobs/runner';
import { accounts, roleGrants } from '../accounts/accounts.schema';
import { activities, activityParticipants } from '../activities/activities.schema';
import { deputy1 } from '../opinions/opinions.fixtures';
import { stations } from '../stations/stations.schema';
import { deputyOf } from '../suggestions/suggestions.fixtures';
import { suggestions } from '../suggestions/suggestions.schema';
import { mediationCases } from './mediation.schema';

// 矛盾调解 with deputies. The clock starts Monday 2026-03-02 09:00 (China time).
const env = await startTestServer();
const { app, ctx, clock } = env;
const { db } = ctx.database;
const runner = new JobRunner(ctx);
const as = (u: string) => signedIn(app, u);

let station: Client;
let district: Client;
let me: Client;
let meId: string;
let other: Awaited<ReturnType<typeof deputyOf>>;
let stationId: string;
let farStationId: string;

const parties = [
  { role: 'applicant', name: '王建国', phone: '13912345678', address: '莘庄镇莘建路 88 弄 3 号 502 室' },
  { role: 'respondent', name: '李秀英', phone: '13987654321', address: '莘庄镇莘建路 88 弄 3 号 602 室' },
];
const form = () => ({
  title: '楼上卫生间漏水引发邻里纠纷',
  disputeType: 'neighbour',
  source: 'walk_in',
  summary: '申请人称楼上卫生间长期渗漏，自家天花板霉变，多次协商未果，请求对方维修并赔偿损失。',
  parties,
  stationId,
});

const count = async () => Number((await db.select({ n: sql<number>`count(*)` }).from(mediationCases))[0]!.n);

async function register(by: Client = station, body: Record<string, unknown> = form()) {
  const r = await by.post('/api/mediations', body);
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as { id: string; trackingNo: string; state: string };
}

async function act(by: Client, id: string, body: Record<string, unknown>, status = 200) {
  const r = await by.post(`/api/mediations/${id}/actions`, body);
  expect(r.statusCode, r.body).toBe(status);
  return r.json();
}

beforeAll(async () => {
  station = await as('station1');
  district = await as('district');
  me = await as('deputy1');
  meId = (await deputy1(env)).id;
  other = await deputyOf(env, '310112', 0);
  // A station within station1's township, and one outside it.
  const [acct] = await db.select().from(accounts).where(eq(accounts.username, 'station1'));
  const [g] = await db.select().from(roleGrants).where(eq(roleGrants.accountId, acct!.id));
  const [near] = await db
    .select()
    .from(stations)
    .where(like(stations.jurisdictionCode, `${g!.scopeCode}%`));
  const [far] = await db
    .select()
    .from(stations)
    .where(sql`${stations.jurisdictionCode} not like ${`${g!.scopeCode}%`}`);
  stationId = near!.id;
  farStationId = far!.id;
});

describe('矛盾调解: register, mediate with deputies, agree, follow up', () => {
  it('registers with the parties encrypted and masked; a title naming a party or a bad form changes nothing', async () => {
    const before = await count();
    const named = await station.post('/api/mediations', { ...form(), title: '王建国与李秀英漏水纠纷' });
    expect(named.statusCode).toBe(400);
    expect(errorCode(named)).toBe('mediation.title_has_personal_data');
    const one = await station.post('/api/mediations', { ...form(), parties: [parties[0]] });
    expect(one.statusCode).toBe(400);
    expect(JSON.stringify(one.json())).toContain('请至少登记两方当事人');
    // Outside station1's township: refused, nothing kept.
    const far = await station.post('/api/mediations', { ...form(), stationId: farStationId });
    expect(far.statusCode, far.body).toBe(403);
    expect(await count()).toBe(before);

    const c = await register();
    expect(c.trackingNo).toMatch(/^TJ20260302\d{6}$/);
    expect(c).toMatchObject({
      state: 'registered',
      stateLabel: '已登记待受理',
      disputeTypeLabel: '邻里纠纷',
    });
    const d = (await station.get(`/api/mediations/${c.id}`)).json();
    expect(d.parties).toEqual([
      expect.objectContaining({ roleLabel: '申请人', name: '王**', phone: '139****5678' }),
      expect.objectContaining({ roleLabel: '被申请人', name: '李**', phone: '139****4321' }),
    ]);
    expect(d.parties[0].address).toBe('莘庄镇***');
    const [row] = await db.select().from(mediationCases).where(eq(mediationCases.caseId, c.id));
    expect(row!.partiesEnc).not.toContain('王建国');
    expect(row!.partiesEnc).not.toContain('13912345678');
    // Staff of the district see it; staff of another township do not learn it exists.
    expect((await district.get(`/api/mediations/${c.id}`)).statusCode).toBe(200);
    expect((await me.get(`/api/mediations/${c.id}`)).statusCode).toBe(404);
  });

  it('accept names the deputies; they see it on the workbench, mediate, record a finding; agreement → a 调解 activity each', async () => {
    const c = await register();
    const bad = await station.post(`/api/mediations/${c.id}/actions`, { action: 'accept', deputyIds: [] });
    expect(bad.statusCode).toBe(400);
    const accepted = await act(station, c.id, { action: 'accept', deputyIds: [meId, other.deputyId] });
    expect(accepted).toMatchObject({ state: 'mediating', stateLabel: '调解中', overdue: false });
    expect(accepted.mediators.map((m: { id: string }) => m.id).sort()).toEqual([meId, other.deputyId].sort());
    // 20 working days from Monday 2026-03-02 (no holidays in March).
    expect(accepted.dueAt.slice(0, 10)).toBe('2026-03-30');

    const mineRes = await me.get('/api/mediations?mine=1');
    expect(mineRes.statusCode, mineRes.body).toBe(200);
    const mine = mineRes.json();
    expect(mine.items.map((i: { id: string }) => i.id)).toContain(c.id);
    const d = (await me.get(`/api/mediations/${c.id}`)).json();
    expect(d.viewerRole).toBe('mediator');
    expect(d.actions.map((a: { action: string }) => a.action)).toEqual(
      expect.arrayContaining(['recordSession', 'agree', 'fail']),
    );
    expect(d.actions.map((a: { action: string }) => a.action)).not.toContain('withdraw');

    const future = await me.post(`/api/mediations/${c.id}/sessions`, {
      heldOn: '2026-03-09',
      place: '莘庄镇代表联络站调解室',
      attendees: '双方当事人、代表',
      minutes: '听取双方陈述。',
    });
    expect(errorCode(future)).toBe('mediation.day_in_future');
    const s = await me.post(`/api/mediations/${c.id}/sessions`, {
      heldOn: '2026-03-02',
      place: '莘庄镇代表联络站调解室',
      attendees: '双方当事人、两名代表、物业经理',
      minutes: '听取双方陈述，现场查看渗漏情况，物业确认为防水层老化。',
    });
    expect(s.statusCode, s.body).toBe(201);
    const f = await me.post(`/api/mediations/${c.id}/findings`, {
      body: '小区建成二十余年，多栋楼防水层普遍老化，维修资金使用审批慢，同类纠纷反复发生。',
    });
    expect(f.statusCode, f.body).toBe(201);
    expect(f.json().findings).toHaveLength(1);
    expect(f.json().sessions).toHaveLength(1);

    const agreed = await act(me, c.id, {
      action: 'agree',
      form: 'written',
      agreement: '被申请人于 3 月 20 日前完成卫生间防水维修，并一次性补偿申请人 2000 元。',
      performanceDueOn: '2026-03-20',
    });
    expect(agreed).toMatchObject({
      state: 'agreed',
      agreementForm: 'written',
      performanceDueOn: '2026-03-20',
    });
    await runner.drain();
    for (const deputyId of [meId, other.deputyId]) {
      const [a] = await db
        .select({ kind: activities.kind, status: activities.status, title: activities.title })
        .from(activities)
        .innerJoin(
          activityParticipants,
          and(
            eq(activityParticipants.regionCode, activities.regionCode),
            eq(activityParticipants.activityId, activities.id),
          ),
        )
        .where(
          and(
            eq(activities.sourceType, 'mediation_case'),
            eq(activities.sourceId, `${c.id}:${deputyId}`),
            eq(activityParticipants.deputyId, deputyId),
          ),
        );
      expect(a).toMatchObject({
        kind: 'mediation',
        status: 'confirmed',
        title: '参与矛盾调解：楼上卫生间漏水引发邻里纠纷',
      });
    }
    // Nothing of the agreement's text or the parties went into the history or the event payloads.
    const [{ n }] = (await db.execute(
      sql`select count(*)::int as n from case_history where case_id = ${c.id} and payload::text like '%2000%'`,
    )) as unknown as [{ n: number }];
    expect(n).toBe(0);

    const closed = await act(station, c.id, {
      action: 'followUp',
      performance: 'performed',
      note: '已回访，维修完成，补偿已付。',
    });
    expect(closed).toMatchObject({ state: 'closed', stateLabel: '已结案', performanceLabel: '已履行' });
  });

  it("staff name mediators from the case's candidates: its station's deputies and those of the congresses over it", async () => {
    const c = await register();
    const res = await station.get(`/api/mediations/${c.id}/mediator-candidates`);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as Array<{ id: string; name: string; note: string; atStation: boolean }>;
    // deputy1 sits in the district congress, which is over every township.
    expect(items.find((i) => i.id === meId)?.note).toContain('区县级代表');
    const stationed = items.filter((i) => i.atStation);
    expect(items.slice(0, stationed.length).every((i) => i.atStation)).toBe(true);
    const byName = (
      await station.get(`/api/mediations/${c.id}/mediator-candidates?q=${encodeURIComponent(items[0]!.name)}`)
    ).json();
    expect(byName.items.map((i: { id: string }) => i.id)).toContain(items[0]!.id);
    // A deputy of another township's congress only, not stationed here, is no candidate.
    // (any seat over the case's jurisdiction — district, city, above — would make them one).
    const [outsider] = (await db.execute(sql`select d.id from deputies d, cases cs
      where cs.id = ${c.id} and d.status = 'active'
        and exists (select 1 from deputy_mandates m where m.deputy_id = d.id and m.ended_on is null)
        and not exists (select 1 from deputy_mandates x where x.deputy_id = d.id and x.ended_on is null
          and position('/' || x.congress_jurisdiction_code || '/' in cs.jurisdiction_path) > 0)
        and not exists (select 1 from station_deputies sd where sd.deputy_id = d.id and sd.station_id = ${stationId})
      limit 1`)) as unknown as Array<{ id: string }>;
    expect(outsider).toBeDefined();
    expect(items.map((i) => i.id)).not.toContain(outsider!.id);
    const refused = await station.post(`/api/mediations/${c.id}/actions`, {
      action: 'accept',
      deputyIds: [outsider!.id],
    });
    expect(errorCode(refused)).toBe('mediation.deputy_not_found');
    expect((await station.get(`/api/mediations/${c.id}`)).json().state).toBe('registered');
    // Deputies do not pick mediators.
    expect((await me.get(`/api/mediations/${c.id}/mediator-candidates`)).statusCode).toBe(403);
  });

  it('the parties in the clear only on request, audited; a deputy who does not mediate it cannot ask', async () => {
    const c = await register();
    await act(station, c.id, { action: 'accept', deputyIds: [meId] });
    const r = await me.get(`/api/mediations/${c.id}/parties`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().items[0]).toMatchObject({ name: '王建国', phone: '13912345678' });
    const logged = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'mediations.parties_viewed'), eq(auditLog.targetId, c.id)));
    expect(logged).toHaveLength(1);
    const stranger = await as('deputy2');
    expect((await stranger.get(`/api/mediations/${c.id}/parties`)).statusCode).toBe(404);
    expect(
      (
        await stranger.post(`/api/mediations/${c.id}/actions`, {
          action: 'agree',
          form: 'oral',
          agreement: '双方和解。',
        })
      ).statusCode,
    ).toBe(404);
  });

  it('调解不成 records the route the parties were shown; 不予受理 needs a reason; overdue mediation is escalated', async () => {
    const failed = await register();
    await act(station, failed.id, { action: 'accept', deputyIds: [meId] });
    const f = await act(me, failed.id, {
      action: 'fail',
      reason: '被申请人拒绝承担维修费用，双方分歧较大。',
      guidance: 'litigation',
    });
    expect(f).toMatchObject({ state: 'failed', guidanceLabel: '告知可向人民法院起诉' });

    const refused = await register();
    const noReason = await station.post(`/api/mediations/${refused.id}/actions`, {
      action: 'reject',
      reason: '',
    });
    expect(noReason.statusCode).toBe(400);
    expect(
      await act(station, refused.id, { action: 'reject', reason: '当事人已向人民法院起诉，不再受理调解。' }),
    ).toMatchObject({ state: 'rejected', stateLabel: '不予受理' });

    const late = await register();
    await act(station, late.id, { action: 'accept', deputyIds: [meId] });
    clock.advance({ days: 40 });
    await runner.drain();
    // Sessions idle out meanwhile: sign in again.
    [station, district, me] = await Promise.all([as('station1'), as('district'), as('deputy1')]);
    const d = (await station.get(`/api/mediations/${late.id}`)).json();
    expect(d).toMatchObject({ state: 'mediating', overdue: true, supervisionLevel: 1 });
    const overdue = (await district.get('/api/mediations?overdue=1&pageSize=200')).json();
    expect(overdue.items.map((i: { id: string }) => i.id)).toContain(late.id);
    expect(overdue.items.map((i: { id: string }) => i.id)).not.toContain(failed.id);
  });
});

describe('调解统计', () => {
  it("match a count by hand over the list, per dispute type, within the staff member's jurisdiction", async () => {
    // One more type, so there are several rows.
    const family = await register(station, { ...form(), title: '赡养费给付家庭纠纷', disputeType: 'family' });
    await act(station, family.id, { action: 'withdraw', reason: '申请人撤回调解申请。' });
    const all = (await district.get('/api/mediations?pageSize=200')).json().items as Array<{
      state: string;
      disputeTypeLabel: string;
      overdue: boolean;
    }>;
    const res = await district.get('/api/mediations/stats');
    expect(res.statusCode, res.body).toBe(200);
    const stats = res.json();
    const expectFor = (rows: typeof all) => {
      const agreed = rows.filter((r) => r.state === 'agreed' || r.state === 'closed').length;
      const failed = rows.filter((r) => r.state === 'failed').length;
      return {
        total: rows.length,
        waiting: rows.filter((r) => r.state === 'registered').length,
        mediating: rows.filter((r) => r.state === 'mediating').length,
        agreed,
        failed,
        ended: rows.filter((r) => r.state === 'rejected' || r.state === 'withdrawn').length,
        overdue: rows.filter((r) => r.overdue).length,
        successRate: agreed + failed ? agreed / (agreed + failed) : null,
      };
    };
    expect(stats.total).toMatchObject(expectFor(all));
    const labels = [...new Set(all.map((r) => r.disputeTypeLabel))];
    expect(stats.byType.map((t: { label: string }) => t.label).sort()).toEqual(labels.sort());
    for (const label of labels)
      expect(stats.byType.find((t: { label: string }) => t.label === label)).toMatchObject(
        expectFor(all.filter((r) => r.disputeTypeLabel === label)),
      );
    expect(stats.total.meanDays).toBeGreaterThanOrEqual(0);
    // A day range before anything was registered counts nothing; a bad range is refused in Chinese.
    const none = (await district.get('/api/mediations/stats?from=2020-01-01&to=2020-12-31')).json();
    expect(none.total.total).toBe(0);
    const bad = await district.get('/api/mediations/stats?from=2026-05-01&to=2026-04-01');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('开始日期不能晚于结束日期');
    expect((await me.get('/api/mediations/stats')).statusCode).toBe(403);
  });
});

describe('民意转调解: a dispute registered from a citizen opinion', () => {
  it('keeps the opinion as its source when the registrar may see it; an opinion out of sight is refused', async () => {
    const [o] = await db
      .select({ id: cases.id, j: cases.jurisdictionCode })
      .from(cases)
      .where(eq(cases.caseType, 'opinions'))
      .limit(1);
    const { stationId: _s, ...rest } = form();
    const c = await register(district, { ...rest, sourceOpinionId: o!.id });
    const d = (await district.get(`/api/mediations/${c.id}`)).json();
    expect(d).toMatchObject({
      source: 'opinion',
      sourceLabel: '群众意见转调解',
      sourceOpinionId: o!.id,
      jurisdictionCode: o!.j,
    });
    // The opinion's side: the disputes registered from it.
    const fromOpinion = (await district.get(`/api/mediations?sourceOpinionId=${o!.id}`)).json();
    expect(fromOpinion.items.map((i: { id: string }) => i.id)).toEqual([c.id]);
    const before = await count();
    const nobody = await me.post('/api/mediations', { ...rest, sourceOpinionId: o!.id });
    expect(nobody.statusCode).toBe(403);
    const unknown = await district.post('/api/mediations', {
      ...rest,
      sourceOpinionId: '0190a000-0000-7000-8000-000000000000',
    });
    expect(errorCode(unknown)).toBe('mediation.opinion_not_found');
    expect(await count()).toBe(before);
  });
});

describe('调解转建议: a mediating deputy turns a finding into a suggestion, the link kept both ways', () => {
  const body = {
    title: '关于加快老旧小区防水层维修的建议',
    body: '调解中发现老旧小区防水层普遍老化、维修资金审批慢，建议简化维修资金使用程序并安排专项资金。',
    category: '城乡建设',
  };

  it('converts once; origin and source kept; the finding lists it; others are refused and nothing is created', async () => {
    const c = await register();
    await act(station, c.id, { action: 'accept', deputyIds: [meId] });
    const withFinding = (
      await me.post(`/api/mediations/${c.id}/findings`, {
        body: '多栋楼防水层老化，维修资金审批慢，同类纠纷反复发生。',
      })
    ).json();
    const findingId = withFinding.findings[0].id as string;
    expect((await me.get(`/api/suggestions/from-mediation/${findingId}`)).json()).toMatchObject({
      items: [],
      convertible: true,
    });
    const n = async () => Number((await db.select({ n: sql<number>`count(*)` }).from(suggestions))[0]!.n);
    const before = await n();
    const r = await me.post(`/api/suggestions/from-mediation/${findingId}`, body);
    expect(r.statusCode, r.body).toBe(201);
    const s = r.json();
    expect(s).toMatchObject({ state: 'draft', origin: 'mediation', title: body.title });
    expect(s.sourceMediation).toMatchObject({
      visible: true,
      caseId: c.id,
      trackingNo: c.trackingNo,
      finding: '多栋楼防水层老化，维修资金审批慢，同类纠纷反复发生。',
    });
    const back = (await me.get(`/api/suggestions/from-mediation/${findingId}`)).json();
    expect(back).toMatchObject({ items: [{ id: s.id, state: 'draft' }], convertible: false });
    // Who may not see the mediation learns nothing from the finding's list either.
    expect((await (await as('deputy2')).get(`/api/suggestions/from-mediation/${findingId}`)).statusCode).toBe(
      404,
    );
    const again = await me.post(`/api/suggestions/from-mediation/${findingId}`, body);
    expect(again.statusCode).toBe(409);
    expect(errorCode(again)).toBe('suggestions.finding_converted');
    const stranger = await as('deputy2');
    const foreign = await stranger.post(`/api/suggestions/from-mediation/${findingId}`, body);
    expect(foreign.statusCode).toBe(404);
    expect(errorCode(foreign)).toBe('suggestions.finding_not_found');
    expect(foreign.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await n()).toBe(before + 1);
    const audit = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'suggestions.from_mediation'), eq(auditLog.targetId, s.id)));
    expect(audit).toHaveLength(1);
    // Someone who may not see the mediation sees that the suggestion came from one, nothing more.
    const [row] = await db.select().from(cases).where(eq(cases.id, s.id));
    expect(row!.caseType).toBe('suggestions');
  });
});
