import crypto from 'node:crypto';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { appendAudit } from '../../kernel/audit/audit';
import type { AppContext } from '../../kernel/context';
import { maskPhone } from '../../kernel/crypto/pii';
import { authErrors } from '../../kernel/errors';
import { sha256, uuidv7 } from '../../kernel/ids';
import { notify } from '../../kernel/notifications/notify';
import { accounts, otpChallenges } from './accounts.schema';
import { actorFor, createSession } from './sessions';

/** Limits for one-time codes: one per minute and ten a day per number, thirty an hour per IP. */
export const OTP_LIMITS = {
  perPhoneMinute: 1,
  perPhoneDay: 10,
  perIpHour: 30,
  ttlMinutes: 5,
  maxAttempts: 5,
};

function codeHash(phoneHash: string, code: string): string {
  return sha256(`${phoneHash}:${code}`);
}

async function countSince(
  ctx: AppContext,
  column: 'phone' | 'ip',
  value: string,
  since: Date,
): Promise<number> {
  const col = column === 'phone' ? otpChallenges.phoneHash : otpChallenges.ip;
  const [row] = await ctx.database.db
    .select({ n: sql<number>`count(*)` })
    .from(otpChallenges)
    .where(
      and(
        eq(otpChallenges.regionCode, ctx.config.REGION_CODE),
        eq(col, value),
        gt(otpChallenges.createdAt, since),
      ),
    );
  return Number(row?.n ?? 0);
}

/** Sends a 6-digit code by SMS. Rate-limited per number and per IP; the code is stored only as a hash. */
export async function requestOtp(
  ctx: AppContext,
  phone: string,
  ip: string,
): Promise<{ retryAfterSeconds: number }> {
  const now = ctx.clock.now();
  const phoneHash = ctx.vault.blindIndex(phone);
  const ago = (ms: number) => new Date(now.getTime() - ms);
  if (
    (await countSince(ctx, 'phone', phoneHash, ago(60_000))) >= OTP_LIMITS.perPhoneMinute ||
    (await countSince(ctx, 'phone', phoneHash, ago(86_400_000))) >= OTP_LIMITS.perPhoneDay ||
    (await countSince(ctx, 'ip', ip, ago(3_600_000))) >= OTP_LIMITS.perIpHour
  ) {
    throw authErrors.otp_rate_limited();
  }
  const code = crypto.randomInt(0, 1_000_000).toString().padStart(6, '0');
  const region = ctx.config.REGION_CODE;
  await ctx.database.db.transaction(async (tx) => {
    await tx.insert(otpChallenges).values({
      regionCode: region,
      id: uuidv7(now.getTime()),
      phoneHash,
      codeHash: codeHash(phoneHash, code),
      ip,
      createdAt: now,
      expiresAt: new Date(now.getTime() + OTP_LIMITS.ttlMinutes * 60_000),
    });
    await notify(tx, ctx, region, { channel: 'sms', phone }, 'auth.otp', {
      code,
      minutes: OTP_LIMITS.ttlMinutes,
    });
  });
  return { retryAfterSeconds: 60 };
}

/** Checks the latest unexpired code; creates the citizen's account on first sign-in. */
export async function verifyOtp(
  ctx: AppContext,
  phone: string,
  code: string,
  ip: string,
  requestId?: string,
) {
  const { db } = ctx.database;
  const now = ctx.clock.now();
  const region = ctx.config.REGION_CODE;
  const phoneHash = ctx.vault.blindIndex(phone);
  const result = await db.transaction(async (tx) => {
    const [challenge] = await tx
      .select()
      .from(otpChallenges)
      .where(
        and(
          eq(otpChallenges.regionCode, region),
          eq(otpChallenges.phoneHash, phoneHash),
          isNull(otpChallenges.consumedAt),
          gt(otpChallenges.expiresAt, now),
        ),
      )
      .orderBy(sql`${otpChallenges.createdAt} desc`)
      .limit(1)
      .for('update');
    if (!challenge || challenge.attempts >= OTP_LIMITS.maxAttempts) return null;
    const cw = and(eq(otpChallenges.regionCode, region), eq(otpChallenges.id, challenge.id));
    if (challenge.codeHash !== codeHash(phoneHash, code)) {
      // Committed, not rolled back: the failed attempt must count.
      await tx
        .update(otpChallenges)
        .set({ attempts: challenge.attempts + 1 })
        .where(cw);
      return null;
    }
    await tx.update(otpChallenges).set({ consumedAt: now }).where(cw);
    let [account] = await tx
      .select()
      .from(accounts)
      .where(and(eq(accounts.kind, 'citizen'), eq(accounts.phoneHash, phoneHash)));
    if (!account) {
      [account] = await tx
        .insert(accounts)
        .values({
          regionCode: region,
          id: uuidv7(now.getTime()),
          kind: 'citizen',
          displayName: `群众${maskPhone(phone)}`,
          phoneEnc: ctx.vault.encrypt(phone),
          phoneHash,
          createdAt: now,
        })
        .returning();
    }
    await tx
      .update(accounts)
      .set({ lastLoginAt: now })
      .where(and(eq(accounts.regionCode, region), eq(accounts.id, account!.id)));
    const session = await createSession(ctx, tx, account!, ip);
    const actor = actorFor(account!, [], { ip, requestId, sessionId: session.sessionId });
    await appendAudit(tx, actor, now, {
      action: 'auth.citizen_login',
      targetType: 'account',
      targetId: account!.id,
    });
    return { ...session, account: account!, actor };
  });
  if (!result) throw authErrors.otp_invalid();
  return result;
}
