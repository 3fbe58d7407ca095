import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../kernel/context';
import { cases } from '../../kernel/db/kernel.schema';
import { accounts } from '../accounts/accounts.schema';
import { departments } from '../congresses/congresses.schema';
import { feedbackLabels, procuratorateAccounts } from './pil';
import { procuratorateRecommendations, suggestions } from './suggestions.schema';
import { congressStaff, inapp } from './suggestions.subscribers';

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
      await inapp(tx, ctx, e, ids, 'suggestions.pil_handed', base);
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
    await inapp(tx, ctx, e, await congressStaff(tx, c), 'suggestions.pil_feedback', {
      ...base,
      procuratorate: who?.name ?? '检察机关',
      status: feedbackLabels[status] ?? status,
      note,
    });
  });
  ctx.events.subscribe('procuratorate.recommended', 'procuratorate-recommended', async (e, tx) => {
    const [r] = await tx
      .select()
      .from(procuratorateRecommendations)
      .where(
        and(
          eq(procuratorateRecommendations.regionCode, e.regionCode),
          eq(procuratorateRecommendations.id, String(e.payload.recommendationId)),
        ),
      );
    if (!r) return;
    const staff = await congressStaff(tx, { regionCode: e.regionCode, jurisdictionCode: r.jurisdictionCode });
    await inapp(tx, ctx, e, staff, 'suggestions.recommendation_received', {
      procuratorate: String(e.payload.procuratorate ?? '检察机关'),
      reference: r.reference,
      title: r.title,
    });
  });
}
