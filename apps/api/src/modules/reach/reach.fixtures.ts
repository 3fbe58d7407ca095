import type { AppContext } from '../../kernel/context';
import { uuidv7 } from '../../kernel/ids';
import { deputies, deputyGrids, deputyMandates } from '../deputies/deputies.schema';
import { forgetJurisdictions } from '../jurisdictions/jurisdictions.repository';
import { jurisdictions } from '../jurisdictions/jurisdictions.schema';
import { receptionRules } from '../receptions/receptions.schema';
import { stationDeputies, stations } from '../stations/stations.schema';
import { forgetReachIndex } from './reach.cache';

/**
 * A hand-built township for tests, far (≈65 km) from the demo district's own stations so that
 * distances are known exactly: P0 = (31.5, 121.9); KM = one kilometre of latitude.
 *
 *   township T (P0) ─ community C (1 km N) ─ grids A (P0), B (2 km N), G (0.5 km E)
 *   stations S1 home at P0 (township), S3 point 5 km N (community), S2 inactive at B
 *   deputies D1 法律/律师 A+S1 · D2 律师 B · D3 医疗卫生 S3 (shows workplace) · D4 nothing
 *            D6 法律/律师 B · D5 resigned at A (never shown)
 */
export const P0 = { lat: 31.5, lng: 121.9 };
export const KM = 1 / 111.195;
const KM_EAST = KM / Math.cos((P0.lat * Math.PI) / 180);
export const T = '310112999';
export const C = '310112999001';
export const GRID_A = '310112999001001';
export const GRID_B = '310112999001002';
export const GRID_G = '310112999001003';
export const FIXTURE_PHONES = [
  '13900000001',
  '13900000002',
  '13900000003',
  '13900000004',
  '13900000005',
  '13900000006',
];

export const ids = {
  S1: '00000000-0000-4000-8000-0000000000a1',
  S2: '00000000-0000-4000-8000-0000000000a2',
  S3: '00000000-0000-4000-8000-0000000000a3',
  D1: '00000000-0000-4000-8000-0000000000d1',
  D2: '00000000-0000-4000-8000-0000000000d2',
  D3: '00000000-0000-4000-8000-0000000000d3',
  D4: '00000000-0000-4000-8000-0000000000d4',
  D5: '00000000-0000-4000-8000-0000000000d5',
  D6: '00000000-0000-4000-8000-0000000000d6',
};

export async function seedReachFixture(ctx: AppContext): Promise<void> {
  const { db } = ctx.database;
  const rc = ctx.config.REGION_CODE;
  const base = '/31/3101/310112/';
  const area = (
    code: string,
    parent: string,
    level: 'township' | 'community' | 'grid',
    name: string,
    n: number,
    e: number,
  ) => ({
    code,
    parentCode: parent,
    level,
    name,
    path: `${base}${[T, C, code].slice(0, { township: 1, community: 2, grid: 3 }[level]).join('/')}/`,
    depth: { township: 3, community: 4, grid: 5 }[level],
    regionCode: rc,
    sort: 900,
    lat: P0.lat + n * KM,
    lng: P0.lng + e * KM_EAST,
  });
  await db
    .insert(jurisdictions)
    .values([
      area(T, rc, 'township', '测试镇', 0, 0),
      area(C, T, 'community', '测试社区', 1, 0),
      area(GRID_A, C, 'grid', '测试第1网格', 0, 0),
      area(GRID_B, C, 'grid', '测试第2网格', 2, 0),
      area(GRID_G, C, 'grid', '测试第3网格', 0, 0.5),
    ]);
  const station = (
    id: string,
    code: string,
    jur: string,
    kind: 'home' | 'point',
    name: string,
    n: number,
    active = true,
  ) => ({
    regionCode: rc,
    id,
    publicCode: code,
    jurisdictionCode: jur,
    kind,
    name,
    address: `上海市闵行区测试镇测试路${code.slice(-1)}号`,
    lat: P0.lat + n * KM,
    lng: P0.lng,
    openingHours: '工作日 9:00–17:00',
    active,
  });
  await db
    .insert(stations)
    .values([
      station(ids.S1, 'tsta0001', T, 'home', '测试镇人大代表之家', 0),
      station(ids.S2, 'tsta0002', C, 'point', '已撤销联系点', 2, false),
      station(ids.S3, 'tsta0003', C, 'point', '测试社区人大代表联系点', 5),
    ]);
  const deputy = (
    id: string,
    code: string,
    name: string,
    i: number,
    extra: Partial<typeof deputies.$inferInsert> = {},
  ) => ({
    regionCode: rc,
    id,
    publicCode: code,
    jurisdictionCode: C,
    name,
    gender: '女' as const,
    occupationCategory: '律师',
    workplace: `${name}律师事务所`,
    duties: `${name}：关注基层治理，每月到站接待群众。`,
    phoneEnc: ctx.vault.encrypt(FIXTURE_PHONES[i]!),
    phoneHash: ctx.vault.blindIndex(FIXTURE_PHONES[i]!),
    ...extra,
  });
  await db.insert(deputies).values([
    deputy(ids.D1, 'tdep0001', '甲律师', 0, { expertise: ['法律'] }),
    deputy(ids.D2, 'tdep0002', '乙律师', 1),
    deputy(ids.D3, 'tdep0003', '丙医生', 2, {
      expertise: ['医疗卫生'],
      occupationCategory: '医务',
      workplace: '测试社区卫生服务中心',
      contactPrefs: { showWorkplace: true },
    }),
    deputy(ids.D4, 'tdep0004', '丁代表', 3, { occupationCategory: '企业界' }),
    deputy(ids.D5, 'tdep0005', '戊已辞职', 4, { expertise: ['法律'], status: 'resigned' }),
    deputy(ids.D6, 'tdep0006', '己律师', 5, { expertise: ['法律'] }),
  ]);
  await db.insert(deputyMandates).values(
    [ids.D1, ids.D2, ids.D3, ids.D4, ids.D5, ids.D6].map((deputyId) => ({
      regionCode: rc,
      id: uuidv7(),
      deputyId,
      level: 'county' as const,
      congressJurisdictionCode: rc,
      term: 18,
      electoralDistrict: '第99选区',
      groupName: '测试镇代表小组',
    })),
  );
  await db.insert(deputyGrids).values([
    { regionCode: rc, deputyId: ids.D1, gridCode: GRID_A },
    { regionCode: rc, deputyId: ids.D2, gridCode: GRID_B },
    { regionCode: rc, deputyId: ids.D5, gridCode: GRID_A },
    { regionCode: rc, deputyId: ids.D6, gridCode: GRID_B },
  ]);
  await db.insert(stationDeputies).values([
    { regionCode: rc, stationId: ids.S1, deputyId: ids.D1 },
    { regionCode: rc, stationId: ids.S3, deputyId: ids.D3 },
    { regionCode: rc, stationId: ids.S2, deputyId: ids.D4 },
  ]);
  await db.insert(receptionRules).values({
    regionCode: rc,
    id: uuidv7(),
    stationId: ids.S1,
    rule: { kind: 'monthDay', day: 10 },
    startTime: '09:00',
    endTime: '11:30',
    validFrom: '2026-01-01',
  });
  forgetJurisdictions();
  forgetReachIndex(ctx);
}
