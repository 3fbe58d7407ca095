import { z } from 'zod';
import type { AppContext } from '../../kernel/context';
import type { App } from '../../kernel/http/app';
import { deputyWorkbench } from './workbench.usecases';

const workbenchOut = z.object({
  deputy: z.object({ id: z.string(), name: z.string(), publicCode: z.string() }),
  mandates: z.array(
    z.object({
      level: z.string(),
      levelLabel: z.string(),
      congress: z.string(),
      term: z.number(),
      electoralDistrict: z.string().nullable(),
      groupName: z.string().nullable(),
    }),
  ),
  grids: z.array(z.object({ code: z.string(), name: z.string(), communityName: z.string().nullable() })),
  stations: z.array(
    z.object({ id: z.string(), name: z.string(), address: z.string(), publicCode: z.string() }),
  ),
  receptionDays: z.array(
    z.object({
      day: z.string(),
      stationId: z.string(),
      stationName: z.string(),
      address: z.string(),
      startTime: z.string(),
      endTime: z.string(),
      theme: z.string().nullable(),
      coDeputies: z.array(z.string()),
      capacity: z.number(),
      booked: z.number(),
      bookings: z.array(
        z.object({
          id: z.string(),
          slotStart: z.string(),
          nameMasked: z.string(),
          topic: z.string(),
          status: z.string(),
          statusLabel: z.string(),
        }),
      ),
    }),
  ),
});

/** 代表工作台 (mobile): the deputy linked to the signed-in account (accounts.deputy_id). */
export function workbenchRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/workbench/me',
    {
      config: { access: { roles: ['deputy'] } },
      schema: {
        tags: ['代表工作台'],
        summary: '我的网格、联络站、接待日与预约',
        response: { 200: workbenchOut },
      },
    },
    async (req) => deputyWorkbench(ctx, req.actor!),
  );
}
