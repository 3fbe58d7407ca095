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
 * (by default it runs, as in production); BENCH_JSON=<file> writes the results as JSON;
 * BENCH_ROUNDS (default 3) measured rounds per route, interleaved (baseline, intake, then intake,
 * baseline, …) so drift in the machine's load falls on both; BENCH_LOADER=child (default: autocannon
 * in a forked process of its own) or inprocess (autocannon on the server's event loop, as before);
 * BENCH_APPLY=<file.sql> runs SQL on the fresh database before the server starts (a candidate index).
 * BENCH_PROFILE=<dir> adds, after the rounds, one more measurement per route with the server's
 * V8 CPU profiler on and writes <dir>/<db>-<route>.cpuprofile (not counted in the results).
 * BENCH_DRAIN (default 20) seconds, after the load stops, of watching the background filer turn
 * the accepted backlog into cases: the rate at which cases are filed (the sustainable intake rate;
 * what the portal accepts above it waits as submissions, deadlines running from submission).
 *
 * Targets (issue): intake ≥ 60 % of the baseline's req/s, intake p99 ≤ 50 ms — judged on the
 * medians of the rounds.
 */
import { type ChildProcess, fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
import {
  type BodyData,
  type CpuPerRequest,
  type LoadJob,
  type Measured,
  runLoad,
  type Session,
} from './intake-load';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const CITIZENS = Number(process.env.BENCH_CITIZENS ?? 100);
const JOBS = process.env.BENCH_JOBS !== 'false';
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
const LOADER = process.env.BENCH_LOADER === 'inprocess' ? 'inprocess' : 'child';
const APPLY = process.env.BENCH_APPLY;
const PROFILE = process.env.BENCH_PROFILE;
const DRAIN = Number(process.env.BENCH_DRAIN ?? 20);

/** Runs `run` with this process's CPU profiler on and writes the profile to `file`. */
async function profiled<T>(file: string, run: () => Promise<T>): Promise<T> {
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  try {
    return await run();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
    console.log(`   profile written to ${file}`);
  }
}
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
  if (APPLY) await database.sql.unsafe(fs.readFileSync(APPLY, 'utf8'));
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

/** What the bodies are made of (the bodies themselves are built by the load generator). */
async function bodyData(database: Database, regionCode: string): Promise<BodyData> {
  const areas = await database.sql<{ code: string; level: string; lat: number | null; lng: number | null }[]>`
    select code, level, lat, lng from jurisdictions
    where region_code = ${regionCode} and level in ('township', 'community')`;
  const cats = await database.sql<{ code: string }[]>`
    select code from opinion_categories where region_code = ${regionCode} and active and level = 2`;
  return {
    towns: areas
      .filter((a) => a.level === 'township' && a.lat != null && a.lng != null)
      .map((a) => ({ code: a.code, lat: a.lat!, lng: a.lng! })),
    communities: areas.filter((a) => a.level === 'community').map((a) => a.code),
    categories: cats.map((c) => c.code),
  };
}

/**
 * Runs autocannon: in the forked load process (default), or on this process's event loop
 * (BENCH_LOADER=inprocess). Either way both routes are driven the same way.
 */
class Loader {
  private child?: ChildProcess;

  async run(job: LoadJob): Promise<Measured> {
    if (LOADER === 'inprocess') return runLoad(job);
    this.child ??= fork(new URL('./intake-load.ts', import.meta.url).pathname, {
      env: { ...process.env, LX_BENCH_LOAD_CHILD: '1' },
    });
    const child = this.child;
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`load process exited (${code})`));
      child.once('exit', onExit);
      child.once('message', (m: { ok: boolean; result?: Measured; error?: string }) => {
        child.off('exit', onExit);
        if (m.ok) resolve(m.result!);
        else reject(new Error(m.error));
      });
      child.send(job);
    });
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  close(): void {
    this.child?.kill();
  }
}

/**
 * CPU seconds used so far (user + system, from /proc), by side: this server process, the load
 * process, and the database — the PGlite child (any other child of this process) or every
 * `postgres` process on the machine. CPU time, unlike req/s, hardly depends on what else the
 * machine is doing, so the per-request figures say where an intake costs more than the baseline.
 */
function cpuNow(loaderPid: number | undefined): { server: number; db: number; loader: number } | null {
  const out = { server: 0, db: 0, loader: 0 };
  let pids: string[];
  try {
    pids = fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return null;
  }
  for (const d of pids) {
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    const f = stat.slice(close + 2).split(' '); // state, ppid, … utime (11), stime (12), in ticks
    const secs = (Number(f[11]) + Number(f[12])) / 100;
    const pid = Number(d);
    if (pid === process.pid) out.server += secs;
    else if (pid === loaderPid) out.loader += secs;
    else if (Number(f[1]) === process.pid || comm === 'postgres') out.db += secs;
  }
  return out;
}

/** Runs a measurement and adds its CPU time per answered request. */
async function withCpu(loader: Loader, run: () => Promise<Measured>): Promise<Measured> {
  const a = cpuNow(loader.pid);
  const m = await run();
  const b = cpuNow(loader.pid);
  if (!a || !b || m.ok === 0) return m;
  const us = (k: 'server' | 'db' | 'loader') => ((b[k] - a[k]) / m.ok) * 1e6;
  const cpu = { server: us('server'), db: us('db'), loader: us('loader'), total: 0 };
  cpu.total = cpu.server + cpu.db + cpu.loader;
  return { ...m, cpu };
}

const fmtCpu = (c?: CpuPerRequest) =>
  c
    ? `CPU ${c.total.toFixed(0)} µs/req (server ${c.server.toFixed(0)}, db ${c.db.toFixed(0)}, load ${c.loader.toFixed(0)})`
    : 'CPU n/a';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

interface DbResult {
  db: 'pglite' | 'postgres';
  /** Every measured round, in the order run. */
  runs: Array<{ round: number; baseline: Measured; intake: Measured; ratio: number }>;
  /** Medians over the rounds (ratio: the median of the per-round ratios). */
  baseline: Measured;
  intake: Measured;
  ratio: number;
  spread: { ratio: [number, number]; intakeP99: [number, number]; baselineRps: [number, number] };
  pass: { ratio: boolean; p99: boolean; errors: boolean };
  casesCreated: number;
  /** After the load: cases filed per second with no requests in flight, and the backlog left. */
  drain: { seconds: number; filed: number; perSecond: number; backlogBefore: number; backlogAfter: number };
}

/** Watches the filer work through the backlog with no load for up to `seconds`. */
async function measureDrain(database: Database, seconds: number): Promise<DbResult['drain']> {
  const pending = async () =>
    (
      await database.sql<{ n: number }[]>`select count(*)::int as n from opinion_submissions
        where status = 'pending'`
    )[0]!.n;
  const backlogBefore = await pending();
  const t0 = Date.now();
  let left = backlogBefore;
  while (left > 0 && Date.now() - t0 < seconds * 1000) {
    await new Promise((r) => setTimeout(r, 250));
    left = await pending();
  }
  const secs = (Date.now() - t0) / 1000;
  const filed = backlogBefore - left;
  return { seconds: secs, filed, perSecond: secs > 0 ? filed / secs : 0, backlogBefore, backlogAfter: left };
}

function medianOf(ms: Measured[]): Measured {
  type Num = Exclude<keyof Measured, 'cpu'>;
  const k = (f: Num) => median(ms.map((m) => m[f]));
  const sum = (f: Num) => ms.reduce((a, m) => a + m[f], 0);
  return {
    rps: k('rps'),
    p50: k('p50'),
    p975: k('p975'),
    p99: k('p99'),
    max: Math.max(...ms.map((m) => m.max)),
    ok: sum('ok'),
    errors: sum('errors'),
    non2xx: sum('non2xx'),
    timeouts: sum('timeouts'),
    ...(ms.every((m) => m.cpu)
      ? {
          cpu: {
            server: median(ms.map((m) => m.cpu!.server)),
            db: median(ms.map((m) => m.cpu!.db)),
            loader: median(ms.map((m) => m.cpu!.loader)),
            total: median(ms.map((m) => m.cpu!.total)),
          },
        }
      : {}),
  };
}

const range = (xs: number[]): [number, number] => [Math.min(...xs), Math.max(...xs)];

async function benchOne(kind: 'pglite' | 'postgres', loader: Loader, pgUrl?: string): Promise<DbResult> {
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
  const data = await bodyData(database, s.ctx.config.REGION_CODE);
  const [before] = await database.sql<{ n: number }[]>`select count(*)::int as n from cases`;
  const job = (p: string, seconds: number, withSessions: boolean): LoadJob => ({
    url: s.url,
    path: p,
    seconds,
    connections: CONNECTIONS,
    data,
    sessions: withSessions ? sessions : null,
  });
  const baselineRun = (seconds: number) =>
    withCpu(loader, () => loader.run(job('/bench/baseline', seconds, false)));
  const intakeRun = (seconds: number) =>
    withCpu(loader, () => loader.run(job('/api/public/opinions', seconds, true)));

  // Warm-up (JIT, plans, connections), then interleaved rounds with identical settings: odd rounds
  // measure the baseline first, even rounds the intake first.
  await baselineRun(WARMUP);
  await intakeRun(WARMUP);
  const runs: DbResult['runs'] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    let baseline: Measured;
    let intake: Measured;
    if (round % 2 === 1) {
      baseline = await baselineRun(SECONDS);
      intake = await intakeRun(SECONDS);
    } else {
      intake = await intakeRun(SECONDS);
      baseline = await baselineRun(SECONDS);
    }
    const ratio = intake.rps / baseline.rps;
    runs.push({ round, baseline, intake, ratio });
    console.log(
      `   [${kind}] round ${round}: baseline ${baseline.rps.toFixed(0)} req/s p99 ${baseline.p99} ms, ` +
        `intake ${intake.rps.toFixed(0)} req/s p99 ${intake.p99} ms, ${(ratio * 100).toFixed(0)} %`,
    );
    console.log(`       baseline ${fmtCpu(baseline.cpu)}; intake ${fmtCpu(intake.cpu)}`);
  }

  if (PROFILE) {
    await profiled(path.join(PROFILE, `${kind}-baseline.cpuprofile`), () => baselineRun(SECONDS));
    await profiled(path.join(PROFILE, `${kind}-intake.cpuprofile`), () => intakeRun(SECONDS));
  }

  const [after] = await database.sql<{ n: number }[]>`select count(*)::int as n from cases`;
  const drain = await measureDrain(database, DRAIN);
  console.log(
    `   [${kind}] after the load: ${drain.filed} of ${drain.backlogBefore} accepted submissions filed as cases ` +
      `in ${drain.seconds.toFixed(1)} s = ${drain.perSecond.toFixed(0)} cases/s (${drain.backlogAfter} still waiting)`,
  );
  await s.close();
  await database.close();
  await dropDb?.();
  fs.rmSync(dataDir, { recursive: true, force: true });
  const baseline = medianOf(runs.map((r) => r.baseline));
  const intake = medianOf(runs.map((r) => r.intake));
  const ratio = median(runs.map((r) => r.ratio));
  return {
    db: kind,
    runs,
    baseline,
    intake,
    ratio,
    spread: {
      ratio: range(runs.map((r) => r.ratio)),
      intakeP99: range(runs.map((r) => r.intake.p99)),
      baselineRps: range(runs.map((r) => r.baseline.rps)),
    },
    pass: {
      ratio: ratio >= TARGET_RATIO,
      p99: intake.p99 <= TARGET_P99,
      errors: intake.errors + intake.non2xx + intake.timeouts === 0,
    },
    casesCreated: after!.n - before!.n,
    drain,
  };
}

function table(results: DbResult[]): string {
  const head = `| database | route | req/s | p50 ms | p97.5 ms | p99 ms | max ms | 2xx | errors/non-2xx/timeouts |`;
  const sep = '|---|---|---:|---:|---:|---:|---:|---:|---|';
  const line = (db: string, route: string, m: Measured) =>
    `| ${db} | ${route} | ${m.rps.toFixed(0)} | ${m.p50} | ${m.p975} | ${m.p99} | ${m.max} | ${m.ok} | ${m.errors}/${m.non2xx}/${m.timeouts} |`;
  const rows = results.flatMap((r) => [
    line(r.db, `baseline: bare INSERT (median of ${r.runs.length})`, r.baseline),
    line(r.db, `POST /api/public/opinions (median of ${r.runs.length})`, r.intake),
  ]);
  const pct = (x: number) => `${(x * 100).toFixed(0)} %`;
  const verdicts = results.map(
    (r) =>
      `${r.db}: intake/baseline = ${pct(r.ratio)} (rounds ${pct(r.spread.ratio[0])}–${pct(r.spread.ratio[1])}; ` +
      `target ≥ ${TARGET_RATIO * 100} %: ${r.pass.ratio ? 'PASS' : 'FAIL'}), ` +
      `p99 ${r.intake.p99} ms (rounds ${r.spread.intakeP99[0]}–${r.spread.intakeP99[1]}; target ≤ ${TARGET_P99} ms: ${r.pass.p99 ? 'PASS' : 'FAIL'}), ` +
      `errors: ${r.pass.errors ? 'none' : 'SOME'}; ${r.casesCreated} cases filed during the run, ` +
      `then ${r.drain.perSecond.toFixed(0)} cases/s filed with no load (${r.drain.backlogAfter} of ${r.drain.backlogBefore} left after ${r.drain.seconds.toFixed(0)} s)` +
      (r.baseline.cpu && r.intake.cpu
        ? `\n   ${r.db} CPU per request (medians): baseline ${fmtCpu(r.baseline.cpu)}; intake ${fmtCpu(r.intake.cpu)}; ` +
          `intake costs ${(r.intake.cpu.total / r.baseline.cpu.total).toFixed(2)}× the baseline's CPU`
        : ''),
  );
  return [head, sep, ...rows, '', ...verdicts].join('\n');
}

async function main(): Promise<void> {
  const pgUrl = process.env.BENCH_PG_URL ?? process.env.DATABASE_URL;
  const only = process.env.BENCH_DB;
  console.log(
    `Portal intake vs bare-INSERT baseline: ${CONNECTIONS} connections, ${ROUNDS} interleaved rounds of ` +
      `${SECONDS} s per route (+${WARMUP} s warm-up), ${CITIZENS} citizens, job runner ${JOBS ? 'on' : 'off'}, ` +
      `load generator ${LOADER === 'child' ? 'in its own process' : "in the server's process"}, ` +
      `${os.cpus().length} CPUs, load average ${os.loadavg()[0]!.toFixed(1)}${APPLY ? `, applied ${APPLY}` : ''}`,
  );
  const results: DbResult[] = [];
  const loader = new Loader();
  try {
    if (only !== 'postgres') results.push(await benchOne('pglite', loader));
    if (only !== 'pglite') {
      if (pgUrl) results.push(await benchOne('postgres', loader, pgUrl));
      else console.log('   (set BENCH_PG_URL to also measure on a PostgreSQL server)');
    }
  } finally {
    loader.close();
  }
  console.log(`\n${table(results)}`);
  if (process.env.BENCH_JSON) {
    fs.writeFileSync(
      process.env.BENCH_JSON,
      JSON.stringify(
        {
          at: new Date().toISOString(),
          connections: CONNECTIONS,
          seconds: SECONDS,
          rounds: ROUNDS,
          loader: LOADER,
          apply: APPLY ?? null,
          results,
        },
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
