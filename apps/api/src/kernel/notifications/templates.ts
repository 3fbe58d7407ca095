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
  'receptions.booked': {
    title: '接待预约成功',
    body: '【连心】您已预约{date} {time}在{station}的人大代表接待，签到码 {code}。如需取消，请在“我的预约”中操作。',
  },
  'receptions.reminder': {
    title: '接待预约提醒',
    body: '【连心】提醒：您预约的人大代表接待在明天（{date}）{time}，地点：{station}（{address}），签到码 {code}。',
  },
  'receptions.day_cancelled': {
    title: '接待日取消',
    body: '【连心】很抱歉，{station}{date}的人大代表接待已取消，您 {time} 的预约随之取消，请另行预约。',
  },
  'opinions.received': {
    title: '意见已收到',
    body: '【连心】您反映的“{title}”已收到，受理编号 {trackingNo}，可凭此链接查询办理进度：{url}',
  },
  'opinions.progress': {
    title: '意见办理进度',
    body: '【连心】您反映的事项（编号 {trackingNo}）{step}。查询进度：{url}',
  },
  'opinions.addressed': {
    title: '您收到一条群众意见',
    body: '【连心】群众向您反映了“{title}”（编号 {trackingNo}），请在代表工作台查看并跟进。',
  },
  'opinions.deputy_replied': {
    title: '您收到的群众意见已答复',
    body: '【连心】您收到的群众意见“{title}”（编号 {trackingNo}）已由{department}答复，请在代表工作台查看。',
  },
  'opinions.assigned': {
    title: '新交办事项',
    body: '事项 {trackingNo}「{title}」已交办贵单位，请及时签收，并于 {due} 前答复。',
  },
  'opinions.escalated': {
    title: '超期督办',
    body: '事项 {trackingNo}「{title}」（承办单位：{department}）已超过答复期限，{level}，请尽快办理。',
  },
  'opinions.extension_requested': {
    title: '延期申请待审批',
    body: '{department}申请将事项 {trackingNo}「{title}」延期 {days} 个工作日，理由：{reason}。',
  },
  'opinions.staff_review': {
    title: '群众再次不满意',
    body: '事项 {trackingNo}「{title}」重办后群众仍不满意，请审核决定是否再次重办或办结。',
  },
  'opinions.due_soon': {
    title: '事项即将到期',
    body: '事项 {trackingNo}「{title}」将于 {due} 到期，请抓紧办理并按时答复。',
  },
  'opinions.accept_due_soon': {
    title: '事项即将超过受理期限',
    body: '群众反映的事项 {trackingNo}「{title}」尚未受理，受理期限为 {due}，请及时受理或作出不予受理决定。',
  },
  'opinions.assign_due_soon': {
    title: '事项即将超过交办期限',
    body: '已受理的事项 {trackingNo}「{title}」尚未交办，交办期限为 {due}，请及时交办承办单位。',
  },
  'opinions.progress_due': {
    title: '请报送办理进度',
    body: '复杂事项 {trackingNo}「{title}」已满一个报送周期，请在承办事项中报送办理进度。',
  },
  'opinions.joint_assigned': {
    title: '新会办事项',
    body: '事项 {trackingNo}「{title}」由{department}主办、贵单位会办，请及时向主办单位提出会办意见。',
  },
  'opinions.joint_opinion': {
    title: '收到会办意见',
    body: '{department}对事项 {trackingNo}「{title}」提出了会办意见，请在承办事项中查看。',
  },
  'suggestions.assigned': {
    title: '新交办代表建议',
    body: '代表建议{registerNo}「{title}」已交办贵单位{role}，请于 {due} 前答复，并在答复前与代表面商。',
  },
  'suggestions.answered': {
    title: '建议已答复',
    body: '您的建议「{title}」已由{department}答复（{category}类），请查看并对办理态度和办理结果分别测评。',
  },
  'suggestions.remind': {
    title: '建议办理期限提醒',
    body: '代表建议{registerNo}「{title}」将于 {due} 到期，请及时面商并答复。',
  },
  'suggestions.joint_remind': {
    title: '会办意见即将到期',
    body: '代表建议{registerNo}「{title}」由贵单位会办，请于 {due} 前向主办单位（{department}）提出会办意见。',
  },
  'suggestions.joint_overdue': {
    title: '会办意见逾期未提出',
    body: '代表建议{registerNo}「{title}」的会办单位{jointDepartment}未在 {due} 前提出会办意见，请主办单位和人大常委会督促。',
  },
  'suggestions.followup_remind': {
    title: '请报送建议落实情况',
    body: '代表建议{registerNo}「{title}」的承诺事项尚在落实中，请于 {due} 前报送{period}落实情况（回头看）。',
  },
  'suggestions.key_report_remind': {
    title: '请报送重点督办建议办理进展',
    body: '重点督办建议{registerNo}「{title}」请于 {due} 前报送本期办理进展。',
  },
  'suggestions.key_report_missed': {
    title: '重点督办建议未按期报送进展',
    body: '重点督办建议{registerNo}「{title}」（主办单位：{department}）未在 {due} 前报送本期办理进展，请主办单位尽快报送。',
  },
  'suggestions.pil_handed': {
    title: '公益诉讼线索移送',
    body: '代表建议 {registerNo}「{title}」已作为公益诉讼线索移送，请在“公益诉讼衔接”中查看并反馈办理情况。',
  },
  'suggestions.pil_feedback': {
    title: '检察机关反馈公益诉讼线索',
    body: '{procuratorate}反馈代表建议 {registerNo}「{title}」：{status}{note}',
  },
  'suggestions.recommendation_received': {
    title: '收到检察建议',
    body: '{procuratorate}移送检察建议 {reference}「{title}」，可由代表转化为代表建议。',
  },
  'suggestions.escalated': {
    title: '建议超期督办',
    body: '代表建议{registerNo}「{title}」（主办单位：{department}）{what}，已列入督办，请尽快办理。',
  },
  'activities.quota_behind': {
    title: '履职要求提醒',
    body: '【连心】{name}代表，您在{congress}的履职进度落后：{items}。请合理安排，按时完成。',
  },
  'activities.voter_report_scheduled': {
    title: '述职安排',
    body: '【连心】{name}代表，已安排您于{date}在{place}向选民述职（{title}），选民可在线阅读并评议。',
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
