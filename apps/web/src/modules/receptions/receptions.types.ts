/** Shapes of the receptions API (see apps/api/src/modules/receptions/receptions.http.ts). */
export type BookingStatus = 'booked' | 'cancelled' | 'checked_in' | 'no_show';

export interface PublicSlot {
  start: string;
  end: string;
  capacity: number;
  remaining: number;
}

export interface PublicDay {
  day: string;
  startTime: string;
  endTime: string;
  theme: string | null;
  deputies: Array<{ name: string }>;
  slots: PublicSlot[];
}

/** `GET /api/public/stations/:code/reception-days` */
export interface PublicReceptionDays {
  station: { code: string; name: string; address: string; openingHours: string | null };
  horizonDays: number;
  days: PublicDay[];
}

export interface BookingResult {
  id: string;
  day: string;
  slotStart: string;
  checkInCode: string;
}

/** `GET /api/public/bookings/mine` items */
export interface MyBooking {
  id: string;
  stationName: string;
  stationCode: string;
  address: string;
  day: string;
  slotStart: string;
  topic: string;
  status: BookingStatus;
  statusLabel: string;
  checkInCode: string | null;
  canCancel: boolean;
}

export interface ManagedStation {
  id: string;
  name: string;
  kind: string;
  kindLabel: string;
  publicCode: string;
  jurisdictionCode: string;
}

export type RuleShape =
  | { kind: 'monthDay'; day: number }
  | { kind: 'nthWeekday'; n: number; weekday: number }
  | { kind: 'weekOfMonth'; week: number; weekday: number }
  | { kind: 'weekly'; weekday: number };

export type HolidayPolicy = 'next_working_day' | 'previous_working_day' | 'keep' | 'skip';

export interface RuleFields {
  rule: RuleShape;
  holidayPolicy: HolidayPolicy;
  startTime: string;
  endTime: string;
  slotMinutes: number;
  capacityPerSlot: number;
  rotaDeputyIds: string[];
  deputiesPerDay: number;
  validFrom: string;
  validTo: string | null;
  theme: string | null;
  active: boolean;
}

export interface ReceptionRule extends RuleFields {
  id: string;
  stationId: string;
  description: string;
  rotaDeputies: Array<{ id: string; name: string }>;
}

export interface StaffDay {
  day: string;
  nominal: string;
  ruleId: string;
  startTime: string;
  endTime: string;
  theme: string | null;
  cancelled: boolean;
  overridden: boolean;
  note: string | null;
  deputies: Array<{ id: string; name: string }>;
  slots: Array<{ start: string; end: string; capacity: number; booked: number }>;
  capacity: number;
  booked: number;
}

export interface StaffBooking {
  id: string;
  day: string;
  slotStart: string;
  nameMasked: string;
  phoneMasked: string;
  topic: string;
  status: BookingStatus;
  statusLabel: string;
  checkedInAt: string | null;
}

export interface RulePreview {
  description: string;
  next: Array<{ day: string; nominal: string; moved: boolean }>;
}

export interface ItemsOf<T> {
  items: T[];
}

const weekdays = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];

/** '2026-03-10' → '3月10日 星期二' (civil date, no time zone involved). */
export function dayLabel(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const w = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return `${m}月${d}日 ${weekdays[w]}`;
}

export const statusColors: Record<BookingStatus, string> = {
  booked: 'blue',
  cancelled: 'default',
  checked_in: 'green',
  no_show: 'orange',
};

/** Today's civil date in China, whatever the browser's time zone. */
export function chinaToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}
