import { z } from 'zod';
import { defineSetting } from '../../kernel/settings';
import { stationMetric } from './metrics';

const checklistItem = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, '检查项标识为 2–40 位小写字母、数字或下划线，以字母开头'),
  label: z.string().trim().min(1, '请填写检查项名称').max(30, '检查项名称不超过 30 字'),
  description: z.string().max(200, '说明不超过 200 字').optional(),
});

export type ChecklistItemDef = z.infer<typeof checklistItem>;

/** 九有, the national practice; keys are stable so a congress can rename labels without losing history. */
export const NINE_HAVES: ChecklistItemDef[] = [
  { key: 'venue', label: '有场所', description: '有固定的活动场所' },
  { key: 'sign', label: '有牌子', description: '门口悬挂统一标牌' },
  { key: 'equipment', label: '有设备', description: '有必要的办公和接待设备' },
  { key: 'staff', label: '有人员', description: '有联络员负责日常工作' },
  { key: 'rules', label: '有制度', description: '接待、联系、反馈等制度上墙' },
  { key: 'plan', label: '有计划', description: '有年度活动计划' },
  { key: 'activities', label: '有活动', description: '定期开展代表活动' },
  { key: 'ledger', label: '有台账', description: '接待和意见办理有台账' },
  { key: 'archive', label: '有档案', description: '活动资料归档保存' },
];

export const checklistSetting = defineSetting({
  key: 'stations.checklist',
  label: '家站点建设标准（九有/八有）',
  description:
    '家站点规范化建设检查清单。默认“九有”；可改为“八有”或本地清单。每项需有稳定的标识 key 和名称 label，下级未单独设定时继承上级。',
  schema: z
    .array(checklistItem)
    .min(1, '清单至少一项')
    .max(30, '清单不超过 30 项')
    .refine((items) => new Set(items.map((i) => i.key)).size === items.length, '检查项标识不能重复'),
  defaultValue: NINE_HAVES,
});

const formulaItem = z.object({
  metric: z.string().refine((k) => !!stationMetric(k), { message: '未知的指标' }),
  weight: z.number().min(0, '分值不能为负').max(100),
  /** The value that earns full points (for 'lower is better' metrics: the value at or below which it does). */
  target: z.number().min(0, '目标值不能为负'),
});

export type StarFormula = z.infer<typeof starFormulaSchema>;

const starFormulaSchema = z.object({
  description: z.string().max(1000),
  items: z.array(formulaItem).min(1, '至少一个评分项').max(20),
  /** Minimum score for 1 … 5 stars, ascending. */
  thresholds: z
    .array(z.number().min(0).max(100))
    .length(5, '需要 1–5 星共 5 个分数线')
    .refine((t) => t.every((v, i) => i === 0 || v > t[i - 1]!), '分数线须从一星到五星递增'),
});

export const DEFAULT_STAR_FORMULA: StarFormula = {
  description:
    '满分 100 分：每项得分 = 分值 × min(实际值 ÷ 目标值, 1)；“越低越好”的指标（爽约率）在不高于目标值时得满分，高出时按 目标值 ÷ 实际值 折算，没有预约记录时不得分。' +
    '40 分一星、55 分二星、70 分三星、82 分四星、92 分五星，不足 40 分为未评星。' +
    '群众意见收集与办结、满意度等指标待相应功能上线后加入本公式。',
  items: [
    { metric: 'checklist.completion', weight: 30, target: 100 },
    { metric: 'plans.months', weight: 15, target: 12 },
    { metric: 'deputies.stationed', weight: 10, target: 5 },
    { metric: 'staff.liaison', weight: 5, target: 1 },
    { metric: 'receptions.days', weight: 20, target: 12 },
    { metric: 'receptions.served', weight: 10, target: 24 },
    { metric: 'receptions.noShowRate', weight: 10, target: 10 },
  ],
  thresholds: [40, 55, 70, 82, 92],
};

export const starFormulaSetting = defineSetting({
  key: 'stations.starFormula',
  label: '家站点星级评定公式',
  description:
    '星级由平台数据自动计算，不可手工填写。items 为评分项（metric 指标、weight 分值、target 满分目标值），thresholds 为一至五星的最低分。',
  schema: starFormulaSchema,
  defaultValue: DEFAULT_STAR_FORMULA,
});
