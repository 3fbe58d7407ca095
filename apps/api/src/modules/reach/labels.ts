import type { mandateLevels } from '../deputies/deputies.schema';

export type MandateLevel = (typeof mandateLevels)[number];

const levelRank: Record<MandateLevel, number> = {
  national: 0,
  provincial: 1,
  municipal: 2,
  county: 3,
  township: 4,
  street: 5,
};

export const byLevelRank = (a: { level: MandateLevel }, b: { level: MandateLevel }) =>
  levelRank[a.level] - levelRank[b.level];

/** '全国人大代表', '上海市人大代表', '闵行区人大代表', '莘庄镇人大代表', '江川路街道议政代表'. */
export function mandateLabel(level: MandateLevel, congressName: string): string {
  if (level === 'national') return '全国人大代表';
  if (level === 'street') return `${congressName}议政代表`;
  return `${congressName}人大代表`;
}

/** '第十四届全国人大代表', '闵行区第十八届人大代表', '江川路街道议政代表'. */
export function mandateFullLabel(level: MandateLevel, congressName: string, term: number): string {
  if (level === 'national') return `${termLabel(term)}全国人大代表`;
  if (level === 'street') return `${congressName}议政代表`;
  return `${congressName}${termLabel(term)}人大代表`;
}

const CN_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 18 → '十八', 14 → '十四', 9 → '九' (terms of a congress are below 100). */
export function chineseNumber(n: number): string {
  if (n < 10) return CN_DIGITS[n] ?? String(n);
  if (n >= 100) return String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : CN_DIGITS[tens]}十${ones === 0 ? '' : CN_DIGITS[ones]}`;
}

/** '第十八届' */
export const termLabel = (term: number) => `第${chineseNumber(term)}届`;

/** 1234.5 → '1.2 公里', 380 → '380 米'. */
export function distanceLabel(meters: number): string {
  return meters >= 1000 ? `${(meters / 1000).toFixed(1)} 公里` : `${Math.round(meters)} 米`;
}
