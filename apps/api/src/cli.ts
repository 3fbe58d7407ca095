import fs from 'node:fs';
import { appendAudit, verifyAuditChain } from './kernel/audit/audit';
import { systemActor } from './kernel/auth/actor';
import { ConfigError, loadConfig } from './kernel/config';
import { openDatabase } from './kernel/db/client';
import { EmbeddedDbError } from './kernel/db/embedded';
import { listYears, parseCalendarUpload, storeCalendarYear } from './modules/calendar/calendar.usecases';
import { isSeeded, seedDemoRegion } from './modules/demo/seed';
import { rotatePersonalData } from './modules/ops/pii-rotation';
import { createContext, prepareDatabase } from './server';

const usage = `Lianxin operator commands (run with the server stopped when using the embedded database):
  npm run cli -- migrate                      apply migrations and seed the published calendars
  npm run cli -- seed-demo                    load the demo district into an empty database
  npm run cli -- calendar list                list loaded years
  npm run cli -- calendar load YEAR FILE      load a year's official schedule (JSON) — e.g. 2027
  npm run cli -- audit verify                 verify the audit log's hash chain; exit 1 if broken
  npm run cli -- pii rotate                   re-encrypt personal data under the first key of PII_KEYS`;

async function main(argv: string[]): Promise<number> {
  const [cmd, sub, ...rest] = argv;
  if (!cmd || cmd === 'help' || cmd === '--help') {
    console.log(usage);
    return 0;
  }
  const config = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.dataDir });
  const ctx = createContext(config, database);
  try {
    await prepareDatabase(ctx);
    const actor = systemActor(config.REGION_CODE, `运维命令（${process.env.USER ?? 'operator'}）`);
    if (cmd === 'migrate') return 0;
    if (cmd === 'seed-demo') {
      if (await isSeeded(database.db, config.REGION_CODE)) console.log('demo region already loaded');
      else await seedDemoRegion(ctx);
      return 0;
    }
    if (cmd === 'calendar' && sub === 'list') {
      for (const y of await listYears(database.db))
        console.log(`${y.year}\t${y.workingDays} working days\t${y.source}`);
      return 0;
    }
    if (cmd === 'calendar' && sub === 'load') {
      const [yearArg, file] = rest;
      if (!yearArg || !file) throw new Error('usage: calendar load YEAR FILE');
      const input = parseCalendarUpload(JSON.parse(fs.readFileSync(file, 'utf8')), Number(yearArg));
      const now = ctx.clock.now();
      const workingDays = await database.db.transaction(async (tx) => {
        const n = await storeCalendarYear(tx, input, actor.label, now);
        await appendAudit(tx, actor, now, {
          action: 'calendar.load_year',
          targetType: 'calendar_year',
          targetId: String(input.year),
          details: { source: input.source, workingDays: n },
        });
        return n;
      });
      console.log(`loaded ${input.year}: ${workingDays} working days`);
      return 0;
    }
    if (cmd === 'audit' && sub === 'verify') {
      const r = await verifyAuditChain(database.db, config.REGION_CODE);
      console.log(
        r.ok
          ? `audit chain intact: ${r.checked} entries`
          : `audit chain BROKEN at entry ${r.firstBrokenSeq}: ${r.reason}`,
      );
      return r.ok ? 0 : 1;
    }
    if (cmd === 'pii' && sub === 'rotate') {
      const counts = await rotatePersonalData(ctx);
      for (const [column, n] of Object.entries(counts)) console.log(`${column}: ${n} re-encrypted`);
      return 0;
    }
    console.error(usage);
    return 2;
  } finally {
    await database.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    const details = (err as { details?: unknown }).details;
    console.error(
      err instanceof ConfigError || err instanceof EmbeddedDbError
        ? err.message
        : err instanceof Error
          ? err.message
          : String(err),
    );
    if (details) console.error(JSON.stringify(details, null, 2));
    process.exit(1);
  },
);
