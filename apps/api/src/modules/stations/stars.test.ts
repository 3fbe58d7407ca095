import { afterAll, describe, expect, it } from 'vitest';
import { type Client, errorCode, signedIn, startTestServer } from '../../../test/harness';
import type { Executor } from '../../kernel/db/client';
import { uuidv7 } from '../../kernel/ids';
import { bookings } from '../receptions/receptions.schema';
import { registerStationMetric, unregisterStationMetric } from './metrics';
import { computeStars, scoreItem, starsFor } from './stars';
import { stationsUnder } from './stations.repository';

const env = await startTestServer();
const { app, ctx } = env;
const REGION = '310112';
const QIBAO = '310112102';

type Stars = {
  stars: number;
  score: number;
  items: Array<{
    metric: string;
    value: number | null;
    points: number;
    evidence: {
      summary: string;
      items?: Array<{ label: string; date?: string; link?: string }>;
      link?: string;
    };
  }>;
  formula: { description: string; thresholds: number[]; from: { code: string } | null };
};

async function stars(c: Client, id: string, year = 2026): Promise<Stars> {
  const res = await c.get(`/api/stations/${id}/stars?year=${year}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

function booking(stationId: string, day: string, status: 'booked' | 'cancelled' | 'checked_in' | 'no_show') {
  return {
    regionCode: REGION,
    id: uuidv7(),
    stationId,
    day,
    slotStart: '09:00',
    nameEnc: ctx.vault.encrypt('张三'),
    phoneEnc: ctx.vault.encrypt('13800001234'),
    phoneHash: ctx.vault.blindIndex('13800001234'),
    topic: '小区停车',
    status,
    checkInCode: uuidv7().slice(-6),
  };
}

let stationId = '';

describe('star rating', () => {
  it('scores items by the published rule', () => {
    expect(scoreItem('higher', 6, 12)).toBe(0.5);
    expect(scoreItem('higher', 30, 12)).toBe(1);
    expect(scoreItem('lower', 5, 10)).toBe(1);
    expect(scoreItem('lower', 40, 10)).toBe(0.25);
    expect(scoreItem('lower', null, 10)).toBe(0);
    expect(starsFor(39.9, [40, 55, 70, 82, 92])).toBe(0);
    expect(starsFor(92, [40, 55, 70, 82, 92])).toBe(5);
  });

  it('a new station has no stars; its data earns them, exactly as computed by hand', async () => {
    const c = await signedIn(app, 'qibao');
    const created = await c.post('/api/stations', {
      name: '七宝镇测试联系点',
      kind: 'point',
      jurisdictionCode: QIBAO,
      address: '七宝镇七莘路 100 号',
    });
    stationId = created.json().id;
    expect(await stars(c, stationId)).toMatchObject({ stars: 0, score: 0 });

    // 6 of 9 checklist items met → 66.7 % → 30 × 0.667 = 20.0
    const keys = ['venue', 'sign', 'equipment', 'staff', 'rules', 'plan', 'activities'];
    for (const [i, key] of keys.entries()) {
      const res = await c.put(`/api/stations/${stationId}/checklist/${key}`, {
        met: i !== 5,
        checkedOn: `2026-02-1${i}`,
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    // 6 months planned → 15 × 6/12 = 7.5
    for (const m of [1, 2, 3, 4, 5, 6])
      await c.put(`/api/stations/${stationId}/plans/2026/${m}`, { theme: `主题${m}` });
    await c.put(`/api/stations/${stationId}/plans/2025/12`, { theme: '上一年' });
    // 3 deputies → 10 × 3/5 = 6
    const candidates = (await c.get(`/api/stations/${stationId}/deputy-candidates`)).json().items as Array<{
      id: string;
    }>;
    await c.put(`/api/stations/${stationId}/deputies`, {
      deputyIds: candidates.slice(0, 3).map((d) => d.id),
    });
    // Receptions: 2 days with a check-in (20 × 2/12 = 3.3), 3 served (10 × 3/24 = 1.3),
    // no-show 2 of 5 = 40 % against a 10 % target (10 × 10/40 = 2.5). Other statuses and years do not count.
    await env.database.db
      .insert(bookings)
      .values([
        booking(stationId, '2026-01-12', 'checked_in'),
        booking(stationId, '2026-01-12', 'checked_in'),
        booking(stationId, '2026-02-09', 'checked_in'),
        booking(stationId, '2026-02-09', 'no_show'),
        booking(stationId, '2026-02-23', 'no_show'),
        booking(stationId, '2026-02-23', 'cancelled'),
        booking(stationId, '2026-03-09', 'booked'),
        booking(stationId, '2025-12-08', 'checked_in'),
      ]);

    const r = await stars(c, stationId);
    const points = Object.fromEntries(r.items.map((i) => [i.metric, [i.value, i.points]]));
    expect(points).toEqual({
      'checklist.completion': [66.7, 20],
      'plans.months': [6, 7.5],
      'deputies.stationed': [3, 6],
      'staff.liaison': [0, 0],
      'receptions.days': [2, 3.3],
      'receptions.served': [3, 1.3],
      'receptions.noShowRate': [40, 2.5],
    });
    expect(r.score).toBe(40.6);
    expect(r.stars).toBe(1);
    expect(r.formula.description).toContain('满意度');
    expect(r.formula.from).toBeNull();

    const days = r.items.find((i) => i.metric === 'receptions.days')!.evidence;
    expect(days.items!.map((d) => d.date)).toEqual(['2026-01-12', '2026-02-09']);
    expect(days.items![0]!.link).toBe(`/console/receptions?station=${stationId}&day=2026-01-12`);
    const checklist = r.items.find((i) => i.metric === 'checklist.completion')!.evidence;
    expect(checklist.summary).toBe('建设标准 9 项中达标 6 项');
    expect(checklist.link).toBe(`/console/stations?id=${stationId}&tab=checklist`);
    expect(r.items.find((i) => i.metric === 'plans.months')!.evidence.items).toHaveLength(6);

    // The previous year counts only its own data.
    const y2025 = await stars(c, stationId, 2025);
    expect(y2025.items.find((i) => i.metric === 'receptions.days')!.value).toBe(1);
    expect(y2025.items.find((i) => i.metric === 'plans.months')!.value).toBe(1);
  });

  it('ranks the stations of a jurisdiction for congress staff', async () => {
    const district = await signedIn(app, 'district');
    const all = (await district.get('/api/stations/ranking?year=2026')).json() as {
      items: Array<{ id: string; rank: number; score: number; townshipName: string }>;
    };
    expect(all.items.length).toBe(19);
    const ours = all.items.find((s) => s.id === stationId)!;
    expect(ours).toMatchObject({ score: 40.6, townshipName: '七宝镇' });
    expect(ours.rank).toBe(all.items.filter((s) => s.score > 40.6).length + 1);
    for (let i = 1; i < all.items.length; i++)
      expect(all.items[i]!.score).toBeLessThanOrEqual(all.items[i - 1]!.score);
    const street = await signedIn(app, 'xinzhuang');
    const own = (await street.get('/api/stations/ranking')).json() as { items: Array<{ id: string }> };
    expect(own.items.length).toBeGreaterThan(0);
    expect(own.items.some((s) => s.id === stationId)).toBe(false);
    expect(errorCode(await street.get(`/api/stations/ranking?scope=${QIBAO}`))).toBe('auth.out_of_scope');
  });
});

describe('metric registry', () => {
  afterAll(() => unregisterStationMetric('test.opinions'));

  it('a later module adds a metric and a street names it in its formula', async () => {
    const calls: number[] = [];
    registerStationMetric(
      'test.opinions',
      '收集群众意见',
      async (_exec, _region, ids) => {
        calls.push(ids.length);
        return new Map(
          ids.map((id) => [id, { value: 7, summary: '收集意见 7 件', items: [{ label: '停车难' }] }]),
        );
      },
      { unit: '件' },
    );
    const c = await signedIn(app, 'qibao');
    const unknown = await c.put('/api/settings/stations.starFormula', {
      value: {
        description: 'x',
        items: [{ metric: 'nope', weight: 10, target: 1 }],
        thresholds: [1, 2, 3, 4, 5],
      },
    });
    expect(errorCode(unknown)).toBe('settings.invalid_value');
    expect(unknown.json().error.details[0].message).toBe('未知的指标');

    const formula = {
      description: '试行：意见收集占 80 分，进站代表占 20 分',
      items: [
        { metric: 'test.opinions', weight: 80, target: 7 },
        { metric: 'deputies.stationed', weight: 20, target: 6 },
      ],
      thresholds: [20, 40, 60, 80, 95],
    };
    expect((await c.put('/api/settings/stations.starFormula', { value: formula })).statusCode).toBe(200);
    const r = await stars(c, stationId);
    expect(r.items.map((i) => [i.metric, i.points])).toEqual([
      ['test.opinions', 80],
      ['deputies.stationed', 10],
    ]);
    expect(r).toMatchObject({ score: 90, stars: 4, formula: { from: { code: QIBAO } } });
    expect(r.items[0]!.evidence.items).toEqual([{ label: '停车难' }]);

    // In a district ranking the metric runs once for all the stations whose formula names it.
    calls.length = 0;
    const district = await signedIn(app, 'district');
    const ranking = (await district.get('/api/stations/ranking?year=2026')).json() as {
      items: Array<{ id: string; score: number }>;
    };
    const qibaoStations = (await district.get(`/api/stations?township=${QIBAO}&active=true`)).json()
      .total as number;
    expect(calls).toEqual([qibaoStations]);
    expect(ranking.items.find((s) => s.id === stationId)!.score).toBe(90);
  });
});

describe('no N+1', () => {
  /** Counts the statements an executor starts (each query begins with one of these calls). */
  function counting(exec: Executor): { exec: Executor; count: () => number } {
    let n = 0;
    const proxy = new Proxy(exec, {
      get(target, prop, receiver) {
        const v = Reflect.get(target, prop, receiver);
        if (['select', 'selectDistinct', 'execute', 'insert', 'update', 'delete'].includes(String(prop))) {
          return (...args: unknown[]) => {
            n++;
            return (v as (...a: unknown[]) => unknown).apply(target, args);
          };
        }
        return v;
      },
    });
    return { exec: proxy, count: () => n };
  }

  it('computing stars for 19 stations takes as many queries as for one', async () => {
    const all = await stationsUnder(ctx.database.db, REGION, { paths: ['/31/3101/310112/'] });
    expect(all.length).toBe(19);
    const one = counting(ctx.database.db);
    await computeStars(one.exec, REGION, all.slice(0, 1), 2026);
    const many = counting(ctx.database.db);
    const results = await computeStars(many.exec, REGION, all, 2026);
    expect(results.size).toBe(19);
    expect(many.count()).toBe(one.count());
    expect(many.count()).toBeLessThanOrEqual(12);
  });
});
