import type { AppContext } from '../../kernel/context';
import { armQuotaCheck, QUOTA_CHECK_TIMER, runQuotaCheck } from './quotas.usecases';

/**
 * The region's daily quota check fired (a DB timer, GUIDE §4: timers are rows): run it and arm
 * the next one. Reminders are guarded per quota and period, so a redelivered event sends nothing.
 */
export function registerQuotaSubscribers(ctx: AppContext): void {
  ctx.events.subscribe('timers.fired', 'activities-quota-check', async (e, tx) => {
    if (e.payload.kind !== QUOTA_CHECK_TIMER) return;
    await runQuotaCheck(ctx, tx, e.regionCode);
    await armQuotaCheck(ctx, tx, e.regionCode);
  });
}
