import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../kernel/auth/actor';
import { appendAudit } from '../../kernel/audit/audit';
import type { AppContext } from '../../kernel/context';
import { newTotpSecret, otpauthUrl, verifyTotp } from '../../kernel/crypto/totp';
import { authErrors } from '../../kernel/errors';
import { accounts } from './accounts.schema';

/** Optional second factor for staff: a secret is stored (encrypted) first, enabled after one good code. */
export async function startTotpSetup(ctx: AppContext, actor: Actor): Promise<{ secret: string; otpauthUrl: string }> {
  const secret = newTotpSecret();
  const where = and(eq(accounts.regionCode, actor.regionCode), eq(accounts.id, actor.accountId!));
  const [account] = await ctx.database.db
    .update(accounts)
    .set({ totpSecretEnc: ctx.vault.encrypt(secret), totpEnabled: false })
    .where(where)
    .returning({ username: accounts.username });
  return { secret, otpauthUrl: otpauthUrl(secret, account?.username ?? actor.label) };
}

export async function enableTotp(ctx: AppContext, actor: Actor, code: string): Promise<void> {
  const now = ctx.clock.now();
  const where = and(eq(accounts.regionCode, actor.regionCode), eq(accounts.id, actor.accountId!));
  await ctx.database.db.transaction(async (tx) => {
    const [account] = await tx.select().from(accounts).where(where);
    if (!account?.totpSecretEnc || !verifyTotp(ctx.vault.decrypt(account.totpSecretEnc), code, now)) {
      throw authErrors.totp_invalid();
    }
    await tx.update(accounts).set({ totpEnabled: true }).where(where);
    await appendAudit(tx, actor, now, { action: 'auth.totp_enabled', targetType: 'account', targetId: account.id });
  });
}
