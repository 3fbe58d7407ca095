import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/harness';
import { EmbeddedDbError, type EmbeddedServer, startEmbedded } from './embedded';
import { auditLog } from './kernel.schema';

const { database, drop } = await openTestDatabase();
afterAll(async () => {
  await database.close();
  await drop();
});

describe(`int8 comes back as a JS number (${database.kind})`, () => {
  it('for count(*), through drizzle and the raw driver', async () => {
    const [a] = await database.db.select({ n: sql<number>`count(*)` }).from(auditLog);
    expect(typeof a!.n).toBe('number');
    const [b] = (await database.db.execute(
      sql`select count(*) as n from jurisdictions`,
    )) as unknown as Array<{ n: unknown }>;
    expect(typeof b!.n).toBe('number');
    expect(b!.n as number).toBeGreaterThan(100);
    const [c] = await database.sql`select count(*) as n, 9007199254740991::int8 as max, (-42)::bigint as neg`;
    expect(c).toEqual({ n: 1, max: Number.MAX_SAFE_INTEGER, neg: -42 });
  });

  it('for a bigserial RETURNING, and a bigint parameter round trip', async () => {
    const table = `lx_int8_${process.pid}`;
    await database.sql.unsafe(`create table ${table} (id bigserial primary key, v bigint not null)`);
    try {
      await database.sql.unsafe(`select setval('${table}_id_seq', 5000000000)`);
      const rows = await database.sql.unsafe(
        `insert into ${table} (v) values ($1), ($2) returning id, v`,
        [1234567890123, -7],
      );
      expect(rows.map((r) => [typeof r.id, typeof r.v])).toEqual([
        ['number', 'number'],
        ['number', 'number'],
      ]);
      expect(rows.map((r) => r.id)).toEqual([5000000001, 5000000002]);
      expect(rows.map((r) => r.v)).toEqual([1234567890123, -7]);
      const viaDrizzle = (await database.db.execute(
        sql.raw(`insert into ${table} (v) values (1) returning id`),
      )) as unknown as Array<{ id: unknown }>;
      expect(viaDrizzle[0]!.id).toBe(5000000003);
      // A bigint parameter is accepted too.
      const [got] = await database.sql.unsafe(`select v from ${table} where v = $1`, [
        BigInt(1234567890123) as unknown as number,
      ]);
      expect(got!.v).toBe(1234567890123);
    } finally {
      await database.sql.unsafe(`drop table ${table}`);
    }
  });

  it('for audit_log.seq read through the schema', async () => {
    const rows = await database.db.select({ seq: auditLog.seq }).from(auditLog).limit(3);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(typeof r.seq).toBe('number');
  });
});

describe.runIf(database.kind === 'pglite')('the embedded database guards its data folder', () => {
  const dirs: string[] = [];
  const started: EmbeddedServer[] = [];
  const tempDir = () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-lock-'));
    dirs.push(d);
    return d;
  };
  afterAll(async () => {
    for (const s of started) await s.stop();
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it('refuses a second server on the same folder with db.locked, and reopens after the first stops', {
    timeout: 60_000,
  }, async () => {
    const dataDir = tempDir();
    const first = await startEmbedded({ dataDir });
    started.push(first);
    const lock = path.join(dataDir, '.lianxin.lock');
    expect(fs.readFileSync(lock, 'utf8')).toBe(String(first.child.pid));

    const err = await startEmbedded({ dataDir }).then(
      (s) => {
        started.push(s);
        return undefined;
      },
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(EmbeddedDbError);
    expect((err as EmbeddedDbError).code).toBe('db.locked');
    expect((err as EmbeddedDbError).message).toMatch(/[\u4e00-\u9fa5]/);
    expect((err as EmbeddedDbError).message).toContain(String(first.child.pid));
    // The refused start left the first server's lock alone.
    expect(fs.readFileSync(lock, 'utf8')).toBe(String(first.child.pid));

    await first.stop();
    expect(fs.existsSync(lock)).toBe(false);
    const again = await startEmbedded({ dataDir });
    started.push(again);
    expect(fs.readFileSync(lock, 'utf8')).toBe(String(again.child.pid));
    await again.stop();
  });

  it('takes over a stale lock left by a dead process', { timeout: 60_000 }, async () => {
    const dataDir = tempDir();
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    expect(() => process.kill(dead, 0)).toThrow();
    fs.writeFileSync(path.join(dataDir, '.lianxin.lock'), String(dead));
    const s = await startEmbedded({ dataDir });
    started.push(s);
    expect(fs.readFileSync(path.join(dataDir, '.lianxin.lock'), 'utf8')).toBe(String(s.child.pid));
    await s.stop();
  });
});
