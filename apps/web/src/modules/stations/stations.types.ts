export const stationKindLabels: Record<string, string> = {
  home: '代表之家',
  station: '代表联络站',
  point: '代表联系点',
  micro: '人大代表联络微站',
  collection: '民情收集点',
};

export const stationBasisLabels: Record<string, string> = {
  area: '按区域设立',
  industry_chain: '产业链',
  profession: '行业',
  enterprise: '企业',
};

export const mandateLevelLabels: Record<string, string> = {
  national: '全国',
  provincial: '省',
  municipal: '市',
  county: '区县',
  township: '乡镇',
  street: '街道议政',
};

export interface StationRow {
  id: string;
  name: string;
  kind: string;
  kindLabel: string;
  basis: string;
  basisLabel: string;
  jurisdictionCode: string;
  jurisdictionName: string;
  townshipName: string | null;
  address: string;
  phone: string | null;
  openingHours: string | null;
  active: boolean;
  deputyCount: number;
  staffCount: number;
}

export interface DeputyRow {
  id: string;
  name: string;
  gender: string;
  status: string;
  jurisdictionName: string;
  levels: string[];
}

export interface StaffRow {
  id: string;
  displayName: string;
  username: string | null;
  status: string;
}

export interface StationDetail extends StationRow {
  publicCode: string;
  lat: number | null;
  lng: number | null;
  description: string | null;
  photoUrl: string | null;
  deputies: DeputyRow[];
  staff: StaffRow[];
  checklist: { met: number; total: number; percent: number };
  can: { manage: boolean; edit: boolean };
}

export interface ChecklistItem {
  key: string;
  label: string;
  description?: string;
  met: boolean;
  evidenceUrl: string | null;
  note: string | null;
  checkedOn: string | null;
  checkedByName: string | null;
}

export interface ChecklistResponse {
  items: ChecklistItem[];
  summary: { met: number; total: number; percent: number };
  configuredBy: { code: string; name: string } | null;
  canCheck: boolean;
}

export interface PlanItem {
  id: string;
  month: number;
  theme: string;
  description: string | null;
}

export interface Evidence {
  value: number | null;
  summary: string;
  items?: Array<{ label: string; date?: string; link?: string }>;
  link?: string;
}

export interface StarItem {
  metric: string;
  label: string;
  unit: string;
  better: 'higher' | 'lower';
  weight: number;
  target: number;
  value: number | null;
  ratio: number;
  points: number;
  evidence: Evidence;
}

export interface StarsResponse {
  stationId: string;
  stationName: string;
  year: number;
  stars: number;
  score: number;
  items: StarItem[];
  formula: { description: string; thresholds: number[]; from: { code: string; name: string } | null };
}

export const stationPath = (id: string, tab?: string) =>
  `/console/stations?id=${encodeURIComponent(id)}${tab ? `&tab=${tab}` : ''}`;
