import { phonePattern } from '@lianxin/contracts';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { AppContext } from '../../kernel/context';
import type { Executor } from '../../kernel/db/client';
import { resolveSettings } from '../../kernel/settings';
import type { Jurisdiction } from '../jurisdictions/jurisdictions.repository';
import { jurisdictions } from '../jurisdictions/jurisdictions.schema';
import {
  levelAliases,
  levelLabels,
  type MandateLevel,
  occupationCategoriesSetting,
  professionalGroupsSetting,
} from './deputies.model';
import { deputies } from './deputies.schema';
import { headerOf, type RosterKey, type RosterRow } from './roster.excel';

export interface RowError {
  row: number;
  column: string;
  message: string;
}

/** A row that passed: ready to insert. */
export interface CleanRow {
  row: number;
  name: string;
  gender: '男' | '女';
  ethnicity: string;
  birthYear: number | null;
  party: string | null;
  phone: string;
  phoneHash: string;
  jurisdiction: Jurisdiction;
  occupationCategory: string | null;
  workplace: string | null;
  mandates: Array<{
    level: MandateLevel;
    term: number;
    electoralDistrict: string | null;
    delegation: string | null;
    groupName: string | null;
  }>;
  professionalGroups: string[];
  expertise: string[];
  gridCodes: string[];
}

/** Everything a row is checked against, loaded once per import (one query for the subtree). */
export interface RosterLookups {
  byCode: Map<string, Jurisdiction>;
  /** township/community names → nodes (a name may repeat: then the code is required). */
  placesByName: Map<string, Jurisdiction[]>;
  gridsByName: Map<string, Jurisdiction[]>;
  groups: string[];
  occupations: string[];
  thisYear: number;
}

export async function loadLookups(
  ctx: AppContext,
  exec: Executor,
  regionCode: string,
  scope: Jurisdiction,
): Promise<RosterLookups> {
  const nodes = await exec
    .select()
    .from(jurisdictions)
    .where(sql`${jurisdictions.path} like ${`${scope.path}%`}`);
  const byCode = new Map(nodes.map((n) => [n.code, n]));
  const placesByName = new Map<string, Jurisdiction[]>();
  const gridsByName = new Map<string, Jurisdiction[]>();
  for (const n of nodes) {
    const m = n.level === 'grid' ? gridsByName : placesByName;
    m.set(n.name, [...(m.get(n.name) ?? []), n]);
  }
  const s = await resolveSettings(exec, regionCode, scope.path, [
    professionalGroupsSetting.key,
    occupationCategoriesSetting.key,
  ]);
  return {
    byCode,
    placesByName,
    gridsByName,
    groups: s.get(professionalGroupsSetting.key)!.value as string[],
    occupations: s.get(occupationCategoriesSetting.key)!.value as string[],
    thisYear: Number(ctx.clock.now().toISOString().slice(0, 4)),
  };
}

const split = (v: string | undefined): string[] =>
  (v ?? '')
    .split(/[、,，;；/\s]+/)
    .map((x) => x.trim())
    .filter(Boolean);

/** Which of these phone blind indexes are already registered (one query per batch). */
export async function registeredPhones(exec: Executor, regionCode: string, hashes: string[]) {
  if (hashes.length === 0) return new Set<string>();
  const rows = await exec
    .select({ h: deputies.phoneHash })
    .from(deputies)
    .where(and(eq(deputies.regionCode, regionCode), inArray(deputies.phoneHash, hashes)));
  return new Set(rows.map((r) => r.h));
}

/**
 * Checks one row completely (every problem, not only the first) and returns the clean row or its
 * errors. `seenPhones` carries the phones of earlier rows of the same file.
 */
export function validateRow(
  r: RosterRow,
  lk: RosterLookups,
  phoneHash: string | null,
  seenPhones: Map<string, number>,
  taken: Set<string | null>,
): { clean?: CleanRow; errors: RowError[] } {
  const errors: RowError[] = [];
  const err = (key: RosterKey, message: string) =>
    errors.push({ row: r.row, column: headerOf(key), message });
  const required = (key: RosterKey) => {
    if (!r[key]) err(key, '必填项未填写');
    return r[key] ?? '';
  };
  const maxLen = (key: RosterKey, n: number) => {
    const v = r[key];
    if (v && [...v].length > n) err(key, `不超过 ${n} 个字`);
    return v || null;
  };
  const name = required('name');
  maxLen('name', 30);
  const gender = required('gender');
  if (gender && gender !== '男' && gender !== '女') err('gender', '性别应填写“男”或“女”');
  const ethnicity = maxLen('ethnicity', 20) ?? '汉族';
  let birthYear: number | null = null;
  if (r.birthYear) {
    birthYear = /^\d{4}$/.test(r.birthYear) ? Number(r.birthYear) : Number.NaN;
    if (!(birthYear >= 1900 && birthYear <= lk.thisYear - 18))
      err('birthYear', '出生年份应为四位年份，如 1978');
  }
  const phone = required('phone').replace(/[\s-]/g, '');
  if (phone && !phonePattern.test(phone)) err('phone', '手机号码应为 11 位数字，以 1 开头');
  else if (phone) {
    const first = seenPhones.get(phone);
    if (first !== undefined) err('phone', `与第 ${first} 行的手机号码重复`);
    else seenPhones.set(phone, r.row);
    if (phoneHash && taken.has(phoneHash)) err('phone', '该手机号码已登记为其他代表');
  }
  const jurisdiction = resolvePlace(required('jurisdiction'), lk, (m) => err('jurisdiction', m));
  const occupation = r.occupation ?? null;
  if (occupation && !lk.occupations.includes(occupation))
    err('occupation', `职业类别应为：${lk.occupations.join('、')}`);
  const workplace = maxLen('workplace', 100);
  const levels: MandateLevel[] = [];
  for (const l of split(required('levels'))) {
    const level = levelAliases[l];
    if (level) levels.push(level);
    else err('levels', `无法识别“${l}”，可填：${Object.values(levelLabels).join('、')}`);
  }
  const terms = split(required('term')).map((t) => Number(t.replace(/^第|届$/g, '')));
  if (r.term && terms.some((t) => !Number.isInteger(t) || t < 1 || t > 99))
    err('term', '届次应为 1–99 的整数');
  else if (r.term && terms.length !== 1 && terms.length !== levels.length)
    err('term', '届次个数应与代表层级个数一致，或只填一个');
  const groups = split(r.groups);
  const badGroups = groups.filter((g) => !lk.groups.includes(g));
  if (badGroups.length > 0)
    err('groups', `没有专业代表小组“${badGroups.join('、')}”，可填：${lk.groups.join('、')}`);
  const expertise = split(r.expertise);
  if (expertise.some((t) => [...t].length > 20)) err('expertise', '每个专长标签不超过 20 个字');
  if (expertise.length > 20) err('expertise', '专长标签最多 20 个');
  const gridCodes: string[] = [];
  for (const g of split(r.grids)) {
    const node = resolveGrid(g, lk, (m) => err('grids', m));
    if (node) gridCodes.push(node.code);
  }
  const electoralDistrict = maxLen('electoralDistrict', 50);
  const delegation = maxLen('delegation', 50);
  const groupName = maxLen('groupName', 50);
  if (errors.length > 0 || !jurisdiction || !phoneHash) return { errors };
  return {
    errors,
    clean: {
      row: r.row,
      name,
      gender: gender as '男' | '女',
      ethnicity,
      birthYear,
      party: maxLen('party', 20),
      phone,
      phoneHash,
      jurisdiction,
      occupationCategory: occupation,
      workplace,
      mandates: levels.map((level, i) => ({
        level,
        term: terms[terms.length === 1 ? 0 : i]!,
        electoralDistrict,
        delegation,
        groupName,
      })),
      professionalGroups: [...new Set(groups)],
      expertise: [...new Set(expertise)],
      gridCodes: [...new Set(gridCodes)],
    },
  };
}

function resolvePlace(v: string, lk: RosterLookups, fail: (m: string) => void): Jurisdiction | undefined {
  if (!v) return undefined;
  if (/^\d+$/.test(v)) {
    const j = lk.byCode.get(v);
    if (!j) fail(`区划代码 ${v} 不存在或不在您的管辖范围内`);
    else if (j.level === 'grid') fail('所属辖区应为街道/乡镇或社区/村，网格请填在“网格责任区”');
    return j?.level === 'grid' ? undefined : j;
  }
  const found = lk.placesByName.get(v) ?? [];
  if (found.length === 0) fail(`找不到“${v}”，或不在您的管辖范围内`);
  if (found.length > 1) fail(`“${v}”有重名，请改填区划代码`);
  return found.length === 1 ? found[0] : undefined;
}

function resolveGrid(v: string, lk: RosterLookups, fail: (m: string) => void): Jurisdiction | undefined {
  const found = /^\d+$/.test(v) ? [lk.byCode.get(v)].filter((x) => !!x) : (lk.gridsByName.get(v) ?? []);
  const grids = found.filter((j) => j.level === 'grid');
  if (grids.length === 0) fail(`找不到网格“${v}”，或不在您的管辖范围内`);
  if (grids.length > 1) fail(`网格“${v}”有重名，请改填网格代码`);
  return grids.length === 1 ? grids[0] : undefined;
}
