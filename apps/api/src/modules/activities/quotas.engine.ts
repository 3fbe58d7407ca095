/**
 * 履职要求 (quotas) as pure functions of dates and counts: the period a quota is measured in, the
 * part of it the deputy was in office, the target (prorated for part-period deputies), the pace
 * expected by today and the resulting status. Same input, same output.
 */

export interface Quota {
  key: string;
  label: string;
  per: 'month' | 'year';
  min: number;
}

export interface Period {
  per: 'month' | 'year';
  /** '2026-03' or '2026'. */
  id: string;
  label: string;
  start: string;
  end: string;
}

/** A mandate's days in office (open ends allowed). */
export interface Span {
  startedOn: string | null;
  endedOn: string | null;
}

export type QuotaStatus = 'met' | 'on_track' | 'behind';

export interface QuotaProgress {
  key: string;
  label: string;
  per: 'month' | 'year';
  period: string;
  periodLabel: string;
  min: number;
  count: number;
  /** min, or prorated (rounded up, at least 1) when the deputy was in office for part of the period. */
  target: number;
  /** What the pace asks by today: ⌊target × share of the office days gone⌋ (the target once it is over). */
  expected: number;
  /** Share of the deputy's office days in the period that have passed (0–1). */
  share: number;
  closed: boolean;
  status: QuotaStatus;
  statusLabel: string;
}

const DAY = 86_400_000;
const dayNo = (d: string) => Math.round(Date.parse(`${d}T00:00:00Z`) / DAY);

/** China civil date (yyyy-mm-dd) of an instant. */
export const chinaDay = (at: Date) => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

export function periodOf(per: 'month' | 'year', day: string): Period {
  const y = Number(day.slice(0, 4));
  if (per === 'year') return { per, id: `${y}`, label: `${y}年`, start: `${y}-01-01`, end: `${y}-12-31` };
  const m = Number(day.slice(5, 7));
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const mm = String(m).padStart(2, '0');
  return { per, id: `${y}-${mm}`, label: `${y}年${m}月`, start: `${y}-${mm}-01`, end: `${y}-${mm}-${last}` };
}

/** Days of [from, to] covered by the union of the spans (overlapping mandates count once). */
export function officeDays(spans: readonly Span[], from: string, to: string): number {
  const lo = dayNo(from);
  const hi = dayNo(to);
  if (hi < lo) return 0;
  const parts = spans
    .map((s) => [
      Math.max(lo, s.startedOn ? dayNo(s.startedOn) : lo),
      Math.min(hi, s.endedOn ? dayNo(s.endedOn) : hi),
    ])
    .filter(([a, b]) => a! <= b!)
    .sort((a, b) => a[0]! - b[0]!) as Array<[number, number]>;
  let days = 0;
  let until = lo - 1;
  for (const [a, b] of parts) {
    const start = Math.max(a, until + 1);
    if (b >= start) days += b - start + 1;
    until = Math.max(until, b);
  }
  return days;
}

const labels: Record<QuotaStatus, string> = { met: '已完成', on_track: '进度正常', behind: '落后于进度' };

/** Progress of one quota for one deputy on `today`, or null when they were not in office in the period. */
export function quotaProgress(
  q: Quota,
  count: number,
  spans: readonly Span[],
  today: string,
): QuotaProgress | null {
  const p = periodOf(q.per, today);
  const total = dayNo(p.end) - dayNo(p.start) + 1;
  const inOffice = officeDays(spans, p.start, p.end);
  if (inOffice === 0) return null;
  const target = inOffice >= total ? q.min : Math.max(1, Math.ceil((q.min * inOffice) / total));
  const gone = officeDays(spans, p.start, today < p.end ? today : p.end);
  const share = gone / inOffice;
  const closed = today >= p.end;
  const expected = closed ? target : Math.floor(target * share);
  const status: QuotaStatus = count >= target ? 'met' : count < expected ? 'behind' : 'on_track';
  return {
    key: q.key,
    label: q.label,
    per: q.per,
    period: p.id,
    periodLabel: p.label,
    min: q.min,
    count,
    target,
    expected,
    share: Math.round(share * 1000) / 1000,
    closed,
    status,
    statusLabel: closed && status === 'behind' ? '未完成' : labels[status],
  };
}
