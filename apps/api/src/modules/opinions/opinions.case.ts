import { z } from 'zod';
import type { Actor } from '../../kernel/auth/actor';
import { type CaseRow, defineCaseType, type TimerDef } from '../../kernel/workflow/definition';
import { defineStateNames } from '../../kernel/workflow/state-names';
import { acceptDays, assignDays, replyDays } from '../congresses/congress-settings';
import { autoCloseDays, complexReplyDays, escalateLeaderDays, progressMonths } from './opinions.settings';

/** What the workflow keeps in `cases.data` for an opinion (guards read it synchronously). */
export interface OpinionCaseData {
  citizenAccountId?: string | null;
  departmentId?: string | null;
  /** Handling round: 1, then 2 after a 重办. */
  round?: number;
  returns?: number;
  reopens?: number;
  /** 督办 level: 0 none, 1 the unit was urged, 2 raised to the congress leaders. */
  supervisionLevel?: number;
  extensionPending?: boolean;
  /** The category is a complex one: longer reply period, monthly progress reports. */
  complex?: boolean;
}

export const dataOf = (c: CaseRow) => c.data as OpinionCaseData;

const reason = z.object({ reason: z.string().trim().min(2, '请填写理由').max(500) });

/** Only the citizen who raised the case may rate it; staff may record a rating taken by phone. */
const ownCase = (c: CaseRow, _p: unknown, actor: Actor) =>
  actor.kind === 'citizen' && dataOf(c).citizenAccountId !== actor.accountId
    ? '只能评价本人反映的事项'
    : null;

const replyTimer: TimerDef = {
  kind: 'reply_due',
  unit: 'workingDays',
  setting: (c) => (dataOf(c).complex ? complexReplyDays : replyDays),
  onDue: 'escalate',
};
/** 办理进度: a complex case's unit reports every month until it replies. */
const progressTimer: TimerDef = {
  kind: 'progress_due',
  unit: 'months',
  setting: progressMonths,
  when: (c) => dataOf(c).complex === true,
  onDue: 'progressReminder',
};
/** `reply_remind` is armed by the handling use cases (N working days before `reply_due`). */
const HANDLING_TIMERS = ['reply_due', 'supervise_due', 'reply_remind', 'progress_due'];
const HANDLING_START = [replyTimer, progressTimer];

/**
 * 群众意见 (民意闭环): 待受理 → 已受理 → 已交办 → 办理中 → 已答复(待评价) → 已办结, with 不予受理, 已合并,
 * 退回 (back to 已受理 for re-routing), 延期, 督办 by timers, 重办 once after 不满意 and a staff
 * decision after a second 不满意, and auto-close when the citizen does not rate.
 */
export const opinionCase = defineCaseType({
  type: 'opinions',
  label: '群众意见',
  trackingPrefix: 'MY',
  initial: 'submitted',
  states: {
    submitted: { phase: 'intake', label: '待受理' },
    accepted: { phase: 'intake', label: '已受理' },
    assigned: { phase: 'handling', label: '已交办' },
    in_progress: { phase: 'handling', label: '办理中' },
    replied: { phase: 'feedback', label: '已答复待评价' },
    staff_review: { phase: 'feedback', label: '不满意待审核' },
    closed: { phase: 'closed', label: '已办结' },
    rejected: { phase: 'closed', label: '不予受理' },
    merged: { phase: 'closed', label: '已合并' },
  },
  openTimers: [{ kind: 'accept_due', unit: 'workingDays', setting: acceptDays }],
  actions: {
    accept: {
      label: '受理',
      from: ['submitted'],
      to: 'accepted',
      roles: ['congress_staff', 'station_staff'],
      stopTimers: ['accept_due', 'accept_remind'],
      startTimers: [{ kind: 'assign_due', unit: 'workingDays', setting: assignDays }],
    },
    reject: {
      label: '不予受理',
      from: ['submitted', 'accepted'],
      to: 'rejected',
      roles: ['congress_staff', 'station_staff'],
      payload: reason,
    },
    merge: {
      label: '并单',
      from: ['submitted', 'accepted'],
      to: 'merged',
      roles: ['congress_staff'],
      payload: z.object({
        mergedInto: z.string().uuid(),
        mainTrackingNo: z.string().max(40).optional(),
        reason: z.string().max(500).optional(),
      }),
    },
    classify: {
      label: '分类',
      from: ['submitted', 'accepted'],
      roles: ['congress_staff', 'station_staff'],
      payload: z.object({ categoryCode: z.string().min(1).max(32), complex: z.boolean().optional() }),
      patch: (_c, p) => ({ complex: p.complex === true }),
    },
    assign: {
      label: '交办',
      from: ['accepted'],
      to: 'assigned',
      roles: ['congress_staff'],
      payload: z.object({
        departmentId: z.string().uuid(),
        jointDepartmentIds: z.array(z.string().uuid()).max(5).optional(),
        reason: z.string().max(500).optional(),
      }),
      stopTimers: ['assign_due', 'accept_due', 'assign_remind', 'accept_remind'],
      startTimers: HANDLING_START,
      patch: (c, p) => ({ departmentId: p.departmentId, round: dataOf(c).round ?? 1 }),
    },
    reroute: {
      label: '改派',
      from: ['assigned', 'in_progress'],
      to: 'assigned',
      roles: ['congress_staff'],
      payload: z.object({ departmentId: z.string().uuid(), reason: z.string().trim().min(2).max(500) }),
      stopTimers: HANDLING_TIMERS,
      startTimers: HANDLING_START,
      patch: (_c, p) => ({ departmentId: p.departmentId, supervisionLevel: 0, extensionPending: false }),
    },
    sign: { label: '签收', from: ['assigned'], to: 'in_progress', roles: ['department_handler'] },
    return: {
      label: '退回',
      from: ['assigned', 'in_progress'],
      to: 'accepted',
      roles: ['department_handler'],
      payload: reason,
      stopTimers: HANDLING_TIMERS,
      startTimers: [{ kind: 'assign_due', unit: 'workingDays', setting: assignDays }],
      patch: (c) => ({
        departmentId: null,
        returns: (dataOf(c).returns ?? 0) + 1,
        supervisionLevel: 0,
        extensionPending: false,
      }),
    },
    requestExtension: {
      label: '申请延期',
      from: ['in_progress'],
      roles: ['department_handler'],
      payload: z.object({ days: z.number().int().min(1).max(60), reason: z.string().trim().min(2).max(500) }),
      guard: (c) => (dataOf(c).extensionPending ? '已有待审批的延期申请' : null),
      patch: () => ({ extensionPending: true }),
    },
    approveExtension: {
      label: '同意延期',
      from: ['in_progress'],
      roles: ['congress_staff'],
      payload: z.object({ note: z.string().max(500).optional() }),
      guard: (c) => (dataOf(c).extensionPending ? null : '没有待审批的延期申请'),
      patch: () => ({ extensionPending: false }),
    },
    refuseExtension: {
      label: '不同意延期',
      from: ['in_progress'],
      roles: ['congress_staff'],
      payload: z.object({ note: z.string().max(500).optional() }),
      guard: (c) => (dataOf(c).extensionPending ? null : '没有待审批的延期申请'),
      patch: () => ({ extensionPending: false }),
    },
    escalate: {
      label: '超期督办',
      from: ['assigned', 'in_progress'],
      roles: [],
      startTimers: [
        { kind: 'supervise_due', unit: 'workingDays', setting: escalateLeaderDays, onDue: 'escalateLeader' },
      ],
      patch: () => ({ supervisionLevel: 1 }),
    },
    escalateLeader: {
      label: '提请领导督办',
      from: ['assigned', 'in_progress'],
      roles: [],
      patch: () => ({ supervisionLevel: 2 }),
    },
    reportProgress: {
      label: '报送办理进度',
      from: ['in_progress'],
      roles: ['department_handler'],
      payload: z.object({ body: z.string().trim().min(5, '进度内容不少于 5 个字').max(2000) }),
      stopTimers: ['progress_due'],
      startTimers: [progressTimer],
    },
    progressReminder: {
      label: '提醒报送进度',
      from: ['assigned', 'in_progress'],
      roles: [],
      startTimers: [progressTimer],
    },
    jointOpinion: {
      label: '会办意见',
      from: ['assigned', 'in_progress'],
      roles: ['department_handler'],
      payload: z.object({
        body: z.string().trim().min(5, '会办意见不少于 5 个字').max(2000),
        departmentId: z.string().uuid().nullable().optional(),
      }),
    },
    reply: {
      label: '答复',
      from: ['in_progress'],
      to: 'replied',
      roles: ['department_handler'],
      payload: z.object({
        body: z.string().trim().min(5, '答复内容不少于 5 个字').max(5000),
        outcome: z.enum(['solved', 'in_progress', 'explained']),
        attachments: z.number().int().min(0).optional(),
      }),
      stopTimers: HANDLING_TIMERS,
      startTimers: [{ kind: 'rate_due', unit: 'workingDays', setting: autoCloseDays, onDue: 'autoClose' }],
      patch: () => ({ extensionPending: false }),
    },
    rate: {
      label: '评价',
      from: ['replied'],
      to: 'closed',
      roles: ['citizen', 'congress_staff'],
      payload: z.object({
        rating: z.enum(['satisfied', 'basically_satisfied']),
        comment: z.string().max(500).optional(),
      }),
      guard: ownCase,
    },
    rateReopen: {
      label: '不满意（重办）',
      from: ['replied'],
      to: 'assigned',
      roles: ['citizen', 'congress_staff'],
      payload: z.object({ rating: z.literal('dissatisfied'), comment: z.string().max(500).optional() }),
      guard: (c, p, a) => ownCase(c, p, a) ?? ((dataOf(c).reopens ?? 0) >= 1 ? '该事项已重办过一次' : null),
      stopTimers: ['rate_due'],
      startTimers: HANDLING_START,
      patch: (c) => ({
        reopens: (dataOf(c).reopens ?? 0) + 1,
        round: (dataOf(c).round ?? 1) + 1,
        supervisionLevel: 0,
      }),
    },
    rateReview: {
      label: '不满意（提交审核）',
      from: ['replied'],
      to: 'staff_review',
      roles: ['citizen', 'congress_staff'],
      payload: z.object({ rating: z.literal('dissatisfied'), comment: z.string().max(500).optional() }),
      guard: (c, p, a) => ownCase(c, p, a) ?? ((dataOf(c).reopens ?? 0) < 1 ? '首次不满意应重办' : null),
      stopTimers: ['rate_due'],
    },
    reviewReopen: {
      label: '再次重办',
      from: ['staff_review'],
      to: 'assigned',
      roles: ['congress_staff'],
      payload: reason,
      startTimers: HANDLING_START,
      patch: (c) => ({
        reopens: (dataOf(c).reopens ?? 0) + 1,
        round: (dataOf(c).round ?? 1) + 1,
        supervisionLevel: 0,
      }),
    },
    reviewClose: {
      label: '审核办结',
      from: ['staff_review'],
      to: 'closed',
      roles: ['congress_staff'],
      payload: reason,
    },
    autoClose: { label: '逾期未评价自动办结', from: ['replied'], to: 'closed', roles: [] },
    /**
     * 并单: the merged case's citizen rates the main case's answer (round `round` of the main case).
     * Recorded on their own case, which stays 已合并; it never moves the main case (rating.usecases.ts).
     */
    rateMerged: {
      label: '评价主办事项答复',
      from: ['merged'],
      roles: ['citizen', 'congress_staff'],
      payload: z.object({
        rating: z.enum(['satisfied', 'basically_satisfied', 'dissatisfied']),
        comment: z.string().max(500).optional(),
        round: z.number().int().min(1),
        mainTrackingNo: z.string().max(40),
      }),
      guard: ownCase,
      // The merged citizen's own rating period for this answer (armed in rating.usecases.ts).
      stopTimers: ['rate_due'],
    },
    /**
     * 并单: a merged case's citizen did not rate the main case's answer within
     * `opinions.autoCloseDays` (the main case's own period): their side closes as the main case's
     * does, with an `auto` rating row for that round (opinions.subscribers.ts). It stays 已合并.
     */
    autoCloseMerged: { label: '逾期未评价自动办结', from: ['merged'], roles: [], stopTimers: ['rate_due'] },
  },
});

/** 状态名称: each congress may rename these states (never their phases); see kernel/workflow/state-names. */
export const opinionStateNames = defineStateNames(opinionCase);

/** Steps a citizen sees on the follow page (public steps; internal ones like 分类/延期 stay inside). */
export const PUBLIC_ACTIONS = new Set([
  'open',
  'accept',
  'reject',
  'merge',
  'assign',
  'reroute',
  'sign',
  'reply',
  'rate',
  'rateReopen',
  'rateReview',
  'reviewReopen',
  'reviewClose',
  'autoClose',
  'autoCloseMerged',
  'reportProgress',
  'rateMerged',
]);
