import type { Role } from '@lianxin/contracts';
import { and, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import { appendAudit } from '../../kernel/audit/audit';
import { type Actor, assertCan, scopePaths } from '../../kernel/auth/actor';
import type { AppContext } from '../../kernel/context';
import { hashPassword, passwordProblems } from '../../kernel/crypto/password';
import { AppError, authErrors, domainErrors } from '../../kernel/errors';
import { uuidv7 } from '../../kernel/ids';
import { findJurisdiction } from '../jurisdictions/jurisdictions.repository';
import { jurisdictions } from '../jurisdictions/jurisdictions.schema';
import { accounts, roleGrants } from './accounts.schema';
import { revokeAllSessions } from './sessions';

export const accountErrors = domainErrors('accounts', { username_taken: 409, not_found: 404 });

const ACCOUNT_ADMINS: readonly Role[] = ['sysadmin', 'secadmin'];

/** An ILIKE pattern matching `text` literally anywhere: %, _ and backslash in a search are not wildcards. */
function contains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Staff accounts whose grants fall inside the administrator's jurisdiction (and, with `scope`,
 * inside that subtree). One query for the accounts, one for all their grants: no N+1.
 */
export async function listAccounts(ctx: AppContext, actor: Actor, q: { scope?: string; q?: string }) {
  const { db } = ctx.database;
  let paths = scopePaths(actor, ACCOUNT_ADMINS);
  if (q.scope) {
    const j = await findJurisdiction(db, q.scope);
    if (!j) throw new AppError('jurisdictions.not_found', 404);
    assertCan(actor, ACCOUNT_ADMINS, j.path);
    paths = [j.path];
  }
  const inScope = or(...paths.map((p) => sql`${jurisdictions.path} like ${`${p}%`}`));
  const ids = db
    .selectDistinct({ id: roleGrants.accountId })
    .from(roleGrants)
    .innerJoin(jurisdictions, eq(jurisdictions.code, roleGrants.scopeCode))
    .where(and(eq(roleGrants.regionCode, actor.regionCode), inScope));
  const rows = await db
    .select()
    .from(accounts)
    .where(
      and(
        eq(accounts.regionCode, actor.regionCode),
        eq(accounts.kind, 'staff'),
        inArray(accounts.id, ids),
        q.q
          ? or(ilike(accounts.username, contains(q.q)), ilike(accounts.displayName, contains(q.q)))
          : undefined,
      ),
    )
    .orderBy(accounts.username)
    .limit(500);
  const grants = rows.length
    ? await db
        .select({
          accountId: roleGrants.accountId,
          role: roleGrants.role,
          scopeCode: roleGrants.scopeCode,
          scopeName: jurisdictions.name,
        })
        .from(roleGrants)
        .innerJoin(jurisdictions, eq(jurisdictions.code, roleGrants.scopeCode))
        .where(
          and(
            eq(roleGrants.regionCode, actor.regionCode),
            inArray(
              roleGrants.accountId,
              rows.map((r) => r.id),
            ),
          ),
        )
    : [];
  const now = ctx.clock.now();
  return rows.map((a) => ({
    id: a.id,
    username: a.username,
    displayName: a.displayName,
    kind: a.kind,
    status: a.status,
    locked: !!a.lockedUntil && a.lockedUntil > now,
    grants: grants
      .filter((g) => g.accountId === a.id)
      .map((g) => ({ role: g.role as Role, scopeCode: g.scopeCode, scopeName: g.scopeName })),
    lastLoginAt: a.lastLoginAt,
  }));
}

export async function createAccount(
  ctx: AppContext,
  actor: Actor,
  input: { username: string; displayName: string; password: string; role: Role; scopeCode: string },
): Promise<{ id: string }> {
  const { db } = ctx.database;
  const j = await findJurisdiction(db, input.scopeCode);
  if (!j) throw new AppError('jurisdictions.not_found', 404);
  assertCan(actor, ['sysadmin'], j.path);
  // 三员分立: the system administrator cannot create security or audit administrators.
  if (input.role === 'secadmin' || input.role === 'auditadmin' || input.role === 'sysadmin') {
    throw authErrors.forbidden(undefined, '系统管理员不能创建管理员账号，请由上级按“三员分立”要求另行授权');
  }
  const problems = passwordProblems(input.password, input.username);
  if (problems.length) throw authErrors.weak_password(problems);
  const now = ctx.clock.now();
  const id = uuidv7(now.getTime());
  const passwordHash = await hashPassword(input.password);
  await db.transaction(async (tx) => {
    const [taken] = await tx
      .select({ id: accounts.id })
      .from(accounts)
      .where(eq(accounts.username, input.username));
    if (taken) throw accountErrors.username_taken();
    await tx.insert(accounts).values({
      regionCode: actor.regionCode,
      id,
      kind: 'staff',
      username: input.username,
      displayName: input.displayName,
      passwordHash,
      passwordChangedAt: now,
      createdAt: now,
    });
    await tx.insert(roleGrants).values({
      regionCode: actor.regionCode,
      id: uuidv7(),
      accountId: id,
      role: input.role,
      scopeCode: j.code,
      grantedBy: actor.accountId,
      createdAt: now,
    });
    await appendAudit(tx, actor, now, {
      action: 'accounts.create',
      targetType: 'account',
      targetId: id,
      jurisdictionCode: j.code,
      details: { username: input.username, role: input.role },
    });
  });
  return { id };
}

export async function unlockAccount(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  const now = ctx.clock.now();
  await ctx.database.db.transaction(async (tx) => {
    const [account] = await tx
      .select()
      .from(accounts)
      .where(and(eq(accounts.regionCode, actor.regionCode), eq(accounts.id, id)));
    if (!account) throw accountErrors.not_found();
    const scopes = await tx
      .select({ path: jurisdictions.path })
      .from(roleGrants)
      .innerJoin(jurisdictions, eq(jurisdictions.code, roleGrants.scopeCode))
      .where(and(eq(roleGrants.regionCode, actor.regionCode), eq(roleGrants.accountId, id)));
    // The secadmin must cover every jurisdiction the account acts in.
    for (const s of scopes) assertCan(actor, ['secadmin'], s.path);
    if (scopes.length === 0) assertCan(actor, ['secadmin'], '/');
    await tx
      .update(accounts)
      .set({ lockedUntil: null, failedLogins: 0 })
      .where(and(eq(accounts.regionCode, actor.regionCode), eq(accounts.id, id)));
    await revokeAllSessions(tx, ctx, [id], actor.regionCode);
    await appendAudit(tx, actor, now, { action: 'accounts.unlock', targetType: 'account', targetId: id });
  });
}
