import type { AppContext } from '../../kernel/context';
import { loadReachData, type ReachData, reachStamp } from './reach.data';

/**
 * The in-memory index behind "nearest", "by area", "expertise" and coverage, one per server
 * context and region. Served stale-while-revalidate: a query never waits for the database once the
 * index exists; at most every `CHECK_EVERY_MS` a background check compares a cheap stamp
 * (counts + row hashes) and rebuilds on change, so an edit shows within ~10 s (well under the
 * 30 s promised). Other modules may call `forgetReachIndex(ctx)` after an edit to make the next
 * query rebuild at once.
 */
export const CHECK_EVERY_MS = 10_000;

interface Entry {
  data?: ReachData;
  stamp?: string;
  building?: Promise<ReachData>;
  checkedAt: number;
  checking?: Promise<void>;
}

const caches = new WeakMap<AppContext, Map<string, Entry>>();

function entryFor(ctx: AppContext, regionCode: string): Entry {
  let byRegion = caches.get(ctx);
  if (!byRegion) {
    byRegion = new Map();
    caches.set(ctx, byRegion);
  }
  let entry = byRegion.get(regionCode);
  if (!entry) {
    entry = { checkedAt: 0 };
    byRegion.set(regionCode, entry);
  }
  return entry;
}

async function rebuild(ctx: AppContext, regionCode: string, entry: Entry): Promise<ReachData> {
  const { db } = ctx.database;
  const stamp = await reachStamp(db, regionCode);
  const data = await loadReachData(db, regionCode);
  entry.data = data;
  entry.stamp = stamp;
  entry.checkedAt = Date.now();
  return data;
}

export async function reachIndex(ctx: AppContext, regionCode: string): Promise<ReachData> {
  const entry = entryFor(ctx, regionCode);
  if (!entry.data) {
    entry.building ??= rebuild(ctx, regionCode, entry).finally(() => {
      entry.building = undefined;
    });
    return entry.building;
  }
  if (!entry.checking && Date.now() - entry.checkedAt >= CHECK_EVERY_MS) {
    entry.checkedAt = Date.now();
    entry.checking = (async () => {
      const stamp = await reachStamp(ctx.database.db, regionCode);
      if (stamp !== entry.stamp) await rebuild(ctx, regionCode, entry);
    })()
      .catch((err: unknown) => ctx.log.warn({ err }, 'reach index refresh failed'))
      .finally(() => {
        entry.checking = undefined;
      });
  }
  return entry.data;
}

/** Drops the index so the next query rebuilds it (call after an edit that must show at once). */
export function forgetReachIndex(ctx: AppContext, regionCode?: string): void {
  const byRegion = caches.get(ctx);
  if (!byRegion) return;
  if (regionCode) byRegion.delete(regionCode);
  else byRegion.clear();
}
