/** Shapes of the deputies API (`/api/deputies*`, `/api/observers*`, `/api/liaison-pairs*`). */
export type MandateLevel = 'national' | 'provincial' | 'municipal' | 'county' | 'township' | 'street';
export type DeputyStatus = 'active' | 'resigned' | 'recalled' | 'terminated';

export interface Mandate {
  id?: string;
  level: MandateLevel;
  levelLabel?: string;
  term: number;
  electoralDistrict: string | null;
  delegation: string | null;
  groupName: string | null;
}

export interface Deputy {
  id: string;
  jurisdictionCode: string;
  jurisdictionName: string;
  name: string;
  gender: '男' | '女';
  ethnicity: string;
  birthYear: number | null;
  party: string | null;
  occupationCategory: string | null;
  workplace: string | null;
  duties: string | null;
  expertise: string[];
  professionalGroups: string[];
  contactPrefs: Record<string, boolean>;
  phoneMasked: string | null;
  status: DeputyStatus;
  statusLabel: string;
  statusChangedOn: string | null;
  statusReason: string | null;
  mandates: Mandate[];
  grids: { code: string; name: string }[];
  stations: { id: string; name: string }[];
}

export interface DeputyPage {
  total: number;
  page: number;
  pageSize: number;
  items: Deputy[];
}

export interface DeputyOptions {
  scope: { code: string; name: string };
  grids: { code: string; name: string; parentName: string }[];
  stations: { id: string; name: string }[];
  professionalGroups: string[];
  occupationCategories: string[];
  levels: { value: MandateLevel; label: string }[];
}

export interface RowError {
  row: number;
  column: string;
  message: string;
}

export interface ImportJob {
  id: string;
  status: 'validating' | 'importing' | 'done' | 'rejected' | 'failed';
  mode: 'all_or_nothing' | 'clean_rows';
  total: number;
  processed: number;
  imported: number;
  errors: RowError[];
  errorCount: number;
}

export interface Observer {
  id: string;
  jurisdictionCode: string;
  jurisdictionName: string;
  name: string;
  kind: 'grid_worker' | 'police' | 'volunteer' | 'lawyer' | 'other';
  kindLabel: string;
  organisation: string | null;
  phoneMasked: string | null;
  status: 'active' | 'inactive';
  deputies: { id: string; name: string }[];
}

export interface LiaisonPair {
  id: string;
  kind: 'committee_member' | 'department_head';
  memberName: string;
  memberTitle: string | null;
  departmentName: string | null;
  deputyId: string;
  deputyName: string;
  lastContactOn: string | null;
  overdue: boolean;
}

export interface LiaisonVisit {
  id: string;
  visitedOn: string;
  mode: 'visit' | 'meeting' | 'phone' | 'online';
  summary: string;
}

export const statusColors: Record<DeputyStatus, string> = {
  active: 'green',
  resigned: 'default',
  recalled: 'red',
  terminated: 'orange',
};
export const statusLabels: Record<DeputyStatus, string> = {
  active: '在任',
  resigned: '辞职',
  recalled: '罢免',
  terminated: '终止',
};
