import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../kernel/context';
import { cases, timers } from '../../kernel/db/kernel.schema';
import { notify } from '../../kernel/notifications/notify';
import { accountsCovering } from '../accounts/accounts.repository';
import { roleGrants } from '../accounts/accounts.schema';

/**
 * Kernel-level notifications that listen to events:
 *  - a deadline computed into a year with no loaded calendar → tell the region's sysadmins;
 *  - an overdue timer → tell the congress staff over the case's jurisdiction.
 * Modules add their own subscribers (opinions.assigned → the department's inbox, …).
 */
export function registerNotificationSubscribers(ctx: AppContext): void {
  ctx.events.subscribe('calendar.deadline_provisional', 'notify-sysadmins-calendar', async (e, tx) => {
    const year = Number(e.payload.year);
    const admins = await tx
      .select({ id: roleGrants.accountId })
      .from(roleGrants)
      .where(and(eq(roleGrants.regionCode, e.regionCode), eq(roleGrants.role, 'sysadmin')));
    for (const a of admins) {
      await notify(
        tx,
        ctx,
        e.regionCode,
        { channel: 'inapp', accountId: a.id },
        'calendar.year_missing',
        { year },
        `calendar-missing:${year}:${a.id}`,
      );
    }
  });

  ctx.events.subscribe('*', 'notify-staff-overdue', async (e, tx) => {
    if (!e.topic.endsWith('.timer_fired') || !e.payload.caseId) return;
    // A reminder (reply_remind, accept_remind, …) fires before its deadline: nothing is overdue
    // yet, and the module that armed it sends its own notice.
    if (isReminder(String(e.payload.kind ?? ''))) return;
    const [c] = await tx
      .select()
      .from(cases)
      .where(and(eq(cases.regionCode, e.regionCode), eq(cases.id, String(e.payload.caseId))));
    const [t] = await tx
      .select()
      .from(timers)
      .where(and(eq(timers.regionCode, e.regionCode), eq(timers.id, String(e.payload.timerId))));
    if (!c || !t) return;
    // Congress staff whose scope contains the case (an ancestor of, or equal to, its jurisdiction).
    const staff = await accountsCovering(tx, e.regionCode, ['congress_staff'], c.jurisdictionPath);
    const due = String((t.payload as { day?: string }).day ?? t.dueAt.toISOString().slice(0, 10));
    for (const accountId of staff) {
      await notify(
        tx,
        ctx,
        e.regionCode,
        { channel: 'inapp', accountId },
        'workflow.overdue',
        { trackingNo: c.trackingNo, title: c.title, due },
        `overdue:${t.id}:${accountId}`,
      );
    }
  });
}

const isReminder = (kind: string) => kind === 'remind' || kind.endsWith('_remind');
