import { and, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../kernel/context';
import type { Tx } from '../../kernel/db/client';
import { cases } from '../../kernel/db/kernel.schema';
import type { DomainEvent } from '../../kernel/events';
import { uuidv7 } from '../../kernel/ids';
import { accounts } from '../accounts/accounts.schema';
import { findJurisdiction } from '../jurisdictions/jurisdictions.repository';
import { opinions } from '../opinions/opinions.schema';
import { stations } from '../stations/stations.schema';
import { activities, activityParticipants } from './activities.schema';
import { congressOf, recordEvidence, syncActivityEvidence } from './evidence';

const chinaDay = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

/**
 * An activity created from another module's event (idempotent on its source): confirmed, with
 * the deputy present. `bump` adds to its counters when the same source is seen again (another
 * citizen checked in on the same reception day).
 */
export async function upsertEventActivity(
  tx: Tx,
  e: DomainEvent,
  a: {
    deputyId: string;
    congressCode: string;
    jurisdictionCode: string;
    jurisdictionPath: string;
    kind: string;
    title: string;
    day: string;
    stationId?: string | null;
    sourceType: string;
    sourceId: string;
    citizensReceived?: number;
    opinionsCollected?: number;
  },
) {
  const [row] = await tx
    .insert(activities)
    .values({
      regionCode: e.regionCode,
      id: uuidv7(e.createdAt.getTime()),
      congressCode: a.congressCode,
      jurisdictionCode: a.jurisdictionCode,
      jurisdictionPath: a.jurisdictionPath,
      kind: a.kind,
      title: a.title,
      day: a.day,
      stationId: a.stationId ?? null,
      citizensReceived: a.citizensReceived ?? 0,
      opinionsCollected: a.opinionsCollected ?? 0,
      status: 'confirmed',
      origin: 'event',
      sourceType: a.sourceType,
      sourceId: a.sourceId,
      confirmedAt: e.createdAt,
      createdAt: e.createdAt,
    })
    .onConflictDoUpdate({
      target: [activities.regionCode, activities.sourceType, activities.sourceId, activities.kind],
      targetWhere: sql`${activities.sourceId} is not null`,
      set: {
        citizensReceived: sql`${activities.citizensReceived} + ${a.citizensReceived ?? 0}`,
        opinionsCollected: sql`${activities.opinionsCollected} + ${a.opinionsCollected ?? 0}`,
      },
    })
    .returning();
  await tx
    .insert(activityParticipants)
    .values({ regionCode: e.regionCode, activityId: row!.id, deputyId: a.deputyId, attendance: 'present' })
    .onConflictDoNothing();
  await syncActivityEvidence(tx, e.regionCode, row!.id, e.createdAt);
}

/**
 * Points and activities listen to what the other modules already emit (GUIDE §4): nothing in
 * their commands calls into this module. All subscribers of an event run in one savepoint that
 * commits with the event's `done` mark (kernel/jobs/outbox.ts), so a counter bumped here is bumped
 * once per event; evidence rows are unique besides.
 */
export function registerActivitySubscribers(ctx: AppContext): void {
  ctx.events.subscribe('activities.changed', 'activities-evidence', async (e, tx) => {
    await syncActivityEvidence(tx, e.regionCode, String(e.payload.activityId), e.createdAt);
  });

  // 接待选民: a citizen checked in at a reception day with a deputy on duty.
  ctx.events.subscribe('receptions.checked_in', 'activities-reception', async (e, tx) => {
    const deputyId = e.payload.deputyId as string | null;
    const stationId = String(e.payload.stationId);
    const day = String(e.payload.day);
    if (!deputyId) return;
    const [s] = await tx
      .select({ j: stations.jurisdictionCode, name: stations.name })
      .from(stations)
      .where(and(eq(stations.regionCode, e.regionCode), eq(stations.id, stationId)));
    const where = s ? await findJurisdiction(tx, s.j) : undefined;
    if (!s || !where) return;
    const congressCode = await congressOf(tx, e.regionCode, deputyId, day, where.path);
    if (!congressCode) return;
    await upsertEventActivity(tx, e, {
      deputyId,
      congressCode,
      jurisdictionCode: where.code,
      jurisdictionPath: where.path,
      kind: 'reception',
      title: `${s.name}接待选民`,
      day,
      stationId,
      sourceType: 'reception_day',
      sourceId: `${stationId}:${day}:${deputyId}`,
      citizensReceived: 1,
    });
  });

  // 代表建议: submitted (lead) and co-signed, registered, an A-category result, a key suggestion,
  // a result rated 满意.
  ctx.events.subscribe('suggestions.*', 'activities-suggestions', async (e, tx) => {
    const action = e.topic.slice('suggestions.'.length);
    const deputyIds = (e.payload.deputyIds as string[] | undefined) ?? [];
    const lead = deputyIds[0];
    if (!lead) return;
    const [c] = await tx
      .select()
      .from(cases)
      .where(and(eq(cases.regionCode, e.regionCode), eq(cases.id, String(e.payload.caseId))));
    if (!c) return;
    const day = chinaDay(e.createdAt);
    const give = async (deputyId: string, key: string, label: string) => {
      const congressCode = await congressOf(tx, e.regionCode, deputyId, day, c.jurisdictionPath);
      if (!congressCode) return;
      await recordEvidence(
        tx,
        {
          regionCode: e.regionCode,
          deputyId,
          congressCode,
          day,
          key,
          refType: 'suggestion',
          refId: c.id,
          label,
        },
        e.createdAt,
      );
    };
    const title = `${c.title}（${c.trackingNo}）`;
    if (action === 'submit') {
      await give(lead, 'suggestion.submitted', `领衔提出建议：${title}`);
      for (const d of deputyIds.slice(1)) await give(d, 'suggestion.cosigned', `联名提出建议：${title}`);
    } else if (action === 'cosign' && e.payload.from === 'submitted') {
      // Signed after submission: the signer is the account that acted.
      const [me] = e.payload.actorId
        ? await tx
            .select({ d: accounts.deputyId })
            .from(accounts)
            .where(and(eq(accounts.regionCode, e.regionCode), eq(accounts.id, String(e.payload.actorId))))
        : [];
      if (me?.d) await give(me.d, 'suggestion.cosigned', `联名提出建议：${title}`);
    } else if (action === 'register') {
      await give(lead, 'suggestion.registered', `建议立案：${title}`);
    } else if (action === 'answer' && e.payload.category === 'A') {
      await give(lead, 'suggestion.result_a', `建议办理结果为A类：${title}`);
    } else if (action === 'markKey') {
      await give(lead, 'suggestion.key', `建议列为重点督办：${title}`);
    } else if ((action === 'rate' || action === 'rateFollowUp') && e.payload.result === 'satisfied') {
      // The handling result rated 满意 (not 基本满意): the lead deputy, who rates it and followed it.
      await give(lead, 'suggestion.satisfied', `建议办理结果满意：${title}`);
    }
  });

  ctx.events.subscribe('opinions.*', 'activities-opinions', async (e, tx) => {
    const action = e.topic.slice('opinions.'.length);
    if (action !== 'opened' && action !== 'rate') return;
    const [hit] = await tx
      .select({ c: cases, o: opinions })
      .from(cases)
      .innerJoin(opinions, and(eq(opinions.regionCode, cases.regionCode), eq(opinions.caseId, cases.id)))
      .where(and(eq(cases.regionCode, e.regionCode), eq(cases.id, String(e.payload.caseId))));
    if (!hit?.o.deputyId) return;
    const { c, o } = hit;
    const day = chinaDay(e.createdAt);
    const congressCode = await congressOf(tx, e.regionCode, o.deputyId!, day, c.jurisdictionPath);
    if (!congressCode) return;
    if (action === 'opened' && o.channel === 'field_note') {
      // 民情笔记: the deputy's own field note is an activity.
      await upsertEventActivity(tx, e, {
        deputyId: o.deputyId!,
        congressCode,
        jurisdictionCode: c.jurisdictionCode,
        jurisdictionPath: c.jurisdictionPath,
        kind: 'field_note',
        title: `民情笔记：${c.title}`,
        day,
        sourceType: 'opinion',
        sourceId: c.id,
        opinionsCollected: 1,
      });
    }
    const rating = e.payload.rating;
    if (action === 'rate' && (rating === 'satisfied' || rating === 'basically_satisfied')) {
      // An opinion addressed to the deputy, followed to a satisfied answer.
      await recordEvidence(
        tx,
        {
          regionCode: e.regionCode,
          deputyId: o.deputyId!,
          congressCode,
          day,
          key: 'opinion.satisfied',
          refType: 'opinion',
          refId: c.id,
          label: `群众意见办结满意：${c.title}（${c.trackingNo}）`,
        },
        e.createdAt,
      );
    }
  });
}
