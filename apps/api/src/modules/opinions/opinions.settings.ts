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
