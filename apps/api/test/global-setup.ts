import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { TestClock } from '../src/kernel/clock';
import { loadConfig } from '../src/kernel/config';
import { openDatabase } from '../src/kernel/db/client';
import { createLogger } from '../src/kernel/logger';
import { seedDemoRegion } from '../src/modules/demo/seed';
import { createContext, prepareDatabase } from '../src/server';

/**
 * Builds one migrated, seeded template per run; every test file then gets its own copy:
 *  - PGlite: a dumpDataDir tarball each file loads into a fresh in-memory instance;
 *  - PostgreSQL (DATABASE_URL set): a template database each file clones with CREATE DATABASE … TEMPLATE.
 */
declare module 'vitest' {
  export interface ProvidedContext {
    dbTemplate: { kind: 'pglite'; dump: string } | { kind: 'postgres'; adminUrl: string; template: string };
    statsFile: string;
  }
}

/** The template is seeded at the harness's default test time, so demo data relative to "today"
 * (checklist dates, reception rules, plans) is the same in every run. */
const seedClock = () => new TestClock('2026-03-02T08:00:00+08:00');

export default async function setup(project: TestProject) {
  const started = Date.now();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-test-'));
  const statsFile = path.join(tmp, 'stats.jsonl');
  const url = process.env.DATABASE_URL;
  let teardown: () => Promise<void>;
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });

  if (url) {
    const template = `lx_tpl_${process.pid}_${Date.now().toString(36)}`;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${template}`);
    const tplUrl = new URL(url);
    tplUrl.pathname = `/${template}`;
    const database = await openDatabase({ url: tplUrl.toString(), poolSize: 2 });
    const ctx = createContext(config, database, { log: createLogger('silent'), clock: seedClock() });
    await prepareDatabase(ctx);
    await seedDemoRegion(ctx);
    await database.close();
    project.provide('dbTemplate', { kind: 'postgres', adminUrl: url, template });
    teardown = async () => {
      // Per-file databases are dropped by their files; drop any left over by a crashed worker.
      const left = await admin`select datname from pg_database where datname like ${`lx_t_${process.pid}_%`}`;
      for (const r of left) await admin.unsafe(`drop database if exists ${r.datname} with (force)`);
      await admin.unsafe(`drop database if exists ${template} with (force)`);
      await admin.end();
    };
  } else {
    const database = await openDatabase({});
    const ctx = createContext(config, database, { log: createLogger('silent'), clock: seedClock() });
    await prepareDatabase(ctx);
    await seedDemoRegion(ctx);
    const dump = path.join(tmp, 'template.tar');
    await database.embedded!.dump(dump);
    await database.close();
    project.provide('dbTemplate', { kind: 'pglite', dump });
    teardown = async () => {};
  }
  project.provide('statsFile', statsFile);
  const templateMs = Date.now() - started;

  return async () => {
    await teardown();
    const stats = fs.existsSync(statsFile)
      ? fs
          .readFileSync(statsFile, 'utf8')
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as { ms: number })
      : [];
    const mean = stats.length ? Math.round(stats.reduce((s, x) => s + x.ms, 0) / stats.length) : 0;
    process.stdout.write(
      `\n[db harness] ${url ? 'PostgreSQL' : 'PGlite'}: migrated+seeded template in ${templateMs} ms; ` +
        `${stats.length} isolated databases, mean ${mean} ms each\n`,
    );
    fs.rmSync(tmp, { recursive: true, force: true });
  };
}
