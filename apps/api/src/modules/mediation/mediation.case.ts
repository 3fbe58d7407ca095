import { z } from 'zod';
import { workingDaysSetting } from '../../kernel/settings';
import { type CaseRow, defineCaseType } from '../../kernel/workflow/definition';
import { GUIDANCE, PERFORMANCE } from './mediation.schema';

export const mediationDays = workingDaysSetting(
  'mediation.completeWithinWorkingDays',
  '调解期限（工作日）',
  '受理后应在多少个工作日内调解终结（达成协议、调解不成或终止），超期列入督办',
  20,
);
export const followUpDays = workingDaysSetting(
  'mediation.followUpWithinWorkingDays',
  '协议回访期限（工作日）',
  '达成调解协议后多少个工作日内回访当事人、核实协议履行情况',
  15,
);

/** What the workflow keeps in `cases.data` for a mediation (guards read it synchronously). */
export interface MediationCaseData {
  deputyIds?: string[];
  supervisionLevel?: number;
  followUpOverdue?: boolean;
}
export const dataOf = (c: CaseRow) => c.data as MediationCaseData;

/**
 * Payloads go into the case history and the event: codes, ids and short reasons only. The texts
 * that may name the parties (the agreement, the minutes) stay in the detail rows.
 */
const deputies = z.array(z.string().uuid()).max(10);
const reason = z.object({ reason: z.string().trim().min(2).max(500), deputyIds: deputies.optional() });
const STAFF = ['station_staff', 'congress_staff'] as const;

/**
 * 矛盾纠纷调解: 已登记 → 调解中 (deputies named, a deadline) → 达成协议 → 回访 → 已结案; or 调解不成
 * (with the route the parties were shown: 诉讼/仲裁/行政/信访), 终止 (a party withdrew), 不予受理.
 */
export const mediationCase = defineCaseType({
  type: 'mediations',
  label: '矛盾调解',
  trackingPrefix: 'TJ',
  initial: 'registered',
  states: {
    registered: { phase: 'intake', label: '已登记待受理' },
    mediating: { phase: 'handling', label: '调解中' },
    agreed: { phase: 'feedback', label: '已达成协议待回访' },
    closed: { phase: 'closed', label: '已结案' },
    failed: { phase: 'closed', label: '调解不成' },
    withdrawn: { phase: 'closed', label: '已终止' },
    rejected: { phase: 'closed', label: '不予受理' },
  },
  actions: {
    accept: {
      label: '受理并指派调解代表',
      from: ['registered'],
      to: 'mediating',
      roles: STAFF,
      payload: z.object({ deputyIds: deputies.min(1, '请至少指派一名代表') }),
      startTimers: [
        { kind: 'mediation_due', unit: 'workingDays', setting: mediationDays, onDue: 'escalate' },
      ],
      patch: (_c, p) => ({ deputyIds: p.deputyIds }),
    },
    reject: { label: '不予受理', from: ['registered'], to: 'rejected', roles: STAFF, payload: reason },
    recordSession: {
      label: '记录调解',
      from: ['mediating'],
      roles: [...STAFF, 'deputy'],
      payload: z.object({ heldOn: z.string(), deputyIds: deputies.optional() }),
    },
    recordFinding: {
      label: '记录发现的问题',
      from: ['mediating', 'agreed', 'closed', 'failed'],
      roles: [...STAFF, 'deputy'],
      payload: z.object({ deputyIds: deputies.optional() }),
    },
    agree: {
      label: '达成调解协议',
      from: ['mediating'],
      to: 'agreed',
      roles: [...STAFF, 'deputy'],
      payload: z.object({ form: z.enum(['written', 'oral']), deputyIds: deputies.optional() }),
      stopTimers: '*',
      startTimers: [
        { kind: 'follow_up_due', unit: 'workingDays', setting: followUpDays, onDue: 'followUpOverdue' },
      ],
    },
    fail: {
      label: '调解不成',
      from: ['mediating'],
      to: 'failed',
      roles: [...STAFF, 'deputy'],
      payload: reason.extend({ guidance: z.enum(GUIDANCE) }),
    },
    withdraw: {
      label: '终止调解',
      from: ['registered', 'mediating'],
      to: 'withdrawn',
      roles: STAFF,
      payload: reason,
    },
    followUp: {
      label: '回访结案',
      from: ['agreed'],
      to: 'closed',
      roles: [...STAFF, 'deputy'],
      payload: z.object({ performance: z.enum(PERFORMANCE), deputyIds: deputies.optional() }),
    },
    escalate: {
      label: '超期督办',
      from: ['mediating'],
      roles: [],
      patch: () => ({ supervisionLevel: 1 }),
    },
    followUpOverdue: {
      label: '回访超期',
      from: ['agreed'],
      roles: [],
      patch: () => ({ followUpOverdue: true }),
    },
  },
});
