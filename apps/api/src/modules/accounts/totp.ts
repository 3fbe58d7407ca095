import { and, eq } from 'drizzle-orm';
import { appendAudit } from '../../kernel/audit/audit';
import type { Actor } from '../../kernel/auth/actor';
import type { AppContext } from '../../kernel/context';
import { newTotpSecret, otpauthUrl, verifyTotp } from '../../kernel/crypto/totp';
import { authErrors, domainErrors } from '../../kernel/errors';

const totpErrors = domainErrors('auth', { totp_already_enabled: 409 });

import { accounts } from './accounts.schema';

/** Optional second factor for staff: a secret is stored (encrypted) first, enabled after one good code. */
/**
 * Starts binding an authenticator. Refused while one is enabled: a stolen session must not be able
 * to switch the second factor off by starting a new binding (unbinding is a security-admin task).
 */
export async function startTotpSetup(
  ctx: AppContext,
  actor: Actor,
): Promise<{ secret: string; otpauthUrl: string }> {
  const secret = newTotpSecret();
  const now = ctx.clock.now();
  const where = and(eq(accounts.regionCode, actor.regionCode), eq(accounts.id, actor.accountId!));
  return ctx.database.db.transaction(async (tx) => {
    const [account] = await tx.select().from(accounts).where(where).for('update');
    if (!account) throw authErrors.unauthenticated();
    if (account.totpEnabled) throw totpErrors.totp_already_enabled();
    await tx
      .update(accounts)
      .set({ totpSecretEnc: ctx.vault.encrypt(secret), totpLastStep: null })
      .where(where);
    await appendAudit(tx, actor, now, {
      action: 'auth.totp_setup_started',
      targetType: 'account',
      targetId: account.id,
    });
    return { secret, otpauthUrl: otpauthUrl(secret, account.username ?? actor.label) };
  });
}

export async function enableTotp(ctx: AppContext, actor: Actor, code: string): Promise<void> {
  const now = ctx.clock.now();
  const where = and(eq(accounts.regionCode, actor.regionCode), eq(accounts.id, actor.accountId!));
  await ctx.database.db.transaction(async (tx) => {
    const [account] = await tx.select().from(accounts).where(where).for('update');
    if (!account) throw authErrors.unauthenticated();
    if (account.totpEnabled) throw totpErrors.totp_already_enabled();
    const step = account.totpSecretEnc
      ? verifyTotp(ctx.vault.decrypt(account.totpSecretEnc), code, now)
      : null;
    if (step === null) throw authErrors.totp_invalid();
    await tx.update(accounts).set({ totpEnabled: true, totpLastStep: step }).where(where);
    await appendAudit(tx, actor, now, {
      action: 'auth.totp_enabled',
      targetType: 'account',
      targetId: account.id,
    });
  });
}
