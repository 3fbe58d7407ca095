import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../kernel/context';
import { timers } from '../../kernel/db/kernel.schema';
import { notify } from '../../kernel/notifications/notify';
import { accountsCovering } from '../accounts/accounts.repository';
import { findJurisdiction } from '../jurisdictions/jurisdictions.repository';
import { deputies, liaisonPairs } from './deputies.schema';
import { NO_CONTACT_TIMER } from './liaison.usecases';

const kindLabels = { committee_member: '常委会组成人员', department_head: '部门负责人' } as const;

/**
 * A 双联系 pair's no-contact timer fired: tell the congress staff over the pair in-app, once per
 * timer and person (the dedupe key makes a redelivered event harmless).
 */
export function registerLiaisonSubscribers(ctx: AppContext): void {
  ctx.events.subscribe('timers.fired', 'liaison-no-contact', async (e, tx) => {
    if (e.payload.kind !== NO_CONTACT_TIMER) return;
    const timerId = String(e.payload.timerId);
    const [t] = await tx
      .select()
      .from(timers)
      .where(and(eq(timers.regionCode, e.regionCode), eq(timers.id, timerId)));
    const { pairId, months } = (t?.payload ?? {}) as { pairId?: string; months?: number };
    if (!pairId) return;
    const [row] = await tx
      .select({ p: liaisonPairs, deputyName: deputies.name })
      .from(liaisonPairs)
      .innerJoin(
        deputies,
        and(eq(deputies.regionCode, liaisonPairs.regionCode), eq(deputies.id, liaisonPairs.deputyId)),
      )
      .where(and(eq(liaisonPairs.regionCode, e.regionCode), eq(liaisonPairs.id, pairId)));
    if (!row) return;
    const j = await findJurisdiction(tx, row.p.jurisdictionCode);
    if (!j) return;
    const staff = await accountsCovering(tx, e.regionCode, ['congress_staff'], j.path);
    const member = `${kindLabels[row.p.kind]}${row.p.memberName}${row.p.memberTitle ? `（${row.p.memberTitle}）` : ''}`;
    for (const accountId of staff) {
      await notify(
        tx,
        ctx,
        e.regionCode,
        { channel: 'inapp', accountId },
        'system.message',
        {
          title: '双联系提醒',
          body: `${member}与代表${row.deputyName}已超过 ${months ?? 6} 个月没有联系记录（上次联系：${row.p.lastContactOn ?? '尚无'}），请督促开展联系。`,
        },
        `liaison-no-contact:${timerId}:${accountId}`,
      );
    }
  });
}
