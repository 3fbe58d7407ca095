import fs from 'node:fs';
import { ConfigError, loadConfig } from './kernel/config';
import { openDatabase } from './kernel/db/client';
import { EmbeddedDbError } from './kernel/db/embedded';
import { isSeeded, seedDemoRegion } from './modules/demo/seed';
import { buildServer, createContext, defaultWebDist, prepareDatabase } from './server';

async function main(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.dataDir });
  const ctx = createContext(config, database);
  const log = ctx.log;
  log.info(
    { database: database.kind, dataDir: database.kind === 'pglite' ? config.dataDir : undefined },
    'database opened',
  );
  await prepareDatabase(ctx);

  let seeded: Awaited<ReturnType<typeof seedDemoRegion>> | undefined;
  const hasData = await isSeeded(database.db, config.REGION_CODE);
  if (config.SEED_DEMO === 'true' || (config.SEED_DEMO === 'auto' && !hasData)) {
    if (hasData) log.info('demo data already present');
    else {
      log.info('loading the demo region (first start)…');
      seeded = await seedDemoRegion(ctx);
    }
  }

  const webDist = config.WEB_DIST ?? defaultWebDist;
  if (!fs.existsSync(`${webDist}/index.html`))
    log.warn(`web app not built at ${webDist}: run "npm run build" (npm start does it)`);
  const server = await buildServer(ctx, { webDist });
  await server.app.listen({ host: config.HOST, port: config.PORT });
  if (config.JOBS) server.runner.start();

  const address = server.app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const base = `http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${port}`;
  const lines = [
    '',
    `  连心 Lianxin is running (${database.kind === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL'})`,
    `  群众门户 Citizen portal:  ${base}/`,
    `  工作台   Staff console:   ${base}/console`,
    `  接口文档 API docs:        ${base}/docs  (OpenAPI: ${base}/openapi.json)`,
    '',
  ];
  if (seeded || config.SEED_DEMO !== 'false') {
    const { generateDemoRegion } = await import('./modules/demo/generate');
    const region = seeded ?? (await generateDemoRegion({ regionCode: config.REGION_CODE }));
    lines.push(`  Demo accounts (password ${region.staff[0]?.password ?? ''}):`);
    const townshipCodes = new Set(
      region.jurisdictions.filter((j) => j.level === 'township').map((j) => j.code),
    );
    const isStreetStaff = (s: (typeof region.staff)[number]) =>
      s.roles.length === 1 &&
      s.roles[0]!.role === 'congress_staff' &&
      townshipCodes.has(s.roles[0]!.scopeCode);
    for (const s of region.staff.filter((x) => !isStreetStaff(x)))
      lines.push(`    ${s.username.padEnd(12)} ${s.note}`);
    const streets = region.staff.filter(isStreetStaff).map((s) => s.username);
    lines.push(`    ${streets.length} street/town staff accounts: ${streets.join(', ')}`);
    lines.push('  Citizens sign in with any phone number; the code appears in 短信发件箱 (SMS outbox).', '');
    const { DEMO_OPEN311_KEY } = await import('./modules/integrations/integrations.demo');
    lines.push(
      `  Open311 GeoReport v2: ${base}/open311/v2/services.json  (demo api_key ${DEMO_OPEN311_KEY})`,
      '',
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down: finishing in-flight requests');
    server.readiness.shuttingDown = true;
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    await server.app.close();
    await server.runner.stop();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err) => {
  if (err instanceof ConfigError || err instanceof EmbeddedDbError) {
    process.stderr.write(`\n${err.message}\n\n`);
  } else {
    process.stderr.write(
      `\nFailed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
  }
  process.exit(1);
});
