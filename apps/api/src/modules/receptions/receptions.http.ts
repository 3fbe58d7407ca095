import { z } from 'zod';
import { isCivilDay } from '../../kernel/calendar/calendar';

/** Request and response shapes shared by the receptions routes (responses strip anything else). */
export const civilDay = z.string().refine(isCivilDay, '日期格式应为 YYYY-MM-DD');
export const uuid = (what: string) => z.string().uuid(`${what}编号格式不正确`);
export const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 HH:MM');
export const stationCode = z.string().regex(/^[0-9a-z]{4,32}$/, '联络站编码格式不正确');

export const bookingStatus = z.enum(['booked', 'cancelled', 'checked_in', 'no_show']);

export const slotOut = z.object({
  start: z.string(),
  end: z.string(),
  capacity: z.number(),
  booked: z.number(),
});

export const staffDayOut = z.object({
  day: z.string(),
  nominal: z.string(),
  ruleId: z.string(),
  startTime: z.string(),
  endTime: z.string(),
  theme: z.string().nullable(),
  cancelled: z.boolean(),
  overridden: z.boolean(),
  note: z.string().nullable(),
  deputies: z.array(z.object({ id: z.string(), name: z.string() })),
  slots: z.array(slotOut),
  capacity: z.number(),
  booked: z.number(),
});

export const ruleOut = z.object({
  id: z.string(),
  stationId: z.string(),
  rule: z.record(z.string(), z.unknown()),
  holidayPolicy: z.string(),
  description: z.string(),
  startTime: z.string(),
  endTime: z.string(),
  slotMinutes: z.number(),
  capacityPerSlot: z.number(),
  rotaDeputyIds: z.array(z.string()),
  rotaDeputies: z.array(z.object({ id: z.string(), name: z.string() })),
  deputiesPerDay: z.number(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  theme: z.string().nullable(),
  active: z.boolean(),
});

export const maskedBookingOut = z.object({
  id: z.string(),
  day: z.string(),
  slotStart: z.string(),
  nameMasked: z.string(),
  phoneMasked: z.string(),
  topic: z.string(),
  status: bookingStatus,
  statusLabel: z.string(),
  checkedInAt: z.date().nullable(),
});

export const publicDaysOut = z.object({
  station: z.object({
    code: z.string(),
    name: z.string(),
    address: z.string(),
    openingHours: z.string().nullable(),
  }),
  horizonDays: z.number(),
  days: z.array(
    z.object({
      day: z.string(),
      startTime: z.string(),
      endTime: z.string(),
      theme: z.string().nullable(),
      deputies: z.array(z.object({ name: z.string() })),
      slots: z.array(
        z.object({ start: z.string(), end: z.string(), capacity: z.number(), remaining: z.number() }),
      ),
    }),
  ),
});

export const myBookingOut = z.object({
  id: z.string(),
  stationName: z.string(),
  stationCode: z.string(),
  address: z.string(),
  day: z.string(),
  slotStart: z.string(),
  topic: z.string(),
  status: bookingStatus,
  statusLabel: z.string(),
  checkInCode: z.string().nullable(),
  canCancel: z.boolean(),
});
