import { and, eq, sql } from 'drizzle-orm';
import { addDays, endOfDayInstant } from '../../kernel/calendar/calendar';
import type { AppContext } from '../../kernel/context';
import type { Tx } from '../../kernel/db/client';
import { timers } from '../../kernel/db/kernel.schema';
import { uuidv7 } from '../../kernel/ids';
import { notify } from '../../kernel/notifications/notify';
import { resolveSetting } from '../../kernel/settings';
import { stations } from '../stations/stations.schema';
import { bookings } from './receptions.schema';
import { reminderHour } from './receptions.settings';
import { chinaInstant } from './schedule';

export type Booking = typeof bookings.$inferSelect;

export const REMINDER = 'booking.reminder';
export const NO_SHOW = 'booking.no_show';

/**
 * Two timers per booking, as rows (they survive restarts and fire once): an SMS reminder at
 * `receptions.reminderHour` China time on the day before (none when that moment has passed), and
 * at the end of the reception day the booking becomes a no-show unless it was checked in.
 */
export async function scheduleBookingTimers(tx: Tx, ctx: AppContext, booking: Booking, stationPath: string) {
  const now = ctx.clock.now();
  const hour = await resolveSetting(tx, booking.regionCode, stationPath, reminderHour);
  const remindAt = chinaInstant(addDays(booking.day, -1), `${String(hour).padStart(2, '0')}:00`);
  const rows = [
    ...(remindAt > now ? [{ kind: REMINDER, dueAt: remindAt }] : []),
    { kind: NO_SHOW, dueAt: endOfDayInstant(booking.day) },
  ];
  await tx.insert(timers).values(
    rows.map((r) => ({
      regionCode: booking.regionCode,
      id: uuidv7(now.getTime()),
      caseId: null,
      kind: r.kind,
      dueAt: r.dueAt,
      payload: { bookingId: booking.id },
      createdAt: now,
    })),
  );
}

/** Closes a booking's open timers (cancelled bookings get no reminder). */
export async function cancelBookingTimers(tx: Tx, ctx: AppContext, booking: Booking) {
  await tx
    .update(timers)
    .set({ status: 'cancelled', cancelledAt: ctx.clock.now() })
    .where(
      and(
        eq(timers.regionCode, booking.regionCode),
        eq(timers.status, 'open'),
        sql`${timers.caseId} is null`,
        sql`${timers.payload}->>'bookingId' = ${booking.id}`,
      ),
    );
}

/** The booking confirmation, reminder and cancellation texts share these parameters. */
export async function smsParams(tx: Tx, booking: Booking) {
  const [s] = await tx
    .select({ name: stations.name, address: stations.address })
    .from(stations)
    .where(and(eq(stations.regionCode, booking.regionCode), eq(stations.id, booking.stationId)));
  return {
    date: `${Number(booking.day.slice(5, 7))}月${Number(booking.day.slice(8, 10))}日`,
    time: booking.slotStart,
    station: s?.name ?? '联络站',
    address: s?.address ?? '',
    code: booking.checkInCode,
  };
}

/** Texts the citizen; the phone is decrypted only here, for sending. */
export async function smsCitizen(
  tx: Tx,
  ctx: AppContext,
  booking: Booking,
  template: 'receptions.booked' | 'receptions.reminder' | 'receptions.day_cancelled',
) {
  await notify(
    tx,
    ctx,
    booking.regionCode,
    { channel: 'sms', phone: ctx.vault.decrypt(booking.phoneEnc), accountId: booking.accountId ?? undefined },
    template,
    await smsParams(tx, booking),
    `${template}:${booking.id}`,
  );
}

/** Timer subscribers: reminder SMS for bookings still booked, and day-end no-show marking. */
export function registerReceptionSubscribers(ctx: AppContext): void {
  ctx.events.subscribe('timers.fired', 'receptions-booking-timers', async (e, tx) => {
    const kind = String(e.payload.kind);
    if (kind !== REMINDER && kind !== NO_SHOW) return;
    const [t] = await tx
      .select()
      .from(timers)
      .where(and(eq(timers.regionCode, e.regionCode), eq(timers.id, String(e.payload.timerId))));
    const bookingId = (t?.payload as { bookingId?: string } | undefined)?.bookingId;
    if (!bookingId) return;
    const where = and(
      eq(bookings.regionCode, e.regionCode),
      eq(bookings.id, bookingId),
      eq(bookings.status, 'booked'),
    );
    if (kind === NO_SHOW) {
      await tx.update(bookings).set({ status: 'no_show' }).where(where);
      return;
    }
    const [b] = await tx.select().from(bookings).where(where);
    if (b) await smsCitizen(tx, ctx, b, 'receptions.reminder');
  });
}
