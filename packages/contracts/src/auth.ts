import { z } from 'zod';

export const roles = [
  'congress_staff',
  'station_staff',
  'deputy',
  'department_handler',
  'procuratorate_liaison',
  'sysadmin',
  'secadmin',
  'auditadmin',
  'citizen',
] as const;
export type Role = (typeof roles)[number];

/** Staff roles of the console's common screens (行政区划, 工作日历, the directory…); the
 * procuratorate's liaison is not one of them: it sees only its own 公益诉讼衔接 screen. */
export const STAFF_ROLES: readonly Role[] = [
  'congress_staff',
  'station_staff',
  'deputy',
  'department_handler',
];
export const ADMIN_ROLES: readonly Role[] = ['sysadmin', 'secadmin', 'auditadmin'];
export const ALL_STAFF_ROLES: readonly Role[] = [...STAFF_ROLES, ...ADMIN_ROLES];

export const roleLabels: Record<Role, string> = {
  congress_staff: '人大工作人员',
  station_staff: '联络站工作人员',
  deputy: '人大代表',
  department_handler: '承办单位经办人',
  procuratorate_liaison: '检察机关联络员',
  sysadmin: '系统管理员',
  secadmin: '安全管理员',
  auditadmin: '审计管理员',
  citizen: '群众',
};

export const loginRequest = z.object({
  username: z.string().trim().min(1, '请输入用户名').max(64),
  password: z.string().min(1, '请输入密码').max(256),
  totp: z
    .string()
    .regex(/^\d{6}$/, '动态验证码为 6 位数字')
    .optional(),
});
export type LoginRequest = z.infer<typeof loginRequest>;

export const grant = z.object({
  role: z.enum(roles),
  scopeCode: z.string(),
  scopeName: z.string(),
});

export const me = z.object({
  accountId: z.string(),
  kind: z.enum(['staff', 'citizen']),
  displayName: z.string(),
  username: z.string().nullable(),
  phoneMasked: z.string().nullable(),
  grants: z.array(grant),
  totpEnabled: z.boolean(),
  csrfToken: z.string(),
  idleTimeoutMinutes: z.number(),
});
export type Me = z.infer<typeof me>;

export const phone = z
  .string()
  .trim()
  .regex(/^1[3-9]\d{9}$/, '请输入正确的 11 位手机号码');
export const otpRequest = z.object({ phone });
export const otpVerify = z.object({ phone, code: z.string().regex(/^\d{6}$/, '验证码为 6 位数字') });
