import { z } from 'zod';
import { MONTHS_RULES } from '../../kernel/calendar/service';
import { defineSetting, workingDaysSetting } from '../../kernel/settings';

/** Answer categories: national practice A/B/C/D; `followUp` marks promises kept open (回头看). */
export const answerCategorySchema = z
  .array(
    z.object({
      code: z.string().regex(/^[A-Z甲乙丙丁]$/),
      label: z.string().min(2).max(30),
      followUp: z.boolean().default(false),
    }),
  )
  .min(2)
  .max(6);
export type AnswerCategory = z.infer<typeof answerCategorySchema>[number];

export const answerCategories = defineSetting({
  key: 'suggestions.answerCategories',
  label: '建议答复分类',
  description: '承办单位答复代表建议时可选的分类；标记“跟踪”的分类须填写承诺完成日期并纳入回头看',
  schema: answerCategorySchema,
  defaultValue: [
    { code: 'A', label: '已解决或基本解决', followUp: false },
    { code: 'B', label: '正在解决或列入计划', followUp: true },
    { code: 'C', label: '因条件限制需待以后解决', followUp: false },
    { code: 'D', label: '留作参考', followUp: false },
  ],
});

const months = (key: string, label: string, description: string, defaultValue: number) =>
  defineSetting({ key, label, description, defaultValue, schema: z.number().int().min(1).max(12) });

export const jointOpinionMonths = months(
  'suggestions.jointOpinionMonths',
  '会办意见期限（月）',
  '会办单位应在交办后几个月内向主办单位提出会办意见',
  1,
);
export const rehandleMonths = months(
  'suggestions.rehandleMonths',
  '重新办理期限（月）',
  '代表对办理结果不满意的，承办单位应在几个月内重新办理并答复',
  1,
);
export const suggestionRemindDays = workingDaysSetting(
  'suggestions.remindBeforeWorkingDays',
  '建议到期提醒（工作日）',
  '答复期限前多少个工作日提醒承办单位（0 为不提醒）',
  10,
);

const monthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '日期格式应为 MM-DD');

/** 回头看: the days by which the lead unit reports on an open B item, every year until it is done. */
export const followUpReportDays = defineSetting({
  key: 'suggestions.followUpReportDays',
  label: '回头看报告截止日期',
  description:
    '跟踪落实（B类）建议的主办单位每年报送年中、年末落实情况的截止日期（月-日）；逾期未报送的列入督办',
  schema: z
    .object({ midyear: monthDay, yearend: monthDay })
    .refine((v) => v.midyear < v.yearend, '年中报告日期应早于年末报告日期'),
  defaultValue: { midyear: '06-30', yearend: '12-31' },
});
export const followUpRemindDays = workingDaysSetting(
  'suggestions.followUpRemindBeforeWorkingDays',
  '回头看报告提醒（工作日）',
  '年中、年末报告截止日前多少个工作日提醒主办单位（0 为不提醒）',
  10,
);

/** Size limit of one suggestion attachment (a photo, stripped of EXIF/GPS, or a PDF). */
export const attachmentBytes = defineSetting({
  key: 'suggestions.maxAttachmentBytes',
  label: '建议附件大小上限（字节）',
  description: '代表起草建议时每个附件（照片或 PDF）的最大字节数',
  schema: z.number().int().min(100_000).max(20_000_000),
  defaultValue: 10_000_000,
});

/** 会办意见: the joint unit is reminded this many working days before its opinion is due. */
export const jointRemindDays = workingDaysSetting(
  'suggestions.jointRemindBeforeWorkingDays',
  '会办意见提醒（工作日）',
  '会办意见期限前多少个工作日提醒会办单位（0 为不提醒）',
  3,
);

/** 重点督办: how often the lead unit reports the progress of a key suggestion (keyreports.ts). */
export const keyReportMonths = months(
  'suggestions.keyReportEveryMonths',
  '重点督办建议进展报送周期（月）',
  '重点督办建议的主办单位自列为重点督办之日起每隔几个月报送一次办理进展，直至办结；逾期未报送的提醒主办单位并告知人大常委会',
  3,
);
export const keyReportRemindDays = workingDaysSetting(
  'suggestions.keyReportRemindBeforeWorkingDays',
  '重点督办进展报送提醒（工作日）',
  '每期进展报送截止日前多少个工作日提醒主办单位（0 为不提醒）',
  5,
);

/**
 * How the periods in months (answer 3/6 months, re-handling, 会办意见, key progress reports) are
 * counted. The default is the civil code's; a congress whose rules count plain calendar
 * months (no roll to a working day) sets `plain`.
 */
export const monthsRule = defineSetting({
  key: 'suggestions.monthsRule',
  label: '建议办理期限计算规则',
  description:
    'civil_code：按民法典第二百零一条至第二百零三条计算（开始当日不计入，到期月无对应日的以月末为期限，期限末日为法定休假日的顺延至休假日结束的次日）；plain：按自然月计算，末日遇休息日不顺延',
  schema: z.enum(MONTHS_RULES, { message: '计算规则应为 civil_code 或 plain' }),
  defaultValue: 'civil_code' as (typeof MONTHS_RULES)[number],
});
