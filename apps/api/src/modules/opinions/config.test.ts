import { desc, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { errorCode, signedIn, startTestServer } from '../../../test/harness';
import { auditLog } from '../../kernel/db/kernel.schema';
import { followSecret } from './opinions.repository';

// State names, the category tree, routing rules and the triage queue (the demo region 310112).
const env = await startTestServer();
const { app, ctx } = env;
const { db } = ctx.database;
const XINZHUANG = '310112101';

type Row = { id: string; state: string; stateLabel: string; phase: string; trackingNo: string };

async function audited(action: string) {
  return db.select().from(auditLog).where(eq(auditLog.action, action)).orderBy(desc(auditLog.seq));
}

async function walkIn(client: Awaited<ReturnType<typeof signedIn>>, title: string, categoryCode?: string) {
  const res = await client.post('/api/opinions', {
    channel: 'walk_in',
    title,
    description: `${title}，群众来访反映，请尽快研究处理。`,
    areaCode: XINZHUANG,
  });
  expect(res.statusCode).toBe(201);
  const id = res.json().id as string;
  const acc = await client.post(`/api/opinions/${id}/accept`, categoryCode ? { categoryCode } : {});
  expect(acc.statusCode).toBe(200);
  return id;
}

describe('state names per congress (状态名称)', () => {
  it('a rename at the district shows in a street case everywhere; the phase is unchanged', async () => {
    const district = await signedIn(app, 'district');
    const street = await signedIn(app, 'xinzhuang');
    const id = await walkIn(street, '小区路灯长期不亮');

    const put = await district.put('/api/settings/state-names/opinions?scope=310112', {
      names: { accepted: '已登记', closed: '已完结' },
    });
    expect(put.statusCode).toBe(200);
    const accepted = put.json().items.find((i: { state: string }) => i.state === 'accepted');
    expect(accepted).toMatchObject({
      label: '已登记',
      setHere: '已登记',
      phase: 'intake',
      defaultLabel: '已受理',
    });

    // The street's view inherits it, with its source.
    const seen = (await street.get('/api/settings/state-names/opinions')).json();
    expect(seen.scope.code).toBe(XINZHUANG);
    expect(seen.items.find((i: { state: string }) => i.state === 'accepted')).toMatchObject({
      label: '已登记',
      setHere: null,
      inheritedFrom: { code: '310112' },
    });

    // Lists, detail and history of the street's case.
    const list = (await street.get('/api/opinions?state=accepted&pageSize=200')).json();
    const row = list.items.find((i: Row) => i.id === id) as Row;
    expect(row).toMatchObject({ state: 'accepted', stateLabel: '已登记', phase: 'intake' });
    const detail = (await street.get(`/api/opinions/${id}`)).json();
    expect(detail.stateLabel).toBe('已登记');
    expect(detail.history.at(-1)).toMatchObject({ toState: 'accepted', toLabel: '已登记' });

    // The citizen's follow page.
    const follow = await app.inject({
      method: 'GET',
      url: `/api/public/opinions/follow/${detail.trackingNo}?k=${followSecret(ctx, id)}`,
    });
    expect(follow.json().stateLabel).toBe('已登记');
    expect(follow.json().steps.at(-1).stateLabel).toBe('已登记');

    // The ledger and its Excel export.
    const closed = (await district.get('/api/opinions/ledgers/closed?pageSize=50')).json();
    expect(closed.items.length).toBeGreaterThan(0);
    expect(closed.items.every((i: Row) => i.phase === 'closed')).toBe(true);
    const done = closed.items.filter((i: Row) => i.state === 'closed');
    expect(done.length).toBeGreaterThan(0);
    expect(done.every((i: Row) => i.stateLabel === '已完结')).toBe(true);
    const xlsx = await district.get('/api/opinions/ledgers/collected/export?state=accepted');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('问题清单')!;
    const header = (ws.getRow(1).values as string[]).indexOf('状态');
    const col = ws.getColumn(header).values.slice(2);
    expect(col).toContain('已登记');
    expect(col).not.toContain('已受理');

    // The public disclosure page.
    const pub = await app.inject({ method: 'GET', url: '/api/public/disclosures' });
    expect(pub.json().items.length).toBeGreaterThan(0);
    expect(pub.json().items.every((i: { stateLabel: string }) => i.stateLabel === '已完结')).toBe(true);

    // Open311 status notes.
    const o311 = await app.inject({
      method: 'GET',
      url: `/open311/v2/requests/${done[0].trackingNo}.json`,
    });
    expect(o311.json()[0].status_notes).toMatch(/^已完结/);

    // Audited like every setting.
    const [a] = await audited('settings.set');
    expect(a).toMatchObject({ targetId: 'workflow.stateNames.opinions', jurisdictionCode: '310112' });
  });

  it('a street renames one state of its own and still follows the district for the rest', async () => {
    const district = await signedIn(app, 'district');
    const street = await signedIn(app, 'xinzhuang');
    const put = await street.put('/api/settings/state-names/opinions', { names: { closed: '已办毕' } });
    expect(put.statusCode).toBe(200);
    const mine = (await street.get('/api/opinions?state=closed&pageSize=50')).json().items as Row[];
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((i) => i.stateLabel === '已办毕')).toBe(true);
    const names = (await street.get('/api/settings/state-names/opinions')).json().items;
    expect(names.find((i: { state: string }) => i.state === 'accepted').label).toBe('已登记');
    // The district sees the street's cases as the street names them.
    const all = (await district.get('/api/opinions?state=closed&pageSize=200')).json().items as Array<
      Row & { township: string }
    >;
    const ours = all.filter((i) => mine.some((m) => m.id === i.id));
    expect(ours.length).toBe(mine.length);
    expect(ours.every((i) => i.stateLabel === '已办毕')).toBe(true);
    // Clearing the street's names brings back the district's.
    await street.put('/api/settings/state-names/opinions', { names: { closed: '' } });
    const again = (await street.get('/api/opinions?state=closed&pageSize=50')).json().items as Row[];
    expect(again.every((i) => i.stateLabel === '已完结')).toBe(true);
  });

  it('refuses unknown states, a changed phase, bad or duplicate names — in Chinese', async () => {
    const district = await signedIn(app, 'district');
    const bad = async (names: Record<string, unknown>) => {
      const res = await district.put('/api/settings/state-names/opinions?scope=310112', { names });
      expect(res.statusCode).toBe(400);
      expect(errorCode(res)).toBe('settings.invalid_value');
      return res.json().error.message as string;
    };
    expect(await bad({ approved: '已批准' })).toContain('未知的状态「approved」');
    expect(await bad({ closed: { label: '已完结', phase: 'handling' } })).toContain('不能改变所属阶段');
    expect(await bad({ accepted: 'Accepted' })).toContain('须为中文');
    expect(await bad({ accepted: '已受理已受理已受理已受理已' })).toContain('不能超过 12 个字');
    expect(await bad({ closed: '已完结', replied: '已完结' })).toContain('重复');
    // The generic settings route applies the same schema.
    const generic = await district.put('/api/settings/workflow.stateNames.opinions?scope=310112', {
      value: { approved: '已批准' },
    });
    expect(generic.statusCode).toBe(400);
    expect(JSON.stringify(generic.json().error.details)).toContain('未知的状态');
  });

  it('only congress staff over the scope may rename', async () => {
    const dept = await signedIn(app, 'dept1');
    const street = await signedIn(app, 'xinzhuang');
    expect((await dept.put('/api/settings/state-names/opinions', { names: {} })).statusCode).toBe(403);
    const res = await street.put('/api/settings/state-names/opinions?scope=310112', {
      names: { accepted: '已接收' },
    });
    expect(res.statusCode).toBe(403);
    expect(errorCode(res)).toBe('auth.out_of_scope');
  });
});

describe('category tree (问题分类)', () => {
  it('district staff add, rename, reorder and disable categories; Open311 follows', async () => {
    const district = await signedIn(app, 'district');
    const add = (body: Record<string, unknown>) => district.post('/api/opinions/config/categories', body);
    expect((await add({ code: 'XF', name: '消防管理' })).json()).toMatchObject({ level: 1, active: true });
    expect((await add({ code: 'XF01', name: '消防隐患', parentCode: 'XF' })).statusCode).toBe(200);
    expect((await add({ code: 'XF0101', name: '楼道堆物', parentCode: 'XF01' })).json().level).toBe(3);
    expect(errorCode(await add({ code: 'XF010101', name: '四级', parentCode: 'XF0101' }))).toBe(
      'opinions.category_too_deep',
    );
    expect(errorCode(await add({ code: 'XX01', name: '错误编码', parentCode: 'XF' }))).toBe(
      'opinions.category_code_prefix',
    );
    // 'C' would be a prefix of CJ, CJ01 …: filters by prefix would mix the trees.
    const clash = await add({ code: 'C', name: '冲突' });
    expect(errorCode(clash)).toBe('opinions.category_code_taken');
    expect(clash.json().error.message).toContain('前缀');
    expect(errorCode(await add({ code: 'XF02', name: '消防隐患', parentCode: 'XF' }))).toBe(
      'opinions.category_name_taken',
    );

    const rename = await district.request('PATCH', '/api/opinions/config/categories/XF01', {
      name: '消防安全',
      complexity: 'complex',
    });
    expect(rename.json()).toMatchObject({ name: '消防安全', complexity: 'complex' });
    const services = async () =>
      (await app.inject({ method: 'GET', url: '/open311/v2/services.json' }))
        .json()
        .map((s: { service_code: string; service_name: string }) => `${s.service_code}:${s.service_name}`);
    expect(await services()).toContain('XF01:消防安全');

    // Reorder the top level: GA first.
    const tree = (await district.get('/api/opinions/config/categories')).json().items as Array<{
      code: string;
      parentCode: string | null;
      sort: number;
      active: boolean;
    }>;
    const top = tree.filter((c) => !c.parentCode).map((c) => c.code);
    const order = ['XF', ...top.filter((c) => c !== 'XF')];
    expect(
      errorCode(
        await district.put('/api/opinions/config/category-order', { parentCode: null, codes: ['XF'] }),
      ),
    ).toBe('opinions.category_order_mismatch');
    expect(
      (await district.put('/api/opinions/config/category-order', { parentCode: null, codes: order }))
        .statusCode,
    ).toBe(200);
    const forms = (await district.get('/api/opinions/categories')).json().items;
    expect(forms[0].code).toBe('XF');

    // Disable a top level: its subtree goes too; existing cases keep their category.
    const before = (await district.get('/api/opinions?categoryCode=ST&pageSize=1')).json().items[0];
    expect(before?.categoryName).toBeTruthy();
    const off = await district.request('PATCH', '/api/opinions/config/categories/ST', { active: false });
    expect(off.json().active).toBe(false);
    const after = (await district.get('/api/opinions/config/categories')).json().items;
    expect(
      after
        .filter((c: { code: string }) => c.code.startsWith('ST'))
        .every((c: { active: boolean }) => !c.active),
    ).toBe(true);
    expect(
      (await district.get('/api/opinions/categories'))
        .json()
        .items.some((c: { code: string }) => c.code.startsWith('ST')),
    ).toBe(false);
    expect((await services()).some((s: string) => s.startsWith('ST'))).toBe(false);
    const kept = (await district.get(`/api/opinions/${before.id}`)).json();
    expect(kept).toMatchObject({ categoryCode: before.categoryCode, categoryName: before.categoryName });
    // A child cannot be enabled under a disabled parent; the parent first.
    expect(
      errorCode(await district.request('PATCH', '/api/opinions/config/categories/ST01', { active: true })),
    ).toBe('opinions.category_parent_inactive');
    expect(
      (await district.request('PATCH', '/api/opinions/config/categories/ST', { active: true })).statusCode,
    ).toBe(200);
    expect((await audited('opinions.category_update')).length).toBeGreaterThanOrEqual(3);
    expect((await audited('opinions.category_add')).length).toBe(3);
  });

  it('imports a JSON-lines taxonomy: reuses names, generates codes, all or nothing', async () => {
    const district = await signedIn(app, 'district');
    const lines = [
      { level1: '城乡建设', level2: '道路设施', level3: '路灯照明' },
      { level1: '城乡建设', level2: '安全生产', level3: '事故处理' },
      { level1: '城乡建设', level2: '安全生产', level3: '安全隐患' },
      { level1: '劳动和社会保障', level2: '最低生活保障' },
      { level1: '纪检监察', level2: '作风建设' },
    ]
      .map((l) => JSON.stringify(l))
      .join('\n');
    const preview = (
      await district.post('/api/opinions/config/categories/import', { content: lines, dryRun: true })
    ).json();
    expect(preview.errors).toEqual([]);
    const made = preview.created.map((c: { code: string; name: string }) => `${c.code}:${c.name}`);
    expect(made).toEqual(
      expect.arrayContaining([
        'CJ0101:路灯照明',
        'CJ05:安全生产',
        'CJ0501:事故处理',
        'CJ0502:安全隐患',
        'T01:纪检监察',
        'T0101:作风建设',
      ]),
    );
    expect(
      (await district.get('/api/opinions/config/categories'))
        .json()
        .items.some((c: { code: string }) => c.code === 'T01'),
    ).toBe(false);

    const broken = await district.post('/api/opinions/config/categories/import', {
      content: `${lines}\n{"level2":"无一级"}\nnot json`,
    });
    expect(broken.json().errors).toEqual([
      { line: 6, message: '缺少 level1（一级分类名称）' },
      { line: 7, message: '不是有效的 JSON' },
    ]);
    expect(
      (await district.get('/api/opinions/config/categories'))
        .json()
        .items.some((c: { code: string }) => c.code === 'T01'),
    ).toBe(false);

    const done = (await district.post('/api/opinions/config/categories/import', { content: lines })).json();
    expect(done.created).toHaveLength(preview.created.length);
    const tree = (await district.get('/api/opinions/config/categories')).json().items;
    expect(tree.find((c: { code: string }) => c.code === 'CJ0502')).toMatchObject({
      name: '安全隐患',
      level: 3,
      parentCode: 'CJ05',
    });
    // A second import of the same file creates nothing.
    expect(
      (await district.post('/api/opinions/config/categories/import', { content: lines })).json().created,
    ).toEqual([]);
    expect((await audited('opinions.category_import')).length).toBe(2);
  });

  it('street staff and units may not change the tree', async () => {
    const street = await signedIn(app, 'xinzhuang');
    const dept = await signedIn(app, 'dept1');
    const res = await street.post('/api/opinions/config/categories', { code: 'QQ', name: '街道自定' });
    expect(res.statusCode).toBe(403);
    expect(errorCode(res)).toBe('auth.out_of_scope');
    expect((await street.get('/api/opinions/config/categories')).statusCode).toBe(403);
    expect(
      (await dept.request('PATCH', '/api/opinions/config/categories/CJ', { name: '城建' })).statusCode,
    ).toBe(403);
    expect(
      (await dept.post('/api/opinions/config/categories/import', { content: '{"level1":"某类"}' }))
        .statusCode,
    ).toBe(403);
  });
});

describe('routing rules (派单规则) and the triage queue (待人工分派)', () => {
  it('an accepted case no rule decides is in triage until a rule covers it', async () => {
    const district = await signedIn(app, 'district');
    const street = await signedIn(app, 'xinzhuang');
    await district.post('/api/opinions/config/categories', { code: 'WH', name: '文化体育' });
    await district.post('/api/opinions/config/categories', {
      code: 'WH01',
      name: '健身设施',
      parentCode: 'WH',
    });
    const id = await walkIn(street, '社区健身器材损坏', 'WH01');
    const unclassified = await walkIn(street, '反映的问题暂无法归类');
    const routed = await walkIn(street, '路面坑洼需要修补', 'CJ01');
    const triage = async (c = district) =>
      ((await c.get('/api/opinions/triage?pageSize=200')).json().items as Row[]).map((i) => i.id);

    let queue = await triage();
    expect(queue).toEqual(expect.arrayContaining([id, unclassified]));
    expect(queue).not.toContain(routed);
    expect(
      (await street.get('/api/opinions/triage?pageSize=200'))
        .json()
        .items.every((i: Row) => i.state === 'accepted'),
    ).toBe(true);
    expect(await triage(street)).toContain(id);
    expect(await triage(await signedIn(app, 'qibao'))).not.toContain(id);

    const deps = (await district.get('/api/opinions/departments')).json().items as Array<{
      id: string;
      name: string;
    }>;
    const unit = deps[0]!;
    const rule = await district.post('/api/opinions/config/routing-rules', {
      categoryCode: 'WH',
      jurisdictionCode: XINZHUANG,
      departmentId: unit.id,
      priority: 50,
    });
    expect(rule.statusCode).toBe(200);
    const ruleId = rule.json().id as string;
    queue = await triage();
    expect(queue).not.toContain(id);
    expect(queue).toContain(unclassified);
    // The rule is what the assign step suggests.
    const list = (await district.get('/api/opinions/config/routing-rules')).json().items;
    expect(list.find((r: { id: string }) => r.id === ruleId)).toMatchObject({
      categoryName: '文化体育',
      departmentName: unit.name,
      priority: 50,
      areaName: expect.any(String),
    });

    // Disabled, the rule no longer decides; deleted, likewise.
    await district.request('PATCH', `/api/opinions/config/routing-rules/${ruleId}`, { active: false });
    expect(await triage()).toContain(id);
    await district.request('PATCH', `/api/opinions/config/routing-rules/${ruleId}`, {
      active: true,
      priority: 10,
    });
    expect(await triage()).not.toContain(id);
    expect(
      (await district.request('DELETE', `/api/opinions/config/routing-rules/${ruleId}`)).statusCode,
    ).toBe(200);
    expect(await triage()).toContain(id);

    expect(
      errorCode(
        await district.post('/api/opinions/config/routing-rules', {
          categoryCode: 'NOPE',
          jurisdictionCode: XINZHUANG,
          departmentId: unit.id,
        }),
      ),
    ).toBe('opinions.unknown_category');
    expect(
      errorCode(
        await district.post('/api/opinions/config/routing-rules', {
          categoryCode: 'WH',
          jurisdictionCode: '310101',
          departmentId: unit.id,
        }),
      ),
    ).toBe('opinions.routing_area_invalid');
    for (const action of ['add', 'update', 'delete'])
      expect((await audited(`opinions.routing_rule_${action}`)).length).toBeGreaterThan(0);
  });

  it('street staff and units may not manage rules; units do not see the triage queue', async () => {
    const street = await signedIn(app, 'xinzhuang');
    const dept = await signedIn(app, 'dept1');
    expect((await street.get('/api/opinions/config/routing-rules')).statusCode).toBe(403);
    const res = await street.post('/api/opinions/config/routing-rules', {
      categoryCode: 'CJ',
      jurisdictionCode: XINZHUANG,
      departmentId: '00000000-0000-7000-8000-000000000000',
    });
    expect(res.statusCode).toBe(403);
    expect(
      (
        await dept.request(
          'DELETE',
          '/api/opinions/config/routing-rules/00000000-0000-7000-8000-000000000000',
        )
      ).statusCode,
    ).toBe(403);
    expect((await dept.get('/api/opinions/triage')).statusCode).toBe(403);
  });
});
