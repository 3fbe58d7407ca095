/**
 * Recount of 履职积分 for a whole congress-year from scratch (issue 6 target: 6,000 deputies over
 * a year with ≥ 200k activities in ≤ 2 s on PostgreSQL), against a baseline measured in the same
 * run on the same data: one bare `SELECT deputy_id, key, count(*) … GROUP BY` over the same
 * evidence (reading every evidence row once, which any recount must do).
 *
 *   BENCH_PG_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:points
 *   npm run bench:points -- --db=pglite
 *
 * The recount is the real path: `rebuildTallies` (one INSERT … SELECT … GROUP BY, fully joined with
 * the stored tallies, writing only rows that differ) in a transaction, then `scoresOf` (mandates,
 * tallies, adjustments and rule set loaded, every deputy scored by the points engine with prorating
 * and caps). Nothing is re-implemented here. Two cases per run: `recount` with the tallies as the
 * listeners left them (the check that they are right), and `cold` after the congress-year's
 * tallies were deleted (untimed), so every one of them is written again.
 *
 * Flags: --db=postgres|pglite|both (default: postgres when BENCH_PG_URL or DATABASE_URL is set,
 * else pglite); --deputies=6000; --activities=200000; --runs=7 timed runs (after 2 warm-up runs;
 * the median is reported); --keep keeps the generated database (PostgreSQL `lx_bench_points`,
 * PGlite data/bench/points) and --reuse measures on a kept one; --json=<file> writes the results.
 *
 * Generated data (server-side `INSERT … SELECT generate_series`, deterministic): deputies spread
 * over 14 townships, 2 % elected mid-year and 1.5 % leaving in the autumn (prorated); activities
 * over 2025 with a realistic spread of kinds (receptions, grid visits and field notes by one deputy;
 * inspections, research, trainings and meetings with 5; one 人代会 with every deputy), 2.5 %
 * pending and 1 % rejected; attendance of group activities 90 % present / 6 % excused / 4 %
 * absent; evidence rows exactly as `syncActivityEvidence` writes them (checked on a sample by
 * running the real listener code against the generated rows), plus suggestion evidence (1–3 led
 * per deputy, 70 % registered, 25 % A results, 5 % key, co-signatures) and opinions followed to
 * 满意; 1 % of deputies with a year-end adjustment; tallies as the incremental side left them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql as dsql } from 'drizzle-orm';
import postgres from 'postgres';
import { type Database, type Executor, openDatabase } from '../src/kernel/db/client';
import { runMigrations } from '../src/kernel/db/migrate';
import { rebuildTallies, syncActivityEvidence } from '../src/modules/activities/evidence';
import { scoresOf } from '../src/modules/activities/points.usecases';

const { values: args } = parseArgs({
  options: {
    db: { type: 'string' },
    deputies: { type: 'string', default: '6000' },
    activities: { type: 'string', default: '200000' },
    runs: { type: 'string', default: '7' },
    keep: { type: 'boolean', default: false },
    reuse: { type: 'boolean', default: false },
    json: { type: 'string' },
  },
});
const DEPUTIES = Number(args.deputies);
const ACTIVITIES = Number(args.activities);
const RUNS = Number(args.runs);
const WARMUP = 2;
const TARGET_MS = 2000;
const RC = '310112';
const CONGRESS = '310112';
const YEAR = 2025;
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Individual kinds (one deputy, always present) and group kinds (5 deputies, attendance taken). */
const KINDS = [
  ...Array(5).fill('reception'),
  ...Array(6).fill('contact'),
  ...Array(2).fill('station_duty'),
  ...Array(3).fill('field_note'),
  'mediation',
  'volunteer',
  'inspection',
  'research',
  'law_enforcement',
  'training',
  ...Array(2).fill('meeting'),
];
const GROUP = ['inspection', 'research', 'law_enforcement', 'training', 'meeting'];

async function generate(database: Database, log: (s: string) => void) {
  const sql = database.sql;
  const step = async (label: string, text: string) => {
    const t = performance.now();
    await sql.unsafe(text).simple();
    log(`   ${label.padEnd(40)} ${((performance.now() - t) / 1000).toFixed(1)} s`);
  };
  const kinds = `array[${KINDS.map((k) => `'${k}'`).join(',')}]`;
  const group = `array[${GROUP.map((k) => `'${k}'`).join(',')}]`;
  const dep = (expr: string) => `md5('d' || (${expr}))::uuid`;
  await step(
    `${DEPUTIES} deputies and mandates`,
    `
    insert into deputies (region_code, id, jurisdiction_code, name, gender, created_at)
      select '${RC}', ${dep('g')}, '${RC}' || lpad((1 + g % 14)::text, 3, '0'), '生成代表' || g,
        case when g % 2 = 0 then '男' else '女' end, now()
      from generate_series(1, ${DEPUTIES}) g;
    insert into deputy_mandates (region_code, id, deputy_id, level, congress_jurisdiction_code, term,
        started_on, ended_on)
      select '${RC}', md5('m' || g)::uuid, ${dep('g')}, 'county', '${CONGRESS}', 18,
        case when g % 50 = 0 then date '${YEAR}-07-01' else date '2022-01-01' end,
        case when g % 67 = 0 then date '${YEAR}-09-30' end
      from generate_series(1, ${DEPUTIES}) g;`,
  );
  await step(
    `${ACTIVITIES.toLocaleString('en')} activities + participants`,
    `
    create temporary table bench_a as
      select g, md5('a' || g)::uuid as id,
        case when g = 1 then 'session' else (${kinds})[1 + ((g::bigint * 7919) % ${KINDS.length})::int] end as kind,
        date '${YEAR}-01-01' + ((g::bigint * 104729) % 365)::int as day,
        case when g % 40 = 0 then 'pending' when g % 100 = 3 then 'rejected' else 'confirmed' end as status
      from generate_series(1, ${ACTIVITIES}) g;
    insert into activities (region_code, id, congress_code, jurisdiction_code, jurisdiction_path, kind,
        title, day, status, origin, created_at)
      select '${RC}', id, '${CONGRESS}', '${RC}', '/31/3101/${RC}/', kind, kind || ' ' || g, day, status,
        case when kind = any(${group}) or kind = 'session' then 'staff' else 'deputy' end, now()
      from bench_a;
    insert into activity_participants (region_code, activity_id, deputy_id, attendance)
      select '${RC}', a.id, ${dep(`1 + (a.g * 31 + j * 977) % ${DEPUTIES}`)},
        case when not (a.kind = any(${group}) or a.kind = 'session') then 'present'
          when (a.g * 13 + j * 7) % 50 < 2 then 'absent'
          when (a.g * 13 + j * 7) % 50 < 5 then 'excused'
          else 'present' end
      from bench_a a
      cross join lateral generate_series(0,
        case when a.kind = 'session' then ${DEPUTIES - 1} when a.kind = any(${group}) then 4 else 0 end) j;`,
  );
  // Exactly syncActivityEvidence's rule: confirmed only; present → activity.<kind>, absent →
  // absence.<kind>, excused → nothing (verified on a sample below).
  await step(
    'activity evidence',
    `
    insert into point_evidence (region_code, id, deputy_id, congress_code, year, day, key, ref_type,
        ref_id, label, created_at)
      select '${RC}', md5('e' || a.id || p.deputy_id)::uuid, p.deputy_id, a.congress_code,
        extract(year from a.day)::int, a.day,
        case when p.attendance = 'present' then 'activity.' else 'absence.' end || a.kind,
        'activity', a.id::text, case when p.attendance = 'present' then a.title else '缺席：' || a.title end, now()
      from activities a
      join activity_participants p on p.region_code = a.region_code and p.activity_id = a.id
      where a.region_code = '${RC}' and a.status = 'confirmed' and p.attendance <> 'excused';`,
  );
  await step(
    'suggestion and opinion evidence',
    `
    insert into point_evidence (region_code, id, deputy_id, congress_code, year, day, key, ref_type,
        ref_id, label, created_at)
      select '${RC}', gen_random_uuid(), ${dep('d')}, '${CONGRESS}', ${YEAR},
        date '${YEAR}-01-01' + ((d * 211 + n * 37) % 365), x.key, x.ref_type,
        md5(x.ref_type || d || '-' || n || x.key)::text, x.key || ' ' || n, now()
      from generate_series(1, ${DEPUTIES}) d
      cross join lateral generate_series(1, 1 + d % 3) n
      cross join lateral (values
        ('suggestion.submitted', 'suggestion', true),
        ('suggestion.registered', 'suggestion', (d + n) % 10 < 7),
        ('suggestion.result_a', 'suggestion', (d + n) % 4 = 0),
        ('suggestion.key', 'suggestion', (d * n) % 20 = 0),
        ('suggestion.cosigned', 'suggestion', true),
        ('opinion.satisfied', 'opinion', (d + 2 * n) % 3 > 0)
      ) as x(key, ref_type, keep)
      where x.keep;
    insert into point_adjustments (region_code, id, deputy_id, congress_code, year, points, reason, created_at)
      select '${RC}', md5('adj' || g)::uuid, ${dep('g')}, '${CONGRESS}', ${YEAR}, 5, '社区居民代表年终核定', now()
      from generate_series(1, ${DEPUTIES}, 100) g;`,
  );
  await step(
    'incremental tallies (as the listeners left them)',
    `
    insert into point_tallies (region_code, congress_code, year, deputy_id, key, count)
      select region_code, congress_code, year, deputy_id, key, count(*)::int from point_evidence
      group by region_code, congress_code, year, deputy_id, key;`,
  );
  await step('analyze', 'analyze');
}

/** The generated evidence is what the real listener writes: on a sample, it finds nothing to change. */
async function checkSample(database: Database) {
  const { db } = database;
  const sample = await database.sql<{ id: string }[]>`
    select id::text from activities where region_code = ${RC} order by md5(id::text) limit 300`;
  const ids = dsql.join(
    sample.map((s) => dsql`${s.id}`),
    dsql`, `,
  );
  const snapshot = async (exec: Executor) =>
    (
      await exec.execute<{ n: number; h: string }>(dsql`
        select count(*)::int as n,
          md5(string_agg(deputy_id || key || ref_id || day, ',' order by deputy_id, key, ref_id)) as h
        from point_evidence where region_code = ${RC} and ref_type = 'activity' and ref_id in (${ids})`)
    )[0]!;
  const before = await snapshot(db);
  let after = before;
  await db
    .transaction(async (tx) => {
      for (const s of sample) await syncActivityEvidence(tx, RC, s.id, new Date());
      after = await snapshot(tx);
      throw new Rollback();
    })
    .catch((e: unknown) => {
      if (!(e instanceof Rollback)) throw e;
    });
  if (before.n !== after.n || before.h !== after.h)
    throw new Error(
      `generated evidence differs from syncActivityEvidence: ${JSON.stringify({ before, after })}`,
    );
  return before.n;
}
class Rollback extends Error {}

async function benchOne(kind: 'postgres' | 'pglite', adminUrl?: string) {
  console.log(
    `\n== ${kind}: ${DEPUTIES.toLocaleString('en')} deputies, ${ACTIVITIES.toLocaleString('en')} activities in ${YEAR} ==`,
  );
  let database: Database;
  let drop: () => Promise<void>;
  let fresh = true;
  const name = 'lx_bench_points';
  if (kind === 'postgres') {
    const admin = postgres(adminUrl!, { max: 1, onnotice: () => {} });
    const [kept] = await admin`select 1 as x from pg_database where datname = ${name}`;
    fresh = !(args.reuse && kept);
    if (fresh) {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.unsafe(`create database ${name}`);
    }
    const u = new URL(adminUrl!);
    u.pathname = `/${name}`;
    database = await openDatabase({ url: u.toString(), poolSize: 4 });
    drop = async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  } else {
    const dir = path.join(repoRoot, 'data', 'bench', 'points');
    fresh = !(args.reuse && fs.existsSync(path.join(dir, '.generated')));
    if (fresh) fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    database = await openDatabase({ dataDir: path.join(dir, 'db') });
    drop = async () => fs.rmSync(dir, { recursive: true, force: true });
  }
  const t0 = performance.now();
  if (fresh) {
    await runMigrations(database.db);
    console.log('   generating:');
    await generate(database, console.log);
    if (kind === 'pglite') fs.writeFileSync(path.join(repoRoot, 'data', 'bench', 'points', '.generated'), '');
  } else console.log('   reusing the kept database');
  const generatedIn = (performance.now() - t0) / 1000;
  const checked = await checkSample(database);
  const [size] = await database.sql<
    { activities: number; participants: number; evidence: number; tallies: number; deputies: number }[]
  >`select (select count(*)::int from activities) as activities,
      (select count(*)::int from activity_participants) as participants,
      (select count(*)::int from point_evidence) as evidence,
      (select count(*)::int from point_tallies) as tallies,
      (select count(*)::int from deputies) as deputies`;
  console.log(`   generated in ${generatedIn.toFixed(0)} s: ${JSON.stringify(size)}`);
  console.log(
    `   sample of 300 activities: syncActivityEvidence finds the ${checked} generated rows unchanged`,
  );

  const { db, sql } = database;
  const baseline = async () => {
    const rows = await sql`
      select deputy_id, key, count(*)::int as n from point_evidence
      where region_code = ${RC} and congress_code = ${CONGRESS} and year = ${YEAR}
      group by deputy_id, key`;
    return rows.length;
  };
  const before = await scoresOf(db, RC, CONGRESS, YEAR);
  const rebuild = () => db.transaction((tx) => rebuildTallies(tx, RC, CONGRESS, YEAR));
  const score = async () => (await scoresOf(db, RC, CONGRESS, YEAR)).rows.length;
  const times = {
    baseline: [] as number[],
    rebuild: [] as number[],
    score: [] as number[],
    recount: [] as number[],
    cold: [] as number[],
  };
  const wipe = () =>
    sql`delete from point_tallies where region_code = ${RC} and congress_code = ${CONGRESS} and year = ${YEAR}`;
  let scored = 0;
  for (let i = 0; i < WARMUP + RUNS; i++) {
    // Interleaved, so a busy moment of the shared machine falls on both sides.
    let t = performance.now();
    await baseline();
    const b = performance.now() - t;
    t = performance.now();
    await rebuild();
    const r = performance.now() - t;
    t = performance.now();
    scored = await score();
    const s = performance.now() - t;
    await wipe();
    t = performance.now();
    await rebuild();
    await score();
    const c = performance.now() - t;
    if (i < WARMUP) continue;
    times.cold.push(c);
    times.baseline.push(b);
    times.rebuild.push(r);
    times.score.push(s);
    times.recount.push(r + s);
  }
  const after = await scoresOf(db, RC, CONGRESS, YEAR);
  const same = JSON.stringify(before.rows) === JSON.stringify(after.rows);
  const m = {
    baseline: median(times.baseline),
    rebuild: median(times.rebuild),
    score: median(times.score),
    recount: median(times.recount),
    cold: median(times.cold),
  };
  const totals = after.rows.map((r) => r.score.total);
  console.log(
    `   scored ${scored} deputies (totals ${Math.min(...totals)}–${Math.max(...totals)}, sum ${Math.round(totals.reduce((a, b) => a + b, 0) * 100) / 100}); recount equals the incremental tallies: ${same}`,
  );
  console.log(
    `   medians of ${RUNS} runs (ms): ${JSON.stringify(Object.fromEntries(Object.entries(m).map(([k, v]) => [k, Math.round(v)])))}`,
  );
  console.log(
    `   all runs (ms): recount ${times.recount.map((x) => Math.round(x)).join(', ')}; cold ${times.cold.map((x) => Math.round(x)).join(', ')}; baseline ${times.baseline.map((x) => Math.round(x)).join(', ')}`,
  );
  for (const [label, v] of [
    ['recount', m.recount],
    ['cold recount', m.cold],
  ] as const)
    console.log(
      `   ${label} ${Math.round(v)} ms = ${(v / m.baseline).toFixed(1)} × the bare GROUP BY (${Math.round(m.baseline)} ms); target ≤ ${TARGET_MS} ms: ${v <= TARGET_MS ? 'met' : 'MISSED'}`,
    );
  if (!same) process.exitCode = 1;
  await database.close();
  if (!args.keep) await drop();
  return {
    kind,
    size,
    generatedSeconds: generatedIn,
    medians: m,
    runs: times,
    scored,
    recountEqualsIncremental: same,
  };
}

const pgUrl = process.env.BENCH_PG_URL ?? process.env.DATABASE_URL;
const which = args.db ?? (pgUrl ? 'postgres' : 'pglite');
const results = [];
if (which === 'postgres' || which === 'both') {
  if (!pgUrl) throw new Error('set BENCH_PG_URL (or DATABASE_URL) to a PostgreSQL server');
  results.push(await benchOne('postgres', pgUrl));
}
if (which === 'pglite' || which === 'both') results.push(await benchOne('pglite'));
if (args.json) fs.writeFileSync(args.json, JSON.stringify(results, null, 2));
