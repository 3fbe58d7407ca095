import type { LinkedSuggestions } from '../suggestions/SuggestionLinks';
export interface IntakeResult {
  id: string;
  trackingNo: string;
  followUrl: string;
  replayed: boolean;
}

export interface Category {
  code: string;
  parentCode: string | null;
  name: string;
  level: number;
}

export interface PublicCase {
  id: string;
  trackingNo: string;
  title: string;
  description: string;
  state: string;
  stateLabel: string;
  phase: string;
  categoryName: string | null;
  township: string | null;
  addressMasked: string | null;
  deputyName: string | null;
  stationName: string | null;
  departmentName: string | null;
  openedAt: string;
  closedAt: string | null;
  steps: Array<{ label: string; stateLabel: string; at: string; note: string | null }>;
  replies: Array<{ round: number; body: string; outcomeLabel: string; repliedAt: string }>;
  ratings: Array<{ round: number; ratingLabel: string }>;
  photos: number;
  /** 并单: this case is handled together with the main case; its public steps and answers. */
  mergedInto: {
    trackingNo: string;
    state: string;
    stateLabel: string;
    phase: string;
    closedAt: string | null;
    steps: Array<{ label: string; stateLabel: string; at: string }>;
    replies: Array<{ round: number; body: string; outcomeLabel: string; repliedAt: string }>;
  } | null;
  /** 办理进度: the unit's progress reports on a complex case. */
  progress: Array<{ body: string; at: string }>;
  /** Taken up by the deputy as a suggestion: its number and stage (the portal page once published). */
  suggestions?: Array<{ registerNo: string | null; stateLabel: string; publishedId: string | null }>;
  canRate?: boolean;
  dissatisfiedReopens?: boolean;
}

export interface OpinionRow {
  id: string;
  trackingNo: string;
  title: string;
  state: string;
  stateLabel: string;
  phase: string;
  channelLabel: string;
  categoryName: string | null;
  township: string | null;
  community: string | null;
  grid?: string | null;
  departmentName: string | null;
  deputyName: string | null;
  stationName: string | null;
  contactPhoneMasked: string | null;
  replyDueAt: string | null;
  overdue: boolean;
  supervisionLevel: number;
  returnCount: number;
  reopenCount: number;
  openedAt: string;
  closedAt: string | null;
  assignedAt?: string | null;
  outcomeLabel?: string | null;
  ratingLabel?: string | null;
}

export interface Page<T> {
  total: number;
  page: number;
  pageSize: number;
  items: T[];
  /** More matched than the server counts: show the total as "10000+". */
  totalIsLowerBound?: boolean;
}

export interface OpinionDetail extends OpinionRow {
  description: string;
  /** 民意转建议: the suggestions this opinion became. */
  suggestions?: LinkedSuggestions;
  addressMasked: string | null;
  contactNameMasked: string | null;
  allowDisclosure: boolean;
  /** 现场接待: the reception day a walk-in was recorded on. */
  receptionDay?: string | null;
  version: number;
  history: Array<{
    seq: number;
    action: string;
    label: string;
    toLabel: string;
    actorLabel: string;
    at: string;
    note: string | null;
  }>;
  assignments: Array<{
    id: string;
    departmentName: string | null;
    role: string;
    status: string;
    reason: string | null;
    assignedAt: string;
    returnReason: string | null;
    /** A joint unit's 会办意见 to the lead. */
    opinion: string | null;
    opinionAt: string | null;
  }>;
  progress: Array<{ body: string; at: string; departmentName: string | null }>;
  complex: boolean;
  extensions: Array<{
    id: string;
    days: number;
    reason: string;
    status: string;
    decisionNote: string | null;
  }>;
  replies: Array<{
    round: number;
    departmentName: string | null;
    body: string;
    outcomeLabel: string;
    repliedAt: string;
  }>;
  ratings: Array<{ round: number; ratingLabel: string; comment: string | null; auto: boolean }>;
  /** 并单: ratings of this case's answers by the citizens of the cases merged into it. */
  mergedRatings?: Array<{
    trackingNo: string;
    round: number;
    ratingLabel: string;
    comment: string | null;
    ratedAt: string;
  }>;
  attachments: Array<{ id: string; stage: string; round: number | null; mime: string; bytes: number }>;
  actions: Array<{ action: string; label: string }>;
}

/** yyyy-mm-dd hh:mm in China time. */
export function when(iso: string | null | undefined): string {
  if (!iso) return '';
  return new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}
export const day = (iso: string | null | undefined) => when(iso).slice(0, 10);

export const PHOTO_MAX_BYTES = 5_000_000;

/** A new idempotency key for one submission: a retried request (a double tap, a lost answer) files one case. */
export const newIdempotencyKey = () => `web-${crypto.randomUUID().replaceAll('-', '')}`;
