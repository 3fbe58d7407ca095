import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Actor } from '../../kernel/auth/actor';
import { addDays } from '../../kernel/calendar/calendar';
import type { AppContext } from '../../kernel/context';
import { maskName } from '../../kernel/crypto/pii';
import { domainErrors } from '../../kernel/errors';
import { accounts } from '../accounts/accounts.schema';
import { deputies, deputyGrids, deputyMandates } from '../deputies/deputies.schema';
import { findJurisdictions } from '../jurisdictions/jurisdictions.repository';
import { bookingStatusLabels } from '../receptions/bookings.usecases';
import { bookings, receptionDayOverrides, receptionRules } from '../receptions/receptions.schema';
import { chinaNow, deputyNames, receptionDays } from '../receptions/schedule';
import { stationDeputies, stations } from '../stations/stations.schema';

export const workbenchErrors = domainErrors('workbench', { not_a_deputy: 403 });

const levelLabels: Record<string, string> = {
  national: '全国人大代表',
  provincial: '省人大代表',
  municipal: '市人大代表',
  county: '区县人大代表',
  township: '乡镇人大代表',
  street: '街道议政代表',
};

/** How far ahead the workbench lists reception days. */
const AHEAD_DAYS = 60;

/**
 * 代表工作台: the signed-in deputy's mandates, grids, stations, upcoming reception days (from the
 * rotas and day overrides) and the bookings on those days (names masked, no phones).
 */
export async function deputyWorkbench(ctx: AppContext, actor: Actor) {
  const { db } = ctx.database;
  const region = actor.regionCode;
  const [account] = await db
    .select({ deputyId: accounts.deputyId })
    .from(accounts)
    .where(and(eq(accounts.regionCode, region), eq(accounts.id, actor.accountId ?? '')));
  const deputyId = account?.deputyId;
  if (!deputyId) throw workbenchErrors.not_a_deputy();
  const [deputy] = await db
    .select()
    .from(deputies)
    .where(and(eq(deputies.regionCode, region), eq(deputies.id, deputyId)));
  if (!deputy) throw workbenchErrors.not_a_deputy();

  const mandates = await db
    .select()
    .from(deputyMandates)
    .where(and(eq(deputyMandates.regionCode, region), eq(deputyMandates.deputyId, deputyId)));
  const grids = await db
    .select({ code: deputyGrids.gridCode })
    .from(deputyGrids)
    .where(and(eq(deputyGrids.regionCode, region), eq(deputyGrids.deputyId, deputyId)));
  const myStations = await db
    .select({
      id: stations.id,
      name: stations.name,
      address: stations.address,
      publicCode: stations.publicCode,
    })
    .from(stationDeputies)
    .innerJoin(
      stations,
      and(eq(stations.regionCode, stationDeputies.regionCode), eq(stations.id, stationDeputies.stationId)),
    )
    .where(and(eq(stationDeputies.regionCode, region), eq(stationDeputies.deputyId, deputyId)))
    .orderBy(asc(stations.name));
  const places = await findJurisdictions(db, [
    ...mandates.map((m) => m.congressJurisdictionCode),
    ...grids.map((g) => g.code),
    ...grids.map((g) => g.code.slice(0, 12)),
  ]);

  // Stations where the deputy is on a rota or named in a day override.
  const ruleStations = await db
    .selectDistinct({ stationId: receptionRules.stationId })
    .from(receptionRules)
    .where(
      and(
        eq(receptionRules.regionCode, region),
        eq(receptionRules.active, true),
        sql`(${deputyId}::uuid = any(${receptionRules.rotaDeputyIds}) or ${receptionRules.id} in (
          select ${receptionDayOverrides.ruleId} from ${receptionDayOverrides}
          where ${receptionDayOverrides.regionCode} = ${region} and ${deputyId}::uuid = any(${receptionDayOverrides.deputyIds})))`,
      ),
    );
  const { today } = chinaNow(ctx.clock.now());
  const days = (
    await receptionDays(
      db,
      region,
      ruleStations.map((r) => r.stationId),
      today,
      addDays(today, AHEAD_DAYS),
    )
  ).filter((d) => !d.cancelled && d.deputyIds.includes(deputyId));
  const stationNames = new Map(
    (days.length
      ? await db
          .select({ id: stations.id, name: stations.name, address: stations.address })
          .from(stations)
          .where(
            and(
              eq(stations.regionCode, region),
              inArray(stations.id, [...new Set(days.map((d) => d.stationId))]),
            ),
          )
      : []
    ).map((s) => [s.id, s]),
  );
  const names = await deputyNames(
    db,
    region,
    days.flatMap((d) => d.deputyIds),
  );
  const dayBookings = days.length
    ? await db
        .select()
        .from(bookings)
        .where(
          and(
            eq(bookings.regionCode, region),
            ne(bookings.status, 'cancelled'),
            sql`(${bookings.stationId}, ${bookings.day}) in (${sql.join(
              days.map((d) => sql`(${d.stationId}::uuid, ${d.day}::date)`),
              sql`, `,
            )})`,
          ),
        )
        .orderBy(asc(bookings.day), asc(bookings.slotStart))
    : [];

  return {
    deputy: { id: deputy.id, name: deputy.name, publicCode: deputy.publicCode },
    mandates: mandates.map((m) => ({
      level: m.level,
      levelLabel: levelLabels[m.level] ?? m.level,
      congress: places.get(m.congressJurisdictionCode)?.name ?? m.congressJurisdictionCode,
      term: m.term,
      electoralDistrict: m.electoralDistrict,
      groupName: m.groupName,
    })),
    grids: grids.map((g) => ({
      code: g.code,
      name: places.get(g.code)?.name ?? g.code,
      communityName: places.get(g.code.slice(0, 12))?.name ?? null,
    })),
    stations: myStations,
    receptionDays: days.map((d) => ({
      day: d.day,
      stationId: d.stationId,
      stationName: stationNames.get(d.stationId)?.name ?? '',
      address: stationNames.get(d.stationId)?.address ?? '',
      startTime: d.startTime,
      endTime: d.endTime,
      theme: d.theme,
      coDeputies: d.deputyIds.filter((id) => id !== deputyId).map((id) => names.get(id) ?? ''),
      capacity: d.slots.reduce((n, s) => n + s.capacity, 0),
      booked: d.slots.reduce((n, s) => n + s.booked, 0),
      bookings: dayBookings
        .filter((b) => b.stationId === d.stationId && b.day === d.day)
        .map((b) => ({
          id: b.id,
          slotStart: b.slotStart,
          nameMasked: maskName(ctx.vault.decrypt(b.nameEnc)),
          topic: b.topic,
          status: b.status,
          statusLabel: bookingStatusLabels[b.status],
        })),
    })),
  };
}
