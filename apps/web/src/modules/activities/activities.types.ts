/** Shapes of the activities and points API (`/api/activities*`, `/api/points*`). */
export type Attendance = 'present' | 'excused' | 'absent';
export type ActivityStatus = 'pending' | 'confirmed' | 'rejected';

export const ATTENDANCE: Array<{ value: Attendance; label: string }> = [
  { value: 'present', label: '出席' },
  { value: 'excused', label: '请假' },
  { value: 'absent', label: '缺席' },
];
export const STATUSES: Array<{ value: ActivityStatus; label: string }> = [
  { value: 'pending', label: '待确认' },
  { value: 'confirmed', label: '已确认' },
  { value: 'rejected', label: '未通过' },
];
export const statusColors: Record<ActivityStatus, string> = {
  pending: 'gold',
  confirmed: 'green',
  rejected: 'red',
};
export const originLabels: Record<string, string> = {
  staff: '工作人员登记',
  deputy: '代表本人登记',
  event: '系统自动记录',
};

export interface Kind {
  code: string;
  name: string;
}

export interface WorkingCongress {
  code: string;
  name: string;
  /** May read this congress's points (staff of it, or the deputy's own). */
  points: boolean;
  mine: boolean;
  levels: Array<{ level: string; label: string; deputies: number }>;
}
export interface Congresses {
  deputyId: string | null;
  items: WorkingCongress[];
}

export interface Participant {
  deputyId: string;
  name: string;
  attendance: Attendance;
  attendanceLabel: string;
}

export interface Activity {
  id: string;
  congressCode: string;
  jurisdictionCode: string;
  kind: string;
  title: string;
  content: string | null;
  place: string | null;
  mode: string | null;
  day: string;
  stationId: string | null;
  citizensReceived: number;
  opinionsCollected: number;
  problemsSolved: number;
  status: ActivityStatus;
  statusLabel: string;
  origin: 'staff' | 'deputy' | 'event';
  sourceType: string | null;
  sourceId: string | null;
  rejectReason: string | null;
  participants: Participant[];
  photos: ActivityPhoto[];
  /** Detail only: whether this account may still add or remove photos. */
  photosEditable?: boolean;
}

export interface ActivityPhoto {
  id: string;
  mime: string;
  bytes: number;
}

export interface Page<T> {
  total: number;
  page: number;
  pageSize: number;
  items: T[];
}

export interface Rule {
  key: string;
  label: string;
  points: number;
  capPerYear: number | null;
}
export interface RuleSet {
  baseScore: number;
  prorate: boolean;
  talkBelow: number;
  honourFrom: number;
  rules: Rule[];
}

export interface ScoreLine {
  key: string;
  label: string;
  count: number;
  pointsEach: number;
  raw: number;
  cap: number | null;
  points: number;
  capped: boolean;
}

export type EvidenceRef = 'activity' | 'suggestion' | 'opinion';

export interface DeputyPoints {
  deputyId: string;
  name: string;
  level: string;
  year: number;
  congressCode: string;
  ruleSetYear: number | null;
  total: number;
  base: number;
  months: number;
  factor: number;
  adjustments: number;
  lines: ScoreLine[];
  unpriced: string[];
  formula: string;
  evidence: Array<{
    id: string;
    day: string;
    key: string;
    label: string;
    ruleLabel: string;
    pointsEach: number;
    refType: EvidenceRef;
    refId: string;
  }>;
  adjustmentEntries: Array<{ id: string; points: number; reason: string; at: string }>;
}

export interface PointsRow {
  deputyId: string;
  name: string;
  level: string;
  total: number;
  months: number;
  formula: string;
}
export interface PointsTable {
  congressCode: string;
  congressName: string;
  year: number;
  level: string | null;
  ruleSetYear: number | null;
  rules: RuleSet;
  items: PointsRow[];
}

export interface StoredRuleSet {
  id: string;
  effectiveYear: number;
  note: string | null;
  rules: RuleSet;
  createdAt: string;
}
export interface RuleSets {
  items: StoredRuleSet[];
  inForce: { id: string | null; effectiveYear: number | null; rules: RuleSet } | null;
}

export interface ListEntry {
  deputyId: string;
  name: string;
  total: number;
  formula: string;
}
export interface PointLists {
  year: number;
  talkBelow: number;
  honourFrom: number;
  talk: ListEntry[];
  warning: ListEntry[];
  honours: ListEntry[];
}

/** The current year in China (the server's year for points). */
export const thisYear = () =>
  Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));

export const ruleSetName = (effectiveYear: number | null) =>
  effectiveYear === null ? '默认积分规则' : `${effectiveYear}年起施行的积分规则`;

/** Drawers fit a phone's screen (the workbench is used on phones). */
export const drawerWidth = (wide = 680) => Math.min(wide, window.innerWidth);
