import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { errorCode, signedIn, startTestServer } from '../../../test/harness';
import { forgetReachIndex } from './reach.cache';
import { C, GRID_A, GRID_B, KM, P0, seedReachFixture, T } from './reach.fixtures';

const env = await startTestServer();
const { app, ctx } = env;
await seedReachFixture(ctx);

const get = async (url: string) => {
  const res = await app.inject({ method: 'GET', url });
  return { status: res.statusCode, body: res.json() };
};
type Found = {
  code: string;
  name: string;
  distanceMeters: number | null;
  via: { kind: string; name: string } | null;
};

describe('nearest', () => {
  it('orders stations and deputies by distance, with exact metres, skipping inactive ones', async () => {
    const lat = P0.lat + 0.1 * KM;
    const { status, body } = await get(`/api/public/find/nearest?lat=${lat}&lng=${P0.lng}&limit=3`);
    expect(status).toBe(200);
    const stations = body.stations as Found[];
    expect(stations.map((s) => s.code)).toEqual(['tsta0001', 'tsta0003', expect.any(String)]);
    expect(stations[0]!.distanceMeters).toBe(100);
    expect(stations[1]!.distanceMeters).toBe(4900);
    // The third is a demo station ~65 km away: the inactive station at 1.9 km is never listed.
    expect(stations[2]!.distanceMeters).toBeGreaterThan(50_000);
    const deputies = body.deputies as Found[];
    // D1 at grid A / S1 (100 m); D2 and D6 at grid B (1.9 km); D5 resigned, D4 placed nowhere.
    expect(deputies[0]!.name).toBe('甲律师');
    expect(new Set(deputies.slice(1).map((d) => d.name))).toEqual(new Set(['乙律师', '己律师']));
    expect(deputies.map((d) => d.distanceMeters)).toEqual([100, 1900, 1900]);
    expect(deputies[1]!.via).toEqual({ kind: 'grid', name: '测试第2网格', stationCode: null });
  });

  it('refuses coordinates that are not on Earth', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/public/find/nearest?lat=91&lng=121' });
    expect(res.statusCode).toBe(400);
    expect(errorCode(res)).toBe('common.validation');
  });

  it('sees an edit within the refresh window once the index is forgotten', async () => {
    await ctx.database.db.execute(sql`update stations set active = false where public_code = 'tsta0001'`);
    forgetReachIndex(ctx);
    const { body } = await get(`/api/public/find/nearest?lat=${P0.lat}&lng=${P0.lng}&limit=1`);
    expect(body.stations[0].code).toBe('tsta0003');
    await ctx.database.db.execute(sql`update stations set active = true where public_code = 'tsta0001'`);
    forgetReachIndex(ctx);
  });
});

describe('by area', () => {
  it('a grid: its deputies, then those stationed in its community; community and township stations', async () => {
    const { status, body } = await get(`/api/public/find/by-area?grid=${GRID_A}`);
    expect(status).toBe(200);
    expect(body.area).toEqual({
      code: GRID_A,
      name: '测试第1网格',
      level: 'grid',
      communityName: '测试社区',
      townshipName: '测试镇',
    });
    expect((body.deputies as Found[]).map((d) => [d.name, d.via?.kind])).toEqual([
      ['甲律师', 'grid'],
      ['丙医生', 'station'],
    ]);
    expect((body.stations as Found[]).map((s) => s.code)).toEqual(['tsta0001', 'tsta0003']);
  });

  it('a community: deputies of all its grids, then those stationed inside it', async () => {
    const { body } = await get(`/api/public/find/by-area?community=${C}`);
    const deputies = body.deputies as Found[];
    expect(deputies.slice(0, 3).map((d) => d.via?.kind)).toEqual(['grid', 'grid', 'grid']);
    expect(new Set(deputies.slice(0, 3).map((d) => d.name))).toEqual(new Set(['甲律师', '乙律师', '己律师']));
    expect(deputies.slice(3).map((d) => [d.name, d.via?.kind])).toEqual([['丙医生', 'station']]);
  });

  it('asks for exactly one area and knows unknown codes', async () => {
    expect((await get('/api/public/find/by-area')).status).toBe(400);
    expect((await get(`/api/public/find/by-area?grid=${GRID_A}&community=${C}`)).status).toBe(400);
    const missing = await app.inject({ method: 'GET', url: '/api/public/find/by-area?grid=310112999009009' });
    expect(errorCode(missing)).toBe('reach.area_not_found');
  });

  it('lists communities and grids for choosing by hand', async () => {
    expect((await get(`/api/public/areas?parent=${T}`)).body.items).toEqual([
      { code: C, name: '测试社区', level: 'community' },
    ]);
    expect(
      (await get(`/api/public/areas?parent=${C}`)).body.items.map((a: { code: string }) => a.code),
    ).toContain(GRID_B);
  });
});

const FIXTURE_NAMES = new Set(['甲律师', '乙律师', '丙医生', '丁代表', '戊已辞职', '己律师']);

describe('expertise', () => {
  type Ranked = Found & { score: number; reasons: string[] };
  it('ranks by score, then by distance when a place is given', async () => {
    const near = (n: number) => `&lat=${P0.lat + n * KM}&lng=${P0.lng}`;
    const atA = (
      await get(`/api/public/find/expertise?q=${encodeURIComponent('物业纠纷')}${near(0)}&limit=50`)
    ).body;
    expect(atA.tags).toEqual(['法律']);
    // The demo district's deputies carry expertise too: look at the fixture's among them.
    const mine = (list: Ranked[]) => list.filter((d) => FIXTURE_NAMES.has(d.name));
    const scores = (atA.deputies as Ranked[]).map((d) => d.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(mine(atA.deputies).map((d) => [d.name, d.score])).toEqual([
      ['甲律师', 4],
      ['己律师', 4],
      ['乙律师', 1],
    ]);
    // Equal scores: the nearer deputy first (己律师 is at grid B, 2 km north).
    const atB = (
      await get(`/api/public/find/expertise?q=${encodeURIComponent('物业纠纷')}${near(2)}&limit=50`)
    ).body;
    expect(mine(atB.deputies).map((d) => d.name)).toEqual(['己律师', '甲律师', '乙律师']);
    // Lawyers without the tag follow (the demo district has some), never the resigned deputy.
    const names = (atA.deputies as Ranked[]).map((d) => d.name);
    expect(names).toContain('乙律师');
    expect(names).not.toContain('戊已辞职');
    expect((atA.deputies as Ranked[]).find((d) => d.name === '乙律师')?.reasons).toEqual(['职业：律师']);
  });

  it('uses the congress dictionary from settings', async () => {
    const staff = await signedIn(app, 'district');
    const put = await staff.put('/api/settings/deputies.expertiseKeywords', {
      value: [{ tag: '医疗卫生', keywords: ['物业纠纷'], occupations: [] }],
    });
    expect(put.statusCode).toBe(200);
    const { body } = await get(`/api/public/find/expertise?q=${encodeURIComponent('物业纠纷')}`);
    expect(body.tags).toEqual(['医疗卫生']);
    const names = (body.deputies as Ranked[]).map((d) => d.name);
    expect(names).toContain('丙医生');
    expect(names).not.toContain('甲律师');
  });
});

describe('map config', () => {
  it('has no tiles unless configured', async () => {
    expect((await get('/api/public/map-config')).body).toEqual({ tileUrl: null, attribution: null });
  });
});
