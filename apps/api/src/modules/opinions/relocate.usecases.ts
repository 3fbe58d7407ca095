import { and, eq } from 'drizzle-orm';
import { appendAudit } from '../../kernel/audit/audit';
import { type Actor, assertCan } from '../../kernel/auth/actor';
import type { AppContext } from '../../kernel/context';
import { caseHistory, cases } from '../../kernel/db/kernel.schema';
import { emit } from '../../kernel/events';
import { uuidv7 } from '../../kernel/ids';
import { findJurisdiction, findJurisdictions } from '../jurisdictions/jurisdictions.repository';
import { levelsOf } from './location';
import { opinionErrors } from './opinions.errors';
import { loadOpinion } from './opinions.repository';
import { opinions } from './opinions.schema';

const STAFF = ['congress_staff', 'station_staff'] as const;

/** "莘庄镇 · 莘松社区 · 第1网格", or 区级 when the case has no township. */
async function placeLabel(
  exec: Parameters<typeof findJurisdictions>[0],
  codes: Array<string | null>,
): Promise<string> {
  const present = codes.filter((c): c is string => !!c);
  const names = await findJurisdictions(exec, present);
  return present.map((c) => names.get(c)?.name ?? c).join(' · ') || '区级（未定位到街镇）';
}

/**
 * 改正位置: staff move a case to the township/community/grid it really belongs to (citizens pick the
 * wrong street, a point lands across a boundary). The case's jurisdiction follows, so it leaves the
 * old street's queue and reaches the new one's; the state, deadlines and unit stay as they are (a
 * unit that no longer fits is changed by 改派). Both places must lie in the staff member's
 * jurisdiction. Written once, in one transaction: the case and opinion rows, a history row
 * (`relocate`, the state unchanged) with the reason and both places, the audit entry and an event.
 */
export async function relocateOpinion(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { areaCode: string; reason: string },
) {
  const reason = input.reason.trim();
  if (!reason) throw opinionErrors.reason_required();
  const at = ctx.clock.now();
  return ctx.database.db.transaction(async (tx) => {
    const { c: before } = await loadOpinion(tx, actor.regionCode, id);
    // Lock the case as transition() does, so a concurrent step sees the new version.
    const [c] = await tx
      .select()
      .from(cases)
      .where(and(eq(cases.regionCode, before.regionCode), eq(cases.id, before.id)))
      .for('update');
    const [o] = await tx
      .select()
      .from(opinions)
      .where(and(eq(opinions.regionCode, c!.regionCode), eq(opinions.caseId, c!.id)));
    if (c!.state === 'merged') throw opinionErrors.not_relocatable();
    assertCan(actor, STAFF, c!.jurisdictionPath);
    const target = await findJurisdiction(tx, input.areaCode);
    const region = await findJurisdiction(tx, actor.regionCode);
    if (
      !target ||
      !region ||
      !target.path.startsWith(region.path) ||
      !['township', 'community', 'grid'].includes(target.level)
    )
      throw opinionErrors.outside_region();
    assertCan(actor, STAFF, target.path);
    const loc = await levelsOf(tx, target);
    const from = await placeLabel(tx, [o!.townshipCode, o!.communityCode, o!.gridCode]);
    const to = await placeLabel(tx, [loc.townshipCode, loc.communityCode, loc.gridCode]);
    const version = c!.version + 1;
    const [next] = await tx
      .update(cases)
      .set({ jurisdictionCode: target.code, jurisdictionPath: target.path, version, updatedAt: at })
      .where(and(eq(cases.regionCode, c!.regionCode), eq(cases.id, c!.id)))
      .returning();
    await tx
      .update(opinions)
      .set({ townshipCode: loc.townshipCode, communityCode: loc.communityCode, gridCode: loc.gridCode })
      .where(and(eq(opinions.regionCode, c!.regionCode), eq(opinions.caseId, c!.id)));
    const payload = { reason, location: `${from} → ${to}`, areaCode: target.code };
    await tx.insert(caseHistory).values({
      regionCode: c!.regionCode,
      id: uuidv7(at.getTime()),
      caseId: c!.id,
      // History is numbered by case version, as transition() numbers it.
      seq: version,
      action: 'relocate',
      fromState: c!.state,
      toState: c!.state,
      actorId: actor.accountId,
      actorLabel: actor.label,
      payload,
      at,
    });
    await appendAudit(tx, actor, at, {
      action: 'opinions.relocate',
      targetType: 'opinions',
      targetId: c!.id,
      jurisdictionCode: target.code,
      details: { trackingNo: c!.trackingNo, from, to, fromJurisdiction: c!.jurisdictionCode, reason },
    });
    await emit(tx, at, {
      regionCode: c!.regionCode,
      topic: 'opinions.relocated',
      aggregateType: 'opinions',
      aggregateId: c!.id,
      payload: { caseId: c!.id, trackingNo: c!.trackingNo, from: c!.jurisdictionCode, to: target.code },
    });
    return next!;
  });
}
