import type { Executor } from '../../kernel/db/client';
import { type MetricResult, stationMetric } from './metrics';
import { resolveSettingForPaths } from './stations.repository';
import { type StarFormula, starFormulaSetting } from './stations.settings';

export interface StarItem {
  metric: string;
  label: string;
  unit: string;
  better: 'higher' | 'lower';
  weight: number;
  target: number;
  value: number | null;
  /** Share of the item's points earned, 0–1. */
  ratio: number;
  points: number;
  evidence: MetricResult;
}

export interface StarResult {
  stationId: string;
  stars: number;
  score: number;
  items: StarItem[];
  formula: StarFormula;
  /** The jurisdiction whose formula applies; null = the platform default. */
  formulaFrom: string | null;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Higher-is-better items earn weight × min(value ÷ target, 1); lower-is-better ones full points up to the target, then target ÷ value. No data earns nothing. */
export function scoreItem(better: 'higher' | 'lower', value: number | null, target: number): number {
  if (value === null) return 0;
  if (better === 'higher') return target <= 0 ? 1 : Math.min(value / target, 1);
  return value <= target ? 1 : target / value;
}

export function starsFor(score: number, thresholds: number[]): number {
  return thresholds.filter((t) => score >= t).length;
}

/**
 * Stars for many stations in bulk: one settings query for the formulas, then each metric named by
 * any formula is computed once for all the stations that use it — never a query per station.
 */
export async function computeStars(
  exec: Executor,
  regionCode: string,
  stations: Array<{ id: string; path: string }>,
  year: number,
): Promise<Map<string, StarResult>> {
  const formulas = await resolveSettingForPaths(
    exec,
    regionCode,
    starFormulaSetting,
    stations.map((s) => s.path),
  );
  const idsByMetric = new Map<string, string[]>();
  for (const s of stations) {
    for (const item of formulas.get(s.path)!.value.items) {
      const ids = idsByMetric.get(item.metric) ?? [];
      if (!ids.includes(s.id)) ids.push(s.id);
      idsByMetric.set(item.metric, ids);
    }
  }
  const values = new Map<string, Map<string, MetricResult>>();
  for (const [key, ids] of idsByMetric) {
    const metric = stationMetric(key);
    if (metric) values.set(key, await metric.compute(exec, regionCode, ids, year));
  }
  const out = new Map<string, StarResult>();
  for (const s of stations) {
    const { value: formula, from } = formulas.get(s.path)!;
    const items = formula.items.map((item): StarItem => {
      const metric = stationMetric(item.metric)!;
      const evidence = values.get(item.metric)?.get(s.id) ?? { value: null, summary: '暂无数据' };
      const ratio = scoreItem(metric.better, evidence.value, item.target);
      return {
        metric: item.metric,
        label: metric.label,
        unit: metric.unit,
        better: metric.better,
        weight: item.weight,
        target: item.target,
        value: evidence.value,
        ratio: Math.round(ratio * 1000) / 1000,
        points: round1(item.weight * ratio),
        evidence,
      };
    });
    const score = round1(items.reduce((a, i) => a + i.points, 0));
    out.set(s.id, {
      stationId: s.id,
      stars: starsFor(score, formula.thresholds),
      score,
      items,
      formula,
      formulaFrom: from,
    });
  }
  return out;
}
