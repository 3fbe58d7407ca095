import { describe, expect, it } from 'vitest';
import { errorCode, signedIn, startTestServer } from '../../../test/harness';
import { deputies } from './deputies.schema';

const env = await startTestServer();
const { app } = env;
const XINZHUANG = '310112101';
const QIBAO = '310112102';
/** Every deputy's phone in plaintext: a response must contain none of them (a regex over the
 * JSON would also match digit runs inside random ids). */
async function plaintextPhones(): Promise<string[]> {
  const rows = await env.ctx.database.db.select({ enc: deputies.phoneEnc }).from(deputies);
  return rows.flatMap((r) => (r.enc ? [env.ctx.vault.decrypt(r.enc)] : []));
}
function containsPhone(body: string, phones: string[]): string | undefined {
  return phones.find((p) => body.includes(p));
}

type Page = {
  total: number;
  items: Array<{
    id: string;
    name: string;
    jurisdictionCode: string;
    phoneMasked: string | null;
    mandates: unknown[];
  }>;
};
type Options = { grids: Array<{ code: string }>; stations: Array<{ id: string }> };

async function firstOf(username: string, scope?: string) {
  const c = await signedIn(app, username);
  const page = (await c.get(`/api/deputies${scope ? `?scope=${scope}` : ''}`)).json() as Page;
  return { c, page, d: page.items[0]! };
}

function input(jurisdictionCode: string, extra: Record<string, unknown> = {}) {
  return {
    jurisdictionCode,
    name: '测试代表',
    gender: '女',
    phone: '13912340001',
    expertise: ['法律', '物业纠纷'],
    professionalGroups: ['法制'],
    mandates: [{ level: 'street', term: 1, groupName: '议政代表第一组' }],
    ...extra,
  };
}

describe('the roster list', () => {
  it('pages within the scope, caps the page size and shows only masked phones', async () => {
    const { c, page } = await firstOf('xinzhuang');
    expect(page.total).toBeGreaterThan(10);
    expect(page.items).toHaveLength(20);
    for (const d of page.items) {
      expect(d.jurisdictionCode.startsWith(XINZHUANG)).toBe(true);
      expect(d.phoneMasked).toMatch(/^1\d{2}\*{4}\d{4}$/);
      expect(d.mandates.length).toBeGreaterThan(0);
    }
    expect(containsPhone(JSON.stringify(page), await plaintextPhones())).toBeUndefined();
    const big = await c.get('/api/deputies?pageSize=1000');
    expect(big.statusCode).toBe(400);
    expect(big.json().error.details[0].message).toBe('每页最多 100 条');
    const district = (await (await signedIn(app, 'district')).get('/api/deputies')).json() as Page;
    expect(district.total).toBeGreaterThan(page.total);
  });

  it('filters by level, status, group, tag and name', async () => {
    const c = await signedIn(app, 'district');
    const township = (await c.get('/api/deputies?level=township&pageSize=100')).json() as Page;
    const national = (await c.get('/api/deputies?level=national')).json() as Page;
    expect(national.total).toBe(2);
    expect(township.total).toBeGreaterThan(national.total);
    const one = township.items[0]!;
    const byName = (await c.get(`/api/deputies?q=${encodeURIComponent(one.name)}`)).json() as Page;
    expect(byName.items.map((d) => d.id)).toContain(one.id);
    expect(((await c.get('/api/deputies?status=resigned')).json() as Page).total).toBe(0);
    expect(
      ((await c.get(`/api/deputies?tag=${encodeURIComponent('不存在的标签')}`)).json() as Page).total,
    ).toBe(0);
  });
});

describe('scoping', () => {
  it("another street's staff can neither read nor edit nor change status", async () => {
    const { d } = await firstOf('xinzhuang');
    const qibao = await signedIn(app, 'qibao');
    for (const res of [
      await qibao.get(`/api/deputies/${d.id}`),
      await qibao.put(`/api/deputies/${d.id}`, input(QIBAO)),
      await qibao.post(`/api/deputies/${d.id}/status`, {
        status: 'resigned',
        date: '2026-03-01',
        reason: '个人原因',
      }),
      await qibao.get(`/api/deputies?scope=${XINZHUANG}`),
      await qibao.post('/api/deputies', input(XINZHUANG)),
    ]) {
      expect(res.statusCode).toBe(403);
      expect(errorCode(res)).toBe('auth.out_of_scope');
    }
    const list = (await qibao.get('/api/deputies?pageSize=100')).json() as Page;
    expect(list.items.some((x) => x.id === d.id)).toBe(false);
  });

  it('station staff read but cannot write; department handlers cannot read', async () => {
    const { d } = await firstOf('xinzhuang');
    const station = await signedIn(app, 'station1');
    expect((await station.get('/api/deputies')).statusCode).toBe(200);
    const res = await station.put(`/api/deputies/${d.id}`, input(XINZHUANG));
    expect(errorCode(res)).toBe('auth.forbidden');
    expect(errorCode(await (await signedIn(app, 'dept1')).get('/api/deputies'))).toBe('auth.forbidden');
  });

  it('grids outside the scope are refused', async () => {
    const c = await signedIn(app, 'xinzhuang');
    const qibaoGrid = ((await (await signedIn(app, 'qibao')).get('/api/deputies/options')).json() as Options)
      .grids[0]!;
    const res = await c.post('/api/deputies', input(XINZHUANG, { gridCodes: [qibaoGrid.code] }));
    expect(errorCode(res)).toBe('auth.out_of_scope');
    const notGrid = await c.post('/api/deputies', input(XINZHUANG, { gridCodes: [XINZHUANG] }));
    expect(errorCode(notGrid)).toBe('deputies.invalid_grid');
    expect(notGrid.json().error.message).toBe('网格责任区只能选择本辖区内的网格');
  });
});

describe('create, edit and status', () => {
  it('validates in Chinese', async () => {
    const c = await signedIn(app, 'xinzhuang');
    const res = await c.post('/api/deputies', {
      ...input(XINZHUANG),
      name: '',
      gender: 'x',
      phone: '123',
      mandates: [],
    });
    expect(res.statusCode).toBe(400);
    const messages = (res.json().error.details as Array<{ message: string }>).map((d) => d.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        '请输入姓名',
        '性别应为“男”或“女”',
        '请输入正确的 11 位手机号码',
        '至少填写一项代表资格',
      ]),
    );
    const group = await c.post('/api/deputies', input(XINZHUANG, { professionalGroups: ['足球'] }));
    expect(errorCode(group)).toBe('deputies.invalid_group');
  });

  it('creates a street 议政代表 with grids and a station, edits and resigns them, all audited', async () => {
    const c = await signedIn(app, 'xinzhuang');
    const opts = (await c.get('/api/deputies/options')).json() as Options;
    const body = input(XINZHUANG, {
      gridCodes: [opts.grids[0]!.code, opts.grids[1]!.code],
      stationIds: [opts.stations[0]!.id],
    });
    const created = await c.post('/api/deputies', body);
    expect(created.statusCode).toBe(201);
    const d = created.json();
    expect(d).toMatchObject({
      phoneMasked: '139****0001',
      status: 'active',
      expertise: ['法律', '物业纠纷'],
    });
    expect(d.mandates[0]).toMatchObject({
      level: 'street',
      levelLabel: '街道议政代表',
      congressJurisdictionCode: XINZHUANG,
    });
    expect(d.grids).toHaveLength(2);
    expect(d.stations).toHaveLength(1);
    expect(created.body).not.toContain('13912340001');

    expect(errorCode(await c.post('/api/deputies', input(XINZHUANG)))).toBe('deputies.phone_taken');

    const { phone: _p, ...noPhone } = body;
    const edited = await c.put(`/api/deputies/${d.id}`, { ...noPhone, name: '测试代表二', gridCodes: [] });
    expect(edited.json()).toMatchObject({ name: '测试代表二', phoneMasked: '139****0001', grids: [] });

    const bad = await c.post(`/api/deputies/${d.id}/status`, {
      status: 'resigned',
      date: '2026/3/1',
      reason: '',
    });
    expect(bad.statusCode).toBe(400);
    const resigned = await c.post(`/api/deputies/${d.id}/status`, {
      status: 'resigned',
      date: '2026-03-01',
      reason: '工作调动',
    });
    expect(resigned.json()).toMatchObject({
      status: 'resigned',
      statusLabel: '辞职',
      statusChangedOn: '2026-03-01',
    });
    const audit = (await (await signedIn(app, 'auditor')).get('/api/audit?pageSize=50')).body;
    for (const action of ['deputies.create', 'deputies.update', 'deputies.status'])
      expect(audit).toContain(action);
    expect(audit).not.toContain('13912340001');
    const listed = (await c.get('/api/deputies?status=resigned')).json() as Page;
    expect(listed.items.map((x) => x.id)).toEqual([d.id]);
  });
});
