import { z } from 'zod';
import { defineSetting } from '../../kernel/settings';

/** 履职活动类型 (configurable per congress; the code is the points rule key's second part). */
export const activityKinds = defineSetting({
  key: 'activities.kinds',
  label: '履职活动类型',
  description: '履职登记可选的活动类型（代码用于积分规则，如 activity.inspection）',
  schema: z
    .array(
      z.object({
        code: z.string().regex(/^[a-z_]{2,30}$/, '类型代码只能使用小写字母和下划线'),
        name: z.string().trim().min(2).max(20),
      }),
    )
    .min(1)
    .max(40),
  defaultValue: [
    { code: 'reception', name: '接待选民' },
    { code: 'station_duty', name: '进站履职' },
    { code: 'inspection', name: '视察' },
    { code: 'research', name: '专题调研' },
    { code: 'law_enforcement', name: '执法检查' },
    { code: 'session', name: '参加人代会' },
    { code: 'meeting', name: '参加会议/列席' },
    { code: 'training', name: '培训' },
    { code: 'mediation', name: '调解' },
    { code: 'report', name: '述职' },
    { code: 'contact', name: '联系选民' },
    { code: 'volunteer', name: '志愿服务' },
    { code: 'field_note', name: '民情笔记' },
  ],
});

/** Size limit of one activity photo (they are stripped of EXIF/GPS and stored by content hash). */
export const activityPhotoBytes = defineSetting({
  key: 'activities.maxPhotoBytes',
  label: '履职活动照片大小上限（字节）',
  description: '履职登记时每张照片的最大字节数',
  schema: z.number().int().min(50_000).max(10_000_000),
  defaultValue: 5_000_000,
});

/**
 * 履职要求 (quotas): e.g. visit the grid ≥ 4 times a month, receive voters ≥ 2 times a month, at
 * least one reception at a station a year, at least 2 suggestions a year. `key` is a points
 * evidence key; a monthly quota is checked against the months elapsed in office.
 */
export const activityQuotas = defineSetting({
  key: 'activities.quotas',
  label: '代表履职要求',
  description: '每位代表每月/每年应完成的履职次数，落后时提醒代表',
  schema: z
    .array(
      z.object({
        key: z.string().regex(/^[a-z_]+\.[a-z_]+$/),
        label: z.string().trim().min(2).max(30),
        per: z.enum(['month', 'year']),
        min: z.number().int().min(1).max(100),
      }),
    )
    .max(20),
  defaultValue: [
    { key: 'activity.contact', label: '进网格联系群众', per: 'month', min: 4 },
    { key: 'activity.reception', label: '接待选民', per: 'month', min: 2 },
    { key: 'activity.station_duty', label: '进站履职', per: 'year', min: 1 },
    { key: 'suggestion.submitted', label: '提出建议', per: 'year', min: 2 },
  ],
});

/**
 * When a deputy who falls behind a quota is reminded: from `fromShare` of the period on (0.5 =
 * from mid-month for a monthly quota, from July for a yearly one), when they have done less than
 * the pace asks (target × share of the period gone). Once per quota per period, in-app and SMS.
 */
export const quotaReminders = defineSetting({
  key: 'activities.quotaReminders',
  label: '履职要求落后提醒',
  description: '周期过去该比例后，完成次数仍低于进度要求的代表会收到一次提醒（站内信和短信）',
  schema: z.object({
    enabled: z.boolean(),
    fromShare: z.number().min(0.1, '提醒时点不能早于周期的 10%').max(1, '提醒时点不能晚于周期结束'),
    sms: z.boolean(),
  }),
  defaultValue: { enabled: true, fromShare: 0.5, sms: true },
});

/** 述职评议: voters may rate a report from its day for this many days. */
export const voterReportRatingDays = defineSetting({
  key: 'activities.voterReportRatingDays',
  label: '述职评议期限（天）',
  description: '述职当天起，选民可在线评议的天数',
  schema: z.number().int().min(1, '至少 1 天').max(90, '不超过 90 天'),
  defaultValue: 15,
});
