import { describe, expect, it } from 'vitest';
import { type Client, errorCode, signedIn, startTestServer } from '../../../test/harness';
import { generateDemoRegion } from '../demo/generate';
import { deputiesDemoSeeded, seedDeputiesDemo } from './deputies.demo';
import { monthsAfter } from './liaison.usecases';

const env = await startTestServer();
const { app, clock, ctx } = env;
const runner = env.server.runner;
// Run with the demo observers and pairs present, as on a demo installation.
if (!(await deputiesDemoSeeded(ctx, ctx.config.REGION_CODE))) {
  const region = await generateDemoRegion({ regionCode: ctx.config.REGION_CODE });
  await ctx.database.db.transaction((tx) => seedDeputiesDemo(ctx, tx, region));
}
const OURS = /李委员|赵局长/;

async function deputies(c: Client): Promise<Array<{ id: string; name: string }>> {
  return ((await c.get('/api/deputies')).json() as { items: Array<{ id: string; name: string }> }).items;
}

async function reminders(username: string): Promise<string[]> {
  const c = await signedIn(app, username);
  const inbox = (await c.get('/api/notifications/inbox')).json() as {
    items: Array<{ title: string; body: string }>;
  };
  return inbox.items.filter((n) => n.title === '双联系提醒' && OURS.test(n.body)).map((n) => n.body);
}

describe('calendar months', () => {
  it('adds months and clamps to the end of a shorter month', () => {
    expect(monthsAfter('2026-03-02', 6).toISOString()).toBe('2026-09-02T01:00:00.000Z');
    expect(monthsAfter('2026-08-31', 6).toISOString()).toBe('2027-02-28T01:00:00.000Z');
  });
});

describe('民情观察员', () => {
  it('are created in scope, paired with deputies, and show masked phones only', async () => {
    const c = await signedIn(app, 'xinzhuang');
    const [d1, d2] = await deputies(c);
    const bad = await c.post('/api/observers', { jurisdictionCode: '310112101', name: '', kind: 'x' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('请输入姓名');
    const created = await c.post('/api/observers', {
      jurisdictionCode: '310112101',
      name: '王网格',
      kind: 'grid_worker',
      phone: '13711112222',
    });
    expect(created.statusCode).toBe(201);
    const { id } = created.json() as { id: string };
    expect((await c.put(`/api/observers/${id}/deputies`, { deputyIds: [d1!.id, d2!.id] })).statusCode).toBe(
      200,
    );
    const list = await c.get('/api/observers');
    expect(list.body).not.toContain('13711112222');
    expect(list.json().items[0]).toMatchObject({
      name: '王网格',
      kindLabel: '网格员',
      phoneMasked: '137****2222',
    });
    expect(list.json().items[0].deputies).toHaveLength(2);
    const qibao = await signedIn(app, 'qibao');
    expect(errorCode(await qibao.put(`/api/observers/${id}/deputies`, { deputyIds: [] }))).toBe(
      'auth.out_of_scope',
    );
    expect((await qibao.get('/api/observers')).body).not.toContain('王网格');
  });
});

describe('双联系 reminders', () => {
  it('fire once after six months without contact, and not after a visit', async () => {
    let c = await signedIn(app, 'xinzhuang');
    const [, , d3, d4] = await deputies(c);
    const a = (
      await c.post('/api/liaison-pairs', {
        kind: 'committee_member',
        memberName: '李委员',
        memberTitle: '常委',
        deputyId: d3!.id,
      })
    ).json() as { id: string };
    const b = (
      await c.post('/api/liaison-pairs', { kind: 'department_head', memberName: '赵局长', deputyId: d4!.id })
    ).json() as { id: string };
    expect(
      errorCode(
        await (await signedIn(app, 'qibao')).post(`/api/liaison-pairs/${a.id}/visits`, {
          visitedOn: '2026-03-02',
          mode: 'visit',
          summary: '走访',
        }),
      ),
    ).toBe('auth.out_of_scope');

    clock.set('2026-07-30T10:00:00+08:00');
    c = await signedIn(app, 'xinzhuang');
    const future = await c.post(`/api/liaison-pairs/${b.id}/visits`, {
      visitedOn: '2026-08-30',
      mode: 'visit',
      summary: '走访',
    });
    expect(errorCode(future)).toBe('deputies.visit_in_future');
    const visit = await c.post(`/api/liaison-pairs/${b.id}/visits`, {
      visitedOn: '2026-07-30',
      mode: 'meeting',
      summary: '座谈了解企业诉求',
    });
    expect(visit.statusCode).toBe(201);
    await runner.drain();
    expect(await reminders('xinzhuang')).toEqual([]);

    clock.set('2026-09-03T10:00:00+08:00');
    await runner.drain();
    await runner.drain();
    const mine = await reminders('xinzhuang');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toContain('常委会组成人员李委员（常委）');
    expect(mine[0]).toContain(d3!.name);
    expect(await reminders('district')).toHaveLength(1);
    expect(await reminders('qibao')).toEqual([]);

    c = await signedIn(app, 'xinzhuang');
    const pairs = (await c.get('/api/liaison-pairs')).json() as {
      items: Array<{ id: string; overdue: boolean; lastContactOn: string | null }>;
    };
    expect(pairs.items.find((p) => p.id === a.id)).toMatchObject({ overdue: true, lastContactOn: null });
    expect(pairs.items.find((p) => p.id === b.id)).toMatchObject({
      overdue: false,
      lastContactOn: '2026-07-30',
    });
    const visits = (await c.get(`/api/liaison-pairs/${b.id}/visits`)).json() as {
      items: Array<{ summary: string }>;
    };
    expect(visits.items.map((v) => v.summary)).toEqual(['座谈了解企业诉求']);

    // Six months after the visit, pair B is reminded too; pair A is not reminded twice.
    clock.set('2027-01-31T10:00:00+08:00');
    await runner.drain();
    const later = await reminders('xinzhuang');
    expect(later).toHaveLength(2);
    expect(later.filter((b) => b.includes('李委员'))).toHaveLength(1);
    expect(later.find((b) => b.includes('赵局长'))).toContain('上次联系：2026-07-30');
  });
});
