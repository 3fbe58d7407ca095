import { describe, expect, it } from 'vitest';
import { signedIn, startTestServer } from '../../../test/harness';
import { generateDemoRegion } from '../demo/generate';
import { seedStationsDemo } from './stations.demo';
import { stationChecklistItems } from './stations.schema';

const env = await startTestServer();
const { app, ctx } = env;

describe('stations demo data', () => {
  it("fills details, checklists, plans and the liaison link of 'station1'", async () => {
    // The template database may already hold this data (when seedDemoRegion calls seedStationsDemo).
    const [seeded] = await ctx.database.db.select().from(stationChecklistItems).limit(1);
    if (!seeded) {
      const region = await generateDemoRegion({ regionCode: ctx.config.REGION_CODE });
      await ctx.database.db.transaction((tx) => seedStationsDemo(ctx, tx, region));
    }

    const district = await signedIn(app, 'district');
    const list = (await district.get('/api/stations?pageSize=100')).json() as {
      items: Array<{ id: string; basis: string; phone: string | null; staffCount: number }>;
    };
    expect(list.items.every((s) => /^021-64\d{6}$/.test(s.phone ?? ''))).toBe(true);
    expect(new Set(list.items.map((s) => s.basis)).size).toBeGreaterThan(1);
    const linked = list.items.filter((s) => s.staffCount > 0);
    expect(linked).toHaveLength(1);

    const home = linked[0]!.id;
    const liaison = await signedIn(app, 'station1');
    const detail = (await liaison.get(`/api/stations/${home}`)).json() as { can: { edit: boolean } };
    expect(detail.can.edit).toBe(true);
    const checklist = (await district.get(`/api/stations/${home}/checklist`)).json() as {
      summary: { met: number; total: number };
      items: Array<{ checkedOn: string }>;
    };
    expect(checklist.summary).toEqual({ met: 9, total: 9, percent: 100 });
    for (const i of checklist.items) expect(i.checkedOn < '2026-03-02').toBe(true);
    const plans = (await district.get(`/api/stations/${home}/plans?year=2026`)).json() as {
      items: Array<{ month: number; theme: string }>;
    };
    expect(plans.items).toHaveLength(12);
    expect(plans.items.map((p) => p.theme)).toContain('垃圾分类');
    const stars = (await district.get(`/api/stations/${home}/stars?year=2026`)).json() as { stars: number };
    expect(stars.stars).toBeGreaterThanOrEqual(1);
  });
});
