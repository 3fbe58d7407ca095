import crypto from 'node:crypto';
import { and, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import { appendAudit } from '../../kernel/audit/audit';
import type { Actor } from '../../kernel/auth/actor';
import { addDays } from '../../kernel/calendar/calendar';
import type { AppContext } from '../../kernel/context';
import type { Tx } from '../../kernel/db/client';
import { authErrors } from '../../kernel/errors';
import { uuidv7 } from '../../kernel/ids';
import { resolveSetting } from '../../kernel/settings';
import { accounts } from '../accounts/accounts.schema';
import { stations } from '../stations/stations.schema';
import { type Booking, cancelBookingTimers, scheduleBookingTimers, smsCitizen } from './booking-timers';
import { receptionErrors } from './receptions.errors';
import { bookingSlots, bookings } from './receptions.schema';
import { bookingHorizonDays } from './receptions.settings';
import { chinaInstant, chinaNow, deputyNames, receptionDays, stationByCode, stationPath } from './schedule';

export const ACTIVE_STATUSES = ['booked', 'checked_in'] as const;
export const bookingStatusLabels = {
  booked: '已预约',
  cancelled: '已取消',
  checked_in: '已签到',
  no_show: '未到',
} as const;

export interface BookInput {
  stationCode: string;
  day: string;
  slotStart: string;
  topic: string;
  name: string;
}

/** Gives a booking's seat back to its slot (guarded: never below zero). */
export async function releaseSeat(tx: Tx, b: Booking) {
  await tx
    .update(bookingSlots)
    .set({ booked: sql`${bookingSlots.booked} - 1` })
    .where(
      and(
        eq(bookingSlots.regionCode, b.regionCode),
        eq(bookingSlots.stationId, b.stationId),
        eq(bookingSlots.day, b.day),
        eq(bookingSlots.slotStart, b.slotStart),
        gt(bookingSlots.booked, 0),
      ),
    );
}

/** A 6-digit code unique per station-day; a collision retries in a savepoint. */
async function insertWithCode(tx: Tx, row: Omit<Booking, 'checkInCode'>): Promise<Booking> {
  for (let attempt = 0; ; attempt++) {
    const code = crypto.randomInt(0, 1_000_000).toString().padStart(6, '0');
    try {
      return await tx.transaction(async (sp) => {
        const [b] = await sp
          .insert(bookings)
          .values({ ...row, checkInCode: code })
          .returning();
        return b!;
      });
    } catch (err) {
      if (attempt >= 5) throw err;
    }
  }
}

/**
 * 预约: a signed-in citizen books a slot of a reception day. Capacity is never oversold: the seat
 * is taken by one guarded UPDATE (`booked < capacity`), the slot row being created lazily from the
 * rule. One active booking per citizen per station-day (serialised by an advisory lock).
 */
export async function bookSlot(ctx: AppContext, actor: Actor, input: BookInput) {
  if (actor.kind !== 'citizen' || !actor.accountId) throw authErrors.forbidden();
  const { db } = ctx.database;
  const region = actor.regionCode;
  const station = await stationByCode(db, region, input.stationCode);
  const path = await stationPath(db, station);
  const now = ctx.clock.now();
  const { today } = chinaNow(now);
  const horizon = await resolveSetting(db, region, path, bookingHorizonDays);
  const startsAt = chinaInstant(input.day, input.slotStart);
  if (input.day > addDays(today, horizon) || startsAt <= now) throw receptionErrors.outside_window();
  const [account] = await db
    .select()
    .from(accounts)
    .where(and(eq(accounts.regionCode, region), eq(accounts.id, actor.accountId)));
  if (!account?.phoneEnc || !account.phoneHash) throw authErrors.forbidden();

  const booking = await db.transaction(async (tx) => {
    const [day] = await receptionDays(tx, region, [station.id], input.day, input.day);
    if (!day) throw receptionErrors.not_a_reception_day();
    if (day.cancelled) throw receptionErrors.day_cancelled();
    const slot = day.slots.find((s) => s.start === input.slotStart);
    if (!slot) throw receptionErrors.slot_not_found();
    await tx.execute(
      sql`select pg_advisory_xact_lock(hashtext(${`booking:${account.id}:${station.id}:${input.day}`}))`,
    );
    const [existing] = await tx
      .select({ id: bookings.id })
      .from(bookings)
      .where(
        and(
          eq(bookings.regionCode, region),
          eq(bookings.stationId, station.id),
          eq(bookings.day, input.day),
          eq(bookings.accountId, account.id),
          inArray(bookings.status, [...ACTIVE_STATUSES]),
        ),
      );
    if (existing) throw receptionErrors.already_booked();
    const slotKey = and(
      eq(bookingSlots.regionCode, region),
      eq(bookingSlots.stationId, station.id),
      eq(bookingSlots.day, input.day),
      eq(bookingSlots.slotStart, input.slotStart),
    );
    await tx
      .insert(bookingSlots)
      .values({
        regionCode: region,
        stationId: station.id,
        day: input.day,
        slotStart: input.slotStart,
        ruleId: day.ruleId,
        capacity: slot.capacity,
        booked: 0,
      })
      .onConflictDoNothing();
    const taken = await tx
      .update(bookingSlots)
      .set({ booked: sql`${bookingSlots.booked} + 1` })
      .where(and(slotKey, sql`${bookingSlots.booked} < ${bookingSlots.capacity}`))
      .returning({ booked: bookingSlots.booked });
    if (taken.length === 0) throw receptionErrors.slot_full();
    const b = await insertWithCode(tx, {
      regionCode: region,
      id: uuidv7(now.getTime()),
      stationId: station.id,
      day: input.day,
      slotStart: input.slotStart,
      accountId: account.id,
      nameEnc: ctx.vault.encrypt(input.name),
      phoneEnc: account.phoneEnc!,
      phoneHash: account.phoneHash!,
      topic: input.topic,
      deputyId: day.deputyIds.length === 1 ? day.deputyIds[0]! : null,
      status: 'booked',
      createdAt: now,
      cancelledAt: null,
      checkedInAt: null,
    });
    await scheduleBookingTimers(tx, ctx, b, path);
    await smsCitizen(tx, ctx, b, 'receptions.booked');
    await appendAudit(tx, actor, now, {
      action: 'receptions.booked',
      targetType: 'booking',
      targetId: b.id,
      jurisdictionCode: station.jurisdictionCode,
      details: { stationId: station.id, day: b.day, slotStart: b.slotStart },
    });
    return b;
  });
  return { id: booking.id, day: booking.day, slotStart: booking.slotStart, checkInCode: booking.checkInCode };
}

/** The citizen cancels their own booking before its slot starts; the seat is freed. */
export async function cancelMyBooking(ctx: AppContext, actor: Actor, id: string) {
  const now = ctx.clock.now();
  await ctx.database.db.transaction(async (tx) => {
    const [b] = await tx
      .select()
      .from(bookings)
      .where(and(eq(bookings.regionCode, actor.regionCode), eq(bookings.id, id)))
      .for('update');
    if (!b || b.accountId !== actor.accountId) throw receptionErrors.booking_not_found();
    if (b.status !== 'booked' || chinaInstant(b.day, b.slotStart) <= now)
      throw receptionErrors.not_cancellable();
    await tx
      .update(bookings)
      .set({ status: 'cancelled', cancelledAt: now })
      .where(and(eq(bookings.regionCode, b.regionCode), eq(bookings.id, b.id)));
    await releaseSeat(tx, b);
    await cancelBookingTimers(tx, ctx, b);
    await appendAudit(tx, actor, now, {
      action: 'receptions.booking_cancelled',
      targetType: 'booking',
      targetId: b.id,
      details: { by: 'citizen', day: b.day },
    });
  });
}

/** 我的预约: the citizen's bookings, newest day first; never their phone. */
export async function myBookings(ctx: AppContext, actor: Actor) {
  const now = ctx.clock.now();
  const rows = await ctx.database.db
    .select({
      b: bookings,
      stationName: stations.name,
      stationCode: stations.publicCode,
      address: stations.address,
    })
    .from(bookings)
    .innerJoin(
      stations,
      and(eq(stations.regionCode, bookings.regionCode), eq(stations.id, bookings.stationId)),
    )
    .where(and(eq(bookings.regionCode, actor.regionCode), eq(bookings.accountId, actor.accountId ?? '')))
    .orderBy(desc(bookings.day), desc(bookings.slotStart))
    .limit(100);
  return rows.map(({ b, ...s }) => ({
    id: b.id,
    ...s,
    day: b.day,
    slotStart: b.slotStart,
    topic: b.topic,
    status: b.status,
    statusLabel: bookingStatusLabels[b.status],
    checkInCode: b.status === 'booked' || b.status === 'checked_in' ? b.checkInCode : null,
    canCancel: b.status === 'booked' && chinaInstant(b.day, b.slotStart) > now,
  }));
}

/** Upcoming bookable days of a station for the portal: deputies by name only, remaining seats. */
export async function publicReceptionDays(ctx: AppContext, code: string) {
  const { db } = ctx.database;
  const region = ctx.config.REGION_CODE;
  const station = await stationByCode(db, region, code);
  const path = await stationPath(db, station);
  const horizon = await resolveSetting(db, region, path, bookingHorizonDays);
  const now = ctx.clock.now();
  const { today } = chinaNow(now);
  const days = (await receptionDays(db, region, [station.id], today, addDays(today, horizon))).filter(
    (d) => !d.cancelled,
  );
  const names = await deputyNames(
    db,
    region,
    days.flatMap((d) => d.deputyIds),
  );
  return {
    station: {
      code: station.publicCode,
      name: station.name,
      address: station.address,
      openingHours: station.openingHours,
    },
    horizonDays: horizon,
    days: days
      .map((d) => ({
        day: d.day,
        startTime: d.startTime,
        endTime: d.endTime,
        theme: d.theme,
        deputies: d.deputyIds.flatMap((id) => (names.has(id) ? [{ name: names.get(id)! }] : [])),
        slots: d.slots
          .filter((s) => chinaInstant(d.day, s.start) > now)
          .map((s) => ({
            start: s.start,
            end: s.end,
            capacity: s.capacity,
            remaining: Math.max(0, s.capacity - s.booked),
          })),
      }))
      .filter((d) => d.slots.length > 0),
  };
}
