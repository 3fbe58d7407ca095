/**
 * Portal intake under load (autocannon, 50 connections), against a baseline measured in the same
 * run on the same app and database: a bare route doing one INSERT of a comparable row.
 *
 *   npm run bench:intake                                       # embedded PGlite only
 *   BENCH_PG_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:intake   # + PostgreSQL
 *
 * Options (environment): BENCH_PG_URL (or DATABASE_URL) adds a run on a throwaway database on that
 * server; BENCH_DB=pglite|postgres runs only one; BENCH_SECONDS (default 15) per measurement;
 * BENCH_WARMUP (default 3) seconds of warm-up per route; BENCH_CONNECTIONS (default 50);
 * BENCH_CITIZENS (default 100) signed-in citizens; BENCH_JOBS=false keeps the job runner off
 * (by default it runs, as in production); BENCH_JSON=<file> writes the results as JSON.
 *
 * Targets (issue): intake ≥ 60 % of the baseline's req/s, intake p99 ≤ 50 ms.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon, { type Result } from 'autocannon';
import postgres from 'postgres';
import { loadConfig } from '../src/kernel/config';
import type { AppContext } from '../src/kernel/context';
import { type Database, openDatabase } from '../src/kernel/db/client';
import { buildHttp } from '../src/kernel/http/app';
import { JobRunner } from '../src/kernel/jobs/runner';
import { createLogger } from '../src/kernel/logger';
import type { SmsDriver } from '../src/kernel/notifications/drivers';
import { modules } from '../src/modules';
import { authenticator } from '../src/modules/accounts/authenticate';
import { seedDemoRegion } from '../src/modules/demo/seed';
import { opsRoutes, type Readiness } from '../src/modules/ops/ops.routes';
import { createContext, prepareDatabase } from '../src/server';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const CITIZENS = Number(process.env.BENCH_CITIZENS ?? 100);
const JOBS = process.env.BENCH_JOBS !== 'false';
const TARGET_RATIO = 0.6;
const TARGET_P99 = 50;

/** Captures one-time codes instead of sending them (the default driver writes them to sms_outbox). */
function capturingSms(codes: Map<string, string>): SmsDriver {
  return {
    name: 'bench',
    async send(_exec, msg) {
      const code = /(\d{6})/.exec(msg.body)?.[1];
      if (code) codes.set(msg.phone, code);
    },
  };
}

interface Started {
  ctx: AppContext;
  url: string;
  runner: JobRunner;
  close(): Promise<void>;
}

/**
 * The real server (the same wiring as buildServer in src/server.ts) plus one bare route for the
 * baseline, registered before the app is sealed: one INSERT into a scratch table, no session, no
 * validation, nothing else.
 */
async function start(database: Database, dataDir: string, codes: Map<string, string>): Promise<Started> {
  const config = loadConfig({ NODE_ENV: 'development', LOG_LEVEL: 'silent', DATA_DIR: dataDir });
  const ctx = createContext(config, database, { log: createLogger('silent'), sms: capturingSms(codes) });
  await prepareDatabase(ctx);
  await seedDemoRegion(ctx);
  await database.sql.unsafe(`create table if not exists bench_baseline (
    id bigserial primary key, region_code text not null, title text not null,
    description text not null, idempotency_key text, created_at timestamptz not null default now())`);

  const readiness: Readiness = { ready: false, shuttingDown: false };
  const app = await buildHttp(ctx, { authenticate: authenticator(ctx) });
  opsRoutes(app, ctx, readiness);
  for (const m of modules) m.routes?.(app, ctx);
  app.post('/bench/baseline', { config: { access: 'public' } }, async (req, reply) => {
    const b = req.body as { title: string; description: string; idempotencyKey?: string };
    const [row] = await database.sql<{ id: number }[]>`insert into bench_baseline
      (region_code, title, description, idempotency_key)
      values (${config.REGION_CODE}, ${b.title}, ${b.description}, ${b.idempotencyKey ?? null})
      returning id`;
    return reply.status(201).send({ id: row!.id });
  });
  await app.ready();
  readiness.ready = true;
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  const runner = new JobRunner(ctx);
  return {
    ctx,
    url: `http://127.0.0.1:${port}`,
    runner,
    async close() {
      await app.close();
      await runner.stop();
    },
  };
}

interface Session {
  cookie: string;
  csrf: string;
}

/** Citizens signed in the way the portal does it: SMS code requested, then verified. */
async function signInCitizens(s: Started, codes: Map<string, string>, n: number): Promise<Session[]> {
  const phones = Array.from({ length: n }, (_, i) => `139${String(10_000_000 + i * 7919).slice(-8)}`);
  // One IP per citizen: codes are rate-limited per IP (30 an hour).
  const ip = (i: number) => ({ 'x-forwarded-for': `10.77.${i >> 8}.${i & 255}` });
  for (const [i, phone] of phones.entries()) {
    const r = await fetch(`${s.url}/api/auth/otp/request`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...ip(i) },
      body: JSON.stringify({ phone }),
    });
    if (r.status !== 200) throw new Error(`otp request ${r.status} ${await r.text()}`);
  }
  await s.runner.drain(50);
  const sessions: Session[] = [];
  for (const [i, phone] of phones.entries()) {
    const code = codes.get(phone);
    if (!code) throw new Error(`no SMS code captured for ${phone}`);
    const r = await fetch(`${s.url}/api/auth/otp/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...ip(i) },
      body: JSON.stringify({ phone, code }),
    });
    if (r.status !== 200) throw new Error(`otp verify ${r.status} ${await r.text()}`);
    const jar = new Map<string, string>();
    for (const c of r.headers.getSetCookie()) {
      const [kv] = c.split(';');
      const eq = kv!.indexOf('=');
      jar.set(kv!.slice(0, eq), kv!.slice(eq + 1));
    }
    sessions.push({
      cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
      csrf: jar.get('lx_csrf') ?? '',
    });
  }
  return sessions;
}

/** What a citizen submits from the portal form: a community chosen, or a point in a township. */
async function bodyMaker(database: Database, regionCode: string) {
  const areas = await database.sql<{ code: string; level: string; lat: number | null; lng: number | null }[]>`
    select code, level, lat, lng from jurisdictions
    where region_code = ${regionCode} and level in ('township', 'community')`;
  const towns = areas.filter((a) => a.level === 'township' && a.lat != null);
  const communities = areas.filter((a) => a.level === 'community');
  const cats = await database.sql<{ code: string }[]>`
    select code from opinion_categories where region_code = ${regionCode} and active and level = 2`;
  let i = 0;
  return () => {
    i++;
    const idempotencyKey = crypto.randomBytes(12).toString('base64url');
    const base = {
      title: `小区门口路灯不亮第${i}次反映`,
      description: '晚上小区门口一段路没有路灯，老人孩子出行不方便，希望有关部门尽快修复。谢谢！',
      categoryCode: cats.length ? cats[i % cats.length]!.code : undefined,
      allowDisclosure: i % 3 === 0,
      idempotencyKey,
    };
    if (i % 2 === 0 && towns.length) {
      const t = towns[i % towns.length]!;
      return {
        ...base,
        areaCode: t.code,
        lat: t.lat! + ((i % 13) - 6) * 0.001,
        lng: t.lng! + ((i % 7) - 3) * 0.001,
        address: `某某路${i % 900}号`,
      };
    }
    return { ...base, areaCode: communities[i % communities.length]!.code };
  };
}

interface Measured {
  rps: number;
  p50: number;
  p975: number;
  p99: number;
  max: number;
  ok: number;
  errors: number;
  non2xx: number;
  timeouts: number;
}

function summarise(r: Result): Measured {
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p975: r.latency.p97_5,
    p99: r.latency.p99,
    max: r.latency.max,
    ok: r['2xx'],
    errors: r.errors,
    non2xx: r.non2xx,
    timeouts: r.timeouts,
  };
}

async function load(
  url: string,
  pathName: string,
  seconds: number,
  makeBody: () => object,
  sessions: Session[] | null,
): Promise<Measured> {
  let n = 0;
  const r = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        path: pathName,
        setupRequest: (req) => {
          const headers: Record<string, string> = { 'content-type': 'application/json' };
          if (sessions) {
            const s = sessions[n++ % sessions.length]!;
            headers.cookie = s.cookie;
            headers['x-csrf-token'] = s.csrf;
          }
          return { ...req, headers, body: JSON.stringify(makeBody()) };
        },
      },
    ],
  });
  return summarise(r);
}

interface DbResult {
  db: 'pglite' | 'postgres';
  baseline: Measured;
  intake: Measured;
  ratio: number;
  pass: { ratio: boolean; p99: boolean; errors: boolean };
  casesCreated: number;
}

async function benchOne(kind: 'pglite' | 'postgres', pgUrl?: string): Promise<DbResult> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-bench-intake-'));
  let database: Database;
  let dropDb: (() => Promise<void>) | undefined;
  if (kind === 'pglite') {
    database = await openDatabase({ dataDir: path.join(dataDir, 'pglite') });
  } else {
    const name = `lx_bench_intake_${process.pid}`;
    const admin = postgres(pgUrl!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.unsafe(`create database ${name}`);
    const u = new URL(pgUrl!);
    u.pathname = `/${name}`;
    database = await openDatabase({ url: u.toString() });
    dropDb = async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  }
  const codes = new Map<string, string>();
  const t0 = Date.now();
  const s = await start(database, dataDir, codes);
  const sessions = await signInCitizens(s, codes, CITIZENS);
  console.log(
    `   [${kind}] server up, demo region seeded, ${sessions.length} citizens signed in (${Date.now() - t0} ms)`,
  );
  if (JOBS) s.runner.start();
  const makeBody = await bodyMaker(database, s.ctx.config.REGION_CODE);
  const [before] = await database.sql<{ n: number }[]>`select count(*)::int as n from cases`;

  // Warm-up (JIT, plans, connections), then the measured runs with identical settings.
  await load(s.url, '/bench/baseline', WARMUP, makeBody, null);
  await load(s.url, '/api/public/opinions', WARMUP, makeBody, sessions);
  const baseline = await load(s.url, '/bench/baseline', SECONDS, makeBody, null);
  const intake = await load(s.url, '/api/public/opinions', SECONDS, makeBody, sessions);

  const [after] = await database.sql<{ n: number }[]>`select count(*)::int as n from cases`;
  await s.close();
  await database.close();
  await dropDb?.();
  fs.rmSync(dataDir, { recursive: true, force: true });
  const ratio = intake.rps / baseline.rps;
  return {
    db: kind,
    baseline,
    intake,
    ratio,
    pass: {
      ratio: ratio >= TARGET_RATIO,
      p99: intake.p99 <= TARGET_P99,
      errors: intake.errors + intake.non2xx + intake.timeouts === 0,
    },
    casesCreated: after!.n - before!.n,
  };
}

function table(results: DbResult[]): string {
  const head = `| database | route | req/s | p50 ms | p97.5 ms | p99 ms | max ms | 2xx | errors/non-2xx/timeouts |`;
  const sep = '|---|---|---:|---:|---:|---:|---:|---:|---|';
  const line = (db: string, route: string, m: Measured) =>
    `| ${db} | ${route} | ${m.rps.toFixed(0)} | ${m.p50} | ${m.p975} | ${m.p99} | ${m.max} | ${m.ok} | ${m.errors}/${m.non2xx}/${m.timeouts} |`;
  const rows = results.flatMap((r) => [
    line(r.db, 'baseline: bare INSERT', r.baseline),
    line(r.db, 'POST /api/public/opinions', r.intake),
  ]);
  const verdicts = results.map(
    (r) =>
      `${r.db}: intake/baseline = ${(r.ratio * 100).toFixed(0)} % (target ≥ ${TARGET_RATIO * 100} %: ${r.pass.ratio ? 'PASS' : 'FAIL'}), ` +
      `p99 ${r.intake.p99} ms (target ≤ ${TARGET_P99} ms: ${r.pass.p99 ? 'PASS' : 'FAIL'}), ` +
      `errors: ${r.pass.errors ? 'none' : 'SOME'}; ${r.casesCreated} cases created`,
  );
  return [head, sep, ...rows, '', ...verdicts].join('\n');
}

async function main(): Promise<void> {
  const pgUrl = process.env.BENCH_PG_URL ?? process.env.DATABASE_URL;
  const only = process.env.BENCH_DB;
  console.log(
    `Portal intake vs bare-INSERT baseline: ${CONNECTIONS} connections, ${SECONDS} s each (+${WARMUP} s warm-up), ` +
      `${CITIZENS} citizens, job runner ${JOBS ? 'on' : 'off'}, ${os.cpus().length} CPUs`,
  );
  const results: DbResult[] = [];
  if (only !== 'postgres') results.push(await benchOne('pglite'));
  if (only !== 'pglite') {
    if (pgUrl) results.push(await benchOne('postgres', pgUrl));
    else console.log('   (set BENCH_PG_URL to also measure on a PostgreSQL server)');
  }
  console.log(`\n${table(results)}`);
  if (process.env.BENCH_JSON) {
    fs.writeFileSync(
      process.env.BENCH_JSON,
      JSON.stringify(
        { at: new Date().toISOString(), connections: CONNECTIONS, seconds: SECONDS, results },
        null,
        2,
      ),
    );
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
