import { and, eq, like } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Client, errorCode, signedIn, startTestServer } from '../../../test/harness';
import { auditLog, caseHistory, cases } from '../../kernel/db/kernel.schema';
import { observers } from '../deputies/deputies.schema';
import { jurisdictions } from '../jurisdictions/jurisdictions.schema';
import { citizen } from '../receptions/receptions.fixtures';
import { opinions } from './opinions.schema';

// Monday 2026-03-02 09:00 China time, on the demo district (闵行区, 莘庄镇 = 310112101).
const env = await startTestServer();
const { app, ctx } = env;
const { db } = ctx.database;
const XINZHUANG = '310112101';
let town: Client;
let qibao: Client;
let district: Client;
let me: Client;

const lamp = {
  title: '小区门口路灯不亮',
  description: '小区南门外三盏路灯已经坏了两周，晚上出行很不安全，请尽快修复。',
};

/** A submission is filed inline in tests (INTAKE_MODE=inline): its opinion row is there at once. */
const rowOf = async (id: string) => (await db.select().from(opinions).where(eq(opinions.caseId, id)))[0]!;

async function community(townshipCode: string) {
  const [c] = await db
    .select()
    .from(jurisdictions)
    .where(and(eq(jurisdictions.parentCode, townshipCode), eq(jurisdictions.level, 'community')))
    .orderBy(jurisdictions.code)
    .limit(1);
  return c!;
}

beforeAll(async () => {
  town = await signedIn(app, 'xinzhuang');
  qibao = await signedIn(app, 'qibao');
  district = await signedIn(app, 'district');
  me = await citizen(env, '13900005501');
});

describe('where a portal opinion belongs', () => {
  it('needs a street/community or a point unless it is addressed to a deputy or station', async () => {
    const res = await me.post('/api/public/opinions', lamp);
    expect(errorCode(res)).toBe('opinions.location_required');
    expect(res.json().error.message).toContain('街道');
  });

  it('files a community chosen on the form at that township and community, for the street to see', async () => {
    const c = await community(XINZHUANG);
    const res = await me.post('/api/public/opinions', { ...lamp, areaCode: c.code });
    expect(res.statusCode, res.body).toBe(201);
    expect(await rowOf(res.json().id)).toMatchObject({ townshipCode: XINZHUANG, communityCode: c.code });
    const queue = (await town.get('/api/opinions?phase=intake&pageSize=200')).json();
    expect(queue.items.map((i: { id: string }) => i.id)).toContain(res.json().id);
    expect((await qibao.get('/api/opinions?phase=intake&pageSize=200')).body).not.toContain(res.json().id);
  });

  it('refuses an unknown area and a point outside the region, in Chinese', async () => {
    expect(errorCode(await me.post('/api/public/opinions', { ...lamp, areaCode: '110101001' }))).toBe(
      'opinions.outside_region',
    );
    // 北京天安门: far from every place of the district.
    const far = await me.post('/api/public/opinions', { ...lamp, lat: 39.9087, lng: 116.3975 });
    expect(errorCode(far)).toBe('opinions.point_outside_region');
    expect(far.json().error.message).toContain('不在本区范围内');
    const located = await app.inject({ url: '/api/public/locate?lat=39.9087&lng=116.3975' });
    expect(located.statusCode).toBe(400);
    expect(located.json().error.code).toBe('opinions.point_outside_region');
  });

  it('locates a point in the region to its township, community and grid, and files it there', async () => {
    const [grid] = await db
      .select()
      .from(jurisdictions)
      .where(and(eq(jurisdictions.level, 'grid'), like(jurisdictions.path, `%/${XINZHUANG}/%`)))
      .limit(1);
    const { lat, lng } = { lat: grid!.lat!, lng: grid!.lng! };
    const located = await app.inject({ url: `/api/public/locate?lat=${lat}&lng=${lng}` });
    expect(located.statusCode, located.body).toBe(200);
    expect(located.json()).toMatchObject({ township: { code: XINZHUANG }, grid: { code: grid!.code } });
    expect(located.json().community.name).toBeTruthy();
    const res = await me.post('/api/public/opinions', { ...lamp, lat, lng });
    expect(res.statusCode, res.body).toBe(201);
    expect(await rowOf(res.json().id)).toMatchObject({ townshipCode: XINZHUANG, gridCode: grid!.code });
  });

  it('resolves a township named in the address of an opinion that gave no place of its own', async () => {
    // A walk-in recorded by district staff with only the address typed in.
    const res = await district.post('/api/opinions', {
      channel: 'walk_in',
      ...lamp,
      address: '莘庄镇莘松路100弄南门',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect((await rowOf(res.json().id)).townshipCode).toBe(XINZHUANG);
  });
});

/** An observer of a 莘庄 community (a grid worker), registered by the district's staff. */
let observerRow: typeof observers.$inferSelect | undefined;
async function observer() {
  if (observerRow) return observerRow;
  const c = await community(XINZHUANG);
  const res = await district.post('/api/observers', {
    jurisdictionCode: c.code,
    name: '孙网格',
    kind: 'grid_worker',
  });
  expect(res.statusCode, res.body).toBe(201);
  [observerRow] = await db.select().from(observers).where(eq(observers.id, res.json().id));
  return observerRow!;
}

describe('民情观察员上报 (observer channel)', () => {
  it('staff record a report for an observer of their street, located at the observer’s area', async () => {
    const obs = await observer();
    const res = await town.post('/api/opinions', {
      channel: 'observer',
      observerId: obs.id,
      title: '河道漂浮垃圾较多',
      description: '网格巡查发现河道内漂浮垃圾较多，气味明显，影响周边居民。',
    });
    expect(res.statusCode, res.body).toBe(201);
    const row = await rowOf(res.json().id);
    expect(row).toMatchObject({ channel: 'observer', observerId: obs.id, townshipCode: XINZHUANG });
    const [c] = await db.select().from(cases).where(eq(cases.id, res.json().id));
    expect(c!.jurisdictionCode.startsWith(XINZHUANG)).toBe(true);
    const detail = (await town.get(`/api/opinions/${res.json().id}`)).json();
    expect(detail.channelLabel).toBe('民情观察员');
  });

  it('needs an observer, an existing one, and staff of the place', async () => {
    const body = { channel: 'observer', ...lamp, areaCode: XINZHUANG };
    const none = await town.post('/api/opinions', body);
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('请选择民情观察员');
    const unknown = await town.post('/api/opinions', {
      ...body,
      observerId: '00000000-0000-7000-8000-000000000000',
    });
    expect(errorCode(unknown)).toBe('opinions.observer_not_found');
    const obs = await observer();
    expect(errorCode(await qibao.post('/api/opinions', { ...body, observerId: obs.id }))).toBe(
      'auth.out_of_scope',
    );
    expect(errorCode(await me.post('/api/opinions', { ...body, observerId: obs.id }))).toBe('auth.forbidden');
  });
});

describe('现场接待 on a reception day', () => {
  it('links a walk-in to a reception day of the station, and refuses a day that is not one', async () => {
    const stations = (await town.get('/api/receptions/stations')).json().items as Array<{
      id: string;
      publicCode: string;
    }>;
    let found: { code: string; ruleId: string; day: string } | undefined;
    for (const s of stations) {
      const days = (
        await town.get(`/api/receptions/days?station=${s.id}&from=2026-01-01&to=2026-03-31`)
      ).json().items as Array<{ ruleId: string; day: string; cancelled: boolean }>;
      const d = days.find((x) => !x.cancelled);
      if (d) {
        found = { code: s.publicCode, ruleId: d.ruleId, day: d.day };
        break;
      }
    }
    expect(found).toBeDefined();
    const res = await town.post('/api/opinions', {
      channel: 'walk_in',
      ...lamp,
      stationCode: found!.code,
      receptionDay: { ruleId: found!.ruleId, day: found!.day },
      contactName: '钱多多',
    });
    expect(res.statusCode, res.body).toBe(201);
    const detail = (await town.get(`/api/opinions/${res.json().id}`)).json();
    expect(detail).toMatchObject({ channel: 'walk_in', receptionDay: found!.day });
    expect(detail.stationName).toBeTruthy();
    const wrong = await town.post('/api/opinions', {
      channel: 'walk_in',
      ...lamp,
      stationCode: found!.code,
      receptionDay: { ruleId: found!.ruleId, day: '2026-02-17' },
    });
    expect(errorCode(wrong)).toBe('opinions.reception_day_not_found');
  });
});

describe('改正位置 (staff correct a case’s location)', () => {
  it('moves the case to the right street with a reason, in history and audit; the old street loses it', async () => {
    const filed = await me.post('/api/public/opinions', { ...lamp, areaCode: '310112102' });
    expect(filed.statusCode, filed.body).toBe(201);
    const id = filed.json().id as string;
    // 七宝's staff see it; 莘庄's do not — until it is corrected.
    expect((await qibao.get(`/api/opinions/${id}`)).statusCode).toBe(200);
    expect((await town.get(`/api/opinions/${id}`)).statusCode).not.toBe(200);
    // Staff of one street cannot move a case into another street's jurisdiction.
    const c = await community(XINZHUANG);
    expect(
      errorCode(
        await qibao.post(`/api/opinions/${id}/relocate`, { areaCode: c.code, reason: '群众选错街道' }),
      ),
    ).toBe('auth.out_of_scope');
    expect((await district.post(`/api/opinions/${id}/relocate`, { areaCode: c.code })).statusCode).toBe(400);
    const moved = await district.post(`/api/opinions/${id}/relocate`, {
      areaCode: c.code,
      reason: '电话核实，问题在莘庄镇',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ township: '莘庄镇', community: c.name, state: 'submitted' });
    const step = moved.json().history.find((h: { action: string }) => h.action === 'relocate');
    expect(step.label).toBe('改正位置');
    expect(step.note).toContain('电话核实，问题在莘庄镇');
    expect(step.note).toContain('→ 莘庄镇');
    expect(await rowOf(id)).toMatchObject({ townshipCode: XINZHUANG, communityCode: c.code });
    expect((await town.get(`/api/opinions/${id}`)).statusCode).toBe(200);
    expect((await qibao.get(`/api/opinions/${id}`)).statusCode).not.toBe(200);
    const [audit] = await db.select().from(auditLog).where(eq(auditLog.targetId, id));
    expect(audit).toBeDefined();
    const audits = await db.select().from(auditLog).where(eq(auditLog.action, 'opinions.relocate'));
    expect(audits.some((a) => a.targetId === id)).toBe(true);
    // The workflow keeps going after the history row written outside transition().
    expect((await town.post(`/api/opinions/${id}/accept`, {})).statusCode).toBe(200);
    const seqs = (await db.select().from(caseHistory).where(eq(caseHistory.caseId, id))).map((h) => h.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
  });
});
