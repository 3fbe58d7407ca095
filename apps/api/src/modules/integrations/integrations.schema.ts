import { boolean, index, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, regionCode, ts } from '../../kernel/db/columns';

/**
 * 接口密钥: a machine client allowed to file cases into one jurisdiction's subtree — an Open311
 * GeoReport v2 client (`open311`) or the 12345 hotline's ticket system (`hotline`).
 * Only the SHA-256 of the key is stored; `keyPrefix` (the key's first characters) identifies it
 * in lists and logs. A revoked key is kept (its cases still name it) and never works again.
 */
export const apiClients = pgTable(
  'api_clients',
  {
    regionCode: regionCode(),
    id: id(),
    kind: text('kind', { enum: ['open311', 'hotline'] }).notNull(),
    name: text('name').notNull(),
    /** The subtree the client may file into (its cases are located there). */
    jurisdictionCode: text('jurisdiction_code').notNull(),
    jurisdictionPath: text('jurisdiction_path').notNull(),
    keyPrefix: text('key_prefix').notNull(),
    keyHash: text('key_hash').notNull(),
    contact: text('contact'),
    active: boolean('active').notNull().default(true),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    revokedAt: ts('revoked_at'),
    revokedBy: uuid('revoked_by'),
    lastUsedAt: ts('last_used_at'),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.id] }),
    // Keys are looked up by hash before the region is known (the key is the credential).
    uniqueIndex('api_clients_key_uq').on(t.keyHash),
    index('api_clients_jurisdiction_idx').on(t.regionCode, t.jurisdictionPath),
  ],
);
