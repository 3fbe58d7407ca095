import { and, eq, lte, sql } from 'drizzle-orm';
import type { AppContext } from '../context';
import { outbox } from '../db/kernel.schema';
import type { DomainEvent } from '../events';

const MAX_ATTEMPTS = 10;

/**
 * Claims pending events (SKIP LOCKED: two runners never take the same row) and runs their
 * subscribers inside a savepoint; a failing row is retried later with backoff and parked as
 * 'dead' after MAX_ATTEMPTS, visible to operators. Returns the number of rows handled.
 */
export async function dispatchOutbox(ctx: AppContext, limit = 100): Promise<number> {
  const now = ctx.clock.now();
  return ctx.database.db.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(outbox)
      .where(and(eq(outbox.status, 'pending'), lte(outbox.availableAt, now)))
      .orderBy(outbox.availableAt, outbox.id)
      .limit(limit)
      .for('update', { skipLocked: true });
    for (const row of rows) {
      const event: DomainEvent = {
        id: row.id,
        regionCode: row.regionCode,
        topic: row.topic,
        aggregateType: row.aggregateType,
        aggregateId: row.aggregateId,
        payload: row.payload as Record<string, unknown>,
        createdAt: row.createdAt,
      };
      const where = and(eq(outbox.regionCode, row.regionCode), eq(outbox.id, row.id));
      await tx.execute(sql`savepoint dispatch`);
      try {
        for (const sub of ctx.events.subscribersFor(row.topic)) await sub.fn(event, tx, ctx);
        await tx.execute(sql`release savepoint dispatch`);
        await tx
          .update(outbox)
          .set({ status: 'done', processedAt: now, attempts: row.attempts + 1 })
          .where(where);
      } catch (err) {
        await tx.execute(sql`rollback to savepoint dispatch`);
        const attempts = row.attempts + 1;
        ctx.log.warn(
          { topic: row.topic, eventId: row.id, attempts, err: String(err) },
          'event subscriber failed',
        );
        await tx
          .update(outbox)
          .set({
            status: attempts >= MAX_ATTEMPTS ? 'dead' : 'pending',
            attempts,
            lastError: err instanceof Error ? err.message.slice(0, 500) : String(err),
            availableAt: new Date(now.getTime() + 5_000 * 2 ** Math.min(attempts, 10)),
          })
          .where(where);
      }
    }
    return rows.length;
  });
}
