import { and, eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../../kernel/context';
import type { Tx } from '../../kernel/db/client';
import { cases } from '../../kernel/db/kernel.schema';
import type { DomainEvent } from '../../kernel/events';
import { notify } from '../../kernel/notifications/notify';
import type { TemplateName } from '../../kernel/notifications/templates';
import { accounts, roleGrants } from '../accounts/accounts.schema';
import { departments } from '../congresses/congresses.schema';
import { jurisdictions } from '../jurisdictions/jurisdictions.schema';
import { feedbackLabels, procuratorateAccounts } from './pil';
import { procuratorateRecommendations, suggestions } from './suggestions.schema';

/** Congress staff holding a grant over exactly this congress (as the other suggestion notices). */
async function staffOf(tx: Tx, regionCode: string, code: string) {
  const rows = await tx
    .select({ id: roleGrants.accountId })
    .from(roleGrants)
    .where(
      and(
        eq(roleGrants.regionCode, regionCode),
        eq(roleGrants.role, 'congress_staff'),
        inArray(roleGrants.scopeCode, [code]),
      ),
    );
  return rows.map((r) => r.id);
}

async function tell(
  tx: Tx,
  ctx: AppContext,
  e: DomainEvent,
  ids: string[],
  template: TemplateName,
  params: Record<string, string>,
) {
  for (const id of new Set(ids))
    await notify(
      tx,
      ctx,
      e.regionCode,
      { channel: 'inapp', accountId: id },
      template,
      params,
      `${template}:${e.id}:${id}`,
    );
}

/**
 * 公益诉讼衔接 notices (in-app): the procuratorate is told of a clue handed to it; congress staff of
 * the procuratorate's status on a clue and of a recommendation handed to the congress.
 */
export function registerPilSubscribers(ctx: AppContext): void {
  ctx.events.subscribe('suggestions.*', 'suggestions-pil', async (e, tx) => {
    const action = e.topic.slice('suggestions.'.length);
    if (action !== 'pil' && action !== 'pilFeedback') return;
    if (action === 'pil' && e.payload.status !== 'handed') return;
    const [row] = await tx
      .select({ c: cases, s: suggestions })
      .from(cases)
      .innerJoin(
        suggestions,
        and(eq(suggestions.regionCode, cases.regionCode), eq(suggestions.caseId, cases.id)),
      )
      .where(and(eq(cases.regionCode, e.regionCode), eq(cases.id, String(e.payload.caseId))));
    if (!row) return;
    const { c, s } = row;
    const base = { registerNo: s.registerNo ?? c.trackingNo, title: c.title };
    if (action === 'pil') {
      const ids = await procuratorateAccounts(tx, e.regionCode, c.jurisdictionPath);
      await tell(tx, ctx, e, ids, 'suggestions.pil_handed', base);
      return;
    }
    const status = String(e.payload.status) as keyof typeof feedbackLabels;
    const [who] = await tx
      .select({ name: departments.name })
      .from(accounts)
      .innerJoin(
        departments,
        and(eq(departments.regionCode, accounts.regionCode), eq(departments.id, accounts.departmentId)),
      )
      .where(and(eq(accounts.regionCode, e.regionCode), eq(accounts.id, String(e.payload.actorId))));
    const note = typeof e.payload.note === 'string' ? `（${e.payload.note}）` : '';
    await tell(tx, ctx, e, await staffOf(tx, e.regionCode, c.jurisdictionCode), 'suggestions.pil_feedback', {
      ...base,
      procuratorate: who?.name ?? '检察机关',
      status: feedbackLabels[status] ?? status,
      note,
    });
  });
  ctx.events.subscribe('procuratorate.recommended', 'procuratorate-recommended', async (e, tx) => {
    const [r] = await tx
      .select({ r: procuratorateRecommendations, j: jurisdictions.code })
      .from(procuratorateRecommendations)
      .innerJoin(jurisdictions, eq(jurisdictions.code, procuratorateRecommendations.jurisdictionCode))
      .where(
        and(
          eq(procuratorateRecommendations.regionCode, e.regionCode),
          eq(procuratorateRecommendations.id, String(e.payload.recommendationId)),
        ),
      );
    if (!r) return;
    await tell(tx, ctx, e, await staffOf(tx, e.regionCode, r.j), 'suggestions.recommendation_received', {
      procuratorate: String(e.payload.procuratorate ?? '检察机关'),
      reference: r.r.reference,
      title: r.r.title,
    });
  });
}
