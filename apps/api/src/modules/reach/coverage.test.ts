import { describe, expect, it } from 'vitest';
import { Client, errorCode, signedIn, startTestServer } from '../../../test/harness';
import { forgetReachIndex } from './reach.cache';
import { GRID_B, seedReachFixture, T } from './reach.fixtures';

const env = await startTestServer();
const { app, ctx } = env;
await seedReachFixture(ctx);
const district = await signedIn(app, 'district');

describe('coverage (十五分钟民主服务圈)', () => {
  it('finds the grid 2 km from the nearest active station and the deputy with no grid or station', async () => {
    const res = await district.get(`/api/coverage?scope=${T}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.radiusMeters).toBe(1500);
    expect(body.summary).toEqual({
      grids: { total: 3, covered: 2, uncovered: 1, noLocation: 0 },
      communities: { total: 1, covered: 1, uncovered: 0, noLocation: 0 },
      deputies: { total: 5, unassigned: 1 },
      stations: { total: 2, noLocation: 0 },
    });
    // The inactive station standing on grid B does not cover it.
    expect(body.uncoveredGrids).toEqual([
      expect.objectContaining({
        code: GRID_B,
        parentName: '测试社区',
        nearestStation: { code: 'tsta0001', name: '测试镇人大代表之家' },
        distanceMeters: 2000,
      }),
    ]);
    expect(body.unassignedDeputies.map((d: { name: string }) => d.name)).toEqual(['丁代表']);
    expect(body.stations.map((s: { code: string }) => s.code).sort()).toEqual(['tsta0001', 'tsta0003']);
  });

  it('follows the congress’s radius setting', async () => {
    const put = await district.put(`/api/settings/coverage.radiusMeters?scope=${T}`, { value: 2500 });
    expect(put.statusCode).toBe(200);
    forgetReachIndex(ctx);
    const body = (await district.get(`/api/coverage?scope=${T}`)).json();
    expect(body.radiusMeters).toBe(2500);
    expect(body.summary.grids).toMatchObject({ covered: 3, uncovered: 0 });
  });

  it('reports the whole district for district staff, within scope only', async () => {
    const body = (await district.get('/api/coverage')).json();
    expect(body.scope.code).toBe('310112');
    expect(body.summary.grids.total).toBeGreaterThan(200);
    expect(body.summary.grids.covered + body.summary.grids.uncovered).toBe(body.summary.grids.total);
    // The fixture's deputy with no grid and no active station is among the district's.
    expect(body.unassignedDeputies.map((d: { name: string }) => d.name)).toContain('丁代表');
    const town = await signedIn(app, 'xinzhuang');
    expect(errorCode(await town.get(`/api/coverage?scope=${T}`))).toBe('auth.out_of_scope');
    expect((await new Client(app).get('/api/coverage')).statusCode).toBe(401);
  });
});
