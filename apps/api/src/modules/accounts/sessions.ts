import type { Role } from '@lianxin/contracts';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Actor, Grant } from '../../kernel/auth/actor';
import type { AppContext } from '../../kernel/context';
import type { Executor } from '../../kernel/db/client';
import { authErrors } from '../../kernel/errors';
import { randomToken, sha256, uuidv7 } from '../../kernel/ids';
import { findJurisdictions } from '../jurisdictions/jurisdictions.repository';
import { accounts, roleGrants, sessions } from './accounts.schema';

export type Account = typeof accounts.$inferSelect;

export interface NewSession {
  token: string;
  csrfToken: string;
  sessionId: string;
}

export async function createSession(
  ctx: AppContext,
  exec: Executor,
  account: Account,
  ip: string | undefined,
): Promise<NewSession> {
  const now = ctx.clock.now();
  const token = randomToken();
  const csrfToken = randomToken(18);
  const sessionId = uuidv7(now.getTime());
  await exec.insert(sessions).values({
    regionCode: account.regionCode,
    id: sessionId,
    tokenHash: sha256(token),
    csrfHash: sha256(csrfToken),
    accountId: account.id,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + ctx.config.SESSION_MAX_HOURS * 3600_000),
    ip: ip ?? null,
  });
  return { token, csrfToken, sessionId };
}

export async function loadGrants(exec: Executor, account: Account): Promise<Grant[]> {
  const rows = await exec
    .select()
    .from(roleGrants)
    .where(and(eq(roleGrants.regionCode, account.regionCode), eq(roleGrants.accountId, account.id)));
  const scopes = await findJurisdictions(
    exec,
    rows.map((r) => r.scopeCode),
  );
  return rows.flatMap((r) => {
    const j = scopes.get(r.scopeCode);
    return j ? [{ role: r.role as Role, scopeCode: j.code, scopePath: j.path, scopeName: j.name }] : [];
  });
}

export function actorFor(account: Account, grants: Grant[], extra: Partial<Actor> = {}): Actor {
  return {
    kind: account.kind,
    accountId: account.id,
    regionCode: account.regionCode,
    label: account.kind === 'staff' ? `${account.displayName}（${account.username}）` : account.displayName,
    grants: account.kind === 'citizen' ? [] : grants,
    ...extra,
  };
}

export interface ResolvedSession {
  actor: Actor;
  account: Account;
  csrfHash: string;
  /** When this resolution stops being valid (idle limit or lifetime), in ms since the epoch. */
  expiresAt: number;
}

/**
 * Looks a session up by its token and enforces the idle timeout (等保: sessions end after a period
 * without activity) and the absolute lifetime. Touches last_seen at most once a minute.
 */
/**
 * Citizens' sessions are remembered in this process for a few seconds, so a burst of portal
 * submissions does not query the session for every request (docs/PERFORMANCE.md). Staff sessions
 * are always read from the database. Sign-out and revocation in this process forget the entry at
 * once; another process may accept a revoked citizen session for at most CITIZEN_CACHE_MS.
 */
const CITIZEN_CACHE_MS = 5_000;
const citizenSessions = new Map<string, { until: number; sessionId: string; resolved: ResolvedSession }>();

function forgetSessions(match: (sessionId: string, accountId: string) => boolean): void {
  for (const [key, v] of citizenSessions)
    if (match(v.sessionId, v.resolved.account.id)) citizenSessions.delete(key);
}

export async function resolveSession(ctx: AppContext, token: string): Promise<ResolvedSession> {
  const { db } = ctx.database;
  const now = ctx.clock.now();
  const key = sha256(token);
  const cached = citizenSessions.get(key);
  if (cached && cached.until > Date.now() && now.getTime() < cached.resolved.expiresAt)
    return cached.resolved;
  if (cached) citizenSessions.delete(key);
  const [row] = await db
    .select({ session: sessions, account: accounts })
    .from(sessions)
    .innerJoin(
      accounts,
      and(eq(accounts.regionCode, sessions.regionCode), eq(accounts.id, sessions.accountId)),
    )
    .where(and(eq(sessions.tokenHash, key), isNull(sessions.revokedAt)));
  if (!row) throw authErrors.unauthenticated();
  const { session, account } = row;
  const idleMs = ctx.config.SESSION_IDLE_MINUTES * 60_000;
  if (now.getTime() - session.lastSeenAt.getTime() > idleMs || now >= session.expiresAt) {
    await db
      .update(sessions)
      .set({ revokedAt: now })
      .where(and(eq(sessions.regionCode, session.regionCode), eq(sessions.id, session.id)));
    throw authErrors.session_expired();
  }
  if (account.status !== 'active') throw authErrors.disabled();
  if (now.getTime() - session.lastSeenAt.getTime() > 60_000) {
    await db
      .update(sessions)
      .set({ lastSeenAt: now })
      .where(and(eq(sessions.regionCode, session.regionCode), eq(sessions.id, session.id)));
  }
  const grants = account.kind === 'citizen' ? [] : await loadGrants(db, account);
  const resolved: ResolvedSession = {
    actor: actorFor(account, grants, { sessionId: session.id }),
    account,
    csrfHash: session.csrfHash,
    // Never past the idle limit nor the absolute lifetime.
    expiresAt: Math.min(session.expiresAt.getTime(), session.lastSeenAt.getTime() + idleMs),
  };
  if (account.kind === 'citizen') {
    if (citizenSessions.size > 50_000) citizenSessions.clear();
    citizenSessions.set(key, { until: Date.now() + CITIZEN_CACHE_MS, sessionId: session.id, resolved });
  }
  return resolved;
}

export async function revokeSession(ctx: AppContext, sessionId: string, regionCode: string): Promise<void> {
  forgetSessions((id) => id === sessionId);
  await ctx.database.db
    .update(sessions)
    .set({ revokedAt: ctx.clock.now() })
    .where(and(eq(sessions.regionCode, regionCode), eq(sessions.id, sessionId)));
}

export async function revokeAllSessions(
  exec: Executor,
  ctx: AppContext,
  accountIds: string[],
  regionCode: string,
): Promise<void> {
  if (accountIds.length === 0) return;
  forgetSessions((_id, accountId) => accountIds.includes(accountId));
  await exec
    .update(sessions)
    .set({ revokedAt: ctx.clock.now() })
    .where(
      and(
        eq(sessions.regionCode, regionCode),
        inArray(sessions.accountId, accountIds),
        isNull(sessions.revokedAt),
      ),
    );
}
