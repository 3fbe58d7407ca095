import type { Rule, RuleSet } from './points.rules';

/** How many times each rule key was earned by one deputy in one year. */
export type Tally = ReadonlyMap<string, number>;

export interface ScoreLine {
  key: string;
  label: string;
  count: number;
  pointsEach: number;
  /** count × points, before the cap. */
  raw: number;
  /** The cap after prorating (null: no cap). */
  cap: number | null;
  points: number;
  capped: boolean;
}

export interface Score {
  total: number;
  base: number;
  /** Months in office this year (1–12) and the factor applied to base and caps. */
  months: number;
  factor: number;
  adjustments: number;
  lines: ScoreLine[];
  /** Evidence keys no rule of the year prices (shown, worth 0). */
  unpriced: string[];
  /** The formula in words, shown next to the score. */
  formula: string;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** One line of the formula in words, e.g. `视察 3 次 × 2 分（封顶 10） = 6`. */
export const lineInWords = (l: ScoreLine): string =>
  `${l.label} ${l.count} 次 × ${l.pointsEach} 分${l.capped ? `（封顶 ${l.cap}）` : ''} = ${l.points}`;

/**
 * 履职积分 for one deputy-year: a pure function of the tally, the year's rule set, the months in
 * office and the recorded adjustments — total = base × f + Σ min(|count × points|, cap × f) (sign
 * kept) + adjustments, f = months / 12 when the set prorates. Same input, same output, always.
 */
export function score(tally: Tally, rules: RuleSet, months: number, adjustments = 0): Score {
  const m = Math.max(0, Math.min(12, Math.round(months)));
  const factor = rules.prorate ? m / 12 : 1;
  const byKey = new Map<string, Rule>(rules.rules.map((r) => [r.key, r]));
  const lines: ScoreLine[] = [];
  for (const r of rules.rules) {
    const count = tally.get(r.key) ?? 0;
    if (count === 0) continue;
    const raw = round2(count * r.points);
    const cap = r.capPerYear === null ? null : round2(r.capPerYear * factor);
    const points = cap === null ? raw : Math.sign(raw) * Math.min(Math.abs(raw), cap);
    lines.push({
      key: r.key,
      label: r.label,
      count,
      pointsEach: r.points,
      raw,
      cap,
      points: round2(points),
      capped: cap !== null && Math.abs(raw) > cap,
    });
  }
  const unpriced = [...tally.keys()].filter((k) => !byKey.has(k) && (tally.get(k) ?? 0) > 0).sort();
  const base = round2(rules.baseScore * factor);
  const total = round2(base + lines.reduce((s, l) => s + l.points, 0) + adjustments);
  const formula = [
    rules.prorate && m < 12 ? `基础分 ${rules.baseScore} × 任职 ${m}/12 个月 = ${base}` : `基础分 ${base}`,
    ...lines.map(lineInWords),
    ...(adjustments ? [`年终核定 ${adjustments > 0 ? '+' : ''}${adjustments}`] : []),
  ].join('；');
  return {
    total,
    base,
    months: m,
    factor,
    adjustments,
    lines,
    unpriced,
    formula: `${formula}；合计 ${total}`,
  };
}

/** The rule set in force for a year: the latest set whose `effectiveYear` ≤ year, else the default. */
export function ruleSetFor<T extends { effectiveYear: number }>(
  sets: readonly T[],
  year: number,
): T | undefined {
  return sets.filter((s) => s.effectiveYear <= year).sort((a, b) => b.effectiveYear - a.effectiveYear)[0];
}

/** Whole or part months of a year within [start, end] (dates as yyyy-mm-dd; null = open). */
export function monthsInOffice(year: number, start: string | null, end: string | null): number {
  const from = start && start > `${year}-01-01` ? start : `${year}-01-01`;
  const to = end && end < `${year}-12-31` ? end : `${year}-12-31`;
  if (from > to) return 0;
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  return Math.max(0, Math.min(12, (ty - fy) * 12 + (tm - fm) + 1));
}
