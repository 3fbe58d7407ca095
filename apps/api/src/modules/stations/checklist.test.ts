import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { type Client, errorCode, signedIn, startTestServer } from '../../../test/harness';
import { auditLog } from '../../kernel/db/kernel.schema';

const env = await startTestServer();
const { app } = env;

const DISTRICT = '310112';
const XINZHUANG = '310112101';
const QIBAO = '310112102';

const EIGHT_HAVES = [
  { key: 'venue', label: '有场所' },
  { key: 'sign', label: '有牌子' },
  { key: 'equipment', label: '有设备' },
  { key: 'staff', label: '有人员' },
  { key: 'rules', label: '有制度' },
  { key: 'activities', label: '有活动' },
  { key: 'ledger', label: '有台账' },
  { key: 'funding', label: '有经费' },
];

type Checklist = {
  items: Array<{
    key: string;
    label: string;
    met: boolean;
    evidenceUrl: string | null;
    checkedOn: string | null;
  }>;
  summary: { met: number; total: number; percent: number };
  configuredBy: { code: string; name: string } | null;
};

async function homeId(c: Client, township: string): Promise<string> {
  return (
    (await c.get(`/api/stations?township=${township}&kind=home`)).json() as { items: Array<{ id: string }> }
  ).items[0]!.id;
}

async function checklist(c: Client, id: string): Promise<Checklist> {
  const res = await c.get(`/api/stations/${id}/checklist`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('standards checklist', () => {
  it('defaults to 九有 and records an item with evidence and date, audited', async () => {
    const c = await signedIn(app, 'qibao');
    // A new station: its checklist starts empty whatever the demo data holds.
    const created = await c.post('/api/stations', {
      name: '七宝镇新建联络站',
      kind: 'station',
      jurisdictionCode: QIBAO,
      address: '七宝镇漕宝路 1 号',
    });
    const id = created.json().id as string;
    const before = await checklist(c, id);
    expect(before.items.map((i) => i.label)).toEqual([
      '有场所',
      '有牌子',
      '有设备',
      '有人员',
      '有制度',
      '有计划',
      '有活动',
      '有台账',
      '有档案',
    ]);
    expect(before.configuredBy).toBeNull();
    const res = await c.put(`/api/stations/${id}/checklist/venue`, {
      met: true,
      evidenceUrl: 'https://files.example.org/venue.jpg',
      note: '场所 120 平方米',
      checkedOn: '2026-02-26',
    });
    expect(res.statusCode, res.body).toBe(200);
    const after = res.json() as Checklist;
    expect(after.items[0]).toMatchObject({ key: 'venue', met: true, checkedOn: '2026-02-26' });
    expect(after.summary).toEqual({ met: 1, total: 9, percent: 11 });
    const audit = await env.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'stations.checklist_check'), eq(auditLog.targetId, id)));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toMatchObject({ itemKey: 'venue', met: true, checkedOn: '2026-02-26' });
  });

  it('refuses future dates, bad evidence links and keys outside the checklist', async () => {
    const c = await signedIn(app, 'qibao');
    const id = await homeId(c, QIBAO);
    const future = await c.put(`/api/stations/${id}/checklist/sign`, { met: true, checkedOn: '2026-03-03' });
    expect(errorCode(future)).toBe('stations.future_date');
    const badUrl = await c.put(`/api/stations/${id}/checklist/sign`, {
      met: true,
      checkedOn: '2026-03-01',
      evidenceUrl: 'javascript:alert(1)',
    });
    expect(badUrl.json().error.details[0].message).toBe('佐证材料地址须为 http(s) 链接或站内路径');
    const unknown = await c.put(`/api/stations/${id}/checklist/funding`, {
      met: true,
      checkedOn: '2026-03-01',
    });
    expect(errorCode(unknown)).toBe('stations.unknown_checklist_item');
    expect(unknown.json().error.message).toBe('该检查项不在本辖区的建设标准清单中');
  });

  it('a street configures 八有: its stations and communities inherit it, other streets keep 九有', async () => {
    const street = await signedIn(app, 'xinzhuang');
    expect(
      (await street.put('/api/settings/stations.checklist', { value: [{ key: 'x', label: '' }] })).statusCode,
    ).toBe(400);
    const set = await street.put('/api/settings/stations.checklist', { value: EIGHT_HAVES });
    expect(set.statusCode, set.body).toBe(200);

    const district = await signedIn(app, 'district');
    const xz = await checklist(district, await homeId(district, XINZHUANG));
    expect(xz.items.map((i) => i.key)).toEqual(EIGHT_HAVES.map((i) => i.key));
    expect(xz.configuredBy).toEqual({ code: XINZHUANG, name: '莘庄镇' });
    expect((await checklist(district, await homeId(district, QIBAO))).summary.total).toBe(9);

    // A new station in a community of 莘庄镇 inherits the street's list.
    const community = (
      (await district.get(`/api/jurisdictions/${XINZHUANG}/children`)).json() as {
        items: Array<{ code: string }>;
      }
    ).items[0]!.code;
    const created = await street.post('/api/stations', {
      name: '莘庄社区民情收集点',
      kind: 'collection',
      jurisdictionCode: community,
      address: '莘庄镇某社区邻里中心',
    });
    expect(created.statusCode, created.body).toBe(201);
    const newId = created.json().id as string;
    expect((await checklist(street, newId)).summary.total).toBe(8);
    expect(
      (await street.put(`/api/stations/${newId}/checklist/funding`, { met: true, checkedOn: '2026-03-02' }))
        .statusCode,
    ).toBe(200);
    expect(
      errorCode(
        await street.put(`/api/stations/${newId}/checklist/archive`, { met: true, checkedOn: '2026-03-02' }),
      ),
    ).toBe('stations.unknown_checklist_item');

    // The district moving to its own list does not override the street's.
    const districtList = [...EIGHT_HAVES.slice(0, 7), { key: 'archive', label: '有档案' }];
    expect(
      (await district.put(`/api/settings/stations.checklist?scope=${DISTRICT}`, { value: districtList }))
        .statusCode,
    ).toBe(200);
    expect((await checklist(district, await homeId(district, QIBAO))).configuredBy).toEqual({
      code: DISTRICT,
      name: '闵行区',
    });
    expect((await checklist(district, newId)).items.at(-1)!.key).toBe('funding');
  });

  it('only congress staff check items; liaison staff may read', async () => {
    const district = await signedIn(app, 'district');
    const id = await homeId(district, XINZHUANG);
    const liaison = await signedIn(app, 'station1');
    expect((await liaison.get(`/api/stations/${id}/checklist`)).statusCode).toBe(200);
    expect(
      errorCode(
        await liaison.put(`/api/stations/${id}/checklist/venue`, { met: true, checkedOn: '2026-03-01' }),
      ),
    ).toBe('auth.forbidden');
  });
});

describe('annual plans', () => {
  it('keeps one theme per month, validated and audited', async () => {
    const c = await signedIn(app, 'qibao');
    const id = await homeId(c, QIBAO);
    const saved = await c.put(`/api/stations/${id}/plans/2027/3`, {
      theme: '垃圾分类',
      description: '入户宣传',
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const again = await c.put(`/api/stations/${id}/plans/2027/3`, { theme: '垃圾分类与资源回收' });
    expect(again.json().items).toEqual([
      expect.objectContaining({ month: 3, theme: '垃圾分类与资源回收', description: null }),
    ]);
    expect(
      (await c.put(`/api/stations/${id}/plans/2027/13`, { theme: '无效月份' })).json().error.details[0]
        .message,
    ).toBe('月份应为 1–12');
    expect(
      (await c.put(`/api/stations/${id}/plans/2027/4`, { theme: '' })).json().error.details[0].message,
    ).toBe('请填写活动主题（至少 2 个字）');
    expect((await c.request('DELETE', `/api/stations/${id}/plans/2027/3`)).statusCode).toBe(204);
    expect((await c.get(`/api/stations/${id}/plans?year=2027`)).json().items).toEqual([]);
    const actions = (
      await env.database.db
        .select({ action: auditLog.action })
        .from(auditLog)
        .where(eq(auditLog.targetId, id))
    ).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['stations.plan_save', 'stations.plan_delete']));
  });
});
