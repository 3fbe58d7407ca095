import { describe, expect, it } from 'vitest';
import { type Client, errorCode, signedIn, startTestServer } from '../../../test/harness';

const env = await startTestServer();
const { app } = env;

const XINZHUANG = '310112101'; // 莘庄镇: staff 'xinzhuang', liaison 'station1'
const QIBAO = '310112102'; // 七宝镇: staff 'qibao'

type ListItem = { id: string; name: string; kind: string; jurisdictionCode: string; deputyCount: number };
type Detail = ListItem & {
  address: string;
  deputies: Array<{ id: string }>;
  staff: Array<{ id: string; username: string }>;
  can: { manage: boolean; edit: boolean };
};

async function list(c: Client, query = ''): Promise<{ total: number; items: ListItem[] }> {
  const res = await c.get(`/api/stations${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function homeOf(c: Client, township: string): Promise<ListItem> {
  const r = await list(c, `?township=${township}&kind=home`);
  return r.items[0]!;
}

const patch = (c: Client, url: string, body: unknown) => c.request('PATCH', url, body);

describe('station list', () => {
  it('district staff see every station with counts, filtered and paged', async () => {
    const c = await signedIn(app, 'district');
    const all = await list(c, '?pageSize=100');
    expect(all.total).toBe(18);
    expect(all.items).toHaveLength(18);
    expect(all.items.some((s) => s.deputyCount > 0)).toBe(true);
    const page2 = await list(c, '?pageSize=5&page=2');
    expect(page2.total).toBe(18);
    expect(page2.items.map((s) => s.id)).toEqual(all.items.slice(5, 10).map((s) => s.id));
    const homes = await list(c, '?kind=home');
    expect(homes.items.length).toBeGreaterThan(0);
    for (const s of homes.items) expect(s.kind).toBe('home');
    const town = await list(c, `?township=${XINZHUANG}`);
    for (const s of town.items) expect(s.jurisdictionCode.startsWith(XINZHUANG)).toBe(true);
    const big = await c.get('/api/stations?pageSize=1000');
    expect(big.statusCode).toBe(400);
    expect(big.json().error.details[0].message).toBe('每页最多 100 条');
  });

  it('street staff see only their street and cannot open another', async () => {
    const c = await signedIn(app, 'xinzhuang');
    const own = await list(c, '?pageSize=100');
    expect(own.total).toBeGreaterThan(0);
    for (const s of own.items) expect(s.jurisdictionCode.startsWith(XINZHUANG)).toBe(true);
    expect(errorCode(await c.get(`/api/stations?scope=${QIBAO}`))).toBe('auth.out_of_scope');

    const qibaoHome = await homeOf(await signedIn(app, 'district'), QIBAO);
    for (const res of [
      await c.get(`/api/stations/${qibaoHome.id}`),
      await c.get(`/api/stations/${qibaoHome.id}/stars`),
      await c.get(`/api/stations/${qibaoHome.id}/checklist`),
      await patch(c, `/api/stations/${qibaoHome.id}`, { address: '七宝镇某路 1 号' }),
    ]) {
      expect(res.statusCode).toBe(403);
      expect(errorCode(res)).toBe('auth.out_of_scope');
    }
    const missing = await c.get('/api/stations/0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b');
    expect(errorCode(missing)).toBe('stations.not_found');
    expect(missing.json().error.message).toBe('未找到该家站点');
  });
});

describe('create and edit', () => {
  const valid = {
    name: '七宝老街人大代表联系点',
    kind: 'point',
    basis: 'profession',
    jurisdictionCode: QIBAO,
    address: '上海市闵行区七宝镇青年路 18 号',
    lat: 31.158,
    lng: 121.35,
    openingHours: '周一至周五 9:00–17:00',
    phone: '021-64781234',
    description: '设在七宝老街商会',
    photoUrl: 'https://example.org/qibao.jpg',
  };

  it('validates with Chinese messages', async () => {
    const c = await signedIn(app, 'qibao');
    const bad = await c.post('/api/stations', { ...valid, name: '', phone: '12ab', kind: 'club' });
    expect(bad.statusCode).toBe(400);
    const messages = (bad.json().error.details as Array<{ message: string }>).map((d) => d.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        '请填写家站点名称（至少 2 个字）',
        '请输入有效的电话，如 021-64123456',
        '请选择家站点类型',
      ]),
    );
    const abroad = await c.post('/api/stations', { ...valid, lat: 48.85, lng: 2.35 });
    expect(errorCode(abroad)).toBe('stations.invalid_coordinates');
    expect(abroad.json().error.message).toBe('坐标须同时填写经度和纬度，且位于中国境内');
    const half = await c.post('/api/stations', { ...valid, lng: null });
    expect(errorCode(half)).toBe('stations.invalid_coordinates');
    expect(errorCode(await c.post('/api/stations', { ...valid, jurisdictionCode: XINZHUANG }))).toBe(
      'auth.out_of_scope',
    );
  });

  it('creates, edits and audits a station', async () => {
    const c = await signedIn(app, 'qibao');
    const created = await c.post('/api/stations', valid);
    expect(created.statusCode, created.body).toBe(201);
    const { id } = created.json() as { id: string };
    const edited = await patch(c, `/api/stations/${id}`, {
      openingHours: '每周二 9:00–11:30',
      active: false,
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({
      name: valid.name,
      kindLabel: '代表联系点',
      basisLabel: '行业',
      openingHours: '每周二 9:00–11:30',
      active: false,
      can: { manage: true, edit: true },
    });
    const log = (await (await signedIn(app, 'auditor')).get('/api/audit?action=stations.update')).json() as {
      items: Array<{ action: string; targetId: string }>;
    };
    expect(log.items.some((e) => e.action === 'stations.update' && e.targetId === id)).toBe(true);
  });
});

describe('deputies and liaison staff', () => {
  it('stations deputies from the own jurisdiction only', async () => {
    const c = await signedIn(app, 'xinzhuang');
    const home = await homeOf(c, XINZHUANG);
    const candidates = (await c.get(`/api/stations/${home.id}/deputy-candidates`)).json() as {
      items: Array<{ id: string }>;
    };
    expect(candidates.items.length).toBeGreaterThan(2);
    const qibaoHome = await homeOf(await signedIn(app, 'qibao'), QIBAO);
    const foreign = (
      (
        await (await signedIn(app, 'qibao')).get(`/api/stations/${qibaoHome.id}/deputy-candidates`)
      ).json() as {
        items: Array<{ id: string }>;
      }
    ).items[0]!.id;
    const refused = await c.put(`/api/stations/${home.id}/deputies`, { deputyIds: [foreign] });
    expect(errorCode(refused)).toBe('stations.deputy_not_eligible');
    expect(refused.json().error.details).toEqual({ deputyIds: [foreign] });

    const ids = candidates.items.slice(0, 3).map((d) => d.id);
    expect((await c.put(`/api/stations/${home.id}/deputies`, { deputyIds: ids })).statusCode).toBe(200);
    const detail = (await c.get(`/api/stations/${home.id}`)).json() as Detail;
    expect(detail.deputies.map((d) => d.id).sort()).toEqual([...ids].sort());
  });

  it("lets liaison staff edit their own station's details, not its kind or people", async () => {
    const district = await signedIn(app, 'district');
    const home = await homeOf(district, XINZHUANG);
    const liaison = await signedIn(app, 'station1');
    // Unlinked first (the demo data may link 'station1' to this station).
    expect((await district.put(`/api/stations/${home.id}/staff`, { accountIds: [] })).statusCode).toBe(200);
    const before = await patch(liaison, `/api/stations/${home.id}`, { address: '莘庄镇莘建路 1 号' });
    expect(errorCode(before)).toBe('stations.not_own_station');

    const staff = (await district.get(`/api/stations/${home.id}/staff-candidates`)).json() as {
      items: Array<{ id: string; username: string }>;
    };
    const station1 = staff.items.find((a) => a.username === 'station1')!;
    expect(
      (await district.put(`/api/stations/${home.id}/staff`, { accountIds: [station1.id] })).statusCode,
    ).toBe(200);
    // The liaison's grant is over 莘庄镇: not eligible for a station of 七宝镇.
    const qibaoHome = await homeOf(district, QIBAO);
    expect(
      errorCode(await district.put(`/api/stations/${qibaoHome.id}/staff`, { accountIds: [station1.id] })),
    ).toBe('stations.staff_not_eligible');

    const ok = await patch(liaison, `/api/stations/${home.id}`, {
      address: '莘庄镇莘建路 1 号',
      phone: '021-64920000',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ address: '莘庄镇莘建路 1 号', can: { manage: false, edit: true } });
    const rename = await patch(liaison, `/api/stations/${home.id}`, { name: '新名字人大代表之家' });
    expect(errorCode(rename)).toBe('auth.forbidden');
    expect(rename.json().error.message).toContain('联络员只能修改');
    expect(errorCode(await liaison.put(`/api/stations/${home.id}/deputies`, { deputyIds: [] }))).toBe(
      'auth.forbidden',
    );
    expect(errorCode(await liaison.get('/api/stations/ranking'))).toBe('auth.forbidden');
  });
});
