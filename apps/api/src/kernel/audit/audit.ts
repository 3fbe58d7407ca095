import crypto from 'node:crypto';
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Actor } from '../auth/actor';
import type { Executor } from '../db/client';
import { auditLog } from '../db/kernel.schema';

export interface AuditEntry {
  action: string;
  targetType?: string;
  targetId?: string;
  jurisdictionCode?: string;
  details?: Record<string, unknown>;
}

const GENESIS = '0'.repeat(64);

/** Stable JSON: keys sorted, so a row read back from jsonb hashes to the same value. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

type Row = typeof auditLog.$inferSelect;

function entryHash(r: Omit<Row, 'hash'>): string {
  const body = canonicalJson({
    regionCode: r.regionCode,
    seq: r.seq,
    at: r.at.toISOString(),
    actorId: r.actorId,
    actorLabel: r.actorLabel,
    action: r.action,
    targetType: r.targetType,
    targetId: r.targetId,
    jurisdictionCode: r.jurisdictionCode,
    ip: r.ip,
    requestId: r.requestId,
    details: r.details,
  });
  return crypto.createHash('sha256').update(r.prevHash).update(body).digest('hex');
}

/**
 * Appends one entry to the region's chain. Must run inside the transaction of the change it
 * records, so the entry exists exactly when the change does. Entries are serialised per region
 * with a transaction-scoped advisory lock (the chain needs a total order).
 */
export async function appendAudit(tx: Executor, actor: Actor, at: Date, entry: AuditEntry): Promise<number> {
  const region = actor.regionCode;
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`audit:${region}`}))`);
  const [last] = await tx
    .select({ seq: auditLog.seq, hash: auditLog.hash })
    .from(auditLog)
    .where(eq(auditLog.regionCode, region))
    .orderBy(sql`${auditLog.seq} desc`)
    .limit(1);
  const row: Omit<Row, 'hash'> = {
    regionCode: region,
    seq: (last?.seq ?? 0) + 1,
    at,
    actorId: actor.accountId,
    actorLabel: actor.label,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    jurisdictionCode: entry.jurisdictionCode ?? null,
    ip: actor.ip ?? null,
    requestId: actor.requestId ?? null,
    details: JSON.parse(JSON.stringify(entry.details ?? {})),
    prevHash: last?.hash ?? GENESIS,
  };
  await tx.insert(auditLog).values({ ...row, hash: entryHash(row) });
  return row.seq;
}

export interface ChainReport {
  ok: boolean;
  checked: number;
  firstBrokenSeq: number | null;
  reason: string | null;
}

/** Walks the chain in order and reports the first entry whose link or content does not hold. */
export async function verifyAuditChain(
  exec: Executor,
  regionCode: string,
  batch = 2000,
): Promise<ChainReport> {
  let prevHash = GENESIS;
  let expectedSeq = 1;
  let checked = 0;
  for (;;) {
    const rows = await exec
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.regionCode, regionCode), gt(auditLog.seq, expectedSeq - 1)))
      .orderBy(asc(auditLog.seq))
      .limit(batch);
    for (const r of rows) {
      const broken = (reason: string): ChainReport => ({ ok: false, checked, firstBrokenSeq: r.seq, reason });
      if (r.seq !== expectedSeq)
        return { ...broken(`缺少第 ${expectedSeq} 条记录`), firstBrokenSeq: expectedSeq };
      if (r.prevHash !== prevHash) return broken('与上一条记录的链接不一致');
      if (entryHash(r) !== r.hash) return broken('记录内容已被修改');
      prevHash = r.hash;
      expectedSeq++;
      checked++;
    }
    if (rows.length < batch) return { ok: true, checked, firstBrokenSeq: null, reason: null };
  }
}
