import { and, eq, ne } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Client, errorCode, signedIn, startTestServer } from '../../../test/harness';
import { JobRunner } from '../../kernel/jobs/runner';
import { deputyMandates } from '../deputies/deputies.schema';
import { deputy1 } from '../opinions/opinions.fixtures';
import { stations } from '../stations/stations.schema';

// The screens' reads: which congresses and levels, and the list filters (test clock 2026-03-02).
const env = await startTestServer();
const { app, ctx } = env;
const { db } = ctx.database;
const C = '310112';
let district: Client;
let me: Awaited<ReturnType<typeof deputy1>>;

interface Congresses {
  deputyId: string | null;
  items: Array<{
    code: string;
    name: string;
    points: boolean;
    mine: boolean;
    levels: Array<{ level: string; label: string; deputies: number }>;
  }>;
}

beforeAll(async () => {
  await new JobRunner(ctx).drain();
  district = await signedIn(app, 'district');
  me = await deputy1(env);
});

describe('GET /api/activities/congresses', () => {
  it('district staff see their congress first, with its levels, and the townships below it', async () => {
    const r = await district.get('/api/activities/congresses');
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json() as Congresses;
    expect(body.deputyId).toBeNull();
    expect(body.items[0]).toMatchObject({ code: C, points: true, mine: false });
    expect(body.items[0]!.levels.map((l) => l.level)).toEqual(['county']);
    expect(body.items[0]!.levels[0]!.deputies).toBeGreaterThan(50);
    const townships = body.items.slice(1);
    expect(townships.length).toBeGreaterThan(0);
    expect(townships.every((t) => t.code.startsWith(C) && t.code.length > C.length)).toBe(true);
  });

  it('a township’s staff see their own congress and the district above (no district points)', async () => {
    const r = await (await signedIn(app, 'xinzhuang')).get('/api/activities/congresses');
    const body = r.json() as Congresses;
    const codes = body.items.map((i) => i.code);
    expect(codes[0]).toBe(C);
    expect(body.items[0]!.points).toBe(false);
    expect(body.items.slice(1).every((i) => i.points)).toBe(true);
    // No other township's congress.
    expect(new Set(codes.slice(1).map((c) => c.slice(0, 9))).size).toBe(1);
  });

  it('a deputy sees only their own congresses and levels', async () => {
    const r = await (await signedIn(app, 'deputy1')).get('/api/activities/congresses');
    const body = r.json() as Congresses;
    expect(body.deputyId).toBe(me.id);
    const held = await db
      .select({ code: deputyMandates.congressJurisdictionCode, level: deputyMandates.level })
      .from(deputyMandates)
      .where(eq(deputyMandates.deputyId, me.id));
    expect(body.items.map((i) => i.code).sort()).toEqual([...new Set(held.map((h) => h.code))].sort());
    for (const i of body.items) {
      expect(i.mine).toBe(true);
      expect(i.levels.map((l) => l.level)).toEqual(held.filter((h) => h.code === i.code).map((h) => h.level));
    }
  });

  it('refuses accounts without a staff or deputy role', async () => {
    const r = await (await signedIn(app, 'dept1')).get('/api/activities/congresses');
    expect(r.statusCode).toBe(403);
  });
});

describe('activity list filters and the station check', () => {
  let station: { id: string; jurisdictionCode: string };
  let other: string;

  beforeAll(async () => {
    [station] = (await db
      .select({ id: stations.id, jurisdictionCode: stations.jurisdictionCode })
      .from(stations)
      .where(eq(stations.regionCode, C))
      .limit(1)) as [typeof station];
    const [o] = await db
      .select({ id: deputyMandates.deputyId })
      .from(deputyMandates)
      .where(and(eq(deputyMandates.congressJurisdictionCode, C), ne(deputyMandates.deputyId, me.id)))
      .limit(1);
    other = o!.id;
    for (const [day, withStation] of [
      ['2026-01-05', true],
      ['2026-02-10', false],
      ['2026-02-20', true],
    ] as const) {
      const r = await district.post('/api/activities', {
        congressCode: C,
        kind: 'research',
        title: `过滤测试调研 ${day}`,
        day,
        ...(withStation ? { stationId: station.id } : {}),
        participants: [{ deputyId: other, attendance: 'present' }],
      });
      expect(r.statusCode, r.body).toBe(201);
      expect(r.json().stationId).toBe(withStation ? station.id : null);
    }
  });

  const titles = async (q: string) => {
    const r = await district.get(`/api/activities?kind=research&deputyId=${other}&pageSize=200&${q}`);
    expect(r.statusCode, r.body).toBe(200);
    return (r.json().items as Array<{ title: string }>)
      .map((i) => i.title)
      .filter((t) => t.startsWith('过滤测试'))
      .sort();
  };

  it('filters by a day range (inclusive), by station and by congress', async () => {
    expect(await titles('from=2026-02-01&to=2026-02-20')).toEqual([
      '过滤测试调研 2026-02-10',
      '过滤测试调研 2026-02-20',
    ]);
    expect(await titles(`stationId=${station.id}`)).toEqual([
      '过滤测试调研 2026-01-05',
      '过滤测试调研 2026-02-20',
    ]);
    expect(await titles(`stationId=${station.id}&to=2026-01-31`)).toEqual(['过滤测试调研 2026-01-05']);
    expect(await titles(`congressCode=${C}`)).toHaveLength(3);
    expect(await titles('congressCode=310112102')).toHaveLength(0);
  });

  it('refuses a bad day and a station that does not exist, changing nothing', async () => {
    const bad = await district.get('/api/activities?from=2026-2-1');
    expect(bad.statusCode).toBe(400);
    const before = (await district.get('/api/activities?pageSize=1')).json().total as number;
    const r = await district.post('/api/activities', {
      congressCode: C,
      kind: 'research',
      title: '不存在的联络站',
      day: '2026-02-11',
      stationId: '00000000-0000-7000-8000-000000000000',
      participants: [{ deputyId: other, attendance: 'present' }],
    });
    expect(r.statusCode).toBe(400);
    expect(errorCode(r)).toBe('activities.unknown_station');
    expect((await district.get('/api/activities?pageSize=1')).json().total).toBe(before);
  });

  it('refuses a station outside the congress it is registered for', async () => {
    // A township congress registering at a station of another township.
    const towns = (await district.get('/api/activities/congresses')).json() as Congresses;
    const township = towns.items[1]!.code;
    const rows = await db.select().from(stations).where(eq(stations.regionCode, C));
    const elsewhere = rows.find((s) => !s.jurisdictionCode.startsWith(township));
    expect(elsewhere).toBeDefined();
    const r = await district.post('/api/activities', {
      congressCode: township,
      kind: 'research',
      title: '跨镇联络站',
      day: '2026-02-11',
      stationId: elsewhere!.id,
      participants: [],
    });
    expect(errorCode(r)).toBe('activities.unknown_station');
  });
});
