import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { settings } from '../../modules/congresses/congresses.schema';
import { pathCodes } from '../../modules/jurisdictions/jurisdictions.repository';
import type { Executor } from '../db/client';
import { defineSetting, type SettingDefinition } from '../settings';
import type { CaseTypeDef, Phase } from './definition';

/**
 * States are data: each congress may rename the states of a case type (e.g. 已受理 → 已登记) while
 * every state keeps its phase. The names live in one setting per case type, a map state → name;
 * unlike other settings the maps are merged along the jurisdiction path (a street that renames one
 * state still follows the district's names of the others). The map can hold names only, so a
 * rename can never move a state into another phase.
 */
export type StateNames = Record<string, string>;

export const PHASE_LABELS: Record<Phase, string> = {
  intake: '受理阶段',
  handling: '办理阶段',
  feedback: '评价阶段',
  closed: '已结束',
};

export const MAX_STATE_NAME = 12;
const CJK = /[\u4e00-\u9fff]/;
const ALLOWED = /^[\u4e00-\u9fff0-9（）()、·]+$/;

const byType = new Map<string, { def: CaseTypeDef; setting: SettingDefinition<StateNames> }>();

export const stateNamesKey = (type: string) => `workflow.stateNames.${type}`;

/** Problems of a name map for this case type, in Chinese (empty when it is valid). */
export function stateNameProblems(def: CaseTypeDef, value: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const known = Object.entries(def.states)
    .map(([s, d]) => `${d.label}（${s}）`)
    .join('、');
  for (const [state, name] of Object.entries(value)) {
    const declared = def.states[state];
    if (!declared) {
      problems.push(`未知的状态「${state}」，只能为以下状态改名：${known}`);
      continue;
    }
    if (typeof name === 'object' && name !== null && 'phase' in name) {
      problems.push(`「${declared.label}」只能改名，不能改变所属阶段（${PHASE_LABELS[declared.phase]}）`);
      continue;
    }
    if (typeof name !== 'string' || name.trim() === '') {
      problems.push(`「${declared.label}」的名称不能为空`);
      continue;
    }
    const n = name.trim();
    if (n.length > MAX_STATE_NAME)
      problems.push(`「${declared.label}」的名称不能超过 ${MAX_STATE_NAME} 个字`);
    else if (!CJK.test(n) || !ALLOWED.test(n))
      problems.push(`「${declared.label}」的名称须为中文（可含数字和括号）：${n}`);
  }
  return problems;
}

/** Two states with one name would be indistinguishable in lists and ledgers. */
export function duplicateNameProblems(def: CaseTypeDef, effective: StateNames): string[] {
  const seen = new Map<string, string>();
  const problems: string[] = [];
  for (const state of Object.keys(def.states)) {
    const name = effective[state]!;
    const other = seen.get(name);
    if (other)
      problems.push(`状态名称「${name}」重复：${def.states[other]!.label} 与 ${def.states[state]!.label}`);
    else seen.set(name, state);
  }
  return problems;
}

/** Registers the per-congress state names of a case type (one call next to `defineCaseType`). */
export function defineStateNames(def: CaseTypeDef): SettingDefinition<StateNames> {
  const schema = z.record(z.string(), z.unknown()).transform((value, ctx) => {
    const problems = stateNameProblems(def, value);
    const names = Object.fromEntries(
      Object.entries(value).flatMap(([s, n]) => (typeof n === 'string' ? [[s, n.trim()]] : [])),
    ) as StateNames;
    if (problems.length === 0) problems.push(...duplicateNameProblems(def, { ...defaults(def), ...names }));
    for (const message of problems) ctx.addIssue({ code: 'custom', message });
    return names;
  }) as unknown as z.ZodType<StateNames>;
  const setting = defineSetting<StateNames>({
    key: stateNamesKey(def.type),
    label: `${def.label}状态名称`,
    description: `本级对${def.label}各状态的称呼（只改名称，不改所属阶段）；未改名的状态沿用上级或系统名称`,
    schema,
    defaultValue: {},
  });
  byType.set(def.type, { def, setting });
  return setting;
}

export function stateNamesSetting(type: string) {
  return byType.get(type);
}

const defaults = (def: CaseTypeDef): StateNames =>
  Object.fromEntries(Object.entries(def.states).map(([s, d]) => [s, d.label]));

// --- resolution, cached per region --------------------------------------------------------------

/** The names set at each jurisdiction of a region (only valid maps; an invalid row is ignored). */
type Rows = Map<string, StateNames>;
interface Entry {
  rows: Rows;
  loadedAt: number;
  generation: number;
  /** Resolved names per jurisdiction path (a case's path, i.e. its congress's). */
  byPath: Map<string, StateNames>;
}

/**
 * Other server processes learn of a rename within this time; this process at once (`stateNamesChanged`).
 */
export const STATE_NAMES_TTL_MS = 30_000;
let generation = 0;
const cache = new WeakMap<object, Map<string, Entry>>();

/** Called after a state-name map is written: this process reloads at its next read. */
export function stateNamesChanged(): void {
  generation++;
}

async function entryFor(exec: Executor, regionCode: string, type: string): Promise<Entry> {
  const perExec = cache.get(exec) ?? new Map<string, Entry>();
  cache.set(exec, perExec);
  const key = `${regionCode}:${type}`;
  const hit = perExec.get(key);
  if (hit && hit.generation === generation && Date.now() - hit.loadedAt < STATE_NAMES_TTL_MS) return hit;
  const reg = byType.get(type);
  const rows: Rows = new Map();
  if (reg) {
    const found = await exec
      .select({ code: settings.jurisdictionCode, value: settings.value })
      .from(settings)
      .where(and(eq(settings.regionCode, regionCode), eq(settings.key, reg.setting.key)));
    for (const r of found) {
      const parsed = reg.setting.schema.safeParse(r.value);
      if (parsed.success) rows.set(r.code, parsed.data);
    }
  }
  const entry: Entry = { rows, loadedAt: Date.now(), generation, byPath: new Map() };
  perExec.set(key, entry);
  return entry;
}

/** Names of every state at a jurisdiction path, with where each comes from (null: the built-in name). */
export function resolveStateNames(
  def: CaseTypeDef,
  rows: Rows,
  path: string,
): Record<string, { label: string; from: string | null }> {
  const out = Object.fromEntries(
    Object.entries(def.states).map(([s, d]) => [s, { label: d.label, from: null as string | null }]),
  );
  for (const code of pathCodes(path)) {
    for (const [s, label] of Object.entries(rows.get(code) ?? {})) if (out[s]) out[s] = { label, from: code };
  }
  return out;
}

export type StateLabeler = (state: string, jurisdictionPath: string) => string;

/**
 * One look-up (cached per region) gives a labeler for any number of cases: a case's state is named
 * as the congresses on its jurisdiction path named it. Unknown states (e.g. a pending submission's
 * `received`) are returned as they are.
 */
export async function stateLabeler(exec: Executor, regionCode: string, type: string): Promise<StateLabeler> {
  const reg = byType.get(type);
  if (!reg) return (state) => state;
  const entry = await entryFor(exec, regionCode, type);
  const { def } = reg;
  if (entry.rows.size === 0) return (state) => def.states[state]?.label ?? state;
  return (state, path) => {
    let names = entry.byPath.get(path);
    if (!names) {
      names = Object.fromEntries(
        Object.entries(resolveStateNames(def, entry.rows, path)).map(([s, r]) => [s, r.label]),
      );
      entry.byPath.set(path, names);
    }
    return names[state] ?? state;
  };
}

/** The raw rows (for the editor: what each level set). */
export async function stateNameRows(exec: Executor, regionCode: string, type: string): Promise<Rows> {
  return (await entryFor(exec, regionCode, type)).rows;
}
