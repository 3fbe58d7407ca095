import { z } from 'zod';
import { defineSetting, workingDaysSetting } from '../../kernel/settings';

/**
 * The deadlines and limits every congress tunes (GUIDE §3). Defaults follow national practice;
 * a district sets its own and its streets inherit them unless they override.
 */
export const acceptDays = workingDaysSetting(
  'deadlines.acceptWorkingDays',
  '受理时限（工作日）',
  '收到群众意见后应在多少个工作日内受理',
  2,
);
export const assignDays = workingDaysSetting(
  'deadlines.assignWorkingDays',
  '交办时限（工作日）',
  '受理后应在多少个工作日内交办承办单位',
  2,
);
export const replyDays = workingDaysSetting(
  'deadlines.replyWorkingDays',
  '答复时限（工作日）',
  '简单事项自交办之日起应在多少个工作日内答复',
  15,
);
export const returnWindowDays = workingDaysSetting(
  'deadlines.returnWindowWorkingDays',
  '退回时限（工作日）',
  '承办单位认为非本单位职责的，应在多少个工作日内申请退回',
  7,
);
export const suggestionMonths = defineSetting({
  key: 'deadlines.suggestionMonths',
  label: '代表建议办理期限（月）',
  description: '自交办之日起，一般建议应在几个月内答复（代表法第五十一条：三个月）',
  schema: z.number().int().min(1).max(12),
  defaultValue: 3,
});
export const difficultSuggestionMonths = defineSetting({
  key: 'deadlines.difficultSuggestionMonths',
  label: '复杂建议办理期限（月）',
  description: '涉及面广、处理难度大的建议，应在几个月内答复（代表法第五十一条：六个月）',
  schema: z.number().int().min(1).max(12),
  defaultValue: 6,
});
export const maxReturns = defineSetting({
  key: 'workflow.maxReturns',
  label: '退回次数上限',
  description: '同一事项在承办单位之间最多可退回几次，超过后由人大工作人员直接决定',
  schema: z.number().int().min(0).max(10),
  defaultValue: 2,
});
export const disclosureEnabled = defineSetting({
  key: 'portal.publicDisclosure',
  label: '办理结果公开',
  description: '是否在门户公开经脱敏的群众意见办理结果',
  schema: z.boolean(),
  defaultValue: true,
});
