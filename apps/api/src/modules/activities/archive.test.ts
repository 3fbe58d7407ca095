import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Client, errorCode, signedIn, startTestServer } from '../../../test/harness';
import { auditLog, cases } from '../../kernel/db/kernel.schema';
import { emit } from '../../kernel/events';
import { uuidv7 } from '../../kernel/ids';
import { JobRunner } from '../../kernel/jobs/runner';
import { accounts, roleGrants } from '../accounts/accounts.schema';
import { deputies, deputyMandates } from '../deputies/deputies.schema';
import { findJurisdiction } from '../jurisdictions/jurisdictions.repository';
import { clientFor, deputy1 } from '../opinions/opinions.fixtures';
import { opinionRatings, opinions } from '../opinions/opinions.schema';
import { readPdf } from '../reach/pdf-text';
import { suggestionSigners, suggestions } from '../suggestions/suggestions.schema';
import { voterReportRatings, voterReports } from './activities.schema';

/**
 * The archive of a hand-built deputy-year: a new district deputy (in office from 2026-02-01, so
 * 11 of 12 months) in 七宝镇 with known activities, suggestions, opinions, an adjustment and a
 * report to voters; every number of the archive is checked against what was put in.
 */
const env = await startTestServer();
const { app, ctx } = env;
const { db } = ctx.database;
const runner = new JobRunner(ctx);
const R = '310112';
const at = () => ctx.clock.now();
let district: Client;
let X: string;
let xClient: Client;
let townOf: (username: string) => Promise<string>;

async function insertCase(
  caseType: string,
  trackingNo: string,
  title: string,
  state: string,
  phase: string,
  openedAt: string,
  path: string,
  code: string,
) {
  const id = uuidv7(new Date(openedAt).getTime());
  await db.insert(cases).values({
    regionCode: R,
    id,
    caseType,
    trackingNo,
    jurisdictionCode: code,
    jurisdictionPath: path,
    state,
    phase: phase as 'closed',
    title,
    openedAt: new Date(openedAt),
    updatedAt: new Date(openedAt),
  });
  return id;
}

beforeAll(async () => {
  await runner.drain();
  district = await signedIn(app, 'district');
  townOf = async (username) => {
    const [g] = await db
      .select({ code: roleGrants.scopeCode })
      .from(roleGrants)
      .innerJoin(
        accounts,
        and(eq(accounts.regionCode, roleGrants.regionCode), eq(accounts.id, roleGrants.accountId)),
      )
      .where(eq(accounts.username, username));
    return g!.code;
  };
  const town = await townOf('qibao');
  const path = (await findJurisdiction(db, town))!.path;
  X = uuidv7(at().getTime());
  await db.insert(deputies).values({
    regionCode: R,
    id: X,
    jurisdictionCode: town,
    name: '档案测试代表',
    gender: '女',
    birthYear: 1980,
    party: '中共党员',
    occupationCategory: '专业技术人员',
    phoneEnc: ctx.vault.encrypt('13812345678'),
    phoneHash: ctx.vault.blindIndex('13812345678'),
    createdAt: at(),
  });
  await db.insert(deputyMandates).values({
    regionCode: R,
    id: uuidv7(at().getTime()),
    deputyId: X,
    level: 'county',
    congressJurisdictionCode: R,
    term: 18,
    electoralDistrict: '七宝第3选区',
    groupName: '七宝镇代表小组',
    startedOn: '2026-02-01',
  });
  const [acc] = await db
    .insert(accounts)
    .values({
      regionCode: R,
      id: uuidv7(at().getTime()),
      kind: 'staff',
      username: 'archivedeputy',
      displayName: '档案测试代表',
      deputyId: X,
      createdAt: at(),
    })
    .returning();
  await db.insert(roleGrants).values({
    regionCode: R,
    id: uuidv7(at().getTime()),
    accountId: acc!.id,
    role: 'deputy',
    scopeCode: R,
    createdAt: at(),
  });
  xClient = await clientFor(env, acc!, '10.9.0.1');

  // Activities (staff registrations, confirmed at once): 6 in all, 4 present, 1 excused, 1 absent.
  const other = (await deputy1(env)).id;
  const reg = async (kind: string, title: string, day: string, attendance: string, place?: string) => {
    const r = await district.post('/api/activities', {
      congressCode: R,
      kind,
      title,
      day,
      place,
      participants: [
        { deputyId: X, attendance },
        { deputyId: other, attendance: 'present' },
      ],
    });
    expect(r.statusCode, r.body).toBe(201);
  };
  await reg('inspection', '视察老旧小区加装电梯', '2026-02-10', 'present', '七宝镇');
  await reg('inspection', '视察河道整治', '2026-02-20', 'present');
  await reg('training', '新任代表履职培训班', '2026-02-25', 'present', '区人大培训中心');
  await reg('session', '区十八届人大五次会议', '2026-02-28', 'absent');
  await reg('meeting', '列席常委会会议', '2026-03-01', 'excused');
  await reg('contact', '走访网格独居老人', '2026-03-01', 'present');

  // Suggestions: one led (registered, A, rated), one co-signed (still under review).
  const s1 = await insertCase(
    'suggestions',
    'JYAR0001',
    '关于增设社区养老助餐点的建议',
    'closed',
    'closed',
    '2026-02-15T10:00:00+08:00',
    path,
    town,
  );
  const s2 = await insertCase(
    'suggestions',
    'JYAR0002',
    '关于优化公交线路的建议',
    'submitted',
    'intake',
    '2026-02-20T10:00:00+08:00',
    path,
    town,
  );
  await db.insert(suggestions).values([
    {
      regionCode: R,
      caseId: s1,
      congressCode: R,
      deputyId: X,
      body: '建议在七宝镇增设养老助餐点。',
      category: '社会建设',
      submittedAt: new Date('2026-02-15T10:00:00+08:00'),
      registerNo: '第18届第5次会议第0099号',
      answerCategory: 'A',
      attitude: 'satisfied',
      result: 'basically_satisfied',
    },
    {
      regionCode: R,
      caseId: s2,
      congressCode: R,
      deputyId: other,
      body: '建议优化公交线路。',
      category: '城市建设',
      submittedAt: new Date('2026-02-20T10:00:00+08:00'),
    },
  ]);
  await db.insert(suggestionSigners).values([
    { regionCode: R, caseId: s1, deputyId: X, role: 'lead', signedAt: new Date('2026-02-15T10:00:00+08:00') },
    {
      regionCode: R,
      caseId: s2,
      deputyId: other,
      role: 'lead',
      signedAt: new Date('2026-02-20T10:00:00+08:00'),
    },
    { regionCode: R, caseId: s2, deputyId: X, role: 'co', signedAt: new Date('2026-02-20T11:00:00+08:00') },
  ]);
  // Their events, as the suggestions module emits them: the evidence comes from the listeners.
  await db.transaction(async (tx) => {
    const ev = (topic: string, payload: Record<string, unknown>) =>
      emit(tx, at(), { regionCode: R, topic, payload });
    await ev('suggestions.submit', { caseId: s1, deputyIds: [X] });
    await ev('suggestions.register', { caseId: s1, deputyIds: [X] });
    await ev('suggestions.answer', { caseId: s1, deputyIds: [X], category: 'A' });
    await ev('suggestions.submit', { caseId: s2, deputyIds: [other, X] });
  });

  // Opinions addressed to X: closed 满意; closed 基本满意 after a 不满意 round; one still open.
  const op = async (no: string, title: string, state: string, phase: string, rounds: string[]) => {
    const id = await insertCase('opinions', no, title, state, phase, '2026-02-12T09:00:00+08:00', path, town);
    await db.insert(opinions).values({
      regionCode: R,
      caseId: id,
      channel: 'qr_deputy',
      description: title,
      deputyId: X,
      followSecretHash: 'x',
    });
    for (const [i, rating] of rounds.entries())
      await db.insert(opinionRatings).values({
        regionCode: R,
        id: uuidv7(at().getTime()),
        caseId: id,
        round: i + 1,
        rating: rating as 'satisfied',
        ratedAt: at(),
      });
  };
  await op('MYAR0001', '小区路灯不亮', 'closed', 'closed', ['satisfied']);
  await op('MYAR0002', '菜场噪声扰民', 'closed', 'closed', ['dissatisfied', 'basically_satisfied']);
  await op('MYAR0003', '人行道破损', 'in_progress', 'handling', []);

  // 述职评议: 2 满意, 1 基本满意, 1 不满意 → 75 %.
  const report = uuidv7(at().getTime());
  await db.insert(voterReports).values({
    regionCode: R,
    id: report,
    deputyId: X,
    congressCode: R,
    year: 2026,
    jurisdictionCode: town,
    jurisdictionPath: path,
    scheduledOn: '2026-02-26',
    title: '2026年度向选民述职',
    publishedAt: at(),
  });
  await db.insert(voterReportRatings).values(
    ['satisfied', 'satisfied', 'basically_satisfied', 'dissatisfied'].map((rating, i) => ({
      regionCode: R,
      reportId: report,
      phoneHash: `h${i}`,
      rating: rating as 'satisfied',
      ratedAt: at(),
    })),
  );

  const adj = await district.post('/api/points/adjustments', {
    deputyId: X,
    congressCode: R,
    year: 2026,
    points: 3,
    reason: '社区居民代表年终核定加分',
  });
  expect(adj.statusCode, adj.body).toBe(201);
  await runner.drain();
});

describe('履职档案 generated from the records', () => {
  it('has the numbers of the hand-built data set', async () => {
    const r = await xClient.get('/api/archive?year=2026');
    expect(r.statusCode, r.body).toBe(200);
    const a = r.json();
    expect(a.congressName).toContain('闵行区');
    expect(a.deputy).toMatchObject({ name: '档案测试代表', phoneMasked: '138****5678', party: '中共党员' });
    expect(JSON.stringify(a)).not.toContain('13812345678');
    expect(a.mandates).toEqual([
      expect.objectContaining({
        congressCode: R,
        term: 18,
        levelLabel: '区县级',
        groupName: '七宝镇代表小组',
        startedOn: '2026-02-01',
      }),
    ]);
    expect(a.activities.attendance).toEqual({ total: 6, present: 4, excused: 1, absent: 1 });
    const kind = (k: string) => a.activities.byKind.find((x: { kind: string }) => x.kind === k);
    expect(kind('inspection')).toMatchObject({ kindName: '视察', total: 2, present: 2 });
    expect(kind('session')).toMatchObject({ kindName: '参加人代会', total: 1, absent: 1 });
    expect(kind('meeting')).toMatchObject({ total: 1, excused: 1 });
    expect(a.activities.trainings).toEqual([
      expect.objectContaining({
        title: '新任代表履职培训班',
        place: '区人大培训中心',
        attendanceLabel: '出席',
      }),
    ]);

    expect(a.suggestions).toMatchObject({
      total: 2,
      led: 1,
      cosigned: 1,
      registered: 1,
      key: 0,
      answerCategories: [{ code: 'A', count: 1 }],
    });
    expect(a.suggestions.items[0]).toMatchObject({
      trackingNo: 'JYAR0001',
      roleLabel: '领衔',
      registerNo: '第18届第5次会议第0099号',
      answerCategoryLabel: '已解决或基本解决',
      attitudeLabel: '满意',
      resultLabel: '基本满意',
      stateLabel: '已办结',
    });
    expect(a.suggestions.items[1]).toMatchObject({
      trackingNo: 'JYAR0002',
      roleLabel: '联名',
      registerNo: null,
    });

    expect(a.opinions).toMatchObject({
      received: 3,
      closed: 2,
      ratings: { satisfied: 1, basicallySatisfied: 1, dissatisfied: 0, unrated: 0 },
    });

    // Points: 11 months (base 60 × 11/12 = 55), default rules, through the points engine.
    expect(a.points).toHaveLength(1);
    const p = a.points[0];
    expect(p).toMatchObject({ congressCode: R, months: 11, base: 55, total: 60.5, ruleSetYear: null });
    const line = (k: string) => p.lines.find((l: { key: string }) => l.key === k);
    expect(line('activity.inspection')).toMatchObject({
      count: 2,
      pointsEach: 2,
      points: 4,
      cap: 9.17,
      words: '视察 2 次 × 2 分 = 4',
    });
    expect(line('activity.training')).toMatchObject({ count: 1, points: 1 });
    expect(line('activity.contact')).toMatchObject({ count: 1, points: 1 });
    expect(line('absence.session')).toMatchObject({ count: 1, points: -10 });
    expect(line('suggestion.submitted')).toMatchObject({ count: 1, points: 2 });
    expect(line('suggestion.registered')).toMatchObject({ count: 1, points: 2 });
    expect(line('suggestion.result_a')).toMatchObject({ count: 1, points: 2 });
    expect(line('suggestion.cosigned')).toMatchObject({ count: 1, points: 0.5 });
    expect(p.adjustments).toEqual([
      expect.objectContaining({ points: 3, reason: '社区居民代表年终核定加分' }),
    ]);
    expect(p.formula).toContain('基础分 60 × 任职 11/12 个月 = 55');
    expect(p.formula).toContain('年终核定 +3');
    // The same numbers as the points screen (one computation, never a second one).
    const screen = (
      await district.get(`/api/points/deputy?congressCode=${R}&year=2026&deputyId=${X}`)
    ).json();
    expect(screen.total).toBe(p.total);
    expect(screen.formula).toBe(p.formula);

    expect(a.voterReports).toEqual([
      expect.objectContaining({
        title: '2026年度向选民述职',
        total: 4,
        satisfied: 2,
        basicallySatisfied: 1,
        dissatisfied: 1,
        satisfactionRate: 75,
      }),
    ]);
  });

  it('is the deputy’s own or their area staff’s: another street and another deputy are refused', async () => {
    expect((await district.get(`/api/archive?year=2026&deputyId=${X}`)).statusCode).toBe(200);
    expect(
      (await (await signedIn(app, 'qibao')).get(`/api/archive?year=2026&deputyId=${X}`)).statusCode,
    ).toBe(200);
    const other = await signedIn(app, 'xinzhuang');
    expect(errorCode(await other.get(`/api/archive?year=2026&deputyId=${X}`))).toBe('auth.out_of_scope');
    expect(errorCode(await other.get(`/api/archive.pdf?year=2026&deputyId=${X}`))).toBe('auth.out_of_scope');
    const d1 = await signedIn(app, 'deputy1');
    expect(errorCode(await d1.get(`/api/archive?year=2026&deputyId=${X}`))).toBe('auth.forbidden');
    expect((await d1.get('/api/archive?year=2026')).statusCode).toBe(200);
    expect(
      (await (await signedIn(app, 'dept1')).get(`/api/archive?year=2026&deputyId=${X}`)).statusCode,
    ).toBe(403);
    expect(errorCode(await district.get(`/api/archive?year=2026&deputyId=${uuidv7(1)}`))).toBe(
      'deputies.not_found',
    );
    expect((await district.get(`/api/archive?year=1999&deputyId=${X}`)).statusCode).toBe(400);
    // Every read is on record: who read whose archive, which year, which form.
    const reads = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'archives.read'), eq(auditLog.targetId, X)));
    expect(reads.length).toBeGreaterThanOrEqual(3);
    expect(reads.at(-1)!.details).toMatchObject({ year: 2026 });
  });

  it('prints as a PDF with the Chinese text, page numbers and the header on every page', async () => {
    const r = await xClient.get('/api/archive.pdf?year=2026');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    expect(r.headers['content-disposition']).toContain(encodeURIComponent('履职档案-档案测试代表-2026.pdf'));
    const facts = readPdf(r.rawPayload);
    for (const f of facts.baseFonts) expect(f).toMatch(/^[A-Z]{6}\+NotoSansSC-(Regular|Bold)$/);
    const text = facts.text.replaceAll('\n', '');
    for (const s of [
      '档案测试代表 2026年度履职档案',
      '2026年度 · 代表履职档案',
      '138****5678',
      '本年度参加履职活动 6 次：出席 4 次，请假 1 次，缺席 1 次',
      '新任代表履职培训班',
      '第18届第5次会议第0099号',
      'A类 已解决或基本解决',
      '本年度收到群众意见 3 件，已办结 2 件',
      '视察 2 次 × 2 分 = 4',
      '社区居民代表年终核定加分',
      '合计 60.5',
      '2026年度向选民述职',
      '75%',
      `第 1 页 / 共 ${facts.pages} 页`,
    ])
      expect(text).toContain(s);
    expect(text).not.toContain('13812345678');
  });

  it('breaks long tables across pages under a repeated header row', async () => {
    // 60 more contact visits: the activity list runs over several pages.
    for (let i = 0; i < 60; i++)
      await district.post('/api/activities', {
        congressCode: R,
        kind: 'contact',
        title: `走访网格第${i + 1}户居民，了解加装电梯和停车意见`,
        day: '2026-03-02',
        participants: [{ deputyId: X, attendance: 'present' }],
      });
    await runner.drain();
    const facts = readPdf((await xClient.get('/api/archive.pdf?year=2026')).rawPayload);
    expect(facts.pages).toBeGreaterThanOrEqual(3);
    const text = facts.text;
    for (let p = 1; p <= facts.pages; p++) expect(text).toContain(`第 ${p} 页 / 共 ${facts.pages} 页`);
    // The header of every page and the activity table's header row on each page it spans.
    expect(text.split('2026年度 · 代表履职档案').length - 1).toBe(facts.pages);
    expect(text.split('考勤').length - 1).toBeGreaterThanOrEqual(3);
    expect(text).toContain('走访网格第60户居民');
  });
});
