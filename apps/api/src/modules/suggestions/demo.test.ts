import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { signedIn, startTestServer } from '../../../test/harness';

// The demo seed (in the test template) drives suggestions through the real commands.
const env = await startTestServer();

describe('demo suggestions', () => {
  it('exist in every state, with history, and the published ones are on the portal', async () => {
    const rows = (await env.ctx.database.db.execute(
      sql`select state, count(*)::int as n from cases where case_type = 'suggestions' group by state order by state`,
    )) as unknown as Array<{ state: string; n: number }>;
    expect(rows.map((r) => r.state)).toEqual(
      expect.arrayContaining([
        'draft',
        'registered',
        'assigned',
        'rehandling',
        'follow_up',
        'closed',
        'letter',
      ]),
    );
    const district = await signedIn(env.app, 'district');
    const list = (await district.get('/api/suggestions?pageSize=50')).json();
    expect(list.total).toBeGreaterThanOrEqual(6);
    const key = list.items.find((i: { keyYear: number | null }) => i.keyYear === 2026);
    expect(key).toMatchObject({ state: 'follow_up', answerCategory: 'B', promisedOn: '2026-10-31' });
    const pub = (await env.app.inject({ url: '/api/public/suggestions' })).json();
    expect(pub.total).toBe(2);
    const mine = (await (await signedIn(env.app, 'deputy1')).get('/api/suggestions?pageSize=50')).json();
    expect(mine.items.some((i: { state: string }) => i.state === 'draft')).toBe(true);
    // 公益诉讼衔接: procurator1 sees the clue handed to it and its pending recommendation.
    const proc = await signedIn(env.app, 'procurator1');
    const clues = (await proc.get('/api/procuratorate/suggestions')).json();
    expect(clues.items.map((i: { pilStatus: string }) => i.pilStatus)).toEqual(['handed']);
    const recs = (await proc.get('/api/procuratorate/recommendations')).json();
    expect(recs.items).toMatchObject([{ reference: '闵检行公建〔2026〕3号', converted: false }]);
  });
});
