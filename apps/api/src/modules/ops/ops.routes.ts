import { sql } from 'drizzle-orm';
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
