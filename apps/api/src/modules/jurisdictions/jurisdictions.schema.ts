import { sql } from 'drizzle-orm';
import { doublePrecision, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt } from '../../kernel/db/columns';

/**
 * The jurisdiction tree: province → city → county → township/street → community/village → grid.
 * Keyed by official codes (GB/T 2260 for county and above, statistical codes below; grids get a
 * local 3-digit suffix on their community's code). A reference table: small, replicated to every
 * shard, so it keeps `code` as its key and carries `region_code` for scoping.
 */
export const jurisdictions = pgTable(
  'jurisdictions',
  {
    code: text('code').primaryKey(),
    parentCode: text('parent_code'),
    level: text('level', { enum: ['province', 'city', 'county', 'township', 'community', 'grid'] }).notNull(),
    name: text('name').notNull(),
    /** Materialised path of codes, '/31/3101/310112/…/', for subtree scoping with a prefix match. */
    path: text('path').notNull(),
    depth: integer('depth').notNull(),
    regionCode: text('region_code'),
    sort: integer('sort').notNull().default(0),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    createdAt: createdAt(),
  },
  (t) => [
    index('jurisdictions_path_idx').using('btree', sql`${t.path} text_pattern_ops`),
    index('jurisdictions_parent_idx').on(t.parentCode, t.sort),
    index('jurisdictions_region_idx').on(t.regionCode, t.level),
  ],
);
