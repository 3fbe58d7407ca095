export type ReportStatus = 'scheduled' | 'held' | 'cancelled';
export type VoterRating = 'satisfied' | 'basically_satisfied' | 'dissatisfied';

export const reportStatusColors: Record<ReportStatus, string> = {
  scheduled: 'blue',
  held: 'green',
  cancelled: 'default',
};
export const RATINGS: Array<{ value: VoterRating; label: string }> = [
  { value: 'satisfied', label: '满意' },
  { value: 'basically_satisfied', label: '基本满意' },
  { value: 'dissatisfied', label: '不满意' },
];

export interface VoterReportResultsData {
  total: number;
  counts: Record<VoterRating, number>;
  satisfactionRate: number | null;
}

export interface VoterReport {
  id: string;
  deputyId: string;
  deputyName: string;
  deputyCode: string;
  congressCode: string;
  year: number;
  stationId: string | null;
  stationName: string | null;
  place: string | null;
  scheduledOn: string;
  startTime: string | null;
  title: string;
  body: string | null;
  closesOn: string | null;
  status: ReportStatus;
  statusLabel: string;
  cancelReason: string | null;
  ratingState: 'not_open' | 'open' | 'closed' | 'cancelled';
  ratingStateLabel: string;
  editable: boolean;
  results: VoterReportResultsData | null;
}

export interface VoterComment {
  id?: string;
  rating: VoterRating;
  ratingLabel: string;
  comment: string | null;
  ratedAt: string;
  hidden?: boolean;
  hiddenReason?: string | null;
}

export interface VoterReportDetail extends VoterReport {
  canModerate: boolean;
  comments: VoterComment[];
}

export interface PublicVoterReport {
  id: string;
  title: string;
  body: string | null;
  deputy: { name: string; code: string };
  congressName: string | null;
  scheduledOn: string;
  startTime: string | null;
  place: string | null;
  station: { name: string; address: string | null } | null;
  closesOn: string | null;
  status: ReportStatus;
  statusLabel: string;
  ratingState: 'not_open' | 'open' | 'closed' | 'cancelled';
  ratingStateLabel: string;
}

export interface MyRating {
  rated: boolean;
  rating?: VoterRating;
  ratingLabel?: string;
  ratedAt?: string;
}
