import {
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, regionCode, ts } from '../../kernel/db/columns';
import { publicCode } from '../deputies/deputies.schema';

export const stationKinds = ['home', 'station', 'point', 'micro', 'collection'] as const;

/** 代表之家 / 代表联络站 / 代表联系点 / 人大代表联络微站 / 民情收集点. */
export const stations = pgTable(
  'stations',
  {
    regionCode: regionCode(),
    id: id(),
    publicCode: publicCode(),
    jurisdictionCode: text('jurisdiction_code').notNull(),
    kind: text('kind', { enum: stationKinds }).notNull(),
    /** Area-based, or built on an industry chain / profession / enterprise (产业链, 行业, 企业). */
    basis: text('basis', { enum: ['area', 'industry_chain', 'profession', 'enterprise'] })
      .notNull()
      .default('area'),
    name: text('name').notNull(),
    address: text('address').notNull(),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    openingHours: text('opening_hours'),
    /** The station's public desk phone (not personal data). */
    phone: text('phone'),
    description: text('description'),
    photoUrl: text('photo_url'),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: ts('updated_at'),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.id] }),
    index('stations_jur_idx').on(t.regionCode, t.jurisdictionCode),
    uniqueIndex('stations_public_code_uq').on(t.regionCode, t.publicCode),
  ],
);

/** Deputies stationed at a station (进站). */
export const stationDeputies = pgTable(
  'station_deputies',
  {
    regionCode: regionCode(),
    stationId: uuid('station_id').notNull(),
    deputyId: uuid('deputy_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.stationId, t.deputyId] }),
    index('station_deputies_deputy_idx').on(t.regionCode, t.deputyId),
  ],
);

/** Liaison staff accounts who run a station. */
export const stationStaff = pgTable(
  'station_staff',
  {
    regionCode: regionCode(),
    stationId: uuid('station_id').notNull(),
    accountId: uuid('account_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.stationId, t.accountId] }),
    index('station_staff_account_idx').on(t.regionCode, t.accountId),
  ],
);

/**
 * The standards checklist (九有/八有) as checked for one station: one row per item key of the
 * congress's configured checklist, with evidence and the date checked.
 */
export const stationChecklistItems = pgTable(
  'station_checklist_items',
  {
    regionCode: regionCode(),
    stationId: uuid('station_id').notNull(),
    itemKey: text('item_key').notNull(),
    met: boolean('met').notNull(),
    evidenceUrl: text('evidence_url'),
    note: text('note'),
    checkedOn: date('checked_on').notNull(),
    checkedBy: uuid('checked_by'),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.stationId, t.itemKey] })],
);

/** 年度活动计划（月月有主题）. */
export const stationPlans = pgTable(
  'station_plans',
  {
    regionCode: regionCode(),
    id: id(),
    stationId: uuid('station_id').notNull(),
    year: integer('year').notNull(),
    month: integer('month').notNull(),
    theme: text('theme').notNull(),
    description: text('description'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.id] }),
    uniqueIndex('station_plans_month_uq').on(t.regionCode, t.stationId, t.year, t.month),
  ],
);
