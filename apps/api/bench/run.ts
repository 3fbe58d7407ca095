/**
 * Benchmarks for the database kernel, reported as ratios against a baseline measured in the same
 * run (absolute numbers vary from machine to machine; ratios are what we compare over time).
 *
 *   npm run bench                      # embedded only
 *   BENCH_PG_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench   # also PostgreSQL
 *
 * 1. Event-loop isolation (ADR 0001): event-loop delay of the API process while a heavy query runs,
 *    PGlite in-process (the rejected design) versus PGlite in a child process (ours).
 * 2. HTTP throughput of a read endpoint on the embedded database versus a PostgreSQL server.
 */
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { loadConfig } from '../src/kernel/config';
import { type Database, openDatabase } from '../src/kernel/db/client';
import { createLogger } from '../src/kernel/logger';
import { seedDemoRegion } from '../src/modules/demo/seed';
import { buildServer, createContext, prepareDatabase } from '../src/server';

const HEAVY = 'select count(*) from generate_series(1, 4000000) g where g % 7 = 3';

/** Largest gaps between 5 ms ticks while `work` runs: how long the event loop could not answer. */
async function loopDelayDuring(
  work: () => Promise<unknown>,
  rounds: number,
): Promise<{ p99: number; max: number }> {
  const gaps: number[] = [];
  let last = performance.now();
  const tick = setInterval(() => {
    const now = performance.now();
    gaps.push(Math.max(0, now - last - 5));
    last = now;
  }, 5);
  for (let i = 0; i < rounds; i++) await work();
  await new Promise((r) => setTimeout(r, 20));
  clearInterval(tick);
  gaps.sort((a, b) => a - b);
  return { p99: gaps[Math.floor(gaps.length * 0.99)] ?? 0, max: gaps.at(-1) ?? 0 };
}

async function isolation(): Promise<void> {
  const inProc = await PGlite.create();
  const inProcess = await loopDelayDuring(() => inProc.query(HEAVY), 3);
  await inProc.close();
  const child = await openDatabase({});
  const childProcess = await loopDelayDuring(() => child.sql.unsafe(HEAVY), 3);
  await child.close();
  console.log('\n1. Event-loop delay while a heavy query runs (lower is better)');
  console.log(
    `   PGlite in-process:     p99 ${inProcess.p99.toFixed(1)} ms, max ${inProcess.max.toFixed(1)} ms`,
  );
  console.log(
    `   PGlite child process:  p99 ${childProcess.p99.toFixed(1)} ms, max ${childProcess.max.toFixed(1)} ms`,
  );
  console.log(
    `   ratio in-process / child (p99): ${(inProcess.p99 / Math.max(childProcess.p99, 0.01)).toFixed(1)}x`,
  );
}

async function throughput(label: string, database: Database, seconds = 5, concurrency = 16): Promise<number> {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', JOBS: 'false' });
  const ctx = createContext(config, database, { log: createLogger('silent') });
  await prepareDatabase(ctx);
  await seedDemoRegion(ctx);
  const server = await buildServer(ctx);
  await server.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = server.app.server.address() as { port: number };
  const url = `http://127.0.0.1:${port}/api/public/stations?township=310112101`;
  let done = 0;
  const until = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < until) {
        const r = await fetch(url);
        await r.arrayBuffer();
        if (r.ok) done++;
      }
    }),
  );
  await server.app.close();
  const rps = done / seconds;
  console.log(`   ${label.padEnd(22)} ${rps.toFixed(0)} req/s`);
  return rps;
}

async function main(): Promise<void> {
  await isolation();
  console.log('\n2. HTTP throughput, GET /api/public/stations (higher is better)');
  const embedded = await openDatabase({});
  const e = await throughput('embedded PGlite:', embedded);
  await embedded.close();
  const pgUrl = process.env.BENCH_PG_URL;
  if (pgUrl) {
    const name = `lx_bench_${process.pid}`;
    const admin = postgres(pgUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const u = new URL(pgUrl);
    u.pathname = `/${name}`;
    const pg = await openDatabase({ url: u.toString() });
    const p = await throughput('PostgreSQL server:', pg);
    await pg.close();
    await admin.unsafe(`drop database ${name} with (force)`);
    await admin.end();
    console.log(`   ratio embedded / PostgreSQL: ${(e / p).toFixed(2)}`);
  } else {
    console.log('   (set BENCH_PG_URL to compare with a PostgreSQL server)');
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
