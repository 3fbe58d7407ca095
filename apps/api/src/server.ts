import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { type Clock, ShiftedClock, systemClock } from './kernel/clock';
import type { Config } from './kernel/config';
import type { AppContext } from './kernel/context';
import { createVault } from './kernel/crypto/pii';
import type { Database } from './kernel/db/client';
import { runMigrations } from './kernel/db/migrate';
import { EventBus } from './kernel/events';
import { buildHttp } from './kernel/http/app';
import { JobRunner } from './kernel/jobs/runner';
import { createLogger } from './kernel/logger';
import { outboxSmsDriver, type SmsDriver } from './kernel/notifications/drivers';
import { modules } from './modules';
import { authenticator } from './modules/accounts/authenticate';
import { seedOfficialYears } from './modules/calendar/calendar.usecases';
import { opsRoutes, type Readiness, testClockRoutes } from './modules/ops/ops.routes';

export const defaultWebDist = fileURLToPath(new URL('../../web/dist', import.meta.url));

export interface ContextOptions {
  clock?: Clock;
  log?: Logger;
  sms?: SmsDriver;
}

export function createContext(config: Config, database: Database, opts: ContextOptions = {}): AppContext {
  const ctx: AppContext = {
    config,
    database,
    clock: opts.clock ?? (config.TEST_CLOCK ? new ShiftedClock() : systemClock),
    log: opts.log ?? createLogger(config.LOG_LEVEL),
    vault: createVault({
      keys: config.PII_KEYS!,
      indexKey: config.PII_INDEX_KEY!,
      cipher: config.PII_CIPHER,
    }),
    events: new EventBus(),
    sms: opts.sms ?? outboxSmsDriver,
  };
  for (const m of modules) m.subscribe?.(ctx);
  if (config.TEST_CLOCK)
    ctx.log.warn('TEST_CLOCK=true: a sysadmin may move the clock forward (tests and demos only)');
  return ctx;
}

/** Schema and reference data every database needs, demo or not. Safe to run at every start. */
export async function prepareDatabase(ctx: AppContext): Promise<void> {
  await runMigrations(ctx.database.db);
  await seedOfficialYears(ctx.database.db, ctx.clock.now());
  for (const m of modules) await m.onStart?.(ctx);
}

export interface Server {
  app: FastifyInstance;
  ctx: AppContext;
  runner: JobRunner;
  readiness: Readiness;
}

export async function buildServer(ctx: AppContext, opts: { webDist?: string } = {}): Promise<Server> {
  const readiness: Readiness = { ready: false, shuttingDown: false };
  const app = await buildHttp(ctx, { authenticate: authenticator(ctx), webDist: opts.webDist });
  opsRoutes(app, ctx, readiness);
  testClockRoutes(app, ctx);
  for (const m of modules) m.routes?.(app, ctx);
  await app.ready();
  readiness.ready = true;
  return {
    app,
    ctx,
    runner: new JobRunner(
      ctx,
      1_000,
      modules.flatMap((m) => (m.jobs ? [m.jobs] : [])),
    ),
    readiness,
  };
}
