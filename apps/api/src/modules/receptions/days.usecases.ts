import { and, eq } from 'drizzle-orm';
import { appendAudit } from '../../kernel/audit/audit';
import type { Actor } from '../../kernel/auth/actor';
import { addDays, type CivilDay } from '../../kernel/calendar/calendar';
import type { AppContext } from '../../kernel/context';
import { cancelBookingTimers, smsCitizen } from './booking-timers';
import { releaseSeat } from './bookings.usecases';
import { receptionErrors } from './receptions.errors';
import { bookings, receptionDayOverrides } from './receptions.schema';
import { assertDeputies, loadRule } from './rules.usecases';
import { deputyNames, managedStation, receptionDays } from './schedule';

/** Reception days of a station for the console: times, deputies on duty, slots and bookings. */
export async function staffDays(
  ctx: AppContext,
  actor: Actor,
  stationId: string,
  from: CivilDay,
  to: CivilDay,
) {
  const { db } = ctx.database;
  if (to < from || to > addDays(from, 366)) throw receptionErrors.range_too_long();
  await managedStation(db, actor, stationId);
  const days = await receptionDays(db, actor.regionCode, [stationId], from, to);
  const names = await deputyNames(
    db,
    actor.regionCode,
    days.flatMap((d) => d.deputyIds),
  );
  return days.map(({ stationId: _s, deputyIds, slots, ...d }) => ({
    ...d,
    deputies: deputyIds.map((id) => ({ id, name: names.get(id) ?? '（已删除）' })),
    slots,
    capacity: slots.reduce((n, s) => n + s.capacity, 0),
    booked: slots.reduce((n, s) => n + s.booked, 0),
  }));
}

export interface OverrideInput {
  ruleId: string;
  day: CivilDay;
  deputyIds: string[] | null;
  cancelled: boolean;
  note: string | null;
}

/**
 * Changes one reception day: other deputies on duty, or the day cancelled. Cancelling a day
 * cancels its bookings, frees the seats and texts the citizens.
 */
export async function setOverride(ctx: AppContext, actor: Actor, input: OverrideInput) {
  const now = ctx.clock.now();
  return ctx.database.db.transaction(async (tx) => {
    const { rule, station } = await loadRule(tx, actor, input.ruleId);
    const [day] = await receptionDays(tx, actor.regionCode, [rule.stationId], input.day, input.day);
    if (!day || day.ruleId !== rule.id) throw receptionErrors.not_a_reception_day();
    if (input.deputyIds) await assertDeputies(tx, actor.regionCode, input.deputyIds);
    const values = { deputyIds: input.deputyIds, cancelled: input.cancelled, note: input.note };
    await tx
      .insert(receptionDayOverrides)
      .values({ regionCode: actor.regionCode, ruleId: rule.id, day: input.day, ...values })
      .onConflictDoUpdate({
        target: [receptionDayOverrides.regionCode, receptionDayOverrides.ruleId, receptionDayOverrides.day],
        set: values,
      });
    let cancelledBookings = 0;
    if (input.cancelled) {
      const active = await tx
        .select()
        .from(bookings)
        .where(
          and(
            eq(bookings.regionCode, actor.regionCode),
            eq(bookings.stationId, rule.stationId),
            eq(bookings.day, input.day),
            eq(bookings.status, 'booked'),
          ),
        );
      for (const b of active) {
        await tx
          .update(bookings)
          .set({ status: 'cancelled', cancelledAt: now })
          .where(and(eq(bookings.regionCode, b.regionCode), eq(bookings.id, b.id)));
        await releaseSeat(tx, b);
        await cancelBookingTimers(tx, ctx, b);
        await smsCitizen(tx, ctx, b, 'receptions.day_cancelled');
      }
      cancelledBookings = active.length;
    }
    await appendAudit(tx, actor, now, {
      action: 'receptions.day_overridden',
      targetType: 'reception_rule',
      targetId: rule.id,
      jurisdictionCode: station.jurisdictionCode,
      details: { day: input.day, ...values, cancelledBookings },
    });
    return { cancelledBookings };
  });
}

/** Back to the rule and the rota for that day (bookings already cancelled stay cancelled). */
export async function clearOverride(ctx: AppContext, actor: Actor, ruleId: string, day: CivilDay) {
  const now = ctx.clock.now();
  await ctx.database.db.transaction(async (tx) => {
    const { rule, station } = await loadRule(tx, actor, ruleId);
    await tx
      .delete(receptionDayOverrides)
      .where(
        and(
          eq(receptionDayOverrides.regionCode, actor.regionCode),
          eq(receptionDayOverrides.ruleId, rule.id),
          eq(receptionDayOverrides.day, day),
        ),
      );
    await appendAudit(tx, actor, now, {
      action: 'receptions.day_override_cleared',
      targetType: 'reception_rule',
      targetId: rule.id,
      jurisdictionCode: station.jurisdictionCode,
      details: { day },
    });
  });
}
