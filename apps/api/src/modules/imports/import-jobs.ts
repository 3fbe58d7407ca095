import type { Role } from '@lianxin/contracts';
import { and, eq, inArray, lt } from 'drizzle-orm';
import { appendAudit } from '../../kernel/audit/audit';
import { type Actor, assertCan } from '../../kernel/auth/actor';
import type { AppContext } from '../../kernel/context';
import type { Executor } from '../../kernel/db/client';
import { uuidv7 } from '../../kernel/ids';
import type { ImportMode } from '../../kernel/imports/upload';
import { importJobs } from '../deputies/deputies.schema';
import { findJurisdiction } from '../jurisdictions/jurisdictions.repository';

/**
 * Excel import jobs of every kind ('deputies.roster', 'opinions.hotline', …) in `import_jobs`:
 * started with an audit entry, run in the background of the process that accepted the upload,
 * progress committed as it goes, read back only by their own kind.
 */
export interface RowError {
  row: number;
  column: string;
  message: string;
}
/**
 * What a job stores in `import_jobs.errors`: row errors (no `kind`), and any other per-row record a
 * kind keeps beside them (there is no result column), marked with its `kind` — e.g. the hotline's
 * skipped duplicates (`kind: 'duplicate'`) and created cases (`kind: 'created'`).
 */
export type JobEntry<X extends object = object> = RowError & { kind?: string } & X;
type JobSet = Partial<typeof importJobs.$inferInsert>;

/** Imports still running in this process (tests and the bench await them). */
const running = new Map<string, Promise<void>>();
export const importFinished = (jobId: string): Promise<void> => running.get(jobId) ?? Promise.resolve();

export async function setJobProgress(
  exec: Executor,
  regionCode: string,
  id: string,
  set: JobSet,
): Promise<void> {
  await exec
    .update(importJobs)
    .set(set)
    .where(and(eq(importJobs.regionCode, regionCode), eq(importJobs.id, id)));
}

export interface NewImportJob {
  kind: string;
  jurisdictionCode: string;
  mode: ImportMode;
  total: number;
  /** The audit entry written with the job row (target: the job). */
  audit: { action: string; details: Record<string, unknown> };
  /** The log line if `run` throws (the job is then marked failed). */
  failureLog: string;
  /** The background work: validation with progress, then the write. */
  run: (jobId: string) => Promise<void>;
}

/** Opens the job row (status 'validating') with its audit entry and starts `run`; the caller polls. */
export async function startImportJob(
  ctx: AppContext,
  actor: Actor,
  job: NewImportJob,
): Promise<{ jobId: string; total: number }> {
  const { db } = ctx.database;
  const now = ctx.clock.now();
  const jobId = uuidv7(now.getTime());
  await db.transaction(async (tx) => {
    await tx.insert(importJobs).values({
      regionCode: actor.regionCode,
      id: jobId,
      kind: job.kind,
      jurisdictionCode: job.jurisdictionCode,
      mode: job.mode,
      status: 'validating',
      total: job.total,
      createdBy: actor.accountId,
      createdAt: now,
    });
    await appendAudit(tx, actor, now, {
      ...job.audit,
      targetType: 'import_job',
      targetId: jobId,
      jurisdictionCode: job.jurisdictionCode,
    });
  });
  const work = job
    .run(jobId)
    .catch(async (err) => {
      ctx.log.error({ jobId, err: String(err) }, job.failureLog);
      await setJobProgress(db, actor.regionCode, jobId, { status: 'failed', finishedAt: ctx.clock.now() });
    })
    .finally(() => running.delete(jobId));
  running.set(jobId, work);
  return { jobId, total: job.total };
}

/** A job of this kind, if the actor may see its jurisdiction; another kind's job is not found. */
export async function findImportJob(
  ctx: AppContext,
  actor: Actor,
  q: { id: string; kind: string; roles: readonly Role[]; notFound: () => Error },
) {
  const { db } = ctx.database;
  const [job] = await db
    .select()
    .from(importJobs)
    .where(
      and(eq(importJobs.regionCode, actor.regionCode), eq(importJobs.id, q.id), eq(importJobs.kind, q.kind)),
    );
  if (!job) throw q.notFound();
  const j = await findJurisdiction(db, job.jurisdictionCode);
  assertCan(actor, q.roles, j?.path ?? '');
  return job;
}
export type ImportJobRow = Awaited<ReturnType<typeof findImportJob>>;

/** The stored entries of one kind (e.g. 'duplicate'). */
export function jobEntries<X extends object>(job: ImportJobRow, kind: string): JobEntry<X>[] {
  return (job.errors as JobEntry<X>[]).filter((e) => e.kind === kind);
}

/** What every kind answers: progress, and the row errors (entries without a kind). */
export function importJobSummary(job: ImportJobRow) {
  const errors = (job.errors as JobEntry[])
    .filter((e) => !e.kind)
    .map(({ row, column, message }): RowError => ({ row, column, message }));
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
 * At start-up: imports of any kind left 'validating'/'importing' by a process that stopped are
 * marked failed with a Chinese explanation, so the console does not show them as running forever.
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
