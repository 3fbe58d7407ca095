import type { Executor } from '../../kernel/db/client';

/** One line of evidence behind a metric value: a checklist item, a plan month, a reception day … */
export interface EvidenceItem {
  label: string;
  date?: string;
  /** Console path of the thing counted, e.g. `/console/receptions?station=…&day=2026-03-10`. */
  link?: string;
}

export interface MetricResult {
  /** null = no data to judge by (e.g. a rate with no bookings): the item earns no points. */
  value: number | null;
  /** One sentence saying what was counted. */
  summary: string;
  items?: EvidenceItem[];
  /** Where to see everything this metric counts. */
  link?: string;
}

export type MetricCompute = (
  exec: Executor,
  regionCode: string,
  stationIds: string[],
  year: number,
) => Promise<Map<string, MetricResult>>;

export interface StationMetric {
  key: string;
  label: string;
  unit: string;
  /** 'lower': smaller is better (e.g. no-show rate); the formula's target is then a ceiling. */
  better: 'higher' | 'lower';
  /** Computes the metric for every station at once: one query per metric, never one per station. */
  compute: MetricCompute;
}

const registry = new Map<string, StationMetric>();

/**
 * Modules add what they know about stations (opinions collected, activities held, satisfaction)
 * by registering a metric at import time; a congress then names it in `stations.starFormula`.
 */
export function registerStationMetric(
  key: string,
  label: string,
  compute: MetricCompute,
  opts: { unit?: string; better?: 'higher' | 'lower' } = {},
): StationMetric {
  if (registry.has(key)) throw new Error(`station metric ${key} registered twice`);
  const metric: StationMetric = {
    key,
    label,
    compute,
    unit: opts.unit ?? '',
    better: opts.better ?? 'higher',
  };
  registry.set(key, metric);
  return metric;
}

export function stationMetric(key: string): StationMetric | undefined {
  return registry.get(key);
}

export function stationMetrics(): StationMetric[] {
  return [...registry.values()];
}

/** Tests only: remove a metric they registered. */
export function unregisterStationMetric(key: string): void {
  registry.delete(key);
}
