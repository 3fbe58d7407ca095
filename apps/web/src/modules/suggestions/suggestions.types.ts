export { day, type Page, when } from '../opinions/opinions.types';

import type { SourceActivity, SourceMediation, SourceOpinion } from './SuggestionLinks';

/** 回头看: a mid-year / year-end report period and whether the lead unit has reported. */
export interface ReportStatus {
  label: string;
  day: string;
  reported: boolean;
}

export interface SuggestionRow {
  id: string;
  trackingNo: string;
  title: string;
  state: string;
  stateLabel: string;
  category: string;
  registerNo: string | null;
  periodLabel: string | null;
  deputyName: string | null;
  leadDepartmentName: string | null;
  submittedAt: string | null;
  assignedAt: string | null;
  answerDueDay: string | null;
  overdue: boolean;
  difficult: boolean;
  answerCategory: string | null;
  promisedOn: string | null;
  attitudeLabel: string | null;
  resultLabel: string | null;
  rehandled: number;
  supervisionLevel: number;
  keyYear: number | null;
  keyLeader: string | null;
  pilLabel: string;
  groupId: string | null;
  publishedAt: string | null;
  /** On the follow-up board and the detail: the last period passed and the next one. */
  followUpReports?: { last: ReportStatus | null; next: ReportStatus } | null;
}

export interface SuggestionDetail extends SuggestionRow {
  body: string;
  letterReason: string | null;
  sourceOpinion: SourceOpinion | null;
  sourceActivity: SourceActivity | null;
  sourceMediation: SourceMediation | null;
  group: Array<{ id: string; trackingNo: string; title: string }>;
  signers: Array<{ deputyId: string; name: string | null; role: 'lead' | 'co'; signedAt: string }>;
  assignments: Array<{
    id: string;
    departmentName: string | null;
    role: 'lead' | 'joint';
    status: string;
    batch: string | null;
    assignedAt: string;
    returnReason: string | null;
    opinion: string | null;
    opinionAt: string | null;
    opinionDueAt: string | null;
  }>;
  contacts: Array<{ id: string; stageLabel: string; day: string; formLabel: string; agreed: string }>;
  answers: Array<{
    round: number;
    body: string;
    category: string;
    categoryLabel: string;
    signerName: string;
    signerTitle: string;
    promisedOn: string | null;
    noContact: boolean;
    onTime: boolean;
    answeredAt: string;
  }>;
  ratings: Array<{
    round: number;
    attitudeLabel: string;
    resultLabel: string;
    comment: string | null;
    ratedAt: string;
  }>;
  reports: Array<{ kind: string; year: number; body: string; at: string }>;
  history: Array<{
    action: string;
    label: string;
    stateLabel: string;
    actorLabel: string;
    at: string;
    reason: string | null;
  }>;
  answerCategories: Array<{ code: string; label: string; followUp: boolean }>;
  attachments: Array<{ id: string; mime: string; bytes: number; createdAt: string }>;
  /** The viewer is the lead deputy and the suggestion is not yet registered. */
  attachmentsEditable: boolean;
  actions: string[];
}

export const RATINGS = [
  { value: 'satisfied', label: '满意' },
  { value: 'basically_satisfied', label: '基本满意' },
  { value: 'dissatisfied', label: '不满意' },
];
