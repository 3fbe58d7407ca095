import { describe, expect, it } from 'vitest';
import { Client, errorCode, signedIn, startTestServer } from '../../../test/harness';

const env = await startTestServer();
const { app } = env;

const XINZHUANG = '310112101'; // 莘庄镇 (account 'xinzhuang')
const QIBAO = '310112102'; // 七宝镇 (account 'qibao')
const DISTRICT = '310112';
const KEY = 'deadlines.replyWorkingDays';

type SettingItem = {
  key: string;
  value: unknown;
  inheritedFrom: { code: string; name: string } | null;
  definedHere: boolean;
};

async function setting(c: Client, scope: string, key = KEY): Promise<SettingItem> {
  const res = await c.get(`/api/settings?scope=${scope}`);
  expect(res.statusCode).toBe(200);
  return (res.json() as { items: SettingItem[] }).items.find((i) => i.key === key)!;
}

async function citizen(phone: string, ip: string): Promise<Client> {
  const c = new Client(app, ip);
  expect((await c.post('/api/auth/otp/request', { phone })).statusCode).toBe(200);
  await env.server.runner.drain();
  const staff = await signedIn(app, 'district');
  const sms = (await staff.get('/api/notifications/sms-outbox')).json() as {
    items: Array<{ body: string; phoneMasked: string }>;
  };
  const masked = `${phone.slice(0, 3)}****${phone.slice(-4)}`;
  const code = /验证码为 (\d{6})/.exec(sms.items.find((m) => m.phoneMasked === masked)!.body)![1]!;
  expect((await c.post('/api/auth/otp/verify', { phone, code })).statusCode).toBe(200);
  return c;
}

describe('street staff see only their own street', () => {
  it('lists its own subtree and nothing beside or above it', async () => {
    const c = await signedIn(app, 'xinzhuang');
    const own = await c.get(`/api/jurisdictions/${XINZHUANG}/children`);
    expect(own.statusCode).toBe(200);
    const body = own.json() as {
      parent: { code: string; name: string };
      items: Array<{ code: string; parentCode: string }>;
    };
    expect(body.parent).toMatchObject({ code: XINZHUANG, name: '莘庄镇' });
    expect(body.items.length).toBeGreaterThan(0);
    for (const i of body.items) expect(i.parentCode).toBe(XINZHUANG);
    // One level further down is still its own.
    expect((await c.get(`/api/jurisdictions/${body.items[0]!.code}/children`)).statusCode).toBe(200);

    for (const url of [
      `/api/jurisdictions/${QIBAO}/children`,
      `/api/jurisdictions/${QIBAO}/ancestors`,
      `/api/jurisdictions/${DISTRICT}/children`,
      `/api/dashboard/summary?scope=${QIBAO}`,
      `/api/dashboard/summary?scope=${DISTRICT}`,
      `/api/settings?scope=${QIBAO}`,
      `/api/settings?scope=${DISTRICT}`,
    ]) {
      const res = await c.get(url);
      expect(res.statusCode, url).toBe(403);
      expect(errorCode(res), url).toBe('auth.out_of_scope');
      expect(res.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
  });

  it('sees only 莘庄镇 as its root and its own dashboard by default', async () => {
    const c = await signedIn(app, 'xinzhuang');
    const roots = (await c.get('/api/jurisdictions/roots')).json() as {
      items: Array<{ code: string; name: string }>;
    };
    expect(roots.items.map((r) => [r.code, r.name])).toEqual([[XINZHUANG, '莘庄镇']]);
    const dash = await c.get('/api/dashboard/summary');
    expect(dash.statusCode).toBe(200);
    expect(dash.json().scope).toMatchObject({ code: XINZHUANG, level: 'township' });
    expect((await c.get(`/api/dashboard/summary?scope=${XINZHUANG}`)).statusCode).toBe(200);
    const settings = await c.get('/api/settings');
    expect(settings.statusCode).toBe(200);
  });

  it("cannot change another street's or the district's settings", async () => {
    const c = await signedIn(app, 'xinzhuang');
    for (const scope of [QIBAO, DISTRICT]) {
      const res = await c.put(`/api/settings/${KEY}?scope=${scope}`, { value: 9 });
      expect(res.statusCode).toBe(403);
      expect(errorCode(res)).toBe('auth.out_of_scope');
    }
    const district = await signedIn(app, 'district');
    expect((await setting(district, QIBAO)).value).toBe(15);
    expect((await setting(district, DISTRICT)).value).toBe(15);
  });

  it('overrides a setting on its own street while other streets keep inheriting the district value', async () => {
    const district = await signedIn(app, 'district');
    expect((await district.put(`/api/settings/${KEY}?scope=${DISTRICT}`, { value: 12 })).statusCode).toBe(
      200,
    );

    const c = await signedIn(app, 'xinzhuang');
    const res = await c.put(`/api/settings/${KEY}`, { value: 10 }); // defaults to its own street
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ key: KEY, value: 10 });
    expect(await setting(c, XINZHUANG)).toMatchObject({ value: 10, definedHere: true, inheritedFrom: null });

    expect(await setting(district, XINZHUANG)).toMatchObject({
      value: 10,
      definedHere: true,
      inheritedFrom: null,
    });
    expect(await setting(district, QIBAO)).toMatchObject({
      value: 12,
      definedHere: false,
      inheritedFrom: { code: DISTRICT, name: '闵行区' },
    });
    expect(await setting(district, DISTRICT)).toMatchObject({ value: 12, definedHere: true });

    // A community below 莘庄镇 inherits from 莘庄镇, not from the district.
    const kids = (await district.get(`/api/jurisdictions/${XINZHUANG}/children`)).json() as {
      items: Array<{ code: string }>;
    };
    expect(await setting(district, kids.items[0]!.code)).toMatchObject({
      value: 10,
      inheritedFrom: { code: XINZHUANG, name: '莘庄镇' },
    });
    // 七宝镇's own staff see the district value too.
    expect(await setting(await signedIn(app, 'qibao'), QIBAO)).toMatchObject({
      value: 12,
      inheritedFrom: { code: DISTRICT },
    });
  });
});

describe('district staff see everything in the district', () => {
  it('reads every street', async () => {
    const c = await signedIn(app, 'district');
    for (const url of [
      `/api/jurisdictions/${XINZHUANG}/children`,
      `/api/jurisdictions/${QIBAO}/children`,
      `/api/jurisdictions/${DISTRICT}/children`,
      `/api/dashboard/summary?scope=${QIBAO}`,
      `/api/settings?scope=${QIBAO}`,
    ]) {
      expect((await c.get(url)).statusCode, url).toBe(200);
    }
    const roots = (await c.get('/api/jurisdictions/roots')).json() as { items: Array<{ code: string }> };
    expect(roots.items.map((r) => r.code)).toEqual([DISTRICT]);
    const children = (await c.get(`/api/jurisdictions/${DISTRICT}/children`)).json() as {
      items: Array<{ code: string }>;
    };
    expect(children.items.map((i) => i.code)).toEqual(expect.arrayContaining([XINZHUANG, QIBAO]));
    // The district dashboard counts more than one street's.
    const all = (await c.get('/api/dashboard/summary')).json();
    const one = (await c.get(`/api/dashboard/summary?scope=${XINZHUANG}`)).json();
    expect(all.counts.townships).toBeGreaterThan(one.counts.townships);
    expect(all.counts.deputies).toBeGreaterThan(one.counts.deputies);
  });
});

describe('roles that may read but not configure', () => {
  it.each(['dept1', 'deputy1', 'station1'])('%s cannot change settings anywhere', async (username) => {
    const c = await signedIn(app, username);
    for (const scope of [DISTRICT, XINZHUANG]) {
      const res = await c.put(`/api/settings/${KEY}?scope=${scope}`, { value: 5 });
      expect(res.statusCode).toBe(403);
      expect(errorCode(res)).toBe('auth.forbidden');
    }
    expect((await c.put(`/api/settings/${KEY}`, { value: 5 })).statusCode).toBe(403);
  });

  it('street staff cannot use administrator routes', async () => {
    const c = await signedIn(app, 'xinzhuang');
    for (const res of [
      await c.get('/api/accounts'),
      await c.get('/api/audit'),
      await c.post('/api/audit/verify'),
    ]) {
      expect(res.statusCode).toBe(403);
      expect(errorCode(res)).toBe('auth.forbidden');
    }
  });
});

describe('citizens', () => {
  it('cannot reach staff routes', async () => {
    const c = await citizen('13912345670', '10.0.0.21');
    expect((await c.get('/api/auth/me')).statusCode).toBe(200);
    for (const [method, url] of [
      ['GET', '/api/jurisdictions/roots'],
      ['GET', `/api/jurisdictions/${XINZHUANG}/children`],
      ['GET', '/api/dashboard/summary'],
      ['GET', '/api/settings'],
      ['PUT', `/api/settings/${KEY}`],
      ['GET', '/api/accounts'],
      ['GET', '/api/notifications/sms-outbox'],
      ['GET', '/api/calendar/years'],
      ['GET', '/api/audit'],
    ] as const) {
      const res = await c.request(method, url, method === 'PUT' ? { value: 1 } : undefined);
      expect(res.statusCode, url).toBe(403);
      expect(errorCode(res), url).toBe('auth.forbidden');
    }
    // The settings did not move.
    expect((await setting(await signedIn(app, 'district'), DISTRICT)).value).toBe(12);
  });
});
