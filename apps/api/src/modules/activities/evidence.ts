import { and, eq, gte, isNull, or, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../../kernel/db/client';
import { uuidv7 } from '../../kernel/ids';
import { deputyMandates } from '../deputies/deputies.schema';
import { pathCodes } from '../jurisdictions/jurisdictions.repository';
import { activities, activityParticipants, pointEvidence, pointTallies } from './activities.schema';

export interface Evidence {
  regionCode: string;
  deputyId: string;
  congressCode: string;
  day: string;
  key: string;
  refType: 'activity' | 'suggestion' | 'opinion';
  refId: string;
  label: string;
}

const tallyKey = (e: {
  regionCode: string;
  congressCode: string;
  year: number;
  deputyId: string;
  key: string;
}) =>
  and(
    eq(pointTallies.regionCode, e.regionCode),
    eq(pointTallies.congressCode, e.congressCode),
    eq(pointTallies.year, e.year),
    eq(pointTallies.deputyId, e.deputyId),
    eq(pointTallies.key, e.key),
  );

/**
 * Adds one piece of evidence and counts it in the tally, once: a redelivered event finds the row
 * there (unique key) and changes nothing. Returns whether it was new.
 */
export async function recordEvidence(tx: Tx, e: Evidence, at: Date): Promise<boolean> {
  const year = Number(e.day.slice(0, 4));
  const inserted = await tx
    .insert(pointEvidence)
    .values({ ...e, id: uuidv7(at.getTime()), year, createdAt: at })
    .onConflictDoNothing()
    .returning({ id: pointEvidence.id });
  if (inserted.length === 0) return false;
  await tx
    .insert(pointTallies)
    .values({
      regionCode: e.regionCode,
      congressCode: e.congressCode,
      year,
      deputyId: e.deputyId,
      key: e.key,
      count: 1,
    })
    .onConflictDoUpdate({
      target: [
        pointTallies.regionCode,
        pointTallies.congressCode,
        pointTallies.year,
        pointTallies.deputyId,
        pointTallies.key,
      ],
      set: { count: sql`${pointTallies.count} + 1` },
    });
  return true;
}

/** Removes evidence (an activity rejected, an attendance corrected) and uncounts it, once. */
export async function withdrawEvidence(
  tx: Tx,
  e: Pick<Evidence, 'regionCode' | 'deputyId' | 'key' | 'refType' | 'refId'>,
): Promise<boolean> {
  const gone = await tx
    .delete(pointEvidence)
    .where(
      and(
        eq(pointEvidence.regionCode, e.regionCode),
        eq(pointEvidence.deputyId, e.deputyId),
        eq(pointEvidence.key, e.key),
        eq(pointEvidence.refType, e.refType),
        eq(pointEvidence.refId, e.refId),
      ),
    )
    .returning({ congressCode: pointEvidence.congressCode, year: pointEvidence.year });
  const row = gone[0];
  if (!row) return false;
  await tx
    .update(pointTallies)
    .set({ count: sql`${pointTallies.count} - 1` })
    .where(tallyKey({ ...e, congressCode: row.congressCode, year: row.year }));
  return true;
}

/**
 * Recomputes a congress-year's tallies from scratch (the evidence is the truth): used to verify
 * the incremental side and after a bulk load. One set-based statement: the evidence counted per
 * deputy and key, fully joined with the stored tallies, and only the rows that differ written (a
 * tally whose evidence is gone becomes 0, as a withdrawal leaves it). When the incremental side
 * was right it writes nothing, so a recount costs about one read of the evidence (bench/points.ts:
 * 6,000 deputies, 427k evidence rows; docs/PERFORMANCE.md).
 */
export async function rebuildTallies(tx: Tx, regionCode: string, congressCode: string, year: number) {
  // The aggregate of a large congress-year stays in memory instead of spilling in batches.
  await tx.execute(sql`set local work_mem = '64MB'`);
  await tx.execute(sql`
    insert into point_tallies (region_code, congress_code, year, deputy_id, key, count)
    select ${regionCode}, ${congressCode}, ${year}, coalesce(f.deputy_id, t.deputy_id),
      coalesce(f.key, t.key), coalesce(f.n, 0)
    from (
      select deputy_id, key, count(*)::int as n from point_evidence
      where region_code = ${regionCode} and congress_code = ${congressCode} and year = ${year}
      group by deputy_id, key
    ) f
    full join (
      select deputy_id, key, count from point_tallies
      where region_code = ${regionCode} and congress_code = ${congressCode} and year = ${year}
    ) t on t.deputy_id = f.deputy_id and t.key = f.key
    where coalesce(f.n, 0) <> coalesce(t.count, 0)
    on conflict (region_code, congress_code, year, deputy_id, key) do update set count = excluded.count`);
}

/**
 * The evidence an activity gives: for each participant present, `activity.<kind>`; absent
 * (unexcused), `absence.<kind>`; excused, nothing. Only confirmed activities count. Brings the
 * stored evidence in line with that (adds what is missing, withdraws what no longer holds).
 */
export async function syncActivityEvidence(tx: Tx, regionCode: string, activityId: string, at: Date) {
  const [a] = await tx
    .select()
    .from(activities)
    .where(and(eq(activities.regionCode, regionCode), eq(activities.id, activityId)));
  const people = a
    ? await tx
        .select()
        .from(activityParticipants)
        .where(
          and(eq(activityParticipants.regionCode, regionCode), eq(activityParticipants.activityId, a.id)),
        )
    : [];
  const want = new Map<string, Evidence>();
  if (a && a.status === 'confirmed') {
    for (const p of people) {
      if (p.attendance === 'excused') continue;
      const key = `${p.attendance === 'present' ? 'activity' : 'absence'}.${a.kind}`;
      want.set(`${p.deputyId}|${key}`, {
        regionCode,
        deputyId: p.deputyId,
        congressCode: a.congressCode,
        day: a.day,
        key,
        refType: 'activity',
        refId: a.id,
        label: p.attendance === 'present' ? a.title : `缺席：${a.title}`,
      });
    }
  }
  const have = await tx
    .select()
    .from(pointEvidence)
    .where(
      and(
        eq(pointEvidence.regionCode, regionCode),
        eq(pointEvidence.refType, 'activity'),
        eq(pointEvidence.refId, activityId),
      ),
    );
  for (const h of have)
    if (!want.has(`${h.deputyId}|${h.key}`) || want.get(`${h.deputyId}|${h.key}`)!.day !== h.day)
      await withdrawEvidence(tx, { ...h, refType: 'activity' });
  for (const w of want.values()) await recordEvidence(tx, w, at);
}

/**
 * The congress a deputy acts in for something located at `path` on `day`: among the deputy's
 * mandates in force that day, the one whose congress is deepest on the path (a township deputy's
 * work in the township counts for the township congress); without a path, the highest level held
 * in the region (the county congress before a township's).
 */
export async function congressOf(
  exec: Executor,
  regionCode: string,
  deputyId: string,
  day: string,
  path?: string,
): Promise<string | null> {
  const rows = await exec
    .select({ code: deputyMandates.congressJurisdictionCode })
    .from(deputyMandates)
    .where(
      and(
        eq(deputyMandates.regionCode, regionCode),
        eq(deputyMandates.deputyId, deputyId),
        or(isNull(deputyMandates.endedOn), gte(deputyMandates.endedOn, day)),
      ),
    );
  const codes = rows.map((r) => r.code);
  if (codes.length === 0) return null;
  const onPath = path ? pathCodes(path).filter((c) => codes.includes(c)) : [];
  if (onPath.length > 0) return onPath[onPath.length - 1]!;
  return [...codes].sort((a, b) => a.length - b.length)[0]!;
}

/** Tallies of a congress-year (optionally some deputies): deputyId → key → count. */
export async function talliesOf(
  exec: Executor,
  regionCode: string,
  congressCode: string,
  year: number,
  deputyIds?: string[],
) {
  // Plain rows (no ORM mapping): a congress-year of 6,000 deputies is ~40k of them (bench/points.ts).
  if (deputyIds?.length === 0) return new Map<string, Map<string, number>>();
  const rows = await exec.execute<{ deputyId: string; key: string; count: number }>(sql`
    select deputy_id as "deputyId", key, count from point_tallies
    where region_code = ${regionCode} and congress_code = ${congressCode} and year = ${year}
      and count > 0 ${deputyIds ? sql`and deputy_id in ${deputyIds}` : sql``}`);
  const out = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const m = out.get(r.deputyId) ?? new Map<string, number>();
    m.set(r.key, r.count);
    out.set(r.deputyId, m);
  }
  return out;
}
