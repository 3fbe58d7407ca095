import { appendAudit } from '../../kernel/audit/audit';
import type { Actor } from '../../kernel/auth/actor';
import type { AppContext } from '../../kernel/context';
import type { Tx } from '../../kernel/db/client';
import { uuidv7 } from '../../kernel/ids';
import type { ImportMode, ImportUpload } from '../../kernel/imports/upload';
import {
  findImportJob,
  importFinished,
  importJobSummary,
  setJobProgress,
  startImportJob,
} from '../imports/import-jobs';
import type { Jurisdiction } from '../jurisdictions/jurisdictions.repository';
import { deputiesErrors } from './deputies.model';
import { deputies, deputyGrids, deputyMandates } from './deputies.schema';
import { congressCodeFor, IMPORT_ROLES, resolveScope } from './deputies.scope';
import { type RosterRow, readRoster } from './roster.excel';
import { type CleanRow, loadLookups, type RowError, registeredPhones, validateRow } from './roster.validate';

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
export const ROSTER_JOB_KIND = 'deputies.roster';
const BATCH = 500;
const MAX_STORED_ERRORS = 2000;

export type { ImportMode };
/** The bench awaits background imports through this module. */
export { importFinished };

/**
 * Reads the workbook, opens an `import_jobs` row and processes it in the background: the caller
 * gets the job id at once and polls its progress.
 */
export async function startRosterImport(
  ctx: AppContext,
  actor: Actor,
  input: ImportUpload,
): Promise<{ jobId: string; total: number }> {
  if (input.file.length > MAX_UPLOAD_BYTES) throw deputiesErrors.file_too_large();
  const scope = await resolveScope(ctx.database.db, actor, IMPORT_ROLES, input.scope);
  const rows = await readRoster(input.file);
  if (rows.length === 0) throw deputiesErrors.file_unreadable(undefined, '文件中没有可导入的数据行');
  return startImportJob(ctx, actor, {
    kind: ROSTER_JOB_KIND,
    jurisdictionCode: scope.code,
    mode: input.mode,
    total: rows.length,
    audit: {
      action: 'deputies.import_started',
      details: { rows: rows.length, mode: input.mode, bytes: input.file.length },
    },
    failureLog: 'roster import failed',
    run: (jobId) => runImport(ctx, actor, jobId, scope, rows, input.mode),
  });
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
    setJobProgress(db, rc, jobId, { processed }),
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
    await setJobProgress(db, rc, jobId, { status: 'rejected', errors: stored, finishedAt: ctx.clock.now() });
    return;
  }
  await setJobProgress(db, rc, jobId, { status: 'importing' });
  await db.transaction(async (tx) => {
    await insertRoster(ctx, tx, rc, clean);
    const now = ctx.clock.now();
    await setJobProgress(tx, rc, jobId, {
      status: 'done',
      imported: clean.length,
      errors: stored,
      finishedAt: now,
    });
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
  const job = await findImportJob(ctx, actor, {
    id,
    kind: ROSTER_JOB_KIND,
    roles: IMPORT_ROLES,
    notFound: deputiesErrors.import_not_found,
  });
  return importJobSummary(job);
}
