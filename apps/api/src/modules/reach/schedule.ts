import { describeRule, type HolidayPolicy, holidayPolicyLabels, ruleShape } from '../receptions/rules';

/**
 * A reception rule as a line on a card or page: "每月第一个星期二 09:00–11:30（遇节假日顺延至下一个工作日）· 主题".
 * The wording is the receptions module's; which dates follow from a rule is its business too.
 */
export function describeSchedule(r: {
  rule: unknown;
  holidayPolicy: string;
  startTime: string;
  endTime: string;
  theme: string | null;
}): string | null {
  const parsed = ruleShape.safeParse(r.rule);
  if (!parsed.success) return null;
  const policy = holidayPolicyLabels[r.holidayPolicy as HolidayPolicy];
  const theme = r.theme ? ` · ${r.theme}` : '';
  return `${describeRule(parsed.data)} ${r.startTime}–${r.endTime}${policy ? `（${policy}）` : ''}${theme}`;
}
