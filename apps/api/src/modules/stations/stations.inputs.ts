import { z } from 'zod';
import { stationBases } from './stations.labels';
import { stationKinds } from './stations.schema';

/** Request and response shapes of the stations API (validation messages in Chinese). */

export const stationId = z.object({ id: z.string().uuid('家站点编号格式不正确') });

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label}不超过 ${max} 字`)
    .nullable()
    .transform((v) => (v === '' ? null : v));

export const urlOrPath = (label: string) =>
  z
    .string()
    .trim()
    .max(500, `${label}过长`)
    .regex(/^(https?:\/\/\S+|\/\S*)$/, `${label}须为 http(s) 链接或站内路径`)
    .nullable()
    .or(z.literal('').transform(() => null));

const stationFieldsShape = {
  name: z.string().trim().min(2, '请填写家站点名称（至少 2 个字）').max(50, '名称不超过 50 字'),
  kind: z.enum(stationKinds, { message: '请选择家站点类型' }),
  basis: z.enum(stationBases, { message: '请选择设立方式' }),
  address: z.string().trim().min(4, '请填写详细地址').max(200, '地址不超过 200 字'),
  lat: z.number().min(-90, '纬度应在 -90 到 90 之间').max(90, '纬度应在 -90 到 90 之间').nullable(),
  lng: z.number().min(-180, '经度应在 -180 到 180 之间').max(180, '经度应在 -180 到 180 之间').nullable(),
  openingHours: optionalText(100, '开放时间'),
  phone: z
    .string()
    .trim()
    .regex(/^(\d{3,4}-?\d{7,8}(-\d{1,6})?|1\d{10}|\d{5,6})$/, '请输入有效的电话，如 021-64123456')
    .nullable()
    .or(z.literal('').transform(() => null)),
  description: optionalText(2000, '简介'),
  photoUrl: urlOrPath('照片地址'),
  active: z.boolean(),
};

export const createStationBody = z.object({
  ...stationFieldsShape,
  jurisdictionCode: z.string().regex(/^\d{6,15}$/, '请选择所在区划'),
  basis: stationFieldsShape.basis.default('area'),
  lat: stationFieldsShape.lat.default(null),
  lng: stationFieldsShape.lng.default(null),
  openingHours: stationFieldsShape.openingHours.default(null),
  phone: stationFieldsShape.phone.default(null),
  description: stationFieldsShape.description.default(null),
  photoUrl: stationFieldsShape.photoUrl.default(null),
  active: z.boolean().default(true),
});

export const updateStationBody = z.object(stationFieldsShape).partial();

export const listQuery = z.object({
  scope: z
    .string()
    .regex(/^\d{2,15}$/, '区划代码为 2–15 位数字')
    .optional(),
  township: z
    .string()
    .regex(/^\d{9}$/, '街道代码为 9 位数字')
    .optional(),
  kind: z.enum(stationKinds).optional(),
  basis: z.enum(stationBases).optional(),
  q: z.string().trim().max(50).optional(),
  active: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100, '每页最多 100 条').default(20),
});

export const stationListItem = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  kindLabel: z.string(),
  basis: z.string(),
  basisLabel: z.string(),
  jurisdictionCode: z.string(),
  jurisdictionName: z.string(),
  townshipName: z.string().nullable(),
  address: z.string(),
  phone: z.string().nullable(),
  openingHours: z.string().nullable(),
  active: z.boolean(),
  deputyCount: z.number(),
  staffCount: z.number(),
});

export const deputyItem = z.object({
  id: z.string(),
  name: z.string(),
  gender: z.string(),
  status: z.string(),
  jurisdictionName: z.string(),
  levels: z.array(z.string()),
});

export const staffItem = z.object({
  id: z.string(),
  displayName: z.string(),
  username: z.string().nullable(),
  status: z.string(),
});

export const stationDetail = stationListItem.extend({
  publicCode: z.string(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  description: z.string().nullable(),
  photoUrl: z.string().nullable(),
  deputies: z.array(deputyItem),
  staff: z.array(staffItem),
  checklist: z.object({ met: z.number(), total: z.number(), percent: z.number() }),
  can: z.object({ manage: z.boolean(), edit: z.boolean() }),
});

export const deputyIdsBody = z.object({
  deputyIds: z.array(z.string().uuid('代表编号格式不正确')).max(200, '进站代表不超过 200 名'),
});

export const accountIdsBody = z.object({
  accountIds: z.array(z.string().uuid('账号编号格式不正确')).max(50, '联络员不超过 50 名'),
});
