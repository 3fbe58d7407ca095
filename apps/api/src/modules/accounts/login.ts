import type { LoginRequest } from '@lianxin/contracts';
import { and, eq, sql } from 'drizzle-orm';
import { appendAudit } from '../../kernel/audit/audit';
import { type Actor, systemActor } from '../../kernel/auth/actor';
import type { AppContext } from '../../kernel/context';
import { dummyPasswordHash, verifyPassword } from '../../kernel/crypto/password';
import { verifyTotp } from '../../kernel/crypto/totp';
import { authErrors } from '../../kernel/errors';
import { notify } from '../../kernel/notifications/notify';
import { accounts } from './accounts.schema';
import { type Account, actorFor, createSession, loadGrants, type NewSession } from './sessions';

export interface LoginResult extends NewSession {
  account: Account;
  actor: Actor;
}

/**
 * Staff sign-in: password, then TOTP when enabled. Five failures in a row lock the account for
 * 15 minutes (both settings); a locked account is refused even with the right password. Every
 * attempt is audited; the response never says whether the username exists.
 */
export async function logIn(
  ctx: AppContext,
  input: LoginRequest,
  meta: { ip?: string; requestId?: string },
): Promise<LoginResult> {
  const { db } = ctx.database;
  const now = ctx.clock.now();
  const anon = {
    ...systemActor(ctx.config.REGION_CODE, `匿名（${input.username}）`),
    ip: meta.ip,
    requestId: meta.requestId,
  };
  const [account] = await db
    .select()
    .from(accounts)
    .where(and(eq(accounts.username, input.username), eq(accounts.kind, 'staff')));

  if (!account) {
    await verifyPassword(input.password, await dummyPasswordHash());
    await db.transaction((tx) =>
      appendAudit(tx, anon, now, { action: 'auth.login_failed', details: { reason: 'unknown_user' } }),
    );
    throw authErrors.invalid_credentials();
  }
  const actor = actorFor(account, [], { ip: meta.ip, requestId: meta.requestId });
  const where = and(eq(accounts.regionCode, account.regionCode), eq(accounts.id, account.id));
  if (account.lockedUntil && account.lockedUntil > now) {
    await db.transaction((tx) =>
      appendAudit(tx, actor, now, {
        action: 'auth.login_refused_locked',
        targetType: 'account',
        targetId: account.id,
      }),
    );
    throw authErrors.locked({ lockedUntil: account.lockedUntil.toISOString() });
  }
  if (account.status !== 'active') throw authErrors.disabled();

  const passwordOk = account.passwordHash
    ? await verifyPassword(input.password, account.passwordHash)
    : false;
  let failure: 'password' | 'totp_missing' | 'totp' | null = passwordOk ? null : 'password';
  let totpStep: number | null = null;
  if (!failure && account.totpEnabled) {
    if (!input.totp) failure = 'totp_missing';
    else {
      totpStep = verifyTotp(ctx.vault.decrypt(account.totpSecretEnc!), input.totp, now);
      // A code is good once: a step at or before the last accepted one is a replay.
      if (totpStep === null || (account.totpLastStep !== null && totpStep <= account.totpLastStep))
        failure = 'totp';
    }
  }

  if (failure === 'totp_missing') throw authErrors.totp_required();
  if (failure) {
    await db.transaction(async (tx) => {
      const [updated] = await tx
        .update(accounts)
        .set({ failedLogins: sql`${accounts.failedLogins} + 1` })
        .where(where)
        .returning({ failedLogins: accounts.failedLogins });
      const failures = updated!.failedLogins;
      await appendAudit(tx, actor, now, {
        action: 'auth.login_failed',
        targetType: 'account',
        targetId: account.id,
        details: { reason: failure, failures },
      });
      if (failures >= ctx.config.LOGIN_MAX_FAILURES) {
        const lockedUntil = new Date(now.getTime() + ctx.config.LOGIN_LOCK_MINUTES * 60_000);
        await tx.update(accounts).set({ failedLogins: 0, lockedUntil }).where(where);
        await appendAudit(tx, actor, now, {
          action: 'auth.locked',
          targetType: 'account',
          targetId: account.id,
          details: { lockedUntil: lockedUntil.toISOString() },
        });
        await notify(
          tx,
          ctx,
          account.regionCode,
          { channel: 'inapp', accountId: account.id },
          'auth.locked',
          {
            failures,
            minutes: ctx.config.LOGIN_LOCK_MINUTES,
          },
        );
      }
    });
    throw failure === 'totp' ? authErrors.totp_invalid() : authErrors.invalid_credentials();
  }

  return db.transaction(async (tx) => {
    await tx
      .update(accounts)
      .set({
        failedLogins: 0,
        lockedUntil: null,
        lastLoginAt: now,
        ...(totpStep !== null ? { totpLastStep: totpStep } : {}),
      })
      .where(where);
    const session = await createSession(ctx, tx, account, meta.ip);
    await appendAudit(tx, actor, now, { action: 'auth.login', targetType: 'account', targetId: account.id });
    const grants = await loadGrants(tx, account);
    return { ...session, account, actor: actorFor(account, grants, { sessionId: session.sessionId }) };
  });
}
