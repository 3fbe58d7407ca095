import { and, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { appendAudit } from '../../kernel/audit/audit';
import { type Actor, assertCan, scopePaths } from '../../kernel/auth/actor';
import type { AppContext } from '../../kernel/context';
import type { Executor } from '../../kernel/db/client';
import { uuidv7 } from '../../kernel/ids';
import { findJurisdiction, findJurisdictions } from '../jurisdictions/jurisdictions.repository';
import { type ApiClient, type ApiClientKind, generateApiKey, hashApiKey } from './api-keys';
import { integrationErrors } from './integrations.errors';
import { apiClients } from './integrations.schema';

/**
 * 接口密钥 administration. Keys are a security matter: only a system administrator (sysadmin)
 * whose scope covers the key's jurisdiction may see, issue or revoke it. The full key leaves the
 * server once, in the answer to `issueApiKey`; lists show its prefix only. Every issue and revoke
 * is written to the audit chain (without the key).
 */

export const kindLabels: Record<ApiClientKind, string> = {
  open311: 'Open311 GeoReport v2',
  hotline: '12345热线工单',
};

const ROLES = ['sysadmin'] as const;

function present(c: ApiClient, names: Map<string, { name: string }>) {
  return {
    id: c.id,
    kind: c.kind,
    kindLabel: kindLabels[c.kind],
    name: c.name,
    jurisdictionCode: c.jurisdictionCode,
    jurisdictionName: names.get(c.jurisdictionCode)?.name ?? null,
    keyPrefix: c.keyPrefix,
    contact: c.contact,
    active: c.active && !c.revokedAt,
    createdAt: c.createdAt.toISOString(),
    lastUsedAt: c.lastUsedAt?.toISOString() ?? null,
    revokedAt: c.revokedAt?.toISOString() ?? null,
  };
}
export type ApiClientView = ReturnType<typeof present>;

/** The keys within the administrator's scope, newest first: never the key or its hash. */
export async function listApiClients(ctx: AppContext, actor: Actor): Promise<ApiClientView[]> {
  const paths = scopePaths(actor, ROLES);
  if (paths.length === 0) return [];
  const { db } = ctx.database;
  const inScope: SQL = sql`(${sql.join(
    paths.map((p) => sql`${apiClients.jurisdictionPath} like ${`${p}%`}`),
    sql` or `,
  )})`;
  const rows = await db
    .select()
    .from(apiClients)
    .where(and(eq(apiClients.regionCode, actor.regionCode), inScope))
    .orderBy(desc(apiClients.createdAt), desc(apiClients.id))
    .limit(500);
  const names = await findJurisdictions(db, [...new Set(rows.map((r) => r.jurisdictionCode))]);
  return rows.map((r) => present(r, names));
}

export interface IssueInput {
  kind: ApiClientKind;
  name: string;
  jurisdictionCode: string;
  contact?: string | null;
}

/** Inserts a client holding `key` (also used by the demo seed, with its fixed documented key). */
export async function insertApiClient(
  exec: Executor,
  actor: Actor,
  at: Date,
  input: IssueInput & { jurisdictionPath: string; key: string; prefix: string },
): Promise<ApiClient> {
  const [row] = await exec
    .insert(apiClients)
    .values({
      regionCode: actor.regionCode,
      id: uuidv7(at.getTime()),
      kind: input.kind,
      name: input.name,
      jurisdictionCode: input.jurisdictionCode,
      jurisdictionPath: input.jurisdictionPath,
      keyPrefix: input.prefix,
      keyHash: hashApiKey(input.key),
      contact: input.contact ?? null,
      createdBy: actor.accountId,
      createdAt: at,
    })
    .returning();
  await appendAudit(exec, actor, at, {
    action: 'integrations.key_issue',
    targetType: 'api_client',
    targetId: row!.id,
    jurisdictionCode: input.jurisdictionCode,
    details: { kind: input.kind, name: input.name, keyPrefix: input.prefix },
  });
  return row!;
}

/** Issues a new key; the answer carries the full key, which is never shown again. */
export async function issueApiKey(ctx: AppContext, actor: Actor, input: IssueInput) {
  const { db } = ctx.database;
  const j = await findJurisdiction(db, input.jurisdictionCode);
  if (!j || j.regionCode !== actor.regionCode) throw integrationErrors.unknown_jurisdiction();
  assertCan(actor, ROLES, j.path);
  const { key, prefix } = generateApiKey();
  const now = ctx.clock.now();
  const row = await db.transaction((tx) =>
    insertApiClient(tx, actor, now, {
      ...input,
      jurisdictionCode: j.code,
      jurisdictionPath: j.path,
      key,
      prefix,
    }),
  );
  return { client: present(row, new Map([[j.code, j]])), key };
}

/** Revokes a key for good (its cases keep naming the client); the reason goes to the audit chain. */
export async function revokeApiKey(ctx: AppContext, actor: Actor, id: string, reason: string) {
  const { db } = ctx.database;
  return db.transaction(async (tx) => {
    const [c] = await tx
      .select()
      .from(apiClients)
      .where(and(eq(apiClients.regionCode, actor.regionCode), eq(apiClients.id, id)))
      .for('update');
    if (!c) throw integrationErrors.not_found();
    assertCan(actor, ROLES, c.jurisdictionPath);
    if (c.revokedAt) throw integrationErrors.already_revoked();
    const now = ctx.clock.now();
    const [row] = await tx
      .update(apiClients)
      .set({ active: false, revokedAt: now, revokedBy: actor.accountId })
      .where(and(eq(apiClients.regionCode, c.regionCode), eq(apiClients.id, c.id)))
      .returning();
    await appendAudit(tx, actor, now, {
      action: 'integrations.key_revoke',
      targetType: 'api_client',
      targetId: c.id,
      jurisdictionCode: c.jurisdictionCode,
      details: { kind: c.kind, name: c.name, keyPrefix: c.keyPrefix, reason },
    });
    const names = await findJurisdictions(tx, [c.jurisdictionCode]);
    return present(row!, names);
  });
}

/** Marks a key as used now (at most once a minute per key, so busy clients do not write on every call). */
export async function touchApiClient(ctx: AppContext, client: ApiClient): Promise<void> {
  const now = ctx.clock.now();
  if (client.lastUsedAt && now.getTime() - client.lastUsedAt.getTime() < 60_000) return;
  await ctx.database.db
    .update(apiClients)
    .set({ lastUsedAt: now })
    .where(and(eq(apiClients.regionCode, client.regionCode), inArray(apiClients.id, [client.id])));
}
