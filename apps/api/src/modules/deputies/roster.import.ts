import { and, eq, inArray, lt } from 'drizzle-orm';
import { appendAudit } from '../../kernel/audit/audit';
import { type Actor, assertCan } from '../../kernel/auth/actor';
import type { AppContext } from '../../kernel/context';
import type { Executor, Tx } from '../../kernel/db/client';
import { uuidv7 } from '../../kernel/ids';
import { findJurisdiction, type Jurisdiction } from '../jurisdictions/jurisdictions.repository';
import { deputiesErrors } from './deputies.model';
import { deputies, deputyGrids, deputyMandates, importJobs } from './deputies.schema';
import { congressCodeFor, IMPORT_ROLES, resolveScope } from './deputies.scope';
import { type RosterRow, readRoster } from './roster.excel';
import { type CleanRow, loadLookups, type RowError, registeredPhones, validateRow } from './roster.validate';

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
const BATCH = 500;
const MAX_STORED_ERRORS = 2000;
export type ImportMode = 'all_or_nothing' | 'clean_rows';

/** Imports still running in this process (tests and the bench await them). */
const running = new Map<string, Promise<void>>();
export const importFinished = (jobId: string): Promise<void> => running.get(jobId) ?? Promise.resolve();

/**
 * Reads the workbook, opens an `import_jobs` row and processes it in the background: the caller
 * gets the job id at once and polls its progress.
 */
export async function startRosterImport(
  ctx: AppContext,
  actor: Actor,
  input: { file: Buffer; mode: ImportMode; scope?: string },
): Promise<{ jobId: string; total: number }> {
  if (input.file.length > MAX_UPLOAD_BYTES) throw deputiesErrors.file_too_large();
  const { db } = ctx.database;
  const scope = await resolveScope(db, actor, IMPORT_ROLES, input.scope);
  const rows = await readRoster(input.file);
  if (rows.length === 0) throw deputiesErrors.file_unreadable(undefined, '文件中没有可导入的数据行');
  const now = ctx.clock.now();
  const jobId = uuidv7(now.getTime());
  await db.transaction(async (tx) => {
    await tx.insert(importJobs).values({
      regionCode: actor.regionCode,
      id: jobId,
      kind: 'deputies.roster',
      jurisdictionCode: scope.code,
      mode: input.mode,
      status: 'validating',
      total: rows.length,
      createdBy: actor.accountId,
      createdAt: now,
    });
    await appendAudit(tx, actor, now, {
      action: 'deputies.import_started',
      targetType: 'import_job',
      targetId: jobId,
      jurisdictionCode: scope.code,
      details: { rows: rows.length, mode: input.mode, bytes: input.file.length },
    });
  });
  const job = runImport(ctx, actor, jobId, scope, rows, input.mode)
    .catch(async (err) => {
      ctx.log.error({ jobId, err: String(err) }, 'roster import failed');
      await setJob(db, actor.regionCode, jobId, { status: 'failed', finishedAt: ctx.clock.now() });
    })
    .finally(() => running.delete(jobId));
  running.set(jobId, job);
  return { jobId, total: rows.length };
}

async function setJob(
  exec: Executor,
  regionCode: string,
  id: string,
  set: Partial<typeof importJobs.$inferInsert>,
): Promise<void> {
  await exec
    .update(importJobs)
    .set(set)
    .where(and(eq(importJobs.regionCode, regionCode), eq(importJobs.id, id)));
}

/** Validation in batches (one phone query each, progress committed per batch), then one write. */
export async function validateRoster(
  ctx: AppContext,
  regionCode: string,
  scope: Jurisdiction,
  rows: RosterRow[],
  onBatch: (processed: number) => Promise<void> = async () => {},
) {
  const { db } = ctx.database;
  const lk = await loadLookups(ctx, db, regionCode, scope);
  const seen = new Map<string, number>();
  const clean: CleanRow[] = [];
  const errors: RowError[] = [];
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH);
    const hashes = batch.map((r) => {
      const p = (r.phone ?? '').replace(/[\s-]/g, '');
      return p ? ctx.vault.blindIndex(p) : null;
    });
    const taken = await registeredPhones(
      db,
      regionCode,
      hashes.filter((h): h is string => !!h),
    );
    batch.forEach((r, k) => {
      const v = validateRow(r, lk, hashes[k] ?? null, seen, taken);
      errors.push(...v.errors);
      if (v.clean) clean.push(v.clean);
    });
    await onBatch(Math.min(rows.length, i + BATCH));
  }
  return { clean, errors };
}

async function runImport(
  ctx: AppContext,
  actor: Actor,
  jobId: string,
  scope: Jurisdiction,
  rows: RosterRow[],
  mode: ImportMode,
) {
  const { db } = ctx.database;
  const rc = actor.regionCode;
  const { clean, errors } = await validateRoster(ctx, rc, scope, rows, (processed) =>
    setJob(db, rc, jobId, { processed }),
  );
  const stored = errors.slice(0, MAX_STORED_ERRORS);
  if (errors.length > MAX_STORED_ERRORS) {
    stored.push({
      row: 0,
      column: '',
      message: `共 ${errors.length} 处错误，仅列出前 ${MAX_STORED_ERRORS} 处`,
    });
  }
  if (errors.length > 0 && mode === 'all_or_nothing') {
    await setJob(db, rc, jobId, { status: 'rejected', errors: stored, finishedAt: ctx.clock.now() });
    return;
  }
  await setJob(db, rc, jobId, { status: 'importing' });
  await db.transaction(async (tx) => {
    await insertRoster(ctx, tx, rc, clean);
    const now = ctx.clock.now();
    await setJob(tx, rc, jobId, { status: 'done', imported: clean.length, errors: stored, finishedAt: now });
    await appendAudit(tx, actor, now, {
      action: 'deputies.import',
      targetType: 'import_job',
      targetId: jobId,
      jurisdictionCode: scope.code,
      details: { imported: clean.length, skippedRows: new Set(errors.map((e) => e.row)).size, mode },
    });
  });
}

/** Multi-row inserts in chunks (PostgreSQL allows 65,535 parameters per statement). */
export async function insertRoster(ctx: AppContext, tx: Tx, rc: string, clean: CleanRow[]) {
  const now = ctx.clock.now();
  const ids = clean.map(() => uuidv7(now.getTime()));
  // Re-check inside the transaction: another import may have registered a phone meanwhile.
  for (let i = 0; i < clean.length; i += BATCH) {
    const taken = await registeredPhones(
      tx,
      rc,
      clean.slice(i, i + BATCH).map((c) => c.phoneHash),
    );
    if (taken.size > 0) throw deputiesErrors.phone_taken();
  }
  for (let i = 0; i < clean.length; i += BATCH) {
    const part = clean.slice(i, i + BATCH);
    const partIds = ids.slice(i, i + BATCH);
    await tx.insert(deputies).values(
      part.map((c, k) => ({
        regionCode: rc,
        id: partIds[k]!,
        jurisdictionCode: c.jurisdiction.code,
        name: c.name,
        gender: c.gender,
        ethnicity: c.ethnicity,
        birthYear: c.birthYear,
        party: c.party,
        occupationCategory: c.occupationCategory,
        workplace: c.workplace,
        expertise: c.expertise,
        professionalGroups: c.professionalGroups,
        phoneEnc: ctx.vault.encrypt(c.phone),
        phoneHash: c.phoneHash,
        createdAt: now,
        updatedAt: now,
      })),
    );
    const mandates = part.flatMap((c, k) =>
      c.mandates.map((m) => ({
        ...m,
        regionCode: rc,
        id: uuidv7(now.getTime()),
        deputyId: partIds[k]!,
        congressJurisdictionCode: congressCodeFor(m.level, c.jurisdiction.path),
      })),
    );
    if (mandates.length) await tx.insert(deputyMandates).values(mandates);
    const grids = part.flatMap((c, k) =>
      c.gridCodes.map((gridCode) => ({ regionCode: rc, deputyId: partIds[k]!, gridCode })),
    );
    if (grids.length) await tx.insert(deputyGrids).values(grids);
  }
}

export async function getImportJob(ctx: AppContext, actor: Actor, id: string) {
  const { db } = ctx.database;
  const [job] = await db
    .select()
    .from(importJobs)
    .where(and(eq(importJobs.regionCode, actor.regionCode), eq(importJobs.id, id)));
  if (!job) throw deputiesErrors.import_not_found();
  const j = await findJurisdiction(db, job.jurisdictionCode);
  assertCan(actor, IMPORT_ROLES, j?.path ?? '');
  const errors = job.errors as RowError[];
  return {
    id: job.id,
    status: job.status,
    mode: job.mode,
    total: job.total,
    processed: job.processed,
    imported: job.imported,
    errors,
    errorCount: errors.filter((e) => e.row > 0).length,
    createdAt: job.createdAt,
    finishedAt: job.finishedAt,
  };
}

/** An import runs inside the server process that accepted it; one older than this cannot still be running. */
const STALE_IMPORT_MS = 15 * 60_000;

/**
 * At start-up: imports left 'validating'/'importing' by a process that stopped are marked failed
 * with a Chinese explanation, so the console does not show them as running forever. Nothing was
 * written for them (the write step is a single transaction).
 */
export async function failInterruptedImports(ctx: AppContext): Promise<number> {
  const cutoff = new Date(ctx.clock.now().getTime() - STALE_IMPORT_MS);
  const stale = await ctx.database.db
    .update(importJobs)
    .set({
      status: 'failed',
      finishedAt: ctx.clock.now(),
      errors: [{ row: 0, column: '', message: '导入因服务重启而中断，未写入任何数据，请重新导入' }],
    })
    .where(and(inArray(importJobs.status, ['validating', 'importing']), lt(importJobs.createdAt, cutoff)))
    .returning({ id: importJobs.id });
  return stale.length;
}
