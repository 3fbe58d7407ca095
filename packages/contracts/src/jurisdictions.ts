import { z } from 'zod';

export const jurisdictionLevels = ['province', 'city', 'county', 'township', 'community', 'grid'] as const;
export const levelLabels: Record<(typeof jurisdictionLevels)[number], string> = {
  province: '省级',
  city: '市级',
  county: '区县',
  township: '街道/乡镇',
  community: '社区/村',
  grid: '网格',
};

export const jurisdictionNode = z.object({
  code: z.string(),
  parentCode: z.string().nullable(),
  level: z.enum(jurisdictionLevels),
  name: z.string(),
  childCount: z.number(),
});
export type JurisdictionNode = z.infer<typeof jurisdictionNode>;

export const jurisdictionChildren = z.object({
  parent: jurisdictionNode.nullable(),
  items: z.array(jurisdictionNode),
});
