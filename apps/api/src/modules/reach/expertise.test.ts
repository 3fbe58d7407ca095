import { describe, expect, it } from 'vitest';
import { matchedTags, rankByExpertise } from './expertise';
import type { DeputyEntry } from './reach.data';
import { defaultExpertise } from './reach.settings';

const deputy = (name: string, expertise: string[], occupationCategory: string | null): DeputyEntry => ({
  id: name,
  code: name,
  name,
  levelLabel: '',
  jurisdictionCode: '310112',
  occupationCategory,
  expertise,
  professionalGroups: [],
  stations: [],
  grids: [],
});

describe('expertise matching', () => {
  it('maps a problem to tags through keywords or the tag itself', () => {
    expect(matchedTags('小区物业纠纷一直没解决', defaultExpertise).map((t) => t.tag)).toEqual(['法律']);
    expect(matchedTags('加装电梯', defaultExpertise).map((t) => t.tag)).toEqual(['城建']);
    expect(matchedTags('医疗卫生', defaultExpertise).map((t) => t.tag)).toEqual(['医疗卫生']);
    expect(matchedTags('  ', defaultExpertise)).toEqual([]);
  });

  it('ranks tag holders above matching occupations, and says why', () => {
    const list = [
      deputy('律师无标签', [], '律师'),
      deputy('法律专长律师', ['法律'], '律师'),
      deputy('法律专长', ['法律'], '企业界'),
      deputy('医生', ['医疗卫生'], '医务'),
      deputy('物业专家', ['物业管理'], null),
    ];
    const { tags, matches } = rankByExpertise('物业纠纷', list, defaultExpertise);
    expect(tags).toEqual(['法律']);
    const byName = new Map(matches.map((m) => [list[m.deputy]!.name, m]));
    expect(byName.get('法律专长律师')).toMatchObject({ score: 4, reasons: ['专长：法律', '职业：律师'] });
    expect(byName.get('法律专长')?.score).toBe(3);
    expect(byName.get('律师无标签')?.score).toBe(1);
    expect(byName.has('医生')).toBe(false);
    // '物业纠纷' does not contain '物业管理' nor the reverse.
    expect(byName.has('物业专家')).toBe(false);
    expect(
      rankByExpertise('物业管理', list, defaultExpertise).matches.map((m) => list[m.deputy]!.name),
    ).toContain('物业专家');
  });
});
