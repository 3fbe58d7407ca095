import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../kernel/db/client';
import { apiClients } from './integrations.schema';

export type ApiClientKind = (typeof apiClients.$inferSelect)['kind'];
export type ApiClient = typeof apiClients.$inferSelect;

/** Keys look like `lxk_<8 hex>_<43 base64url>`: the prefix names the key in lists, the rest is secret. */
export function generateApiKey(): { key: string; prefix: string } {
  const prefix = `lxk_${randomBytes(4).toString('hex')}`;
  return { key: `${prefix}_${randomBytes(32).toString('base64url')}`, prefix };
}

/** Keys are 256-bit random, so a plain SHA-256 (no salt, no stretching) is the right store. */
export const hashApiKey = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');

const KEY_SHAPE = /^lxk_[0-9a-f]{8}_[A-Za-z0-9_-]{20,64}$/;

/**
 * The active client holding this key for this kind of interface, or null (unknown, revoked, or a
 * key of another kind). Callers answer every null the same way, so a probe learns nothing.
 */
export async function authenticateApiKey(
  db: Db,
  key: string | undefined | null,
  kind: ApiClientKind,
): Promise<ApiClient | null> {
  if (!key || !KEY_SHAPE.test(key)) return null;
  const [client] = await db
    .select()
    .from(apiClients)
    .where(
      and(
        eq(apiClients.keyHash, hashApiKey(key)),
        eq(apiClients.kind, kind),
        eq(apiClients.active, true),
        isNull(apiClients.revokedAt),
      ),
    );
  return client ?? null;
}
