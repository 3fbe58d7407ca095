import type { stationKinds, stations } from './stations.schema';

export type StationKind = (typeof stationKinds)[number];
export type StationBasis = (typeof stations.$inferSelect)['basis'];

export const stationKindLabels: Record<StationKind, string> = {
  home: '代表之家',
  station: '代表联络站',
  point: '代表联系点',
  micro: '人大代表联络微站',
  collection: '民情收集点',
};

export const stationBasisLabels: Record<StationBasis, string> = {
  area: '按区域设立',
  industry_chain: '产业链',
  profession: '行业',
  enterprise: '企业',
};

export const stationBases = [
  'area',
  'industry_chain',
  'profession',
  'enterprise',
] as const satisfies readonly StationBasis[];
