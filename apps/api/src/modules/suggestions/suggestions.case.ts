import { z } from 'zod';
import { type CaseRow, defineCaseType, type TimerDef } from '../../kernel/workflow/definition';
import { difficultSuggestionMonths, suggestionMonths } from '../congresses/congress-settings';
import { monthsRule, rehandleMonths } from './suggestions.settings';

/** What the workflow keeps in `cases.data` for a suggestion (guards read it synchronously). */
export interface SuggestionCaseData {
  deputyId?: string;
  difficult?: boolean;
  /** The latest answer's category keeps the matter open for follow-up (B). */
  followUp?: boolean;
  round?: number;
  supervisionLevel?: number;
}
export const dataOf = (c: CaseRow) => c.data as SuggestionCaseData;

/**
 * Every payload may carry the deputies of the suggestion (lead first, then co-signers), so every
 * `suggestions.*` event names them (履职积分 builds on these events).
 */
const withDeputies = <T extends z.ZodRawShape>(shape: T) =>
  z.object({ ...shape, deputyIds: z.array(z.string().uuid()).max(200).optional() });
const reason = withDeputies({ reason: z.string().trim().min(2).max(500) });
const none = withDeputies({});
const rating = z.enum(['satisfied', 'basically_satisfied', 'dissatisfied']);

const answerTimer: TimerDef = {
  kind: 'answer_due',
  unit: 'months',
  setting: (c) => (dataOf(c).difficult ? difficultSuggestionMonths : suggestionMonths),
  monthsRule,
  onDue: 'escalate',
};
const rehandleTimer: TimerDef = {
  kind: 'answer_due',
  unit: 'months',
  setting: rehandleMonths,
  monthsRule,
  onDue: 'escalate',
};
export const HANDLING_TIMERS = ['answer_due', 'answer_remind', 'joint_due', 'joint_remind'];
const OPEN = ['assigned', 'rehandling', 'answered', 'follow_up'];

/**
 * 代表建议 (代表法 Art. 51): 草稿 → 已提交 → 已立案 (or 转来信) → 已交办 → 已答复 → 测评: 办结, or
 * 回头看 (B: promised, open until done), or 不满意 → 重新办理 → 已答复 …
 */
export const suggestionCase = defineCaseType({
  type: 'suggestions',
  label: '代表建议',
  trackingPrefix: 'JY',
  initial: 'draft',
  states: {
    draft: { phase: 'intake', label: '草稿（联名中）' },
    submitted: { phase: 'intake', label: '已提交待审查' },
    registered: { phase: 'intake', label: '已立案待交办' },
    assigned: { phase: 'handling', label: '已交办办理中' },
    rehandling: { phase: 'handling', label: '重新办理中' },
    answered: { phase: 'feedback', label: '已答复待测评' },
    follow_up: { phase: 'handling', label: '跟踪落实（回头看）' },
    closed: { phase: 'closed', label: '已办结' },
    letter: { phase: 'closed', label: '转作来信处理' },
  },
  actions: {
    cosign: { label: '联名', from: ['draft', 'submitted'], roles: ['deputy'], payload: none },
    edit: { label: '修改', from: ['draft'], roles: ['deputy'], payload: none },
    submit: { label: '提交', from: ['draft'], to: 'submitted', roles: ['deputy'], payload: none },
    register: {
      label: '立案',
      from: ['submitted'],
      to: 'registered',
      roles: ['congress_staff'],
      payload: withDeputies({ registerNo: z.string().max(60) }),
    },
    toLetter: {
      label: '转作来信',
      from: ['submitted'],
      to: 'letter',
      roles: ['congress_staff'],
      payload: reason,
    },
    group: {
      label: '并案办理',
      from: ['submitted', 'registered'],
      roles: ['congress_staff'],
      payload: withDeputies({ groupId: z.string().uuid() }),
    },
    assign: {
      label: '交办',
      from: ['registered'],
      to: 'assigned',
      roles: ['congress_staff'],
      payload: withDeputies({
        departmentId: z.string().uuid(),
        jointDepartmentIds: z.array(z.string().uuid()).max(8).optional(),
        difficult: z.boolean(),
        batch: z.string().max(60).optional(),
      }),
      startTimers: [answerTimer],
      patch: (c, p) => ({
        difficult: p.difficult === true,
        round: dataOf(c).round ?? 1,
        supervisionLevel: 0,
      }),
    },
    return: {
      label: '退回',
      from: ['assigned'],
      to: 'registered',
      roles: ['department_handler'],
      payload: reason,
      stopTimers: HANDLING_TIMERS,
    },
    extend: {
      label: '批准延长至六个月',
      from: ['assigned'],
      roles: ['congress_staff'],
      payload: reason,
      guard: (c) => (dataOf(c).difficult ? '该建议已按复杂建议办理' : null),
      patch: () => ({ difficult: true }),
    },
    jointOpinion: {
      label: '会办意见',
      from: ['assigned', 'rehandling'],
      roles: ['department_handler'],
      payload: withDeputies({ departmentId: z.string().uuid().nullable() }),
    },
    contact: {
      label: '面商',
      from: OPEN,
      roles: ['department_handler'],
      payload: withDeputies({
        stage: z.enum(['before', 'during', 'after']),
        form: z.enum(['visit', 'meeting', 'phone']),
      }),
    },
    answer: {
      label: '答复',
      from: ['assigned', 'rehandling'],
      to: 'answered',
      roles: ['department_handler'],
      payload: withDeputies({
        category: z.string().max(4),
        followUp: z.boolean(),
        onTime: z.boolean(),
        noContact: z.boolean(),
      }),
      stopTimers: HANDLING_TIMERS,
      patch: (_c, p) => ({ followUp: p.followUp === true, supervisionLevel: 0 }),
    },
    rate: {
      label: '测评（满意）',
      from: ['answered'],
      to: 'closed',
      roles: ['deputy', 'congress_staff'],
      payload: withDeputies({ attitude: rating, result: rating }),
      guard: (c) => (dataOf(c).followUp ? '该答复须跟踪落实' : null),
    },
    rateFollowUp: {
      label: '测评（跟踪落实）',
      from: ['answered'],
      to: 'follow_up',
      roles: ['deputy', 'congress_staff'],
      payload: withDeputies({ attitude: rating, result: rating }),
      guard: (c) => (dataOf(c).followUp ? null : '该答复无须跟踪落实'),
    },
    rateDissatisfied: {
      label: '测评（不满意，重新办理）',
      from: ['answered'],
      to: 'rehandling',
      roles: ['deputy', 'congress_staff'],
      payload: withDeputies({ attitude: rating, result: rating }),
      startTimers: [rehandleTimer],
      // The promise and its 回头看 reports lapse: the item is handled again.
      stopTimers: ['promise_due', 'followup_due', 'followup_remind'],
      patch: (c) => ({ round: (dataOf(c).round ?? 1) + 1, supervisionLevel: 0 }),
    },
    completeFollowUp: {
      label: '承诺事项已落实',
      from: ['follow_up', 'answered'],
      to: 'closed',
      roles: ['department_handler', 'congress_staff'],
      payload: withDeputies({ note: z.string().trim().min(2).max(1000) }),
      guard: (c) => (dataOf(c).followUp ? null : '该答复无须跟踪落实'),
      stopTimers: '*',
    },
    report: {
      label: '报送进展',
      from: OPEN,
      roles: ['department_handler'],
      payload: withDeputies({ kind: z.enum(['key', 'midyear', 'yearend']), year: z.number().int() }),
    },
    markKey: {
      label: '列为重点督办',
      from: ['registered', ...OPEN],
      roles: ['congress_staff'],
      payload: withDeputies({ year: z.number().int().min(2000).max(2100), leader: z.string().max(40) }),
    },
    unmarkKey: {
      label: '取消重点督办',
      from: ['registered', ...OPEN],
      roles: ['congress_staff'],
      payload: reason,
      stopTimers: ['key_report_due', 'key_report_remind'],
    },
    pil: {
      label: '公益诉讼衔接',
      from: ['submitted', 'registered', ...OPEN, 'closed'],
      roles: ['congress_staff'],
      payload: withDeputies({ status: z.string().max(30), note: z.string().max(500).optional() }),
    },
    // The procuratorate records its own status on a clue handed to it (受理 / 立案 / 不予立案).
    pilFeedback: {
      label: '检察机关反馈',
      from: ['submitted', 'registered', ...OPEN, 'closed'],
      roles: ['procuratorate_liaison'],
      payload: withDeputies({
        status: z.enum(['accepted', 'filed', 'declined']),
        note: z.string().max(500).optional(),
        reason: z.string().trim().min(2).max(500).optional(),
      }),
    },
    escalate: {
      label: '超期督办',
      from: OPEN,
      roles: [],
      patch: (c) => ({ supervisionLevel: (dataOf(c).supervisionLevel ?? 0) + 1 }),
    },
    publish: {
      label: '公开办理结果',
      from: ['closed', 'follow_up'],
      roles: ['congress_staff'],
      payload: none,
    },
  },
});

/** Steps shown on the portal (internal ones stay inside). */
export const PUBLIC_ACTIONS = new Set([
  'submit',
  'register',
  'assign',
  'answer',
  'rate',
  'rateFollowUp',
  'rateDissatisfied',
  'completeFollowUp',
  'publish',
]);
