import crypto from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { errorCode, signedIn, startTestServer } from '../../../test/harness';
import { auditLog } from '../db/kernel.schema';
import { canonicalJson, verifyAuditChain } from './audit';

const env = await startTestServer();
const { app, database } = env;
const { db, sql } = database;
const REGION = '310112';

/** What a tamperer with superuser rights can do: switch the append-only trigger off and back on. */
async function asTamperer(statements: (sql: typeof database.sql) => Promise<unknown>): Promise<void> {
  await sql.unsafe('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
  try {
    await statements(sql);
  } finally {
    await sql.unsafe('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update');
  }
}

async function entries() {
  return db.select().from(auditLog).where(eq(auditLog.regionCode, REGION)).orderBy(asc(auditLog.seq));
}

// Some audited actions: sign-ins, an account listing, a failed sign-in.
await signedIn(app, 'district');
await signedIn(app, 'security').then((c) => c.get('/api/accounts?q=qibao'));
await signedIn(app, 'admin');

describe('audit hash chain', () => {
  it('verifies after audited actions, directly and through POST /api/audit/verify', async () => {
    const direct = await verifyAuditChain(db, REGION);
    expect(direct).toMatchObject({ ok: true, firstBrokenSeq: null, reason: null });
    expect(direct.checked).toBeGreaterThanOrEqual(3);
    expect(direct.checked).toBe((await entries()).length);

    const auditor = await signedIn(app, 'auditor');
    const res = await auditor.post('/api/audit/verify');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ok: true, firstBrokenSeq: null, reason: null });
    // Verifying is itself audited, and the chain still holds with that entry.
    const last = (await entries()).at(-1)!;
    expect(last.action).toBe('audit.verify');
    expect((await verifyAuditChain(db, REGION)).ok).toBe(true);
  });

  it('refuses a plain UPDATE, DELETE or TRUNCATE of the log', async () => {
    await expect(sql.unsafe(`update audit_log set action = 'forged' where seq = 1`)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql.unsafe(`delete from audit_log where seq = 1`)).rejects.toThrow(/append-only/);
    await expect(sql.unsafe('truncate audit_log')).rejects.toThrow(/append-only/);
    expect((await entries())[0]!.action).not.toBe('forged');
  });

  it('reports the edited entry when a tamperer disables the trigger and changes its details', async () => {
    const rows = await entries();
    const victim = rows[Math.floor(rows.length / 2)]!;
    const original = victim.details;
    await asTamperer(
      (s) =>
        s`update audit_log set details = ${JSON.stringify({ forged: true })}::jsonb where region_code = ${REGION} and seq = ${victim.seq}`,
    );
    expect(await verifyAuditChain(db, REGION)).toMatchObject({
      ok: false,
      firstBrokenSeq: victim.seq,
      reason: '记录内容已被修改',
      checked: victim.seq - 1,
    });

    const auditor = await signedIn(app, 'auditor');
    expect((await auditor.post('/api/audit/verify')).json()).toMatchObject({
      ok: false,
      firstBrokenSeq: victim.seq,
      reason: '记录内容已被修改',
    });

    // Putting the original content back makes the chain whole again.
    await asTamperer(
      (s) =>
        s`update audit_log set details = ${JSON.stringify(original)}::jsonb where region_code = ${REGION} and seq = ${victim.seq}`,
    );
    expect((await verifyAuditChain(db, REGION)).ok).toBe(true);
  });

  it('reports the broken link at the next entry when a tamperer also recomputes the edited entry’s hash', async () => {
    const rows = await entries();
    const victim = rows[2]!;
    // A tamperer who has read the source recomputes the hash of the entry they changed…
    const forged = { ...victim, actorLabel: '他人' };
    const body = canonicalJson({
      regionCode: forged.regionCode,
      seq: forged.seq,
      at: forged.at.toISOString(),
      actorId: forged.actorId,
      actorLabel: forged.actorLabel,
      action: forged.action,
      targetType: forged.targetType,
      targetId: forged.targetId,
      jurisdictionCode: forged.jurisdictionCode,
      ip: forged.ip,
      requestId: forged.requestId,
      details: forged.details,
    });
    const hash = crypto.createHash('sha256').update(forged.prevHash).update(body).digest('hex');
    await asTamperer(
      (s) =>
        s`update audit_log set actor_label = ${forged.actorLabel}, hash = ${hash} where region_code = ${REGION} and seq = ${victim.seq}`,
    );
    // …so that entry checks out, but the next one no longer links to it.
    expect(await verifyAuditChain(db, REGION)).toMatchObject({
      ok: false,
      firstBrokenSeq: victim.seq + 1,
      reason: '与上一条记录的链接不一致',
    });
    await asTamperer(
      (s) =>
        s`update audit_log set actor_label = ${victim.actorLabel}, hash = ${victim.hash} where region_code = ${REGION} and seq = ${victim.seq}`,
    );
    expect((await verifyAuditChain(db, REGION)).ok).toBe(true);
  });

  it('reports a deleted middle entry as missing', async () => {
    const rows = await entries();
    const victim = rows[3]!;
    await asTamperer((s) => s`delete from audit_log where region_code = ${REGION} and seq = ${victim.seq}`);
    expect(await verifyAuditChain(db, REGION)).toMatchObject({
      ok: false,
      firstBrokenSeq: victim.seq,
      reason: `缺少第 ${victim.seq} 条记录`,
    });
    const auditor = await signedIn(app, 'auditor');
    expect((await auditor.post('/api/audit/verify')).json()).toMatchObject({
      ok: false,
      firstBrokenSeq: victim.seq,
    });
    // Re-inserting the very same row (inserts are allowed) restores the chain.
    await db.insert(auditLog).values(victim);
    expect((await verifyAuditChain(db, REGION)).ok).toBe(true);
  });
});

describe('GET /api/audit', () => {
  it('pages backwards through the log without gaps or overlaps', async () => {
    const auditor = await signedIn(app, 'auditor');
    const all = (await entries()).map((e) => e.seq).reverse();
    const seen: number[] = [];
    let before: number | null = null;
    for (let page = 0; page < 1000; page++) {
      const res = await auditor.get(`/api/audit?limit=3${before ? `&before=${before}` : ''}`);
      expect(res.statusCode).toBe(200);
      const body = res.json() as { items: Array<{ seq: number; action: string }>; nextBefore: number | null };
      expect(body.items.length).toBeLessThanOrEqual(3);
      seen.push(...body.items.map((i) => i.seq));
      before = body.nextBefore;
      if (before === null) break;
    }
    // Strictly decreasing, and every entry that existed before paging was listed exactly once.
    expect(seen.every((seq, i) => i === 0 || seq < seen[i - 1]!)).toBe(true);
    expect(seen.filter((seq) => seq <= all[0]!)).toEqual(all);
  });

  it('filters by action prefix', async () => {
    const auditor = await signedIn(app, 'auditor');
    const res = await auditor.get('/api/audit?action=audit.&limit=200');
    const items = res.json().items as Array<{ action: string }>;
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => i.action.startsWith('audit.'))).toBe(true);
  });

  it('is only for the audit administrator', async () => {
    for (const username of ['admin', 'security', 'district', 'qibao']) {
      const res = await (await signedIn(app, username)).get('/api/audit');
      expect(res.statusCode, username).toBe(403);
      expect(errorCode(res)).toBe('auth.forbidden');
      expect((await (await signedIn(app, username)).post('/api/audit/verify')).statusCode, username).toBe(
        403,
      );
    }
  });
});

describe('audit entries of the chain', () => {
  it('links every entry to the previous one', async () => {
    const rows = await entries();
    expect(rows[0]!.prevHash).toBe('0'.repeat(64));
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prevHash).toBe(rows[i - 1]!.hash);
    expect(new Set(rows.map((r) => r.seq)).size).toBe(rows.length);
    expect(rows.every((r, i) => r.seq === i + 1)).toBe(true);
  });
});
