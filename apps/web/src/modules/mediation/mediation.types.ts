import { errorText, fieldIssues } from '../../api';

export { day, type Page, when } from '../opinions/opinions.types';

/** The labels of apps/api/src/modules/mediation/mediation.labels.ts, for the forms and filters. */
export const DISPUTE_TYPES = {
  neighbour: '邻里纠纷',
  property: '物业纠纷',
  family: '婚姻家庭纠纷',
  labour: '劳动争议',
  consumer: '消费纠纷',
  land: '土地房屋纠纷',
  traffic: '交通事故纠纷',
  other: '其他纠纷',
} as const;
export type DisputeType = keyof typeof DISPUTE_TYPES;

/** Sources staff may pick when registering (群众意见转调解 starts from the opinion itself). */
export const SOURCES = {
  walk_in: '当事人来访申请',
  referral: '有关单位委派',
  deputy: '代表走访发现',
} as const;

export const PARTY_ROLES = { applicant: '申请人', respondent: '被申请人', other: '其他当事人' } as const;
export type PartyRole = keyof typeof PARTY_ROLES;

export const GUIDANCE = {
  litigation: '告知可向人民法院起诉',
  arbitration: '告知可申请仲裁',
  administrative: '告知可申请行政处理',
  petition: '引导依法信访',
  none: '无需引导',
} as const;

export const PERFORMANCE = { performed: '已履行', partly: '部分履行', not_performed: '未履行' } as const;

export const AGREEMENT_FORMS = { written: '书面协议', oral: '口头协议' } as const;

/** The filter of the list: a phase (several states) or one state, as `phase:…` / `state:…`. */
export const STATE_FILTER = [
  {
    label: '阶段',
    options: [
      { value: 'phase:intake', label: '待受理' },
      { value: 'phase:handling', label: '调解中' },
      { value: 'phase:feedback', label: '待回访' },
      { value: 'phase:closed', label: '已结束' },
    ],
  },
  {
    label: '结果',
    options: [
      { value: 'state:closed', label: '已结案' },
      { value: 'state:failed', label: '调解不成' },
      { value: 'state:withdrawn', label: '已终止' },
      { value: 'state:rejected', label: '不予受理' },
    ],
  },
];

export const stateColors: Record<string, string> = {
  registered: 'gold',
  mediating: 'blue',
  agreed: 'cyan',
  closed: 'green',
  failed: 'default',
  withdrawn: 'default',
  rejected: 'default',
};

export interface Person {
  id: string;
  name: string;
}

export interface MediationRow {
  id: string;
  trackingNo: string;
  title: string;
  state: string;
  stateLabel: string;
  disputeType: DisputeType;
  disputeTypeLabel: string;
  stationName: string | null;
  partyCount: number;
  mediators: Person[];
  openedAt: string;
  dueAt: string | null;
  overdue: boolean;
  supervisionLevel: number;
}

export interface Party {
  role: PartyRole;
  roleLabel: string;
  name: string;
  phone: string | null;
  address: string | null;
}

export interface Finding {
  id: string;
  body: string;
  recordedBy: string;
  at: string;
}

export interface MediationDetail extends Omit<MediationRow, 'stationName' | 'partyCount'> {
  phase: string;
  jurisdictionCode: string;
  station: { id: string; name: string } | null;
  source: string;
  sourceLabel: string;
  sourceOpinionId: string | null;
  referredBy: string | null;
  summary: string;
  parties: Party[];
  coMediators: string | null;
  agreement: string | null;
  agreementForm: 'written' | 'oral' | null;
  performanceDueOn: string | null;
  outcomeReason: string | null;
  guidance: string | null;
  guidanceLabel: string | null;
  performance: string | null;
  performanceLabel: string | null;
  followUpNote: string | null;
  sessions: Array<{
    id: string;
    heldOn: string;
    place: string;
    attendees: string;
    minutes: string;
    recordedBy: string;
  }>;
  findings: Finding[];
  history: Array<{
    seq: number;
    action: string;
    actionLabel: string;
    toState: string;
    stateLabel: string;
    actor: string;
    at: string;
  }>;
  viewerRole: 'staff' | 'mediator';
  actions: Array<{ action: string; label: string }>;
}

/** A server refusal as one line: the field messages of a validation error, else its message. */
export function problemText(e: unknown): string {
  const issues = fieldIssues(e);
  return issues.length ? issues.map((i) => i.message).join('；') : errorText(e);
}

/** Today in China time (YYYY-MM-DD), the default day of a sitting. */
export const todayInChina = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
