import { z } from 'zod';

/**
 * A rule set (积分规则). Every rule prices one evidence key; `capPerYear` bounds the absolute
 * value a key may contribute in a year (prorated with the base score for part-year deputies).
 * The wording of each rule is shown next to every score (the formula is never hidden).
 */
export const ruleSetSchema = z.object({
  baseScore: z.number().min(0).max(100),
  /** Part-year deputies (elected, resigned, terminated mid-year): base and caps × months/12. */
  prorate: z.boolean(),
  rules: z
    .array(
      z.object({
        key: z
          .string()
          .regex(/^[a-z_]+\.[a-z_]+$/, '规则键格式应为 类别.名称')
          .max(60),
        label: z.string().trim().min(2).max(40),
        points: z.number().min(-100).max(100),
        capPerYear: z.number().min(0).max(1000).nullable(),
      }),
    )
    .min(1)
    .max(60)
    .refine((rs) => new Set(rs.map((r) => r.key)).size === rs.length, '同一规则键只能出现一次'),
  /** Staff-only lists: below `talkBelow` → 约谈提醒 (two years running → 书面提醒名单); ≥ `honourFrom` → 评优候选. */
  talkBelow: z.number().min(0).max(1000),
  honourFrom: z.number().min(0).max(1000),
});
export type RuleSet = z.infer<typeof ruleSetSchema>;
export type Rule = RuleSet['rules'][number];

/**
 * The default set (version 0) used until a congress defines its own: points per activity kind,
 * attending the congress session, more for a registered suggestion and again for an A-category
 * result, a key suggestion or a result the lead deputy rated 满意, per opinion followed to 满意;
 * deductions for an unexcused absence from the session and a missed reception duty; a base score
 * of 60.
 */
export const DEFAULT_RULE_SET: RuleSet = {
  baseScore: 60,
  prorate: true,
  talkBelow: 65,
  honourFrom: 95,
  rules: [
    { key: 'activity.reception', label: '接待选民', points: 2, capPerYear: 24 },
    { key: 'activity.station_duty', label: '进站履职', points: 2, capPerYear: 24 },
    { key: 'activity.inspection', label: '视察', points: 2, capPerYear: 10 },
    { key: 'activity.research', label: '专题调研', points: 2, capPerYear: 10 },
    { key: 'activity.law_enforcement', label: '执法检查', points: 2, capPerYear: 10 },
    { key: 'activity.meeting', label: '参加会议/列席', points: 1, capPerYear: 10 },
    { key: 'activity.training', label: '培训', points: 1, capPerYear: 5 },
    { key: 'activity.mediation', label: '调解', points: 1, capPerYear: 5 },
    { key: 'activity.contact', label: '联系选民', points: 1, capPerYear: 12 },
    { key: 'activity.volunteer', label: '志愿服务', points: 1, capPerYear: 5 },
    { key: 'activity.session', label: '参加人代会', points: 2, capPerYear: 4 },
    { key: 'activity.report', label: '述职', points: 2, capPerYear: 2 },
    { key: 'activity.field_note', label: '民情笔记', points: 0.5, capPerYear: 6 },
    { key: 'suggestion.submitted', label: '领衔提出建议', points: 2, capPerYear: 10 },
    { key: 'suggestion.cosigned', label: '联名提出建议', points: 0.5, capPerYear: 3 },
    { key: 'suggestion.registered', label: '建议立案', points: 2, capPerYear: 10 },
    { key: 'suggestion.result_a', label: '建议办理结果为A类', points: 2, capPerYear: 8 },
    { key: 'suggestion.key', label: '建议列为重点督办', points: 3, capPerYear: 6 },
    { key: 'suggestion.satisfied', label: '建议办理结果满意', points: 1, capPerYear: 5 },
    { key: 'opinion.satisfied', label: '跟进群众意见至满意', points: 1, capPerYear: 10 },
    { key: 'absence.session', label: '无故缺席人代会', points: -10, capPerYear: 20 },
    { key: 'absence.reception', label: '无故缺席排班接待', points: -2, capPerYear: 10 },
  ],
};
