import type { DISPUTE_TYPES, GUIDANCE, MEDIATION_SOURCES, PERFORMANCE } from './mediation.schema';

export const disputeTypeLabels: Record<(typeof DISPUTE_TYPES)[number], string> = {
  neighbour: '邻里纠纷',
  property: '物业纠纷',
  family: '婚姻家庭纠纷',
  labour: '劳动争议',
  consumer: '消费纠纷',
  land: '土地房屋纠纷',
  traffic: '交通事故纠纷',
  other: '其他纠纷',
};

export const sourceLabels: Record<(typeof MEDIATION_SOURCES)[number], string> = {
  walk_in: '当事人来访申请',
  opinion: '群众意见转调解',
  referral: '有关单位委派',
  deputy: '代表走访发现',
};

export const guidanceLabels: Record<(typeof GUIDANCE)[number], string> = {
  litigation: '告知可向人民法院起诉',
  arbitration: '告知可申请仲裁',
  administrative: '告知可申请行政处理',
  petition: '引导依法信访',
  none: '无需引导',
};

export const performanceLabels: Record<(typeof PERFORMANCE)[number], string> = {
  performed: '已履行',
  partly: '部分履行',
  not_performed: '未履行',
};

export const partyRoleLabels = { applicant: '申请人', respondent: '被申请人', other: '其他当事人' } as const;
