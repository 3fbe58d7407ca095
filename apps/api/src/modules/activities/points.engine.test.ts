import { describe, expect, it } from 'vitest';
import { monthsInOffice, ruleSetFor, score } from './points.engine';
import { DEFAULT_RULE_SET, ruleSetSchema } from './points.rules';

/** A small deterministic PRNG (mulberry32), so a failing case can be replayed from its seed. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('points are a pure function of evidence, rules and time in office', () => {
  it('prices each line, caps it, prorates base and caps, and writes the formula', () => {
    const tally = new Map([
      ['activity.reception', 15], // 30 raw, capped at 24
      ['suggestion.registered', 2],
      ['absence.session', 1],
      ['activity.unknown_kind', 3],
    ]);
    const s = score(tally, DEFAULT_RULE_SET, 12);
    expect(s.base).toBe(60);
    expect(s.lines.find((l) => l.key === 'activity.reception')).toMatchObject({
      raw: 30,
      cap: 24,
      points: 24,
      capped: true,
    });
    expect(s.total).toBe(60 + 24 + 4 - 10);
    expect(s.unpriced).toEqual(['activity.unknown_kind']);
    expect(s.formula).toContain('接待选民 15 次 × 2 分（封顶 24） = 24');
    // Half a year in office: base and caps are halved, the per-item price is not.
    const half = score(tally, DEFAULT_RULE_SET, 6);
    expect(half.base).toBe(30);
    expect(half.lines.find((l) => l.key === 'activity.reception')!.points).toBe(12);
    expect(half.formula).toContain('基础分 60 × 任职 6/12 个月 = 30');
    expect(score(tally, DEFAULT_RULE_SET, 12, -3).total).toBe(s.total - 3);
  });

  it('incremental tallies and a recount from the evidence always give the same score (property)', () => {
    const keys = DEFAULT_RULE_SET.rules.map((r) => r.key).concat(['activity.other']);
    for (let seed = 1; seed <= 300; seed++) {
      const r = rng(seed);
      // A random stream of evidence added and withdrawn (attendance corrected, activity rejected).
      const evidence = new Map<string, string>(); // id → key
      const incremental = new Map<string, number>();
      for (let step = 0; step < 120; step++) {
        if (evidence.size > 0 && r() < 0.25) {
          const ids = [...evidence.keys()];
          const id = ids[Math.floor(r() * ids.length)]!;
          const key = evidence.get(id)!;
          evidence.delete(id);
          incremental.set(key, (incremental.get(key) ?? 0) - 1);
        } else {
          const id = `e${seed}-${step}`;
          const key = keys[Math.floor(r() * keys.length)]!;
          if (evidence.has(id)) continue;
          evidence.set(id, key);
          incremental.set(key, (incremental.get(key) ?? 0) + 1);
        }
      }
      const recount = new Map<string, number>();
      for (const key of evidence.values()) recount.set(key, (recount.get(key) ?? 0) + 1);
      const months = 1 + Math.floor(r() * 12);
      const live = new Map([...incremental].filter(([, n]) => n > 0));
      expect(score(live, DEFAULT_RULE_SET, months), `seed ${seed}`).toEqual(
        score(recount, DEFAULT_RULE_SET, months),
      );
    }
  });

  it('a year is priced by the set in force that year; a later set never reaches back', () => {
    const sets = [
      { effectiveYear: 2026, id: 'a' },
      { effectiveYear: 2028, id: 'b' },
    ];
    expect(ruleSetFor(sets, 2025)).toBeUndefined();
    expect(ruleSetFor(sets, 2026)!.id).toBe('a');
    expect(ruleSetFor(sets, 2027)!.id).toBe('a');
    expect(ruleSetFor(sets, 2028)!.id).toBe('b');
  });

  it('counts months in office within the year', () => {
    expect(monthsInOffice(2026, null, null)).toBe(12);
    expect(monthsInOffice(2026, '2026-07-15', null)).toBe(6);
    expect(monthsInOffice(2026, '2022-01-01', '2026-03-31')).toBe(3);
    expect(monthsInOffice(2026, '2027-01-01', null)).toBe(0);
  });

  it('the default rule set passes its own schema', () => {
    expect(ruleSetSchema.parse(DEFAULT_RULE_SET)).toEqual(DEFAULT_RULE_SET);
  });
});
