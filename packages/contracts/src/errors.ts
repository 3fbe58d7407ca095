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
  'db.locked': '数据目录正被另一个进程使用',
};

export function messageFor(code: string, fallback?: string): string {
  return errorMessages[code] ?? fallback ?? errorMessages['common.internal']!;
}
