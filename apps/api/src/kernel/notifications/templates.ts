/**
 * Notification templates in Chinese. `{name}` placeholders are filled from params; a missing
 * param is a programming error and throws, so no message goes out with a hole in it.
 */
export const templates = {
  'auth.otp': {
    title: '登录验证码',
    body: '【连心】您的验证码为 {code}，{minutes} 分钟内有效。如非本人操作，请忽略本短信。',
  },
  'auth.locked': {
    title: '账号已锁定',
    body: '您的账号因连续 {failures} 次登录失败已被锁定 {minutes} 分钟。如非本人操作，请联系安全管理员。',
  },
  'workflow.deadline_soon': {
    title: '办理期限提醒',
    body: '事项 {trackingNo}「{title}」将于 {due} 到期，请及时办理。',
  },
  'workflow.overdue': {
    title: '事项已超期',
    body: '事项 {trackingNo}「{title}」已超过办理期限（{due}），已自动督办。',
  },
  'calendar.year_missing': {
    title: '请导入节假日安排',
    body: '尚未导入 {year} 年法定节假日安排，跨年期限将按周一至周五临时计算，请尽快在“工作日历”中导入。',
  },
  'system.message': { title: '{title}', body: '{body}' },
} as const satisfies Record<string, { title: string; body: string }>;

export type TemplateName = keyof typeof templates;

export function render(
  name: TemplateName,
  params: Record<string, string | number>,
): { title: string; body: string } {
  const fill = (s: string) =>
    s.replace(/\{(\w+)\}/g, (_, k: string) => {
      const v = params[k];
      if (v === undefined) throw new Error(`template ${name}: missing param ${k}`);
      return String(v);
    });
  const t = templates[name];
  return { title: fill(t.title), body: fill(t.body) };
}
