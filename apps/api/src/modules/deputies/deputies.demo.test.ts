import { describe, expect, it } from 'vitest';
import { signedIn, startTestServer } from '../../../test/harness';
import { generateDemoRegion } from '../demo/generate';
import { deputiesDemoSeeded, seedDeputiesDemo } from './deputies.demo';

const env = await startTestServer();
const { app, ctx } = env;

type Item = {
  occupationCategory: string;
  expertise: string[];
  professionalGroups: string[];
  grids: Array<{ code: string }>;
  jurisdictionCode: string;
  mandates: Array<{ level: string }>;
};

describe('demo enrichment', () => {
  it('gives deputies fitting expertise, groups, grids in their township, observers and 双联系 pairs', async () => {
    // Once the demo seed calls seedDeputiesDemo the template already has it: do not add it twice.
    if (!(await deputiesDemoSeeded(ctx, ctx.config.REGION_CODE))) {
      const region = await generateDemoRegion({ regionCode: ctx.config.REGION_CODE });
      await ctx.database.db.transaction((tx) => seedDeputiesDemo(ctx, tx, region));
    }
    const c = await signedIn(app, 'district');
    const lawyers = (await c.get(`/api/deputies?tag=${encodeURIComponent('法律')}&pageSize=100`)).json() as {
      items: Item[];
    };
    expect(lawyers.items.length).toBeGreaterThan(0);
    for (const d of lawyers.items) {
      expect(d.occupationCategory).toBe('律师');
      expect(d.professionalGroups).toContain('法制');
    }
    const page = (await c.get('/api/deputies?level=township&pageSize=100')).json() as { items: Item[] };
    for (const d of page.items) {
      expect(d.grids.length).toBeGreaterThanOrEqual(1);
      expect(d.grids.length).toBeLessThanOrEqual(3);
      for (const g of d.grids) expect(g.code.startsWith(d.jurisdictionCode.slice(0, 9))).toBe(true);
    }
    expect((await c.get('/api/observers')).json().items.length).toBe(6);
    const pairs = (await c.get('/api/liaison-pairs')).json() as { items: Array<{ lastContactOn: string }> };
    expect(pairs.items.length).toBe(7);
    expect(pairs.items.every((p) => p.lastContactOn)).toBe(true);

    // The demo may have been seeded at any date: two years on, every pair is overdue, reminded once.
    env.clock.set(new Date(Date.now() + 2 * 365 * 86400_000));
    await env.server.runner.drain();
    await env.server.runner.drain();
    const later = await signedIn(app, 'district');
    const overdue = (await later.get('/api/liaison-pairs')).json() as { items: Array<{ overdue: boolean }> };
    expect(overdue.items.filter((p) => p.overdue)).toHaveLength(7);
    const inbox = (await later.get('/api/notifications/inbox')).json() as { items: Array<{ title: string }> };
    expect(inbox.items.filter((n) => n.title === '双联系提醒')).toHaveLength(7);
  });
});
