import { z } from 'zod';
import { defineSetting, workingDaysSetting } from '../../kernel/settings';

export const autoCloseDays = workingDaysSetting(
  'opinions.autoCloseDays',
  '未评价自动办结（工作日）',
  '答复后群众在多少个工作日内未评价的，事项自动办结',
  10,
);
export const escalateLeaderDays = workingDaysSetting(
  'opinions.escalateLeaderDays',
  '二级督办时限（工作日）',
  '超期督办承办单位后仍未答复的，再过多少个工作日提请人大常委会（主席团）领导督办',
  5,
);
export const maxPhotoBytes = defineSetting({
  key: 'opinions.maxPhotoBytes',
  label: '照片大小上限（字节）',
  description: '群众反映问题时每张照片的最大字节数',
  schema: z.number().int().min(50_000).max(20_000_000),
  defaultValue: 5_000_000,
});
export const complexReplyDays = workingDaysSetting(
  'opinions.complexReplyDays',
  '复杂事项答复时限（工作日）',
  '分类为复杂事项（如加装电梯、停车难）的，自交办之日起应在多少个工作日内答复；办理期间每月报送进度',
  60,
);
export const progressMonths = defineSetting({
  key: 'opinions.progressMonths',
  label: '复杂事项进度报送周期（月）',
  description: '复杂事项在答复前，承办单位每隔几个月须报送一次办理进度（逾期提醒承办单位）',
  schema: z.number().int().min(1).max(6),
  defaultValue: 1,
});
export const remindBeforeDays = workingDaysSetting(
  'opinions.remindBeforeDays',
  '到期前提醒（工作日）',
  '答复期限前多少个工作日提醒承办单位（0 表示不提醒）',
  2,
);
export const acceptRemindBeforeDays = workingDaysSetting(
  'opinions.acceptRemindBeforeDays',
  '受理期限前提醒（工作日）',
  '受理期限前多少个工作日提醒负责受理的工作人员（0 表示不提醒）',
  1,
);
export const assignRemindBeforeDays = workingDaysSetting(
  'opinions.assignRemindBeforeDays',
  '交办期限前提醒（工作日）',
  '交办期限前多少个工作日提醒负责交办的人大工作人员（0 表示不提醒）',
  1,
);
export const explanationMinChars = defineSetting({
  key: 'opinions.explanationMinChars',
  label: '解释说明最少字数',
  description: '事项无法解决、以“已解释说明”答复时，书面解释不少于多少字',
  schema: z.number().int().min(5).max(2000),
  defaultValue: 30,
});
