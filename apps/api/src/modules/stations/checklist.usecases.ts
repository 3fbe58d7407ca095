import { and, eq, inArray } from 'drizzle-orm';
import { appendAudit } from '../../kernel/audit/audit';
import type { Actor } from '../../kernel/auth/actor';
import { toDateString } from '../../kernel/calendar/calendar';
import type { AppContext } from '../../kernel/context';
import type { Executor } from '../../kernel/db/client';
import { accounts } from '../accounts/accounts.schema';
import { findJurisdictions } from '../jurisdictions/jurisdictions.repository';
import { stationFor } from './stations.access';
import { stationErrors } from './stations.errors';
import { resolveSettingForPaths } from './stations.repository';
import { stationChecklistItems } from './stations.schema';
import { type ChecklistItemDef, checklistSetting } from './stations.settings';

export interface ChecklistState extends ChecklistItemDef {
  met: boolean;
  evidenceUrl: string | null;
  note: string | null;
  checkedOn: string | null;
  checkedByName: string | null;
}

/** The configured checklist of each station (inherited per jurisdiction) joined with its checked items: two queries for any number of stations. */
export async function checklistsOf(
  exec: Executor,
  regionCode: string,
  stations: Array<{ id: string; path: string }>,
): Promise<Map<string, { items: ChecklistState[]; from: string | null }>> {
  const configs = await resolveSettingForPaths(
    exec,
    regionCode,
    checklistSetting,
    stations.map((s) => s.path),
  );
  const rows = stations.length
    ? await exec
        .select({ row: stationChecklistItems, checkedByName: accounts.displayName })
        .from(stationChecklistItems)
        .leftJoin(
          accounts,
          and(
            eq(accounts.regionCode, stationChecklistItems.regionCode),
            eq(accounts.id, stationChecklistItems.checkedBy),
          ),
        )
        .where(
          and(
            eq(stationChecklistItems.regionCode, regionCode),
            inArray(
              stationChecklistItems.stationId,
              stations.map((s) => s.id),
            ),
          ),
        )
    : [];
  const byKey = new Map(rows.map((r) => [`${r.row.stationId}:${r.row.itemKey}`, r]));
  const out = new Map<string, { items: ChecklistState[]; from: string | null }>();
  for (const s of stations) {
    const config = configs.get(s.path)!;
    out.set(s.id, {
      from: config.from,
      items: config.value.map((def) => {
        const r = byKey.get(`${s.id}:${def.key}`);
        return {
          ...def,
          met: r?.row.met ?? false,
          evidenceUrl: r?.row.evidenceUrl ?? null,
          note: r?.row.note ?? null,
          checkedOn: r?.row.checkedOn ?? null,
          checkedByName: r?.checkedByName ?? null,
        };
      }),
    });
  }
  return out;
}

export function checklistSummary(items: ChecklistState[]) {
  const met = items.filter((i) => i.met).length;
  return { met, total: items.length, percent: items.length ? Math.round((met / items.length) * 100) : 0 };
}

export async function getChecklist(ctx: AppContext, actor: Actor, stationId: string) {
  const { db } = ctx.database;
  const station = await stationFor(db, actor, stationId, 'read');
  const { items, from } = (await checklistsOf(db, actor.regionCode, [station])).get(station.id)!;
  const source = from ? (await findJurisdictions(db, [from])).get(from) : undefined;
  return {
    items,
    summary: checklistSummary(items),
    configuredBy: source ? { code: source.code, name: source.name } : null,
    canCheck: station.can.manage,
  };
}

/** Records one item's state with its evidence and the date checked; only keys of the station's configured checklist. */
export async function checkChecklistItem(
  ctx: AppContext,
  actor: Actor,
  stationId: string,
  itemKey: string,
  input: { met: boolean; evidenceUrl: string | null; note: string | null; checkedOn: string },
) {
  const now = ctx.clock.now();
  const today = toDateString(now);
  if (input.checkedOn > today) throw stationErrors.future_date({ checkedOn: input.checkedOn });
  await ctx.database.db.transaction(async (tx) => {
    const station = await stationFor(tx, actor, stationId, 'manage');
    const config = (await resolveSettingForPaths(tx, actor.regionCode, checklistSetting, [station.path])).get(
      station.path,
    )!;
    const def = config.value.find((d) => d.key === itemKey);
    if (!def) throw stationErrors.unknown_checklist_item({ itemKey });
    const values = { ...input, checkedBy: actor.accountId };
    await tx
      .insert(stationChecklistItems)
      .values({ regionCode: actor.regionCode, stationId, itemKey, ...values })
      .onConflictDoUpdate({
        target: [
          stationChecklistItems.regionCode,
          stationChecklistItems.stationId,
          stationChecklistItems.itemKey,
        ],
        set: values,
      });
    await appendAudit(tx, actor, now, {
      action: 'stations.checklist_check',
      targetType: 'station',
      targetId: stationId,
      jurisdictionCode: station.jurisdictionCode,
      details: { itemKey, label: def.label, ...input },
    });
  });
}
