/**
 * Roster import speed: rows per second for a generated 6,000-row workbook, reported against
 * baselines measured in the same run (reading the workbook; reading + validating every row).
 *
 *   npx tsx bench/roster-import.ts                       # embedded PGlite
 *   BENCH_PG_URL=postgres://postgres@127.0.0.1:5432/db npx tsx bench/roster-import.ts
 */
import type { Actor } from '../src/kernel/auth/actor';
import { loadConfig } from '../src/kernel/config';
import { openDatabase } from '../src/kernel/db/client';
import { createLogger } from '../src/kernel/logger';
import { seedDemoRegion } from '../src/modules/demo/seed';
import { readRoster } from '../src/modules/deputies/roster.excel';
import { rosterWorkbook } from '../src/modules/deputies/roster.fixtures';
import { importFinished, startRosterImport, validateRoster } from '../src/modules/deputies/roster.import';
import { findJurisdiction } from '../src/modules/jurisdictions/jurisdictions.repository';
import { createContext, prepareDatabase } from '../src/server';

const ROWS = Number(process.env.ROWS ?? 6000);
const database = await openDatabase(process.env.BENCH_PG_URL ? { url: process.env.BENCH_PG_URL } : {});
const ctx = createContext(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), database, {
  log: createLogger('silent'),
});
await prepareDatabase(ctx);
if (!(await findJurisdiction(database.db, ctx.config.REGION_CODE))) await seedDemoRegion(ctx);
const region = (await findJurisdiction(database.db, ctx.config.REGION_CODE))!;
const actor: Actor = {
  kind: 'staff',
  accountId: null,
  regionCode: region.code,
  label: 'bench',
  grants: [
    { role: 'congress_staff', scopeCode: region.code, scopePath: region.path, scopeName: region.name },
  ],
};
const town = `${region.code}101`;
const file = await rosterWorkbook({ count: ROWS, jurisdiction: town, phoneBase: Date.now() % 50_000_000 });

async function timed(label: string, fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  const s = (performance.now() - t) / 1000;
  console.log(
    `${label.padEnd(34)} ${s.toFixed(2).padStart(6)} s  ${Math.round(ROWS / s)
      .toLocaleString('en')
      .padStart(8)} rows/s`,
  );
  return s;
}

console.log(`roster import, ${ROWS} rows, ${(file.length / 1024).toFixed(0)} KB, ${database.kind}`);
const rows = await readRoster(file); // warm-up (JIT), so the first timing is not penalised
const read = await timed('read workbook (baseline 1)', () => readRoster(file));
const validate = await timed('read + validate (baseline 2)', async () => {
  const r = await readRoster(file);
  const v = await validateRoster(ctx, region.code, region, r);
  if (v.errors.length) throw new Error(JSON.stringify(v.errors.slice(0, 3)));
});
const full = await timed('full import (read+validate+write)', async () => {
  const { jobId } = await startRosterImport(ctx, actor, { file, mode: 'all_or_nothing' });
  await importFinished(jobId);
});
console.log(`rows parsed: ${rows.length}`);
console.log(
  `full / read = ${(full / read).toFixed(2)}x   full / validate = ${(full / validate).toFixed(2)}x`,
);
await database.close();
