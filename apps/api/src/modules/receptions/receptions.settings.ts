import { z } from 'zod';
import { defineSetting } from '../../kernel/settings';

export const bookingHorizonDays = defineSetting({
  key: 'receptions.bookingHorizonDays',
  label: '可预约天数',
  description: '群众可以预约今后多少天内的接待日',
  schema: z.number().int().min(1).max(180),
  defaultValue: 60,
});

export const reminderHour = defineSetting({
  key: 'receptions.reminderHour',
  label: '预约提醒时间（时）',
  description: '接待日前一天几点（北京时间）给预约群众发送短信提醒',
  schema: z.number().int().min(0).max(23),
  defaultValue: 9,
});
