import { sql } from 'drizzle-orm';
import { text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * The sharding key. Every domain table leads its primary key and indexes with `region_code`
 * (the county-level jurisdiction that owns the row), so a region can later be distributed on a
 * sharded PostgreSQL with all of its rows co-located. See docs/adr/0003-sharding-key.md.
 */
export const regionCode = () => text('region_code').notNull();
export const id = () => uuid('id').notNull();
export const createdAt = () =>
  timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().default(sql`now()`);
export const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
