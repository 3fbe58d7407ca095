import { and, eq } from 'drizzle-orm';
import { toDateString } from '../../kernel/calendar/calendar';
import type { AppContext } from '../../kernel/context';
import { cases } from '../../kernel/db/kernel.schema';
import { upsertEventActivity } from '../activities/activities.subscribers';
import { congressOf } from '../activities/evidence';
import { mediationCases } from './mediation.schema';

/**
 * 履职登记: a mediation that was actually held — ended with an agreement or as 调解不成 — is a
 * confirmed `mediation` activity of each deputy who mediated it (points, archive), dated the day
 * it ended and placed at its station. A redelivered event finds the activity there.
 */
export function registerMediationSubscribers(ctx: AppContext): void {
  for (const action of ['agree', 'fail'] as const) {
    ctx.events.subscribe(`mediations.${action}`, `mediation-activity-${action}`, async (e, tx) => {
      const caseId = String(e.payload.caseId);
      const deputyIds = (e.payload.deputyIds as string[] | undefined) ?? [];
      const [row] = await tx
        .select({ c: cases, stationId: mediationCases.stationId })
        .from(cases)
        .innerJoin(
          mediationCases,
          and(eq(mediationCases.regionCode, cases.regionCode), eq(mediationCases.caseId, cases.id)),
        )
        .where(and(eq(cases.regionCode, e.regionCode), eq(cases.id, caseId)));
      if (!row) return;
      const day = toDateString(e.createdAt);
      for (const deputyId of deputyIds) {
        const congressCode = await congressOf(tx, e.regionCode, deputyId, day, row.c.jurisdictionPath);
        if (!congressCode) continue;
        await upsertEventActivity(tx, e, {
          deputyId,
          congressCode,
          jurisdictionCode: row.c.jurisdictionCode,
          jurisdictionPath: row.c.jurisdictionPath,
          kind: 'mediation',
          title: `参与矛盾调解：${row.c.title}`,
          day,
          stationId: row.stationId,
          sourceType: 'mediation_case',
          sourceId: `${caseId}:${deputyId}`,
        });
      }
    });
  }
}
