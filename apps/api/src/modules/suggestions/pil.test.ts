import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { errorCode, startTestServer } from '../../../test/harness';
import { auditLog, caseHistory, notifications } from '../../kernel/db/kernel.schema';
import { uuidv7 } from '../../kernel/ids';
import { JobRunner } from '../../kernel/jobs/runner';
import { accounts, roleGrants } from '../accounts/accounts.schema';
import { clientFor } from '../opinions/opinions.fixtures';
import { as, submitted } from './suggestions.fixtures';
import { procuratorateRecommendations, suggestions } from './suggestions.schema';

// 公益诉讼衔接, the procuratorate's side: what procurator1 sees (only its clues and conversions, in
// its jurisdiction), its status on a clue (audited, in the history, staff told), and 检察建议 → 代表建议.
const env = await startTestServer();
const { ctx } = env;
const { db } = ctx.database;
type Item = { id: string; pilStatus: string; kind: string; state: string; registerNo: string | null };
const ids = (res: { json: () => { items: Item[] } }) => res.json().items.map((i) => i.id);

/** A suggestion registered by district staff and handed to the procuratorate as a clue. */
async function handedClue() {
  const id = await submitted(await as(env, 'deputy1'));
  const district = await as(env, 'district');
  expect((await district.post(`/api/suggestions/${id}/register`)).statusCode).toBe(200);
  const h = await district.post(`/api/suggestions/${id}/pil`, {
    status: 'handed',
    note: '涉及生态环境公益保护，移送检察机关。',
  });
  expect(h.statusCode, h.body).toBe(200);
  return id;
}

const pilOf = async (id: string) =>
  (await db.select().from(suggestions).where(eq(suggestions.caseId, id)))[0]!.pilStatus;
const historyOf = async (id: string) => db.select().from(caseHistory).where(eq(caseHistory.caseId, id));

/** A liaison of a street-level procuratorate office (another jurisdiction than the district's). */
async function streetProcurator() {
  const now = ctx.clock.now();
  const [a] = await db
    .insert(accounts)
    .values({
      regionCode: '310112',
      id: uuidv7(now.getTime()),
      kind: 'staff',
      username: 'procurator_street',
      displayName: '街道检察室联络员',
      createdAt: now,
    })
    .returning();
  await db.insert(roleGrants).values({
    regionCode: '310112',
    id: uuidv7(now.getTime()),
    accountId: a!.id,
    role: 'procuratorate_liaison',
    scopeCode: '310112101',
    createdAt: now,
  });
  return clientFor(env, a!, '10.4.9.9');
}

describe('the procuratorate sees only its clues and conversions', () => {
  it('lists a handed clue without private data; other suggestions are 404, other roles 403', async () => {
    const clue = await handedClue();
    const other = await submitted(await as(env, 'deputy1'));
    const proc = await as(env, 'procurator1');

    const list = await proc.get('/api/procuratorate/suggestions?pageSize=200');
    expect(list.statusCode, list.body).toBe(200);
    expect(ids(list)).toContain(clue);
    expect(ids(list)).not.toContain(other);
    const item = list.json().items.find((i: Item) => i.id === clue);
    expect(item).toMatchObject({
      kind: 'clue',
      pilStatus: 'handed',
      state: 'registered',
      category: '城乡建设',
    });
    expect(item.registerNo).toMatch(/^第\d+届/);

    const detail = await proc.get(`/api/procuratorate/suggestions/${clue}`);
    expect(detail.statusCode, detail.body).toBe(200);
    const d = detail.json();
    expect(d.nextStatuses).toEqual(['accepted', 'filed', 'declined']);
    expect(d.history.map((h: { action: string }) => h.action)).toEqual(['submit', 'register', 'pil']);
    expect(d.history.at(-1)).toMatchObject({ pilLabel: '已移送检察机关（公益诉讼线索）' });
    // Never deputies' contact data, 面商, answer texts, ratings' comments or attachments.
    for (const k of ['signers', 'contacts', 'answers', 'ratings', 'attachments', 'deputyId', 'actions'])
      expect(d).not.toHaveProperty(k);
    // No phone field, no mobile number standing alone (not digits inside an id such as a UUID).
    expect(detail.body).not.toMatch(/phone|(?<![0-9A-Za-z-])1[3-9]\d{9}(?![0-9A-Za-z])/);

    // Another suggestion: not found (ids leak nothing), and not to be touched.
    expect(errorCode(await proc.get(`/api/procuratorate/suggestions/${other}`))).toBe(
      'suggestions.not_found',
    );
    const touch = await proc.post(`/api/procuratorate/suggestions/${other}/status`, { status: 'accepted' });
    expect(touch.statusCode).toBe(404);
    expect(await pilOf(other)).toBe('none');
    // The general suggestion routes are not the procuratorate's.
    expect(errorCode(await proc.get(`/api/suggestions/${clue}`))).toBe('auth.forbidden');
    expect(errorCode(await proc.get('/api/suggestions'))).toBe('auth.forbidden');
    expect(errorCode(await proc.post(`/api/suggestions/${clue}/pil`, { status: 'filed' }))).toBe(
      'auth.forbidden',
    );

    // Other roles cannot use the procuratorate's endpoints.
    for (const u of ['district', 'dept1', 'deputy1', 'admin']) {
      const c = await as(env, u);
      expect(errorCode(await c.get('/api/procuratorate/suggestions')), u).toBe('auth.forbidden');
      expect(errorCode(await c.get(`/api/procuratorate/suggestions/${clue}`)), u).toBe('auth.forbidden');
      const r = await c.post(`/api/procuratorate/suggestions/${clue}/status`, { status: 'accepted' });
      expect(errorCode(r), u).toBe('auth.forbidden');
    }
    expect(await pilOf(clue)).toBe('handed');

    // A procuratorate of another jurisdiction (a street) does not see the district's clue.
    const street = await streetProcurator();
    expect(ids(await street.get('/api/procuratorate/suggestions?pageSize=200'))).not.toContain(clue);
    expect(errorCode(await street.get(`/api/procuratorate/suggestions/${clue}`))).toBe(
      'suggestions.not_found',
    );
    expect(
      (await street.post(`/api/procuratorate/suggestions/${clue}/status`, { status: 'accepted' })).statusCode,
    ).toBe(404);
    expect(await pilOf(clue)).toBe('handed');
  });
});

describe('the procuratorate records its status on a clue', () => {
  it('refuses bad input in Chinese and changes nothing', async () => {
    const clue = await handedClue();
    const proc = await as(env, 'procurator1');
    const before = (await historyOf(clue)).length;
    const cases: Array<[unknown, number, string]> = [
      [{ status: 'handed' }, 400, 'common.validation'],
      [{ status: 'none' }, 400, 'common.validation'],
      [{}, 400, 'common.validation'],
      [{ status: 'accepted', note: 'x'.repeat(501) }, 400, 'common.validation'],
      [{ status: 'declined' }, 400, 'suggestions.pil_reason_required'],
      [{ status: 'declined', reason: ' 无 ' }, 400, 'suggestions.pil_reason_required'],
    ];
    for (const [body, status, code] of cases) {
      const r = await proc.post(`/api/procuratorate/suggestions/${clue}/status`, body);
      expect(r.statusCode, JSON.stringify(body)).toBe(status);
      expect(errorCode(r), JSON.stringify(body)).toBe(code);
      expect(r.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(
      (await proc.post(`/api/procuratorate/suggestions/${clue}/status`, { status: 'declined' })).json().error
        .message,
    ).toBe('不予立案须填写理由（至少 2 个字）');
    expect(await pilOf(clue)).toBe('handed');
    expect((await historyOf(clue)).length).toBe(before);
  });

  it('accepts, then files: audited, in the history both sides see, congress staff told; final after', async () => {
    const clue = await handedClue();
    const proc = await as(env, 'procurator1');
    const acc = await proc.post(`/api/procuratorate/suggestions/${clue}/status`, {
      status: 'accepted',
      note: '已受理，正在调查核实。',
    });
    expect(acc.statusCode, acc.body).toBe(200);
    expect(acc.json()).toMatchObject({ pilStatus: 'accepted', nextStatuses: ['filed', 'declined'] });
    const filed = await proc.post(`/api/procuratorate/suggestions/${clue}/status`, { status: 'filed' });
    expect(filed.json()).toMatchObject({ pilStatus: 'filed', pilLabel: '检察机关已立案', nextStatuses: [] });
    // Final: a further status is refused and nothing changes.
    const again = await proc.post(`/api/procuratorate/suggestions/${clue}/status`, {
      status: 'declined',
      reason: '改为不予立案',
    });
    expect(again.statusCode).toBe(409);
    expect(errorCode(again)).toBe('suggestions.pil_not_open');
    expect(await pilOf(clue)).toBe('filed');

    // Staff see the status and the procuratorate's steps in the suggestion's history.
    const staff = (await (await as(env, 'district')).get(`/api/suggestions/${clue}`)).json();
    expect(staff.pilStatus).toBe('filed');
    const steps = staff.history.filter((h: { action: string }) => h.action === 'pilFeedback');
    expect(steps).toHaveLength(2);
    expect(steps[0].label).toBe('检察机关反馈');
    expect(steps[0].actorLabel).not.toBe('');
    expect(staff.actions).toContain('pil');
    expect(staff.actions).not.toContain('pilFeedback');

    const audit = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'suggestions.pilFeedback'), eq(auditLog.targetId, clue)));
    expect(audit).toHaveLength(2);

    await new JobRunner(ctx).drain();
    const [procAccount] = await db.select().from(accounts).where(eq(accounts.username, 'procurator1'));
    const [district] = await db.select().from(accounts).where(eq(accounts.username, 'district'));
    const handed = await db
      .select()
      .from(notifications)
      .where(eq(notifications.template, 'suggestions.pil_handed'));
    expect(handed.map((n) => n.accountId)).toContain(procAccount!.id);
    const told = (
      await db.select().from(notifications).where(eq(notifications.template, 'suggestions.pil_feedback'))
    ).filter((n) => n.body.includes(staff.title));
    expect(told.map((n) => n.accountId)).toEqual([district!.id, district!.id]);
    expect(told.map((n) => n.body).join()).toContain('区检察院反馈代表建议');
    expect(told.map((n) => n.body).join()).toContain('已受理（已受理，正在调查核实。）');
  });

  it('declines with a reason that appears in the history', async () => {
    const clue = await handedClue();
    const proc = await as(env, 'procurator1');
    const r = await proc.post(`/api/procuratorate/suggestions/${clue}/status`, {
      status: 'declined',
      reason: '经审查不属于公益诉讼案件范围。',
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().history.at(-1)).toMatchObject({
      action: 'pilFeedback',
      pilLabel: '检察机关不予立案',
      note: '经审查不属于公益诉讼案件范围。',
    });
    const staff = (await (await as(env, 'district')).get(`/api/suggestions/${clue}`)).json();
    expect(staff.history.at(-1).reason).toBe('经审查不属于公益诉讼案件范围。');
  });
});

describe('检察建议 → 代表建议', () => {
  it('is handed to the congress, converted once by a deputy, and its suggestion seen by the procuratorate', async () => {
    const proc = await as(env, 'procurator1');
    const rec = {
      title: '关于整治河道沿岸违法排污的检察建议',
      body: '本院在履职中发现，某河道沿岸存在企业违法排污、雨污混接等问题，损害社会公共利益，建议推动有关部门开展专项整治。',
      reference: '闵检行公建〔2026〕9号',
    };
    const bad = await proc.post('/api/procuratorate/recommendations', { ...rec, body: '太短' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].message).toBe('检察建议内容不少于 20 个字');
    const made = await proc.post('/api/procuratorate/recommendations', rec);
    expect(made.statusCode, made.body).toBe(201);
    const recId = made.json().id as string;
    const dup = await proc.post('/api/procuratorate/recommendations', rec);
    expect(errorCode(dup)).toBe('suggestions.recommendation_duplicate');
    expect(
      (
        await db
          .select()
          .from(procuratorateRecommendations)
          .where(eq(procuratorateRecommendations.reference, rec.reference))
      ).length,
    ).toBe(1);
    expect(
      (await db.select().from(auditLog).where(eq(auditLog.targetId, recId))).map((a) => a.action),
    ).toEqual(['suggestions.recommendation_submitted']);

    // Who sees it: the procuratorate, the district's staff, the district's deputies; not a street or a unit.
    const recIds = async (u: string) =>
      (
        (await (await as(env, u)).get('/api/procuratorate/recommendations?pageSize=200')).json().items ?? []
      ).map((i: { id: string }) => i.id);
    expect(await recIds('procurator1')).toContain(recId);
    expect(await recIds('district')).toContain(recId);
    expect(await recIds('deputy1')).toContain(recId);
    expect(await recIds('xinzhuang')).not.toContain(recId);
    expect(errorCode(await (await as(env, 'dept1')).get('/api/procuratorate/recommendations'))).toBe(
      'auth.forbidden',
    );
    expect(errorCode(await (await as(env, 'district')).post('/api/procuratorate/recommendations', rec))).toBe(
      'auth.forbidden',
    );

    // A deputy takes it up: a draft from the procuratorate, once only.
    const deputy = await as(env, 'deputy1');
    const conv = await deputy.post(`/api/suggestions/from-recommendation/${recId}`, { category: '生态环境' });
    expect(conv.statusCode, conv.body).toBe(201);
    const s = conv.json();
    expect(s).toMatchObject({ origin: 'procuratorate', pilStatus: 'from_procuratorate', title: rec.title });
    expect(s.body).toBe(rec.body);
    const twice = await deputy.post(`/api/suggestions/from-recommendation/${recId}`, {
      category: '生态环境',
    });
    expect(errorCode(twice)).toBe('suggestions.recommendation_taken');
    expect(
      errorCode(
        await deputy.post('/api/suggestions/from-recommendation/0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', {
          category: '生态环境',
        }),
      ),
    ).toBe('suggestions.recommendation_not_found');

    // While a draft the procuratorate sees that it was taken up, not the draft.
    const mine = async () =>
      (await proc.get('/api/procuratorate/recommendations?pageSize=200'))
        .json()
        .items.find((i: { id: string }) => i.id === recId);
    expect(await mine()).toMatchObject({ converted: true, suggestion: null });
    expect(ids(await proc.get('/api/procuratorate/suggestions?kind=converted&pageSize=200'))).not.toContain(
      s.id,
    );
    expect(errorCode(await proc.get(`/api/procuratorate/suggestions/${s.id}`))).toBe('suggestions.not_found');

    // Submitted and registered: the procuratorate follows its status.
    expect((await deputy.post(`/api/suggestions/${s.id}/submit`)).statusCode).toBe(200);
    expect((await (await as(env, 'district')).post(`/api/suggestions/${s.id}/register`)).statusCode).toBe(
      200,
    );
    const conv2 = await proc.get('/api/procuratorate/suggestions?kind=converted&pageSize=200');
    const item = conv2.json().items.find((i: Item) => i.id === s.id);
    expect(item).toMatchObject({ kind: 'converted', state: 'registered', pilNote: rec.reference });
    expect(ids(await proc.get('/api/procuratorate/suggestions?kind=clue&pageSize=200'))).not.toContain(s.id);
    expect((await mine()).suggestion).toMatchObject({
      id: s.id,
      state: 'registered',
      stateLabel: '已立案待交办',
    });
    const d = (await proc.get(`/api/procuratorate/suggestions/${s.id}`)).json();
    expect(d.recommendation).toMatchObject({ id: recId, reference: rec.reference });
    // A conversion is not a clue: no status to record on it.
    const st = await proc.post(`/api/procuratorate/suggestions/${s.id}/status`, { status: 'accepted' });
    expect(errorCode(st)).toBe('suggestions.pil_not_open');

    // Congress staff were told of the recommendation.
    await new JobRunner(ctx).drain();
    const told = await db
      .select()
      .from(notifications)
      .where(eq(notifications.template, 'suggestions.recommendation_received'));
    expect(told.some((n) => n.body.includes(rec.reference))).toBe(true);
  });
});
