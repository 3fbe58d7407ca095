import { and, asc, between, eq, inArray } from 'drizzle-orm';
import { type Actor, assertCan } from '../../kernel/auth/actor';
import { addDays, type CivilDay, toDateString } from '../../kernel/calendar/calendar';
import { loadCalendar } from '../../kernel/calendar/service';
import type { Executor } from '../../kernel/db/client';
import { deputies } from '../deputies/deputies.schema';
import { findJurisdiction } from '../jurisdictions/jurisdictions.repository';
import { stations } from '../stations/stations.schema';
import { receptionErrors } from './receptions.errors';
import { bookingSlots, receptionDayOverrides, receptionRules } from './receptions.schema';
import { type HolidayPolicy, occurrences, type RuleShape, rotaFor, slotsOf } from './rules';

export type Station = typeof stations.$inferSelect;
export type ReceptionRule = typeof receptionRules.$inferSelect;

/** Who manages a station's schedule and bookings: congress staff and liaison staff over it. */
export const STATION_ROLES = ['congress_staff', 'station_staff'] as const;

export async function stationById(exec: Executor, regionCode: string, id: string): Promise<Station> {
  const [s] = await exec
    .select()
    .from(stations)
    .where(and(eq(stations.regionCode, regionCode), eq(stations.id, id)));
  if (!s) throw receptionErrors.station_not_found();
  return s;
}

export async function stationByCode(exec: Executor, regionCode: string, code: string): Promise<Station> {
  const [s] = await exec
    .select()
    .from(stations)
    .where(
      and(eq(stations.regionCode, regionCode), eq(stations.publicCode, code), eq(stations.active, true)),
    );
  if (!s) throw receptionErrors.station_not_found();
  return s;
}

/** The station's jurisdiction path (for scoping and settings). */
export async function stationPath(exec: Executor, station: Station): Promise<string> {
  return (await findJurisdiction(exec, station.jurisdictionCode))?.path ?? `/${station.jurisdictionCode}/`;
}

/** Loads a station and checks the actor manages it (role and jurisdiction). */
export async function managedStation(exec: Executor, actor: Actor, stationId: string) {
  const station = await stationById(exec, actor.regionCode, stationId);
  const path = await stationPath(exec, station);
  assertCan(actor, STATION_ROLES, path);
  return { station, path };
}

export interface DaySlot {
  start: string;
  end: string;
  capacity: number;
  booked: number;
}

export interface ReceptionDay {
  stationId: string;
  day: CivilDay;
  nominal: CivilDay;
  ruleId: string;
  startTime: string;
  endTime: string;
  theme: string | null;
  deputyIds: string[];
  cancelled: boolean;
  overridden: boolean;
  note: string | null;
  slots: DaySlot[];
}

/**
 * The reception days of some stations in [from, to]: rule occurrences on the official calendar,
 * the rota (or the day's override), and each slot's capacity and bookings. When two rules of a
 * station fall on the same day, the older rule owns the day. A handful of queries, whatever the
 * number of days.
 */
export async function receptionDays(
  exec: Executor,
  regionCode: string,
  stationIds: string[],
  from: CivilDay,
  to: CivilDay,
): Promise<ReceptionDay[]> {
  if (stationIds.length === 0) return [];
  const rules = await exec
    .select()
    .from(receptionRules)
    .where(
      and(
        eq(receptionRules.regionCode, regionCode),
        inArray(receptionRules.stationId, stationIds),
        eq(receptionRules.active, true),
      ),
    )
    .orderBy(asc(receptionRules.createdAt), asc(receptionRules.id));
  if (rules.length === 0) return [];
  const calendar = await loadCalendar(exec);
  const overrides = await exec
    .select()
    .from(receptionDayOverrides)
    .where(
      and(
        eq(receptionDayOverrides.regionCode, regionCode),
        inArray(
          receptionDayOverrides.ruleId,
          rules.map((r) => r.id),
        ),
        between(receptionDayOverrides.day, from, to),
      ),
    );
  const slotRows = await exec
    .select()
    .from(bookingSlots)
    .where(
      and(
        eq(bookingSlots.regionCode, regionCode),
        inArray(bookingSlots.stationId, stationIds),
        between(bookingSlots.day, from, to),
      ),
    );
  const override = new Map(overrides.map((o) => [`${o.ruleId}|${o.day}`, o]));
  const slotRow = new Map(slotRows.map((s) => [`${s.stationId}|${s.day}|${s.slotStart}`, s]));
  const taken = new Set<string>();
  const out: ReceptionDay[] = [];
  for (const r of rules) {
    const spec = {
      rule: r.rule as RuleShape,
      holidayPolicy: r.holidayPolicy as HolidayPolicy,
      validFrom: r.validFrom,
      validTo: r.validTo,
    };
    for (const occ of occurrences(calendar, spec, from, to)) {
      const key = `${r.stationId}|${occ.day}`;
      if (taken.has(key)) continue;
      taken.add(key);
      const o = override.get(`${r.id}|${occ.day}`);
      out.push({
        stationId: r.stationId,
        day: occ.day,
        nominal: occ.nominal,
        ruleId: r.id,
        startTime: r.startTime,
        endTime: r.endTime,
        theme: r.theme,
        deputyIds: o?.deputyIds ?? rotaFor(r.rotaDeputyIds, r.deputiesPerDay, occ.index),
        cancelled: o?.cancelled ?? false,
        overridden: o !== undefined,
        note: o?.note ?? null,
        slots: slotsOf(r.startTime, r.endTime, r.slotMinutes).map((s) => {
          const row = slotRow.get(`${key}|${s.start}`);
          return { ...s, capacity: row?.capacity ?? r.capacityPerSlot, booked: row?.booked ?? 0 };
        }),
      });
    }
  }
  return out.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.stationId < b.stationId ? -1 : 1));
}

/** Names of deputies by id (public information). */
export async function deputyNames(
  exec: Executor,
  regionCode: string,
  ids: Iterable<string>,
): Promise<Map<string, string>> {
  const list = [...new Set(ids)];
  if (list.length === 0) return new Map();
  const rows = await exec
    .select({ id: deputies.id, name: deputies.name })
    .from(deputies)
    .where(and(eq(deputies.regionCode, regionCode), inArray(deputies.id, list)));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Today in China and the current China wall-clock time 'HH:MM'. */
export function chinaNow(now: Date): { today: CivilDay; time: string } {
  return {
    today: toDateString(now),
    time: new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(11, 16),
  };
}

/** The instant of a China wall-clock time on a civil day. */
export function chinaInstant(day: CivilDay, time: string): Date {
  return new Date(`${day}T${time}:00+08:00`);
}

export function dayRange(from: CivilDay, days: number): { from: CivilDay; to: CivilDay } {
  return { from, to: addDays(from, days) };
}
