import { z } from 'zod';
import type { AppContext } from '../../kernel/context';
import type { App } from '../../kernel/http/app';
import { bookSlot, cancelMyBooking, myBookings, publicReceptionDays } from './bookings.usecases';
import { civilDay, hhmm, myBookingOut, publicDaysOut, stationCode, uuid } from './receptions.http';

const tags = ['门户'];

/**
 * Citizen-facing routes. Booking needs a citizen signed in by SMS code; the use cases refuse
 * staff accounts (the route rule is 'authenticated', the command checks the account kind).
 */
export function receptionsPublicRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/public/stations/:code/reception-days',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '联络站近期接待日与可预约时段',
        params: z.object({ code: stationCode }),
        response: { 200: publicDaysOut },
      },
    },
    async (req) => publicReceptionDays(ctx, req.params.code),
  );

  app.post(
    '/api/public/bookings',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '预约接待（群众）',
        body: z.object({
          stationCode,
          day: civilDay,
          slotStart: hhmm,
          topic: z.string().trim().min(2, '请简要填写想反映的事项').max(200, '事项不超过 200 字'),
          name: z.string().trim().min(1, '请填写姓名').max(30, '姓名不超过 30 字'),
        }),
        response: {
          201: z.object({ id: z.string(), day: z.string(), slotStart: z.string(), checkInCode: z.string() }),
        },
      },
    },
    async (req, reply) => reply.status(201).send(await bookSlot(ctx, req.actor!, req.body)),
  );

  app.get(
    '/api/public/bookings/mine',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: '我的预约', response: { 200: z.object({ items: z.array(myBookingOut) }) } },
    },
    async (req) => ({ items: await myBookings(ctx, req.actor!) }),
  );

  app.post(
    '/api/public/bookings/:id/cancel',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: '取消我的预约', params: z.object({ id: uuid('预约') }) },
    },
    async (req) => {
      await cancelMyBooking(ctx, req.actor!, req.params.id);
      return { cancelled: true };
    },
  );
}
