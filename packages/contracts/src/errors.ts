import { z } from 'zod';

/** One error shape on the wire: `{ error: { code, message, details } }`; `message` is Chinese. */
export const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBody>;

/**
 * Chinese text for every error code the API emits. The API sends the message too, but the web
 * maps codes itself so that text stays consistent and can be refined without a server change.
 */
export const errorMessages: Record<string, string> = {
  'common.validation': '提交的内容不符合要求，请检查后重试',
  'common.not_found': '未找到请求的内容',
  'common.internal': '系统繁忙，请稍后再试',
  'common.rate_limited': '操作过于频繁，请稍后再试',
  'common.payload_too_large': '提交的内容过大',
  'common.bad_request': '请求格式有误',
  'auth.unauthenticated': '请先登录',
  'auth.forbidden': '您没有权限执行此操作',
  'auth.out_of_scope': '该数据不在您的管辖范围内',
  'auth.invalid_credentials': '用户名或密码错误',
  'auth.locked': '登录失败次数过多，账号已临时锁定，请稍后再试',
  'auth.disabled': '账号已停用，请联系管理员',
  'auth.session_expired': '长时间未操作，登录已失效，请重新登录',
  'auth.csrf': '页面已过期，请刷新后重试',
  'auth.totp_required': '请输入动态验证码',
  'auth.totp_invalid': '动态验证码错误',
  'auth.totp_already_enabled': '已启用动态口令；如需更换，请联系安全管理员解除绑定',
  'notifications.webhook_disabled': '该群机器人已停用，请先启用',
  'auth.otp_invalid': '验证码错误或已过期',
  'auth.otp_rate_limited': '验证码发送过于频繁，请稍后再试',
  'auth.weak_password': '密码强度不足：至少 10 位，且包含大写字母、小写字母、数字和符号中的三种',
  'calendar.invalid_year': '日历数据有误',
  'calendar.year_missing': '该年度的法定节假日安排尚未导入',
  'workflow.not_allowed': '当前状态下不能执行此操作',
  'workflow.conflict': '该事项已被他人处理，请刷新后重试',
  'jurisdictions.not_found': '未找到该行政区划',
  'settings.unknown_key': '未知的配置项',
  'settings.invalid_value': '配置值不符合要求',
  'accounts.username_taken': '用户名已被使用',
  'accounts.not_found': '未找到该账号',
  'deputies.not_found': '未找到该代表',
  'deputies.phone_taken': '该手机号码已登记为其他代表',
  'deputies.invalid_grid': '网格责任区只能选择本辖区内的网格',
  'deputies.invalid_station': '只能选择本辖区内的代表之家/联络站',
  'deputies.invalid_group': '专业代表小组不在本辖区设立的小组之中',
  'deputies.file_too_large': '文件超过 10 MB，请拆分后分批导入',
  'deputies.file_unreadable': '无法读取该文件，请上传由模板填写的 .xlsx 文件',
  'deputies.import_not_found': '未找到该导入任务',
  'deputies.observer_not_found': '未找到该民情观察员',
  'deputies.pair_not_found': '未找到该双联系结对',
  'deputies.visit_in_future': '联系日期不能晚于今天',
  'db.locked': '数据目录正被另一个进程使用',
  'stations.not_found': '未找到该家站点',
  'stations.invalid_jurisdiction': '家站点只能设在本辖区的区、街道（乡镇）或社区（村）',
  'stations.invalid_coordinates': '坐标须同时填写经度和纬度，且位于中国境内',
  'stations.deputy_not_eligible': '所选代表不在您的管辖范围内或已不在任',
  'stations.staff_not_eligible': '所选账号不是本辖区负责该站的联络员账号',
  'stations.unknown_checklist_item': '该检查项不在本辖区的建设标准清单中',
  'stations.future_date': '检查日期不能晚于今天',
  'stations.not_own_station': '联络员只能维护本人负责的家站点',
  'reach.deputy_not_found': '未找到该代表，可能已不再担任代表',
  'reach.station_not_found': '未找到该代表之家或联络站',
  'reach.area_not_found': '未找到该社区或网格',
  'reach.township_not_found': '未找到该街道镇',
  'reach.too_many_cards': '一次打印的联系卡过多，请按街道镇分批打印',
  'receptions.station_not_found': '未找到该联络站',
  'receptions.rule_not_found': '未找到该接待日规则',
  'receptions.invalid_rule': '接待日规则填写有误，请检查后重试',
  'receptions.rule_in_use': '该规则已有预约记录，不能删除；可以停用或设置截止日期',
  'receptions.unknown_deputy': '轮值代表中有不存在或已不在任的代表',
  'receptions.range_too_long': '查询范围不能超过一年',
  'receptions.not_a_reception_day': '该日期不是接待日',
  'receptions.day_cancelled': '该接待日已取消',
  'receptions.slot_not_found': '该时段不可预约',
  'receptions.slot_full': '该时段已约满，请选择其他时段',
  'receptions.outside_window': '该时段不在可预约的时间范围内',
  'receptions.already_booked': '您已预约该联络站当天的接待；如需更改，请先取消原预约',
  'receptions.booking_not_found': '未找到该预约',
  'receptions.not_cancellable': '该预约已不能取消',
  'receptions.code_invalid': '签到码无效，或不是当天在本站的预约',
  'receptions.not_checkable': '该预约已签到、已取消或已记为未到，不能重复操作',
  'workbench.not_a_deputy': '当前账号未关联人大代表身份',
};

export function messageFor(code: string, fallback?: string): string {
  return errorMessages[code] ?? fallback ?? errorMessages['common.internal']!;
}
