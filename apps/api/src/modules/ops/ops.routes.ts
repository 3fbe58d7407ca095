import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { appendAudit } from '../../kernel/audit/audit';
import { ShiftedClock } from '../../kernel/clock';
import type { AppContext } from '../../kernel/context';
import type { App } from '../../kernel/http/app';
import { registry } from '../../kernel/http/metrics';

export interface Readiness {
  ready: boolean;
  shuttingDown: boolean;
}

/** Liveness, readiness (database reachable, not draining) and Prometheus metrics. */
export function opsRoutes(app: App, ctx: AppContext, state: Readiness): void {
  app.get('/healthz', { config: { access: 'public' }, schema: { hide: true } }, async () => ({
    status: 'ok',
  }));

  app.get('/readyz', { config: { access: 'public' }, schema: { hide: true } }, async (_req, reply) => {
    if (!state.ready || state.shuttingDown)
      return reply.status(503).send({ status: state.shuttingDown ? 'draining' : 'starting' });
    try {
      await ctx.database.db.execute(sql`select 1`);
      return { status: 'ready', database: ctx.database.kind };
    } catch {
      return reply.status(503).send({ status: 'database_unavailable' });
    }
  });

  app.get('/metrics', { config: { access: 'public' }, schema: { hide: true } }, async (_req, reply) => {
    reply.type(registry.contentType);
    return registry.metrics();
  });
}

/**
 * TEST_CLOCK=true only: a sysadmin moves the server's clock forward (audited), so deadlines,
 * reminders and 督办 can be shown or tested without waiting weeks. Not registered otherwise.
 */
export function testClockRoutes(app: App, ctx: AppContext): void {
  const clock = ctx.clock;
  if (!ctx.config.TEST_CLOCK || !(clock instanceof ShiftedClock)) return;
  app.post(
    '/api/ops/test-clock',
    {
      config: { access: { roles: ['sysadmin'] } },
      schema: {
        tags: ['运维'],
        summary: '（仅测试环境）将服务器时钟向前拨到指定时刻，或恢复为系统时间',
        body: z.union([
          z.object({ to: z.string().datetime({ offset: true, message: '时间格式不正确' }) }),
          z.object({ reset: z.literal(true) }),
        ]),
      },
    },
    async (req) => {
      const from = clock.now();
      if ('to' in req.body) clock.shiftTo(new Date(req.body.to));
      else clock.reset();
      await ctx.database.db.transaction((tx) =>
        appendAudit(tx, req.actor!, clock.now(), {
          action: 'ops.test_clock',
          details: { from: from.toISOString(), to: clock.now().toISOString() },
        }),
      );
      return { now: clock.now().toISOString() };
    },
  );
}
