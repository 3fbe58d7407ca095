import { and, eq, lte } from 'drizzle-orm';
import type { AppContext } from '../context';
import { maskPhone } from '../crypto/pii';
import type { Tx } from '../db/client';
import { notifications, webhookTargets } from '../db/kernel.schema';
import { uuidv7 } from '../ids';
import { fetchWebhookPoster, type WebhookPoster, webhookBody } from './drivers';
import { render, type TemplateName } from './templates';

export type Recipient =
  | { channel: 'inapp'; accountId: string }
  | { channel: 'sms'; phone: string; accountId?: string }
  | { channel: 'webhook'; targetId: string };

/** One notification to queue: recipient, template and its parameters, and the redelivery guard. */
export interface Notice {
  to: Recipient;
  template: TemplateName;
  params: Record<string, string | number>;
  dedupeKey?: string;
}

function notificationRow(
  ctx: AppContext,
  regionCode: string,
  now: Date,
  { to, template, params, dedupeKey }: Notice,
): typeof notifications.$inferInsert {
  const { title, body } = render(template, params);
  const base = {
    regionCode,
    id: uuidv7(now.getTime()),
    template,
    params,
    title,
    body,
    nextAttemptAt: now,
    createdAt: now,
    dedupeKey: dedupeKey ?? null,
  };
  if (to.channel === 'inapp') {
    return { ...base, channel: 'inapp', accountId: to.accountId, status: 'sent', sentAt: now };
  }
  if (to.channel === 'sms') {
    return {
      ...base,
      channel: 'sms',
      accountId: to.accountId ?? null,
      addressEnc: ctx.vault.encrypt(to.phone),
      addressMasked: maskPhone(to.phone),
    };
  }
  return {
    ...base,
    channel: 'webhook',
    addressEnc: null,
    addressMasked: to.targetId,
    params: { ...params, targetId: to.targetId },
  };
}

/**
 * Queues a notification in the caller's transaction. In-app messages are delivered by being
 * written; SMS and webhooks are delivered by the job runner with retries. `dedupeKey` makes
 * re-delivery of the same event harmless.
 */
export async function notify(
  tx: Tx,
  ctx: AppContext,
  regionCode: string,
  to: Recipient,
  template: TemplateName,
  params: Record<string, string | number>,
  dedupeKey?: string,
): Promise<void> {
  await notifyMany(tx, ctx, regionCode, [{ to, template, params, dedupeKey }]);
}

/** `notify` for a batch (e.g. a daily pass over a region): one INSERT per 1,000 notices. */
export async function notifyMany(tx: Tx, ctx: AppContext, regionCode: string, notices: Notice[]) {
  const now = ctx.clock.now();
  for (let i = 0; i < notices.length; i += 1000) {
    const rows = notices.slice(i, i + 1000).map((n) => notificationRow(ctx, regionCode, now, n));
    await tx.insert(notifications).values(rows).onConflictDoNothing();
  }
}

const MAX_ATTEMPTS = 6;

/** Exponential backoff: 30 s, 1 min, 2 min, 4 min, 8 min. */
export function retryDelayMs(attempts: number): number {
  return 30_000 * 2 ** Math.max(0, attempts - 1);
}

/** How long a claimed notification stays invisible to other runners while it is being sent. */
const LEASE_MS = 2 * 60_000;

/**
 * Claims due SMS/webhook notifications in a short transaction (SKIP LOCKED plus a lease, so two
 * runners never take the same one), then sends them outside any transaction: a slow gateway must
 * not hold a database connection. A crash between sending and recording means one retry after the
 * lease (at-least-once). Returns how many were attempted.
 */
export async function deliverDueNotifications(
  ctx: AppContext,
  opts: { limit?: number; poster?: WebhookPoster } = {},
): Promise<number> {
  const { db } = ctx.database;
  const now = ctx.clock.now();
  const poster = opts.poster ?? fetchWebhookPoster;
  const claimed = await db.transaction(async (tx) => {
    const due = await tx
      .select()
      .from(notifications)
      .where(and(eq(notifications.status, 'pending'), lte(notifications.nextAttemptAt, now)))
      .orderBy(notifications.nextAttemptAt)
      .limit(opts.limit ?? 50)
      .for('update', { skipLocked: true });
    for (const n of due) {
      await tx
        .update(notifications)
        .set({ attempts: n.attempts + 1, nextAttemptAt: new Date(now.getTime() + LEASE_MS) })
        .where(and(eq(notifications.regionCode, n.regionCode), eq(notifications.id, n.id)));
    }
    return due;
  });
  for (const n of claimed) {
    const attempts = n.attempts + 1;
    const where = and(eq(notifications.regionCode, n.regionCode), eq(notifications.id, n.id));
    try {
      if (n.channel === 'sms') {
        const phone = ctx.vault.decrypt(n.addressEnc!);
        await ctx.sms.send(
          db,
          { regionCode: n.regionCode, notificationId: n.id, phone, body: n.body, at: now },
          ctx.vault,
        );
      } else if (n.channel === 'webhook') {
        const targetId = String((n.params as Record<string, unknown>).targetId);
        const [target] = await db
          .select()
          .from(webhookTargets)
          .where(and(eq(webhookTargets.regionCode, n.regionCode), eq(webhookTargets.id, targetId)));
        if (!target?.enabled) throw new Error('webhook target missing or disabled');
        await poster(ctx.vault.decrypt(target.urlEnc), webhookBody(target.kind, n.title, n.body));
      }
      await db.update(notifications).set({ status: 'sent', sentAt: now, lastError: null }).where(where);
    } catch (err) {
      await db
        .update(notifications)
        .set({
          status: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending',
          lastError: err instanceof Error ? err.message.slice(0, 500) : String(err),
          nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)),
        })
        .where(where);
    }
  }
  return claimed.length;
}
