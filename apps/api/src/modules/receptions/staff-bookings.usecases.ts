import { and, asc, eq } from 'drizzle-orm';
import { appendAudit } from '../../kernel/audit/audit';
import { revealPersonalData } from '../../kernel/audit/reveal';
import type { Actor } from '../../kernel/auth/actor';
import type { CivilDay } from '../../kernel/calendar/calendar';
import type { AppContext } from '../../kernel/context';
import { maskName, maskPhone } from '../../kernel/crypto/pii';
import type { Executor } from '../../kernel/db/client';
import { emit } from '../../kernel/events';
import { type Booking, cancelBookingTimers } from './booking-timers';
import { bookingStatusLabels } from './bookings.usecases';
import { receptionErrors } from './receptions.errors';
import { bookings } from './receptions.schema';
import { chinaNow, managedStation } from './schedule';

/** A booking as staff see it by default: name and phone masked (张*, 138****1234). */
export function presentMasked(ctx: AppContext, b: Booking) {
  return {
    id: b.id,
    day: b.day,
    slotStart: b.slotStart,
    nameMasked: maskName(ctx.vault.decrypt(b.nameEnc)),
    phoneMasked: maskPhone(ctx.vault.decrypt(b.phoneEnc)),
    topic: b.topic,
    status: b.status,
    statusLabel: bookingStatusLabels[b.status],
    checkedInAt: b.checkedInAt,
  };
}

/** The day's bookings at a station, by slot. */
export async function dayBookings(ctx: AppContext, actor: Actor, stationId: string, day: CivilDay) {
  const { db } = ctx.database;
  await managedStation(db, actor, stationId);
  const rows = await db
    .select()
    .from(bookings)
    .where(
      and(
        eq(bookings.regionCode, actor.regionCode),
        eq(bookings.stationId, stationId),
        eq(bookings.day, day),
      ),
    )
    .orderBy(asc(bookings.slotStart), asc(bookings.createdAt));
  return rows.map((b) => presentMasked(ctx, b));
}

async function managedBooking(exec: Executor, actor: Actor, id: string) {
  const [b] = await exec
    .select()
    .from(bookings)
    .where(and(eq(bookings.regionCode, actor.regionCode), eq(bookings.id, id)));
  if (!b) throw receptionErrors.booking_not_found();
  const { station } = await managedStation(exec, actor, b.stationId);
  return { booking: b, station };
}

/** 签到: staff type (or scan) the citizen's code on the reception day. */
export async function checkIn(
  ctx: AppContext,
  actor: Actor,
  input: { stationId: string; day: CivilDay; code: string },
) {
  const now = ctx.clock.now();
  return ctx.database.db.transaction(async (tx) => {
    const { station } = await managedStation(tx, actor, input.stationId);
    const [b] = await tx
      .select()
      .from(bookings)
      .where(
        and(
          eq(bookings.regionCode, actor.regionCode),
          eq(bookings.stationId, input.stationId),
          eq(bookings.day, input.day),
          eq(bookings.checkInCode, input.code),
        ),
      )
      .for('update');
    if (!b) throw receptionErrors.code_invalid();
    // A no-show recorded by the day-end timer can still be corrected on the day itself.
    const late = b.status === 'no_show' && chinaNow(now).today === b.day;
    if (b.status !== 'booked' && !late) throw receptionErrors.not_checkable();
    await tx
      .update(bookings)
      .set({ status: 'checked_in', checkedInAt: now })
      .where(and(eq(bookings.regionCode, b.regionCode), eq(bookings.id, b.id)));
    await cancelBookingTimers(tx, ctx, b);
    await appendAudit(tx, actor, now, {
      action: 'receptions.checked_in',
      targetType: 'booking',
      targetId: b.id,
      jurisdictionCode: station.jurisdictionCode,
    });
    // Listeners (e.g. 履职登记: 接待选民 for the deputy on duty) react to this, not to this command.
    await emit(tx, now, {
      regionCode: b.regionCode,
      topic: 'receptions.checked_in',
      aggregateType: 'booking',
      aggregateId: b.id,
      payload: { bookingId: b.id, stationId: b.stationId, day: b.day, deputyId: b.deputyId ?? null },
    });
    return presentMasked(ctx, { ...b, status: 'checked_in', checkedInAt: now });
  });
}

/** 记为未到: staff record a no-show before the day-end timer does. */
export async function markNoShow(ctx: AppContext, actor: Actor, id: string) {
  const now = ctx.clock.now();
  return ctx.database.db.transaction(async (tx) => {
    const { booking: b, station } = await managedBooking(tx, actor, id);
    if (b.status !== 'booked') throw receptionErrors.not_checkable();
    await tx
      .update(bookings)
      .set({ status: 'no_show' })
      .where(
        and(eq(bookings.regionCode, b.regionCode), eq(bookings.id, b.id), eq(bookings.status, 'booked')),
      );
    await cancelBookingTimers(tx, ctx, b);
    await appendAudit(tx, actor, now, {
      action: 'receptions.no_show',
      targetType: 'booking',
      targetId: b.id,
      jurisdictionCode: station.jurisdictionCode,
    });
    return presentMasked(ctx, { ...b, status: 'no_show' });
  });
}

/** Shows a booking's name and phone in plaintext, with a stated purpose; every reveal is audited. */
export async function revealBooking(ctx: AppContext, actor: Actor, id: string, purpose: string) {
  const { db } = ctx.database;
  const { booking: b, station } = await managedBooking(db, actor, id);
  const field = (name: string) => ({
    targetType: 'booking',
    targetId: b.id,
    field: name,
    jurisdictionCode: station.jurisdictionCode,
    purpose,
  });
  return db.transaction(async (tx) => ({
    name: await revealPersonalData(ctx, tx, actor, field('name'), b.nameEnc),
    phone: await revealPersonalData(ctx, tx, actor, field('phone'), b.phoneEnc),
  }));
}
