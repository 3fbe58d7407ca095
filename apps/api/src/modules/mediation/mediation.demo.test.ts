import { and, eq, isNotNull } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { signedIn, startTestServer } from '../../../test/harness';
import { cases } from '../../kernel/db/kernel.schema';
import { JobRunner } from '../../kernel/jobs/runner';
import { activities } from '../activities/activities.schema';
import { suggestions } from '../suggestions/suggestions.schema';

const env = await startTestServer();
const { app, ctx } = env;
const { db } = ctx.database;

describe('demo 矛盾调解', () => {
  it('has a case in every stage at station1’s station, deputy1 mediating, and one finding turned into a suggestion', async () => {
    const station = await signedIn(app, 'station1');
    const list = (await station.get('/api/mediations?pageSize=50')).json();
    expect(list.items.map((i: { state: string }) => i.state).sort()).toEqual(
      ['agreed', 'closed', 'failed', 'mediating', 'registered', 'rejected'].sort(),
    );
    for (const i of list.items) expect(JSON.stringify(i)).not.toMatch(/1390000\d{4}/);
    const deputy = await signedIn(app, 'deputy1');
    const mine = (await deputy.get('/api/mediations?mine=1')).json();
    expect(mine.total).toBe(4);
    const closed = list.items.find((i: { state: string }) => i.state === 'closed');
    const d = (await station.get(`/api/mediations/${closed.id}`)).json();
    expect(d.sessions).toHaveLength(2);
    expect(d.performanceLabel).toBe('已履行');
    const from = (await deputy.get(`/api/suggestions/from-mediation/${d.findings[0].id}`)).json();
    expect(from.items).toHaveLength(1);
    const [s] = await db.select().from(suggestions).where(isNotNull(suggestions.sourceMediationFindingId));
    expect(s).toMatchObject({ origin: 'mediation', sourceMediationFindingId: d.findings[0].id });
    // The held mediations (agreed or failed) are deputy1's 调解 activities once the events are handled.
    await new JobRunner(ctx).drain();
    const held = await db
      .select({ id: activities.id })
      .from(activities)
      .where(and(eq(activities.kind, 'mediation'), eq(activities.sourceType, 'mediation_case')));
    expect(held.length).toBeGreaterThanOrEqual(4);
    const [c] = await db.select().from(cases).where(eq(cases.id, closed.id));
    expect(c!.trackingNo).toMatch(/^TJ\d{14}$/);
  });
});
