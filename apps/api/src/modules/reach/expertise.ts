import type { DeputyEntry } from './reach.data';
import type { ExpertiseEntry } from './reach.settings';

/**
 * "我遇到了什么问题" → deputies who know the field. Pure: the dictionary is the congress's setting.
 * A tag matches when the problem names the tag itself or one of its keywords. Deputies score
 * 3 for carrying a matched tag, 2 for an expertise of their own that the problem mentions, and
 * 1 for an occupation the matched tag lists; the reasons are returned so the page can say why.
 */
export interface ExpertiseMatch {
  deputy: number;
  score: number;
  reasons: string[];
}

export function matchedTags(problem: string, dictionary: readonly ExpertiseEntry[]): ExpertiseEntry[] {
  const q = normalise(problem);
  if (!q) return [];
  return dictionary.filter(
    (e) =>
      q.includes(normalise(e.tag)) ||
      normalise(e.tag).includes(q) ||
      e.keywords.some((k) => {
        const kw = normalise(k);
        return kw.length > 0 && (q.includes(kw) || (q.length >= 2 && kw.includes(q)));
      }),
  );
}

export function rankByExpertise(
  problem: string,
  deputies: readonly DeputyEntry[],
  dictionary: readonly ExpertiseEntry[],
): { tags: string[]; matches: ExpertiseMatch[] } {
  const q = normalise(problem);
  const tags = matchedTags(problem, dictionary);
  const tagNames = new Set(tags.map((t) => normalise(t.tag)));
  const occupations = new Set(tags.flatMap((t) => t.occupations));
  const matches: ExpertiseMatch[] = [];
  deputies.forEach((d, i) => {
    let score = 0;
    const reasons: string[] = [];
    for (const e of d.expertise) {
      const ne = normalise(e);
      if (!ne) continue;
      if (tagNames.has(ne)) {
        score += 3;
        reasons.push(`专长：${e}`);
      } else if (q.length >= 2 && (q.includes(ne) || ne.includes(q))) {
        score += 2;
        reasons.push(`专长：${e}`);
      }
    }
    if (d.occupationCategory && occupations.has(d.occupationCategory)) {
      score += 1;
      reasons.push(`职业：${d.occupationCategory}`);
    }
    if (score > 0) matches.push({ deputy: i, score, reasons });
  });
  return { tags: tags.map((t) => t.tag), matches };
}

function normalise(s: string): string {
  return s.replace(/\s+/g, '').toLowerCase();
}
