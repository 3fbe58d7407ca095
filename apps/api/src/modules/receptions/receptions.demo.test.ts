import { describe, expect, it } from 'vitest';
import { Client, startTestServer } from '../../../test/harness';
import { generateDemoRegion } from '../demo/generate';
import { stations } from '../stations/stations.schema';
import { seedReceptionsDemo } from './receptions.demo';
import { receptionRules } from './receptions.schema';

const env = await startTestServer();

describe('demo reception schedules', () => {
  it('gives every demo station a rule with its stationed deputies on the rota', async () => {
    const { ctx } = env;
    const region = await generateDemoRegion({ regionCode: ctx.config.REGION_CODE });
    const n = await ctx.database.db.transaction((tx) => seedReceptionsDemo(ctx, tx, region));
    expect(n).toBe(region.stations.length);
    const rules = await ctx.database.db.select().from(receptionRules);
    expect(new Set(rules.map((r) => JSON.stringify(r.rule))).size).toBe(3);
    const [s] = await ctx.database.db.select().from(stations).limit(1);
    const days = (
      await new Client(env.app).get(`/api/public/stations/${s!.publicCode}/reception-days`)
    ).json();
    expect(days.days.length).toBeGreaterThanOrEqual(2);
    expect(days.days[0].deputies).toHaveLength(1);
    expect(days.days[0].slots).toHaveLength(5);
  });
});
