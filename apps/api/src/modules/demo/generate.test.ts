import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, type DemoRegion, generateDemoRegion } from './generate';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const CODE_LENGTH = { province: 2, city: 4, county: 6, township: 9, community: 12, grid: 15 } as const;

let region: DemoRegion;
let elapsedMs = 0;

beforeAll(async () => {
  const t0 = performance.now();
  region = await generateDemoRegion();
  elapsedMs = performance.now() - t0;
});

describe('generateDemoRegion', () => {
  it('is deterministic for the same inputs and differs for another seed', async () => {
    const again = await generateDemoRegion({ regionCode: '310112', seed: 20261123 });
    expect(again).toEqual(region);
    expect(JSON.stringify(again)).toBe(JSON.stringify(region));
    const other = await generateDemoRegion({ seed: 7 });
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(region));
    expect(other.jurisdictions.filter((j) => j.level !== 'grid').map((j) => j.code)).toEqual(
      region.jurisdictions.filter((j) => j.level !== 'grid').map((j) => j.code),
    );
  });

  it('runs well under two seconds', () => {
    expect(elapsedMs).toBeLessThan(2000);
  });

  it('describes 闵行区 with sensible names', () => {
    expect(region.regionCode).toBe('310112');
    expect(region.regionName).toBe('闵行区');
    const names = Object.fromEntries(region.jurisdictions.map((j) => [j.code, j.name]));
    expect(names['31']).toBe('上海市');
    expect(names['3101']).toBe('上海市');
    expect(names['310112101']).toBe('莘庄镇');
  });

  it('produces counts within the expected ranges', () => {
    const count = (level: string): number => region.jurisdictions.filter((j) => j.level === level).length;
    expect(count('province')).toBe(1);
    expect(count('city')).toBe(1);
    expect(count('county')).toBe(1);
    expect(count('township')).toBe(14);
    expect(count('community')).toBeGreaterThan(500);
    expect(count('grid')).toBeGreaterThanOrEqual(180);
    expect(count('grid')).toBeLessThanOrEqual(230);
    expect(region.congresses).toHaveLength(15);
    expect(region.departments.filter((d) => d.kind !== 'street_office').length).toBeGreaterThanOrEqual(30);
    expect(region.departments.filter((d) => d.kind === 'street_office')).toHaveLength(14);
    expect(region.deputies.length).toBeGreaterThanOrEqual(270);
    expect(region.deputies.length).toBeLessThanOrEqual(330);
    expect(region.stations.length).toBeGreaterThanOrEqual(14);
    expect(region.stations.length).toBeLessThanOrEqual(24);
  });

  it('spreads deputies over levels with ~10% holding two mandates and ~30% women', () => {
    const holders = (level: string): number =>
      region.deputies.filter((d) => d.mandates.some((m) => m.level === level)).length;
    expect(holders('national')).toBeGreaterThanOrEqual(1);
    expect(holders('national')).toBeLessThanOrEqual(2);
    expect(holders('provincial') + holders('municipal')).toBeGreaterThanOrEqual(8);
    expect(holders('provincial') + holders('municipal')).toBeLessThanOrEqual(12);
    expect(holders('county')).toBeGreaterThanOrEqual(110);
    expect(holders('county')).toBeLessThanOrEqual(130);
    const dual = region.deputies.filter((d) => d.mandates.length > 1).length / region.deputies.length;
    expect(dual).toBeGreaterThan(0.06);
    expect(dual).toBeLessThan(0.15);
    const women = region.deputies.filter((d) => d.gender === '女').length / region.deputies.length;
    expect(women).toBeGreaterThan(0.2);
    expect(women).toBeLessThan(0.4);
  });

  it('lists parents before children with hierarchical codes', () => {
    const seen = new Map<string, DemoRegion['jurisdictions'][number]>();
    for (const j of region.jurisdictions) {
      expect(seen.has(j.code)).toBe(false);
      expect(j.code).toHaveLength(CODE_LENGTH[j.level]);
      if (j.parentCode === null) {
        expect(j.level).toBe('province');
      } else {
        const parent = seen.get(j.parentCode);
        expect(parent, `parent of ${j.code}`).toBeDefined();
        expect(j.code.startsWith(j.parentCode)).toBe(true);
      }
      if (j.level === 'grid') {
        expect(j.code).toMatch(new RegExp(`^${j.parentCode}\\d{3}$`));
        expect(seen.get(j.parentCode ?? '')?.level).toBe('community');
        expect(j.name).toMatch(/第\d+网格$/);
      }
      seen.set(j.code, j);
    }
  });

  it('places every node near the district', () => {
    for (const j of region.jurisdictions.filter((x) => x.level !== 'province' && x.level !== 'city')) {
      expect(j.lat).not.toBeNull();
      expect(Math.abs((j.lat ?? 0) - 31.11)).toBeLessThan(0.2);
      expect(Math.abs((j.lng ?? 0) - 121.38)).toBeLessThan(0.2);
    }
  });

  it('references only existing jurisdictions, congresses and deputies', () => {
    const codes = new Set(region.jurisdictions.map((j) => j.code));
    const deputyIds = new Set(region.deputies.map((d) => d.id));
    const towns = region.jurisdictions.filter((j) => j.level === 'township');
    const townshipCongresses = new Set(towns.filter((t) => t.name.endsWith('镇')).map((t) => t.code));
    for (const d of region.deputies) {
      expect(codes.has(d.jurisdictionCode)).toBe(true);
      for (const m of d.mandates) {
        const code = m.congressJurisdictionCode;
        expect(codes.has(code) || /^\d{2}$/.test(code), `${m.level} ${code}`).toBe(true);
        if (m.level === 'township') expect(townshipCongresses.has(m.congressJurisdictionCode)).toBe(true);
        expect(m.electoralDistrict).not.toBe('');
        expect(m.groupName).not.toBe('');
      }
    }
    for (const c of region.congresses) expect(codes.has(c.jurisdictionCode)).toBe(true);
    for (const d of region.departments) expect(codes.has(d.jurisdictionCode)).toBe(true);
    for (const s of region.stations) {
      expect(codes.has(s.jurisdictionCode)).toBe(true);
      expect(s.deputyIds.length).toBeGreaterThan(0);
      for (const id of s.deputyIds) expect(deputyIds.has(id)).toBe(true);
      expect(s.address.startsWith('上海市闵行区')).toBe(true);
    }
    expect(region.congresses.find((c) => c.jurisdictionCode === '310112')).toMatchObject({
      kind: 'standing_committee',
      term: 18,
    });
    expect(region.congresses.find((c) => c.jurisdictionCode === '310112101')?.kind).toBe('presidium');
    expect(region.congresses.find((c) => c.jurisdictionCode === '310112001')?.kind).toBe('working_committee');
  });

  it('gives every deputy a unique realistic mobile number', () => {
    const phones = region.deputies.map((d) => d.phone);
    for (const p of phones) expect(p).toMatch(/^1[3-9]\d{9}$/);
    expect(new Set(phones).size).toBe(phones.length);
  });

  it('uses unique UUID-shaped ids', () => {
    const ids = [...region.congresses, ...region.departments, ...region.deputies, ...region.stations].map(
      (x) => x.id,
    );
    for (const id of ids) expect(id).toMatch(UUID);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('defines the documented demo accounts', () => {
    const usernames = region.staff.map((s) => s.username);
    expect(new Set(usernames).size).toBe(usernames.length);
    expect(usernames.slice(0, 4)).toEqual(['admin', 'security', 'auditor', 'district']);
    for (const u of [
      'xinzhuang',
      'qibao',
      'jiangchuan',
      'station1',
      'deputy1',
      'deputy2',
      'dept1',
      'dept2',
      'procurator1',
    ]) {
      expect(usernames).toContain(u);
    }
    const byName = new Map(region.staff.map((s) => [s.username, s]));
    expect(byName.get('admin')?.roles).toEqual([{ role: 'sysadmin', scopeCode: '310112' }]);
    expect(byName.get('security')?.roles[0]?.role).toBe('secadmin');
    expect(byName.get('auditor')?.roles[0]?.role).toBe('auditadmin');
    expect(byName.get('xinzhuang')?.roles).toEqual([{ role: 'congress_staff', scopeCode: '310112101' }]);
    const deputy = region.deputies.find((d) => d.id === byName.get('deputy1')?.deputyId);
    expect(deputy?.mandates.some((m) => m.level === 'county')).toBe(true);
    // A second district deputy of the same congress, to co-sign suggestions.
    const second = region.deputies.find((d) => d.id === byName.get('deputy2')?.deputyId);
    expect(second?.id).not.toBe(deputy?.id);
    expect(
      second?.mandates.some((m) => m.level === 'county' && m.congressJurisdictionCode === '310112'),
    ).toBe(true);
    expect(byName.get('deputy2')?.roles).toEqual([{ role: 'deputy', scopeCode: '310112' }]);
    const dept = region.departments.find((d) => d.id === byName.get('dept1')?.departmentId);
    expect(dept?.name).toBe('区住房城乡建设管理委');
    const joint = region.departments.find((d) => d.id === byName.get('dept2')?.departmentId);
    expect(joint?.name).toBe('区市场监管局');
    // The district procuratorate (公益诉讼衔接): its own role over the district, tied to its organisation.
    expect(byName.get('procurator1')?.roles).toEqual([
      { role: 'procuratorate_liaison', scopeCode: '310112' },
    ]);
    const proc = region.departments.find((d) => d.id === byName.get('procurator1')?.departmentId);
    expect(proc).toMatchObject({ name: '区检察院', kind: 'judicial' });
    for (const s of region.staff) {
      expect(s.password).toBe(DEMO_PASSWORD);
      expect(s.note).not.toBe('');
    }
    const classes = [/[A-Z]/, /[a-z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(DEMO_PASSWORD));
    expect(DEMO_PASSWORD.length).toBeGreaterThanOrEqual(10);
    expect(classes.length).toBeGreaterThanOrEqual(3);
  });
});
