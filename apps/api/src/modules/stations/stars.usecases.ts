import { type Actor, assertCan, scopePaths } from '../../kernel/auth/actor';
import type { AppContext } from '../../kernel/context';
import { findJurisdiction, findJurisdictions } from '../jurisdictions/jurisdictions.repository';
import { computeStars } from './stars';
import { STATION_MANAGERS, stationFor } from './stations.access';
import { stationErrors } from './stations.errors';
import type { StationKind } from './stations.labels';
import { stationsUnder } from './stations.repository';

async function formulaSource(ctx: AppContext, code: string | null) {
  if (!code) return null;
  const j = (await findJurisdictions(ctx.database.db, [code])).get(code);
  return j ? { code: j.code, name: j.name } : null;
}

/** A station's stars for a year, with the published formula and the evidence behind every item. */
export async function getStationStars(ctx: AppContext, actor: Actor, stationId: string, year: number) {
  const { db } = ctx.database;
  const station = await stationFor(db, actor, stationId, 'read');
  const r = (await computeStars(db, actor.regionCode, [station], year)).get(station.id)!;
  return {
    stationId: station.id,
    stationName: station.name,
    year,
    stars: r.stars,
    score: r.score,
    items: r.items,
    formula: {
      description: r.formula.description,
      thresholds: r.formula.thresholds,
      from: await formulaSource(ctx, r.formulaFrom),
    },
  };
}

/** 星级排名: every active station under the scope, best first, computed in bulk. */
export async function starRanking(
  ctx: AppContext,
  actor: Actor,
  q: { scope?: string; year: number; kind?: StationKind },
) {
  const { db } = ctx.database;
  let paths = scopePaths(actor, STATION_MANAGERS);
  if (q.scope) {
    const j = await findJurisdiction(db, q.scope);
    if (!j) throw stationErrors.invalid_jurisdiction();
    assertCan(actor, STATION_MANAGERS, j.path);
    paths = [j.path];
  }
  const list = await stationsUnder(db, actor.regionCode, { paths, kind: q.kind, active: true });
  const results = await computeStars(db, actor.regionCode, list, q.year);
  const rows = list
    .map((s) => {
      const r = results.get(s.id)!;
      return {
        id: s.id,
        name: s.name,
        kind: s.kind,
        townshipName: s.townshipName,
        stars: r.stars,
        score: r.score,
        items: r.items.map((i) => ({
          metric: i.metric,
          label: i.label,
          value: i.value,
          unit: i.unit,
          points: i.points,
          weight: i.weight,
        })),
      };
    })
    .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name, 'zh-CN'));
  let rank = 0;
  return {
    year: q.year,
    items: rows.map((r, i) => {
      if (i === 0 || r.score !== rows[i - 1]!.score) rank = i + 1;
      return { rank, ...r };
    }),
  };
}
