import { doublePrecision, index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, regionCode } from '../../kernel/db/columns';

/** 人大代表: the person. Mandates (levels, terms) are separate rows: one person, several levels. */
export const deputies = pgTable(
  'deputies',
  {
    regionCode: regionCode(),
    id: id(),
    jurisdictionCode: text('jurisdiction_code').notNull(),
    name: text('name').notNull(),
    gender: text('gender', { enum: ['男', '女'] }).notNull(),
    ethnicity: text('ethnicity').notNull().default('汉族'),
    birthYear: integer('birth_year'),
    party: text('party'),
    occupationCategory: text('occupation_category'),
    workplace: text('workplace'),
    phoneEnc: text('phone_enc'),
    phoneHash: text('phone_hash'),
    status: text('status', { enum: ['active', 'resigned', 'recalled', 'terminated'] })
      .notNull()
      .default('active'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.id] }),
    index('deputies_jur_idx').on(t.regionCode, t.jurisdictionCode),
  ],
);

export const deputyMandates = pgTable(
  'deputy_mandates',
  {
    regionCode: regionCode(),
    id: id(),
    deputyId: uuid('deputy_id').notNull(),
    level: text('level', { enum: ['national', 'provincial', 'municipal', 'county', 'township'] }).notNull(),
    congressJurisdictionCode: text('congress_jurisdiction_code').notNull(),
    term: integer('term').notNull(),
    electoralDistrict: text('electoral_district'),
    groupName: text('group_name'),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.id] }),
    index('mandates_deputy_idx').on(t.regionCode, t.deputyId),
  ],
);

/** 代表之家 / 联络站 / 联系点 / 微站 / 民情收集点. */
export const stations = pgTable(
  'stations',
  {
    regionCode: regionCode(),
    id: id(),
    jurisdictionCode: text('jurisdiction_code').notNull(),
    kind: text('kind', { enum: ['home', 'station', 'point', 'micro', 'collection'] }).notNull(),
    name: text('name').notNull(),
    address: text('address').notNull(),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    openingHours: text('opening_hours'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.id] }),
    index('stations_jur_idx').on(t.regionCode, t.jurisdictionCode),
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
