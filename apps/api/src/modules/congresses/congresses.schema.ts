import { integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, regionCode, ts } from '../../kernel/db/columns';

/** 人大常委会 / 街道人大工委 / 乡镇人大主席团: the body that owns deputies, stations and cases. */
export const congresses = pgTable(
  'congresses',
  {
    regionCode: regionCode(),
    id: id(),
    jurisdictionCode: text('jurisdiction_code').notNull(),
    kind: text('kind', { enum: ['standing_committee', 'working_committee', 'presidium'] }).notNull(),
    name: text('name').notNull(),
    term: integer('term'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.id] }),
    uniqueIndex('congresses_jur_uq').on(t.regionCode, t.jurisdictionCode),
  ],
);

/**
 * Per-jurisdiction settings. A value set on a district applies to its streets unless a street sets
 * its own: resolution walks the jurisdiction path from the node up to the root.
 */
export const settings = pgTable(
  'settings',
  {
    regionCode: regionCode(),
    jurisdictionCode: text('jurisdiction_code').notNull(),
    key: text('key').notNull(),
    value: jsonb('value').notNull(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    updatedBy: uuid('updated_by'),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.jurisdictionCode, t.key] })],
);

/** 承办单位: government departments and other units that handle cases. */
export const departments = pgTable(
  'departments',
  {
    regionCode: regionCode(),
    id: id(),
    jurisdictionCode: text('jurisdiction_code').notNull(),
    name: text('name').notNull(),
    kind: text('kind', {
      enum: ['government', 'street_office', 'public_service', 'judicial', 'other'],
    }).notNull(),
    sort: integer('sort').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.id] }),
    uniqueIndex('departments_name_uq').on(t.regionCode, t.jurisdictionCode, t.name),
  ],
);
