import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { settings } from '../modules/congresses/congresses.schema';
import { pathCodes } from '../modules/jurisdictions/jurisdictions.repository';
import type { Executor } from './db/client';

/**
 * Per-congress behaviour is data: every tunable number is a setting with a schema, a default and
 * Chinese label. Values set on a district apply to every street below it unless the street sets
 * its own. Modules register their settings here (one call each) at import time.
 */
export interface SettingDefinition<T = unknown> {
  key: string;
  label: string;
  description: string;
  schema: z.ZodType<T>;
  defaultValue: T;
}

const registry = new Map<string, SettingDefinition>();

export function defineSetting<T>(def: SettingDefinition<T>): SettingDefinition<T> {
  if (registry.has(def.key)) throw new Error(`setting ${def.key} defined twice`);
  registry.set(def.key, def as SettingDefinition);
  return def;
}

export function settingDefinitions(): SettingDefinition[] {
  return [...registry.values()];
}

export function settingDefinition(key: string): SettingDefinition | undefined {
  return registry.get(key);
}

export interface ResolvedSetting<T> {
  value: T;
  /** The jurisdiction whose value applies; null when the built-in default applies. */
  from: string | null;
}

/** Resolves settings for a jurisdiction path: the deepest ancestor (or the node) that sets it wins. */
export async function resolveSettings(
  exec: Executor,
  regionCode: string,
  jurisdictionPath: string,
  keys: string[],
): Promise<Map<string, ResolvedSetting<unknown>>> {
  const codes = pathCodes(jurisdictionPath);
  const rows =
    codes.length === 0 || keys.length === 0
      ? []
      : await exec
          .select()
          .from(settings)
          .where(
            and(
              eq(settings.regionCode, regionCode),
              inArray(settings.jurisdictionCode, codes),
              inArray(settings.key, keys),
            ),
          );
  const depth = new Map(codes.map((c, i) => [c, i]));
  const out = new Map<string, ResolvedSetting<unknown>>();
  for (const key of keys) {
    const def = registry.get(key);
    if (!def) throw new Error(`unknown setting ${key}`);
    const best = rows
      .filter((r) => r.key === key)
      .sort((a, b) => (depth.get(b.jurisdictionCode) ?? 0) - (depth.get(a.jurisdictionCode) ?? 0))[0];
    const parsed = best ? def.schema.safeParse(best.value) : undefined;
    out.set(
      key,
      parsed?.success
        ? { value: parsed.data, from: best!.jurisdictionCode }
        : { value: def.defaultValue, from: null },
    );
  }
  return out;
}

export async function resolveSetting<T>(
  exec: Executor,
  regionCode: string,
  jurisdictionPath: string,
  def: SettingDefinition<T>,
): Promise<T> {
  const m = await resolveSettings(exec, regionCode, jurisdictionPath, [def.key]);
  return m.get(def.key)!.value as T;
}

export const workingDaysSetting = (key: string, label: string, description: string, defaultValue: number) =>
  defineSetting({ key, label, description, defaultValue, schema: z.number().int().min(0).max(365) });
