import type { Role } from '@lianxin/contracts';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { appendAudit } from '../../kernel/audit/audit';
import { type Actor, grantsCovering } from '../../kernel/auth/actor';
import type { AppContext } from '../../kernel/context';
import type { Executor } from '../../kernel/db/client';
import { cases } from '../../kernel/db/kernel.schema';
import {
  addListValidation,
  readSheet,
  type SheetRow,
  writeExampleRow,
  writeHeader,
  writeHelpSheet,
} from '../../kernel/imports/sheet';
import type { ImportMode, ImportUpload } from '../../kernel/imports/upload';
import { resolveScope } from '../deputies/deputies.scope';
import {
  findImportJob,
  importJobSummary,
  type JobEntry,
  jobEntries,
  type RowError,
  setJobProgress,
  startImportJob,
} from '../imports/import-jobs';
import type { Jurisdiction } from '../jurisdictions/jurisdictions.repository';
import { jurisdictions } from '../jurisdictions/jurisdictions.schema';
import {
  areaProblemText,
  type HotlineTicket,
  intakeTicket,
  locateTicket,
  parseWhen,
  TICKET_NO,
  validPhone,
} from './hotline.usecases';
import type { Resolved } from './location';
import { opinionErrors } from './opinions.errors';
import { opinionCategories, opinions } from './opinions.schema';

/**
 * 12345 工单导入: the hotline's tickets from an Excel sheet, filed by congress staff through the same
 * intake as the interface. Every row is checked first (errors by Excel row number and Chinese
 * header); rows whose ticket number is already filed are skipped and listed, not errors. Progress
 * lives in `import_jobs` (kind 'opinions.hotline'); the job's `errors` list also carries the
 * skipped duplicates (`kind: 'duplicate'`) and the cases created (`kind: 'created'`).
 */
export const HOTLINE_IMPORT_ROLES: readonly Role[] = ['congress_staff'];
export const HOTLINE_JOB_KIND = 'opinions.hotline';
export const MAX_HOTLINE_UPLOAD_BYTES = 10 * 1024 * 1024;
const BATCH = 200;
const MAX_STORED = 5000;
const SHEET = '12345工单';
const LISTS = '选项';
export const EXAMPLE_PREFIX = '示例';

export const hotlineColumns = [
  { key: 'ticketNo', header: '工单编号', required: true, width: 22 },
  { key: 'receivedAt', header: '受理时间', required: false, width: 18 },
  { key: 'title', header: '标题', required: true, width: 28 },
  { key: 'description', header: '诉求内容', required: true, width: 50 },
  { key: 'category', header: '诉求分类', required: false, width: 16 },
  { key: 'area', header: '所属街镇', required: false, width: 16 },
  { key: 'address', header: '详细地址', required: false, width: 30 },
  { key: 'callerName', header: '来电人', required: false, width: 10 },
  { key: 'callerPhone', header: '联系电话', required: false, width: 15 },
  { key: 'allowDisclosure', header: '是否同意公开', required: false, width: 12 },
  { key: 'deadline', header: '办理时限', required: false, width: 14 },
] as const;
export type HotlineKey = (typeof hotlineColumns)[number]['key'];
export type HotlineRow = SheetRow<HotlineKey>;
export const headerOf = (key: HotlineKey) => hotlineColumns.find((c) => c.key === key)!.header;

/** What a job stores in `import_jobs.errors`: errors, plus skipped duplicates and created cases. */
type TicketRef = { ticketNo?: string; caseId?: string; trackingNo?: string };
type Entry = JobEntry<TicketRef>;

// ——— template ———

/** Options for the drop-downs: the townships/communities in scope and the category names. */
export async function templateOptions(ctx: AppContext, actor: Actor, scopeCode?: string) {
  const { db } = ctx.database;
  const scope = await resolveScope(db, actor, HOTLINE_IMPORT_ROLES, scopeCode);
  const areas = await db
    .select({ name: jurisdictions.name })
    .from(jurisdictions)
    .where(
      and(
        sql`${jurisdictions.path} like ${`${scope.path}%`}`,
        inArray(jurisdictions.level, ['township', 'community']),
      ),
    )
    .orderBy(asc(jurisdictions.path));
  const cats = await db
    .select({ name: opinionCategories.name, j: opinionCategories.jurisdictionCode })
    .from(opinionCategories)
    .where(
      and(
        eq(opinionCategories.regionCode, actor.regionCode),
        eq(opinionCategories.active, true),
        sql`${scope.path} like '%/' || ${opinionCategories.jurisdictionCode} || '/%'`,
        sql`${opinionCategories.parentCode} is not null`,
      ),
    )
    .orderBy(asc(opinionCategories.code));
  const nearest = cats.reduce((m, c) => Math.max(m, c.j.length), 0);
  return {
    scope,
    areas: [...new Set(areas.map((a) => a.name))],
    categories: [...new Set(cats.filter((c) => c.j.length === nearest).map((c) => c.name))],
  };
}

/** Headers (required ones marked *), an example row, drop-downs fed from a hidden sheet, a how-to sheet. */
export async function buildHotlineTemplate(opts: { areas: string[]; categories: string[] }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(SHEET);
  writeHeader(ws, hotlineColumns);
  writeExampleRow(ws, [
    `${EXAMPLE_PREFIX}20260301000123`,
    '2026-03-01 10:20',
    '小区门口路灯不亮',
    '来电人反映莘松路某小区门口路灯已坏两周，夜间出行不便，要求尽快修复。',
    opts.categories[0] ?? '',
    opts.areas[0] ?? '',
    '莘松路100弄',
    '张先生',
    '13800000000',
    '否',
    '2026-03-10',
  ]);
  // Long lists do not fit in an inline list (255 characters): they live on a hidden sheet.
  const lists = wb.addWorksheet(LISTS, { state: 'hidden' });
  const list = (key: HotlineKey, col: string, values: string[], strict: boolean) => {
    if (values.length === 0) return;
    lists.getCell(`${col}1`).value = headerOf(key);
    values.forEach((v, i) => {
      lists.getCell(`${col}${i + 2}`).value = v;
    });
    addListValidation(ws, hotlineColumns, key, `'${LISTS}'!$${col}$2:$${col}$${values.length + 1}`, strict);
  };
  list('area', 'A', opts.areas, false);
  list('category', 'B', opts.categories, false);
  list('allowDisclosure', 'C', ['是', '否'], true);
  writeHelpSheet(wb, 90, [
    ['说明', `第 2 行为示例，工单编号以“${EXAMPLE_PREFIX}”开头的行不会导入，可直接覆盖或删除。`],
    ['必填列', '标 * 的列必须填写：工单编号、标题、诉求内容。'],
    ['工单编号', '12345 热线的工单编号（4–40 位字母、数字、- 或 _）；已导入过的工单会被跳过，不会重复登记。'],
    ['受理时间', '热线受理时间，如 2026-03-01 10:20；仅作记录。'],
    ['诉求分类', '填写本系统的分类名称或编码；无法对应的分类会保留在诉求内容中，留待人工分类。'],
    ['所属街镇', '填写街道/乡镇或社区/村的名称或区划代码，必须在您的管辖范围内；不填则记在您所在的辖区。'],
    ['联系电话', '手机或固定电话；来电人姓名、电话和详细地址加密保存，列表中只显示脱敏信息。'],
    ['是否同意公开', '填“是”或“否”，不填视为不同意公开。'],
    ['办理时限', '热线要求的办理时限，如 2026-03-10；仅作记录，本系统办理期限按本级设置计算。'],
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ——— reading ———

/** The template's sheet (or the first visible one): one record per non-empty row. */
export function readHotlineSheet(buffer: Buffer): Promise<HotlineRow[]> {
  return readSheet(
    buffer,
    hotlineColumns,
    {
      sheetName: SHEET,
      fallback: 'first_visible',
      exampleKey: 'ticketNo',
      examplePrefix: EXAMPLE_PREFIX,
      dates: 'date_time',
    },
    opinionErrors.hotline_file_unreadable,
  );
}

// ——— validation ———

interface CleanTicket {
  row: number;
  ticket: HotlineTicket;
  areaCode: string | null;
  loc: Resolved;
}

const YES = new Set(['是', '同意', 'Y', 'y', 'yes', '1', 'TRUE', 'true']);
const NO = new Set(['否', '不同意', 'N', 'n', 'no', '0', 'FALSE', 'false']);

/** Checks one row's own fields (no database); returns the ticket or the errors. */
export function checkRow(r: HotlineRow): { ticket?: HotlineTicket; errors: RowError[] } {
  const errors: RowError[] = [];
  const err = (key: HotlineKey, message: string) =>
    errors.push({ row: r.row, column: headerOf(key), message });
  const len = (key: HotlineKey, min: number, max: number, label: string) => {
    const v = r[key];
    if (!v) return min > 0 ? err(key, `请填写${label}`) : undefined;
    if ([...v].length < min) err(key, `${label}至少 ${min} 个字`);
    if ([...v].length > max) err(key, `${label}不超过 ${max} 个字`);
  };
  if (!r.ticketNo) err('ticketNo', '请填写工单编号');
  else if (!TICKET_NO.test(r.ticketNo)) err('ticketNo', '工单编号应为 4–40 位字母、数字、- 或 _');
  len('title', 2, 100, '标题');
  len('description', 5, 4000, '诉求内容');
  len('category', 0, 50, '诉求分类');
  len('area', 0, 60, '所属街镇');
  len('address', 0, 200, '详细地址');
  len('callerName', 0, 30, '来电人');
  if (r.callerPhone && !validPhone(r.callerPhone)) err('callerPhone', '电话号码格式不正确');
  let allow = false;
  if (r.allowDisclosure) {
    if (YES.has(r.allowDisclosure)) allow = true;
    else if (!NO.has(r.allowDisclosure)) err('allowDisclosure', '请填写“是”或“否”');
  }
  const receivedAt = r.receivedAt ? parseWhen(r.receivedAt) : null;
  if (r.receivedAt && !receivedAt) err('receivedAt', '时间格式应为 YYYY-MM-DD HH:mm');
  const deadline = r.deadline ? parseWhen(r.deadline) : null;
  if (r.deadline && !deadline) err('deadline', '日期格式应为 YYYY-MM-DD');
  if (errors.length > 0) return { errors };
  return {
    errors,
    ticket: {
      ticketNo: r.ticketNo!,
      title: r.title!,
      description: r.description!,
      category: r.category ?? null,
      area: r.area ?? null,
      address: r.address ?? null,
      callerName: r.callerName ?? null,
      callerPhone: r.callerPhone ?? null,
      allowDisclosure: allow,
      receivedAt,
      deadline,
    },
  };
}

async function existingTickets(exec: Executor, regionCode: string, nos: string[]) {
  if (nos.length === 0) return new Map<string, { caseId: string; trackingNo: string }>();
  const rows = await exec
    .select({ no: opinions.externalTicketNo, caseId: opinions.caseId, trackingNo: cases.trackingNo })
    .from(opinions)
    .innerJoin(cases, and(eq(cases.regionCode, opinions.regionCode), eq(cases.id, opinions.caseId)))
    .where(
      and(
        eq(opinions.regionCode, regionCode),
        eq(opinions.channel, 'hotline'),
        inArray(opinions.externalTicketNo, nos),
      ),
    );
  return new Map(rows.map((r) => [r.no!, r]));
}

/**
 * Every row checked: its fields, a ticket number repeated in the file, a ticket already filed
 * (→ duplicate, skipped), and its place (must lie in the actor's jurisdiction).
 */
export async function validateHotlineRows(
  ctx: AppContext,
  actor: Actor,
  scope: Jurisdiction,
  rows: HotlineRow[],
  onBatch: (processed: number) => Promise<void> = async () => {},
) {
  const { db } = ctx.database;
  const clean: CleanTicket[] = [];
  const errors: RowError[] = [];
  const duplicates: Entry[] = [];
  const firstRow = new Map<string, number>();
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH);
    const filed = await existingTickets(
      db,
      actor.regionCode,
      batch.map((r) => r.ticketNo ?? '').filter((n) => TICKET_NO.test(n)),
    );
    for (const r of batch) {
      const v = checkRow(r);
      if (!v.ticket) {
        errors.push(...v.errors);
        continue;
      }
      const t = v.ticket;
      const first = firstRow.get(t.ticketNo);
      if (first !== undefined) {
        errors.push({ row: r.row, column: headerOf('ticketNo'), message: `与第 ${first} 行的工单编号重复` });
        continue;
      }
      firstRow.set(t.ticketNo, r.row);
      if (filed.has(t.ticketNo)) {
        duplicates.push({
          row: r.row,
          column: headerOf('ticketNo'),
          message: '该工单已登记，已跳过',
          kind: 'duplicate',
          ticketNo: t.ticketNo,
          caseId: filed.get(t.ticketNo)!.caseId,
          trackingNo: filed.get(t.ticketNo)!.trackingNo,
        });
        continue;
      }
      const where = await locateTicket(db, actor.regionCode, t, scope.code);
      if ('problem' in where) {
        errors.push({ row: r.row, column: headerOf('area'), message: areaProblemText[where.problem] });
        continue;
      }
      if (grantsCovering(actor, HOTLINE_IMPORT_ROLES, where.loc.jurisdiction.path).length === 0) {
        errors.push({
          row: r.row,
          column: headerOf('area'),
          message: `${where.loc.jurisdiction.name}不在您的管辖范围内`,
        });
        continue;
      }
      clean.push({ row: r.row, ticket: t, areaCode: where.areaCode, loc: where.loc });
    }
    await onBatch(Math.min(rows.length, i + BATCH));
  }
  return { clean, errors, duplicates };
}

// ——— the job ———

export async function startHotlineImport(
  ctx: AppContext,
  actor: Actor,
  input: ImportUpload,
): Promise<{ jobId: string; total: number }> {
  if (input.file.length > MAX_HOTLINE_UPLOAD_BYTES) throw opinionErrors.hotline_file_too_large();
  const scope = await resolveScope(ctx.database.db, actor, HOTLINE_IMPORT_ROLES, input.scope);
  const rows = await readHotlineSheet(input.file);
  if (rows.length === 0) throw opinionErrors.hotline_file_unreadable(undefined, '文件中没有可导入的工单');
  return startImportJob(ctx, actor, {
    kind: HOTLINE_JOB_KIND,
    jurisdictionCode: scope.code,
    mode: input.mode,
    total: rows.length,
    audit: {
      action: 'opinions.hotline_import_started',
      details: { rows: rows.length, mode: input.mode, bytes: input.file.length },
    },
    failureLog: 'hotline import failed',
    run: (jobId) => runImport(ctx, actor, jobId, scope, rows, input.mode),
  });
}

async function runImport(
  ctx: AppContext,
  actor: Actor,
  jobId: string,
  scope: Jurisdiction,
  rows: HotlineRow[],
  mode: ImportMode,
) {
  const { db } = ctx.database;
  const rc = actor.regionCode;
  const { clean, errors, duplicates } = await validateHotlineRows(ctx, actor, scope, rows, (processed) =>
    setJobProgress(db, rc, jobId, { processed }),
  );
  const created: Entry[] = [];
  const entries = (): Entry[] => [...errors, ...duplicates, ...created].slice(0, MAX_STORED);
  if (errors.length > 0 && mode === 'all_or_nothing') {
    await setJobProgress(db, rc, jobId, {
      status: 'rejected',
      errors: entries(),
      finishedAt: ctx.clock.now(),
    });
    return;
  }
  await setJobProgress(db, rc, jobId, { status: 'importing' });
  // One intake per ticket (each its own transaction, as through the interface). A row that fails
  // here (e.g. filed meanwhile by the interface) is reported on its row; the others still go in.
  for (const [i, c] of clean.entries()) {
    try {
      const r = await intakeTicket(ctx, actor, c.ticket, {
        areaCode: c.areaCode,
        loc: c.loc,
        apiClientId: null,
        recordedAs: [...HOTLINE_IMPORT_ROLES],
      });
      (r.replayed ? duplicates : created).push({
        row: c.row,
        column: headerOf('ticketNo'),
        message: r.replayed ? '该工单已登记，已跳过' : '',
        kind: r.replayed ? 'duplicate' : 'created',
        ticketNo: c.ticket.ticketNo,
        caseId: r.id,
        trackingNo: r.trackingNo,
      });
    } catch (err) {
      const e = err as { code?: string; message?: string };
      if (!e.code?.includes('.')) throw err;
      errors.push({ row: c.row, column: headerOf('ticketNo'), message: e.message ?? '登记失败' });
    }
    if ((i + 1) % 20 === 0) await setJobProgress(db, rc, jobId, { imported: created.length });
  }
  const now = ctx.clock.now();
  await db.transaction(async (tx) => {
    await setJobProgress(tx, rc, jobId, {
      status: 'done',
      imported: created.length,
      errors: entries(),
      finishedAt: now,
    });
    await appendAudit(tx, actor, now, {
      action: 'opinions.hotline_import',
      targetType: 'import_job',
      targetId: jobId,
      jurisdictionCode: scope.code,
      details: { imported: created.length, duplicates: duplicates.length, errorRows: errors.length, mode },
    });
  });
}

export async function getHotlineImport(ctx: AppContext, actor: Actor, id: string) {
  const job = await findImportJob(ctx, actor, {
    id,
    kind: HOTLINE_JOB_KIND,
    roles: HOTLINE_IMPORT_ROLES,
    notFound: opinionErrors.hotline_import_not_found,
  });
  const summary = importJobSummary(job);
  const refs = (kind: 'duplicate' | 'created') =>
    jobEntries<TicketRef>(job, kind).map((e) => ({
      row: e.row,
      ticketNo: e.ticketNo ?? '',
      caseId: e.caseId ?? null,
      trackingNo: e.trackingNo ?? null,
    }));
  return {
    ...summary,
    errorRows: new Set(summary.errors.filter((e) => e.row > 0).map((e) => e.row)).size,
    duplicates: refs('duplicate'),
    created: refs('created'),
  };
}
