import { and, asc, eq, gte, inArray, sql } from 'drizzle-orm';
import { appendAudit } from '../../kernel/audit/audit';
import { type Actor, scopePaths } from '../../kernel/auth/actor';
import { addDays, type CivilDay } from '../../kernel/calendar/calendar';
import { loadCalendar } from '../../kernel/calendar/service';
import type { AppContext } from '../../kernel/context';
import type { Executor } from '../../kernel/db/client';
import { uuidv7 } from '../../kernel/ids';
import { deputies } from '../deputies/deputies.schema';
import { jurisdictions } from '../jurisdictions/jurisdictions.schema';
import { stationKindLabels } from '../stations/stations.labels';
import { stationDeputies, stations } from '../stations/stations.schema';
import { receptionErrors } from './receptions.errors';
import { bookingSlots, receptionRules } from './receptions.schema';
import {
  describeRule,
  type HolidayPolicy,
  occurrences,
  type RuleInput,
  type RuleShape,
  validateRule,
} from './rules';
import { chinaNow, deputyNames, managedStation, type ReceptionRule, STATION_ROLES } from './schedule';

/** Stations the actor manages (the console's station picker). */
export async function managedStations(ctx: AppContext, actor: Actor, scope?: string) {
  const paths = scopePaths(actor, STATION_ROLES);
  if (paths.length === 0) return [];
  const rows = await ctx.database.db
    .select({
      id: stations.id,
      name: stations.name,
      kind: stations.kind,
      publicCode: stations.publicCode,
      jurisdictionCode: stations.jurisdictionCode,
    })
    .from(stations)
    .innerJoin(jurisdictions, eq(jurisdictions.code, stations.jurisdictionCode))
    .where(
      and(
        eq(stations.regionCode, actor.regionCode),
        sql`(${sql.join(
          paths.map((p) => sql`${jurisdictions.path} like ${`${p}%`}`),
          sql` or `,
        )})`,
        scope ? sql`${jurisdictions.path} like ${`%/${scope}/%`}` : undefined,
      ),
    )
    .orderBy(asc(stations.jurisdictionCode), asc(stations.name))
    .limit(500);
  return rows.map((r) => ({ ...r, kindLabel: stationKindLabels[r.kind] }));
}

export function presentRule(r: ReceptionRule, names: Map<string, string>) {
  const rule = r.rule as RuleShape;
  return {
    id: r.id,
    stationId: r.stationId,
    rule,
    holidayPolicy: r.holidayPolicy,
    description: describeRule(rule, r.holidayPolicy as HolidayPolicy),
    startTime: r.startTime,
    endTime: r.endTime,
    slotMinutes: r.slotMinutes,
    capacityPerSlot: r.capacityPerSlot,
    rotaDeputyIds: r.rotaDeputyIds,
    rotaDeputies: r.rotaDeputyIds.map((id) => ({ id, name: names.get(id) ?? '（已删除）' })),
    deputiesPerDay: r.deputiesPerDay,
    validFrom: r.validFrom,
    validTo: r.validTo,
    theme: r.theme,
    active: r.active,
  };
}

export async function listRules(ctx: AppContext, actor: Actor, stationId: string) {
  const { db } = ctx.database;
  await managedStation(db, actor, stationId);
  const rows = await db
    .select()
    .from(receptionRules)
    .where(and(eq(receptionRules.regionCode, actor.regionCode), eq(receptionRules.stationId, stationId)))
    .orderBy(asc(receptionRules.createdAt), asc(receptionRules.id));
  const names = await deputyNames(
    db,
    actor.regionCode,
    rows.flatMap((r) => r.rotaDeputyIds),
  );
  return rows.map((r) => presentRule(r, names));
}

function parseRule(input: unknown): RuleInput {
  const v = validateRule(input);
  if (!v.ok) throw receptionErrors.invalid_rule(v.issues, v.issues[0]?.message);
  return v.value;
}

export async function assertDeputies(exec: Executor, regionCode: string, ids: string[]) {
  if (ids.length === 0) return;
  const rows = await exec
    .select({ id: deputies.id })
    .from(deputies)
    .where(
      and(eq(deputies.regionCode, regionCode), inArray(deputies.id, ids), eq(deputies.status, 'active')),
    );
  if (rows.length !== new Set(ids).size) throw receptionErrors.unknown_deputy();
}

export async function loadRule(exec: Executor, actor: Actor, id: string) {
  const [r] = await exec
    .select()
    .from(receptionRules)
    .where(and(eq(receptionRules.regionCode, actor.regionCode), eq(receptionRules.id, id)));
  if (!r) throw receptionErrors.rule_not_found();
  const { station } = await managedStation(exec, actor, r.stationId);
  return { rule: r, station };
}

export async function createRule(ctx: AppContext, actor: Actor, stationId: string, input: unknown) {
  const value = parseRule(input);
  const { db } = ctx.database;
  const { station } = await managedStation(db, actor, stationId);
  const now = ctx.clock.now();
  const id = uuidv7(now.getTime());
  await db.transaction(async (tx) => {
    await assertDeputies(tx, actor.regionCode, value.rotaDeputyIds);
    await tx
      .insert(receptionRules)
      .values({ regionCode: actor.regionCode, id, stationId, ...value, createdAt: now });
    await appendAudit(tx, actor, now, {
      action: 'receptions.rule_created',
      targetType: 'reception_rule',
      targetId: id,
      jurisdictionCode: station.jurisdictionCode,
      details: { stationId, description: describeRule(value.rule, value.holidayPolicy) },
    });
  });
  return { id };
}

export async function updateRule(ctx: AppContext, actor: Actor, id: string, input: unknown) {
  const value = parseRule(input);
  const { db } = ctx.database;
  const now = ctx.clock.now();
  await db.transaction(async (tx) => {
    const { rule, station } = await loadRule(tx, actor, id);
    await assertDeputies(tx, actor.regionCode, value.rotaDeputyIds);
    await tx
      .update(receptionRules)
      .set(value)
      .where(and(eq(receptionRules.regionCode, actor.regionCode), eq(receptionRules.id, id)));
    // Slots not yet reached take the new capacity; seats already booked stay booked.
    await tx
      .update(bookingSlots)
      .set({ capacity: value.capacityPerSlot })
      .where(
        and(
          eq(bookingSlots.regionCode, actor.regionCode),
          eq(bookingSlots.ruleId, id),
          gte(bookingSlots.day, chinaNow(now).today),
        ),
      );
    await appendAudit(tx, actor, now, {
      action: 'receptions.rule_updated',
      targetType: 'reception_rule',
      targetId: id,
      jurisdictionCode: station.jurisdictionCode,
      details: {
        before: describeRule(rule.rule as RuleShape, rule.holidayPolicy as HolidayPolicy),
        after: describeRule(value.rule, value.holidayPolicy),
        active: value.active,
      },
    });
  });
}

/** Deletes a rule that never had bookings; a rule with bookings is kept for the record (deactivate it). */
export async function deleteRule(ctx: AppContext, actor: Actor, id: string) {
  const { db } = ctx.database;
  const now = ctx.clock.now();
  await db.transaction(async (tx) => {
    const { station } = await loadRule(tx, actor, id);
    const [used] = await tx
      .select({ n: sql<number>`count(*)` })
      .from(bookingSlots)
      .where(and(eq(bookingSlots.regionCode, actor.regionCode), eq(bookingSlots.ruleId, id)));
    if (Number(used?.n ?? 0) > 0) throw receptionErrors.rule_in_use();
    await tx.execute(
      sql`delete from reception_day_overrides where region_code = ${actor.regionCode} and rule_id = ${id}`,
    );
    await tx
      .delete(receptionRules)
      .where(and(eq(receptionRules.regionCode, actor.regionCode), eq(receptionRules.id, id)));
    await appendAudit(tx, actor, now, {
      action: 'receptions.rule_deleted',
      targetType: 'reception_rule',
      targetId: id,
      jurisdictionCode: station.jurisdictionCode,
    });
  });
}

/** The Chinese description and the next occurrences of a rule being edited (no writes). */
export async function previewRule(
  ctx: AppContext,
  spec: { rule: RuleShape; holidayPolicy: HolidayPolicy; validFrom: CivilDay; validTo: CivilDay | null },
  count = 6,
) {
  const calendar = await loadCalendar(ctx.database.db);
  const { today } = chinaNow(ctx.clock.now());
  const from = [spec.validFrom, today].sort()[1]!;
  const next = occurrences(calendar, spec, from, addDays(from, 400))
    .slice(0, count)
    .map((o) => ({ day: o.day, nominal: o.nominal, moved: o.day !== o.nominal }));
  return { description: describeRule(spec.rule, spec.holidayPolicy), next };
}

/** Deputies stationed at a station (the rota editor's choices), by name. */
export async function stationedDeputies(ctx: AppContext, actor: Actor, stationId: string) {
  const { db } = ctx.database;
  await managedStation(db, actor, stationId);
  return db
    .select({ id: deputies.id, name: deputies.name })
    .from(stationDeputies)
    .innerJoin(
      deputies,
      and(eq(deputies.regionCode, stationDeputies.regionCode), eq(deputies.id, stationDeputies.deputyId)),
    )
    .where(
      and(
        eq(stationDeputies.regionCode, actor.regionCode),
        eq(stationDeputies.stationId, stationId),
        eq(deputies.status, 'active'),
      ),
    )
    .orderBy(asc(deputies.name));
}
