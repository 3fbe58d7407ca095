import { eq, like } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { errorCode, signedIn, startTestServer } from '../../../test/harness';
import { notifications, outbox } from '../../kernel/db/kernel.schema';
import { JobRunner } from '../../kernel/jobs/runner';
import { departmentIdOf, deputyOf, otherDepartmentHandler, submitted } from './suggestions.fixtures';

// The clock starts Monday 2026-03-02 09:00 China time.
const env = await startTestServer();
const { app, ctx } = env;
const { db } = ctx.database;
const as = (u: string) => signedIn(app, u);

describe('the life of a suggestion, through the HTTP API', () => {
  it('draft → co-sign → register → lead+joint → joint opinion → 面商 → B → 不满意 → A → 满意 → published', async () => {
    const district = await as('district');
    const session = await district.post('/api/suggestions/sessions', {
      congressCode: '310112',
      term: 17,
      session: 4,
      startsOn: '2026-03-01',
      endsOn: '2026-03-05',
    });
    expect(session.statusCode, session.body).toBe(201);
    expect(
      errorCode(
        await district.post('/api/suggestions/sessions', {
          congressCode: '310112',
          term: 17,
          session: 5,
          startsOn: '2026-03-04',
          endsOn: '2026-03-08',
        }),
      ),
    ).toBe('suggestions.session_overlap');

    // Two deputies draft and co-sign.
    const lead = await as('deputy1');
    const co = await deputyOf(env);
    const draft = await lead.post('/api/suggestions', {
      title: '关于完善莘庄地区公交微循环的建议',
      body: '莘庄地区部分新建小区距地铁站较远，公交线路覆盖不足，居民出行不便，建议增设公交微循环线路并优化站点。',
      category: '交通出行',
    });
    expect(draft.statusCode, draft.body).toBe(201);
    const id = draft.json().id as string;
    expect(draft.json()).toMatchObject({
      state: 'draft',
      signers: [expect.objectContaining({ role: 'lead' })],
    });
    expect(draft.json().trackingNo).toMatch(/^JY\d{14}$/);
    // Staff do not see drafts; the co-signer finds it among those open for co-signing.
    expect(errorCode(await district.get(`/api/suggestions/${id}`))).toBe('suggestions.not_found');
    const open = (await co.client.get('/api/suggestions/cosignable')).json();
    expect(open.items.map((i: { id: string }) => i.id)).toContain(id);
    const signed = await co.client.post(`/api/suggestions/${id}/cosign`);
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json().signers).toHaveLength(2);
    expect(signed.json().signers[1]).toMatchObject({ role: 'co', deputyId: co.deputyId });
    expect(errorCode(await co.client.post(`/api/suggestions/${id}/cosign`))).toBe(
      'suggestions.already_signed',
    );
    expect(errorCode(await co.client.post(`/api/suggestions/${id}/submit`))).toBe(
      'suggestions.not_your_suggestion',
    );
    const sub = await lead.post(`/api/suggestions/${id}/submit`);
    expect(sub.json()).toMatchObject({
      state: 'submitted',
      period: 'session',
      periodLabel: '会议期间',
      sessionNo: 4,
    });

    // Staff register (numbered per session) and assign to a lead and a joint unit.
    const reg = await district.post(`/api/suggestions/${id}/register`);
    expect(reg.json()).toMatchObject({ state: 'registered', registerNo: '第17届第4次会议第0001号' });
    const leadUnit = await departmentIdOf(env, 'dept1');
    const joint = await otherDepartmentHandler(env);
    const asg = await district.post('/api/suggestions/assign', {
      ids: [id],
      departmentId: leadUnit,
      jointDepartmentIds: [joint.departmentId],
      batch: '2026年代表建议交办会',
    });
    expect(asg.statusCode, asg.body).toBe(200);
    const dept = await as('dept1');
    const d1 = (await dept.get(`/api/suggestions/${id}`)).json();
    expect(d1).toMatchObject({ state: 'assigned', answerDueDay: '2026-06-02', difficult: false });
    expect(d1.assignments.map((a: { role: string }) => a.role)).toEqual(['lead', 'joint']);

    // The joint unit's opinion; the lead records 面商 and answers B with a promised date.
    expect(
      (
        await joint.client.post(`/api/suggestions/${id}/joint-opinion`, {
          body: '同意增设线路，配合做好站点设置。',
        })
      ).statusCode,
    ).toBe(200);
    expect(
      errorCode(
        await dept.post(`/api/suggestions/${id}/joint-opinion`, { body: '主办单位不能提会办意见。' }),
      ),
    ).toBe('suggestions.not_joint_unit');
    const met = await dept.post(`/api/suggestions/${id}/contact`, {
      stage: 'before',
      day: '2026-03-10',
      form: 'visit',
      agreed: '与代表实地踏勘，商定先开通一条试运行线路。',
    });
    expect(met.statusCode, met.body).toBe(200);
    expect(met.json().contacts[0]).toMatchObject({ stageLabel: '办前', formLabel: '走访' });
    expect(
      errorCode(
        await dept.post(`/api/suggestions/${id}/answer`, {
          body: '我局已将增设公交微循环线路列入年度计划，年内开通。',
          category: 'B',
          signerName: '王明',
          signerTitle: '局长',
        }),
      ),
    ).toBe('suggestions.promise_required');
    const b = await dept.post(`/api/suggestions/${id}/answer`, {
      body: '我局已将增设公交微循环线路列入年度计划，年内开通。',
      category: 'B',
      signerName: '王明',
      signerTitle: '局长',
      promisedOn: '2026-12-31',
    });
    expect(b.statusCode, b.body).toBe(200);
    expect(b.json()).toMatchObject({ state: 'answered', answerCategory: 'B', promisedOn: '2026-12-31' });
    expect(b.json().answers[0]).toMatchObject({
      noContact: false,
      onTime: true,
      categoryLabel: '正在解决或列入计划',
    });

    // The deputy rates the result 不满意: re-handled within a month, then answered A and rated 满意.
    const r1 = await lead.post(`/api/suggestions/${id}/rate`, {
      attitude: 'satisfied',
      result: 'dissatisfied',
    });
    expect(r1.json()).toMatchObject({ state: 'rehandling', rehandled: 1, answerDueDay: '2026-04-02' });
    const a2 = await dept.post(`/api/suggestions/${id}/answer`, {
      body: '经再次研究，试运行线路已于本月开通，站点已按代表意见优化。',
      category: 'A',
      signerName: '王明',
      signerTitle: '局长',
    });
    expect(a2.json()).toMatchObject({ state: 'answered', answerCategory: 'A' });
    expect(
      errorCode(
        await co.client.post(`/api/suggestions/${id}/rate`, { attitude: 'satisfied', result: 'satisfied' }),
      ),
    ).toBe('suggestions.not_your_suggestion');
    const r2 = await lead.post(`/api/suggestions/${id}/rate`, { attitude: 'satisfied', result: 'satisfied' });
    expect(r2.json()).toMatchObject({ state: 'closed', attitudeLabel: '满意', resultLabel: '满意' });
    expect(r2.json().ratings).toHaveLength(2);

    // Published on the portal: units, category, answer, rating; no private data of the deputies.
    expect((await app.inject({ url: `/api/public/suggestions/${id}` })).statusCode).toBe(404);
    expect((await district.post(`/api/suggestions/${id}/publish`)).statusCode).toBe(200);
    const pub = await app.inject({ url: `/api/public/suggestions/${id}` });
    expect(pub.statusCode).toBe(200);
    expect(pub.json()).toMatchObject({
      registerNo: '第17届第4次会议第0001号',
      answerCategory: 'A',
      resultLabel: '满意',
      jointUnits: ['区市场监管局'],
    });
    expect(pub.body).not.toMatch(/phone|deputyId|signerName|王明/);
    const list = (await app.inject({ url: '/api/public/suggestions' })).json();
    expect(list.items.map((i: { id: string }) => i.id)).toContain(id);

    // Every event names the deputies (履职积分 builds on them); the deputy was told of the answers.
    const events = await db.select().from(outbox).where(like(outbox.topic, 'suggestions.%'));
    const mine = events.filter((e) => e.aggregateId === id && e.topic !== 'suggestions.opened');
    expect(mine.length).toBeGreaterThan(10);
    for (const e of mine) expect((e.payload as { deputyIds: string[] }).deputyIds).toContain(co.deputyId);
    await new JobRunner(ctx).drain();
    const told = await db
      .select()
      .from(notifications)
      .where(eq(notifications.template, 'suggestions.answered'));
    expect(told.length).toBeGreaterThanOrEqual(2);
    const assignedNote = await db
      .select()
      .from(notifications)
      .where(eq(notifications.template, 'suggestions.assigned'));
    expect(assignedNote.map((x) => x.accountId)).toContain(joint.accountId);
  });

  it('converts an opinion addressed to the deputy, keeping the link; staff may refuse with a reason the deputy sees', async () => {
    const lead = await as('deputy1');
    const district = await as('district');
    const [op] = (await db.execute(
      // An opinion of the demo addressed to deputy1.
      (
        await import('drizzle-orm')
      )
        .sql`select o.case_id as id from opinions o join accounts a on a.deputy_id = o.deputy_id where a.username = 'deputy1' and not exists (select 1 from suggestions s where s.source_opinion_id = o.case_id) limit 1`,
    )) as unknown as Array<{ id: string }>;
    expect(op).toBeDefined();
    const body = {
      title: '关于群众反映问题的建议',
      body: '根据群众反映的情况，建议相关部门统筹研究，建立长效机制，切实解决群众急难愁盼问题。',
      category: '社会治理',
    };
    const res = await lead.post(`/api/suggestions/from-opinion/${op!.id}`, body);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ origin: 'opinion', sourceOpinion: { id: op!.id } });
    expect(errorCode(await lead.post(`/api/suggestions/from-opinion/${op!.id}`, body))).toBe(
      'suggestions.already_converted',
    );
    const id = res.json().id;
    await lead.post(`/api/suggestions/${id}/submit`);
    const letter = await district.post(`/api/suggestions/${id}/letter`, {
      reason: '所提问题属于具体个案，转作来信处理。',
    });
    expect(letter.json()).toMatchObject({
      state: 'letter',
      letterReason: '所提问题属于具体个案，转作来信处理。',
    });
    expect((await lead.get(`/api/suggestions/${id}`)).json().letterReason).toContain('转作来信');
  });

  it('keeps the opinion link both ways, with details only for who may see the other side', async () => {
    const lead = await as('deputy1');
    const district = await as('district');
    const { sql } = await import('drizzle-orm');
    const [op] = (await db.execute(
      sql`select o.case_id as id, o.department_id as dept from opinions o join accounts a on a.deputy_id = o.deputy_id
        where a.username = 'deputy1' and o.department_id is not null
        and not exists (select 1 from suggestions s where s.source_opinion_id = o.case_id) limit 1`,
    )) as unknown as Array<{ id: string; dept: string }>;
    expect(op).toBeDefined();
    const res = await lead.post(`/api/suggestions/from-opinion/${op!.id}`, {
      title: '关于建立小区公共设施快速维修机制的建议',
      body: '群众反映小区公共设施损坏后维修不及时，建议建立维修资金快速使用机制，明确物业和街镇责任。',
      category: '社会治理',
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as string;
    expect(res.json().sourceOpinion).toMatchObject({ visible: true, id: op!.id });
    // The deputy sees it on the opinion; staff do not see a draft, not even that it exists.
    const mine = (await lead.get(`/api/opinions/${op!.id}`)).json().suggestions;
    expect(mine).toEqual({
      items: [expect.objectContaining({ id, stateLabel: '草稿（联名中）' })],
      hidden: 0,
    });
    expect((await district.get(`/api/opinions/${op!.id}`)).json().suggestions).toEqual({
      items: [],
      hidden: 0,
    });
    await lead.post(`/api/suggestions/${id}/submit`);
    await district.post(`/api/suggestions/${id}/register`);
    const seen = (await district.get(`/api/opinions/${op!.id}`)).json().suggestions;
    expect(seen.items[0]).toMatchObject({
      id,
      stateLabel: '已立案待交办',
      registerNo: expect.stringMatching(/^第/),
    });
    // The unit handling the opinion learns there is a suggestion, not which.
    const [opinionDept] = (await db.execute(
      sql`select name from departments where id = ${op!.dept}`,
    )) as unknown as Array<{ name: string }>;
    const opinionUnit = await otherDepartmentHandler(env, opinionDept!.name);
    const told = (await opinionUnit.client.get(`/api/opinions/${op!.id}`)).json();
    expect(told.suggestions).toEqual({ items: [], hidden: 1 });
    expect(JSON.stringify(told)).not.toContain(id);
    // The unit the suggestion is assigned to, which does not handle the opinion, sees no source details.
    const [otherDept] = (await db.execute(
      sql`select name from departments where region_code = '310112' and id <> ${op!.dept} and kind = 'government' order by sort limit 1`,
    )) as unknown as Array<{ name: string }>;
    const unit = await otherDepartmentHandler(env, otherDept!.name);
    expect(
      (await district.post('/api/suggestions/assign', { ids: [id], departmentId: unit.departmentId }))
        .statusCode,
    ).toBe(200);
    const sd = (await unit.client.get(`/api/suggestions/${id}`)).json();
    expect(sd).toMatchObject({ origin: 'opinion', state: 'assigned' });
    expect(sd.sourceOpinion).toEqual({
      visible: false,
      id: null,
      trackingNo: null,
      title: null,
      stateLabel: null,
    });
    expect(JSON.stringify(sd)).not.toContain(op!.id);
    expect(errorCode(await unit.client.get(`/api/opinions/${op!.id}`))).toBe('opinions.not_found');
  });

  it('grouped suggestions (并案) are assigned together: one pick assigns the whole group', async () => {
    const deputy = await as('deputy1');
    const district = await as('district');
    const [a, b, c] = [await submitted(deputy), await submitted(deputy), await submitted(deputy)];
    for (const id of [a, b])
      expect((await district.post(`/api/suggestions/${id}/register`)).statusCode).toBe(200);
    const grouped = await district.post('/api/suggestions/group', { mainId: a, ids: [b, c] });
    expect(grouped.json()).toMatchObject({ groupId: a, count: 3 });
    const leadUnit = await departmentIdOf(env, 'dept1');
    const joint = await otherDepartmentHandler(env);
    const input = { departmentId: leadUnit, jointDepartmentIds: [joint.departmentId], batch: '第二批交办会' };
    // One member is not registered yet: the group waits, nothing is assigned.
    const early = await district.post('/api/suggestions/assign', { ids: [b], ...input });
    expect(errorCode(early)).toBe('suggestions.group_not_registered');
    expect(early.json().error.message).toContain('尚未全部立案');
    expect((await district.get(`/api/suggestions/${a}`)).json().state).toBe('registered');
    expect((await district.post(`/api/suggestions/${c}/register`)).statusCode).toBe(200);
    // Picking one member assigns all three, to the same units in the same batch.
    const res = await district.post('/api/suggestions/assign', { ids: [b], ...input });
    expect(res.statusCode, res.body).toBe(200);
    expect(
      res
        .json()
        .items.map((i: { id: string }) => i.id)
        .sort(),
    ).toEqual([a, b, c].sort());
    for (const id of [a, b, c]) {
      const d = (await district.get(`/api/suggestions/${id}`)).json();
      expect(d).toMatchObject({ state: 'assigned', leadDepartmentId: leadUnit, groupId: a });
      expect(d.assignments.map((x: { role: string; batch: string }) => [x.role, x.batch])).toEqual([
        ['lead', '第二批交办会'],
        ['joint', '第二批交办会'],
      ]);
      expect(d.group).toHaveLength(2);
    }
  });
});
