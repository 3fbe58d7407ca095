import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, regionCode, ts } from '../../kernel/db/columns';

/**
 * A reception schedule as a rule, not typed dates (see receptions/rules.ts for the shapes):
 * { kind: 'monthDay', day: 10 } 每月10日 · { kind: 'nthWeekday', n: 1 | 2 | 3 | 4 | -1, weekday: 1–7 }
 * 每月第一个星期二 · { kind: 'weekOfMonth', week: 3, weekday: 2 } 每月第三周的星期二 · { kind: 'weekly', weekday }.
 * `holidayPolicy` says what happens when the day is not a working day.
 */
export const receptionRules = pgTable(
  'reception_rules',
  {
    regionCode: regionCode(),
    id: id(),
    stationId: uuid('station_id').notNull(),
    rule: jsonb('rule').notNull(),
    holidayPolicy: text('holiday_policy', {
      enum: ['next_working_day', 'previous_working_day', 'keep', 'skip'],
    })
      .notNull()
      .default('next_working_day'),
    startTime: text('start_time').notNull(),
    endTime: text('end_time').notNull(),
    slotMinutes: integer('slot_minutes').notNull().default(30),
    capacityPerSlot: integer('capacity_per_slot').notNull().default(3),
    /** Deputies who take turns receiving on this rule's days, and how many receive each day. */
    rotaDeputyIds: uuid('rota_deputy_ids').array().notNull().default(sql`'{}'::uuid[]`),
    deputiesPerDay: integer('deputies_per_day').notNull().default(1),
    validFrom: date('valid_from').notNull(),
    validTo: date('valid_to'),
    theme: text('theme'),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.id] }),
    index('reception_rules_station_idx').on(t.regionCode, t.stationId),
  ],
);

/** A change to one reception day: other deputies on duty, or the day cancelled. */
export const receptionDayOverrides = pgTable(
  'reception_day_overrides',
  {
    regionCode: regionCode(),
    ruleId: uuid('rule_id').notNull(),
    day: date('day').notNull(),
    deputyIds: uuid('deputy_ids').array(),
    cancelled: boolean('cancelled').notNull().default(false),
    note: text('note'),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.ruleId, t.day] })],
);

/** Bookable capacity of one slot; `booked` is changed only by a guarded UPDATE (never oversold). */
export const bookingSlots = pgTable(
  'booking_slots',
  {
    regionCode: regionCode(),
    stationId: uuid('station_id').notNull(),
    day: date('day').notNull(),
    slotStart: text('slot_start').notNull(),
    ruleId: uuid('rule_id').notNull(),
    capacity: integer('capacity').notNull(),
    booked: integer('booked').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.stationId, t.day, t.slotStart] })],
);

/** 预约: a citizen's booking of a reception slot. Name and phone are personal data: encrypted. */
export const bookings = pgTable(
  'bookings',
  {
    regionCode: regionCode(),
    id: id(),
    stationId: uuid('station_id').notNull(),
    day: date('day').notNull(),
    slotStart: text('slot_start').notNull(),
    accountId: uuid('account_id'),
    nameEnc: text('name_enc').notNull(),
    phoneEnc: text('phone_enc').notNull(),
    phoneHash: text('phone_hash').notNull(),
    topic: text('topic').notNull(),
    deputyId: uuid('deputy_id'),
    status: text('status', { enum: ['booked', 'cancelled', 'checked_in', 'no_show'] })
      .notNull()
      .default('booked'),
    checkInCode: text('check_in_code').notNull(),
    createdAt: createdAt(),
    cancelledAt: ts('cancelled_at'),
    checkedInAt: ts('checked_in_at'),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.id] }),
    index('bookings_day_idx').on(t.regionCode, t.stationId, t.day),
    index('bookings_phone_idx').on(t.regionCode, t.phoneHash),
    uniqueIndex('bookings_code_uq').on(t.regionCode, t.stationId, t.day, t.checkInCode),
  ],
);
