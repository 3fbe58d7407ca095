import { and, eq, inArray, isNull } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { Actor } from '../../kernel/auth/actor';
import type { AppContext } from '../../kernel/context';
import { cases } from '../../kernel/db/kernel.schema';
import { departments } from '../congresses/congresses.schema';
import { findDepartment } from '../congresses/departments.repository';
import { deputies, deputyMandates } from '../deputies/deputies.schema';
import { viewerOf } from './access';
import { type ListFilter, listSuggestions, type SuggestionItem, suggestionStats } from './queries.usecases';
import { suggestionErrors } from './suggestions.errors';
import {
  suggestionAssignments,
  suggestionContacts,
  suggestionSigners,
  suggestions,
} from './suggestions.schema';

/** Rows read per statement when a ledger is exported: every matching row goes out, a chunk at a time. */
export const LEDGER_CHUNK = 1000;

const day = (iso: string | null) =>
  iso ? new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 10) : '';

/** List rows with what the list does not carry: co-signers, joint units, whether 面商 happened. */
async function withLedgerColumns(ctx: AppContext, actor: Actor, items: SuggestionItem[]) {
  const ids = items.map((i) => i.id);
  const { db } = ctx.database;
  const rc = actor.regionCode;
  const [signers, joint, contacts] = ids.length
    ? await Promise.all([
        db
          .select({ caseId: suggestionSigners.caseId })
          .from(suggestionSigners)
          .where(
            and(
              eq(suggestionSigners.regionCode, rc),
              inArray(suggestionSigners.caseId, ids),
              eq(suggestionSigners.role, 'co'),
            ),
          ),
        db
          .select({ caseId: suggestionAssignments.caseId, name: departments.name })
          .from(suggestionAssignments)
          .innerJoin(
            departments,
            and(
              eq(departments.regionCode, suggestionAssignments.regionCode),
              eq(departments.id, suggestionAssignments.departmentId),
            ),
          )
          .where(
            and(
              eq(suggestionAssignments.regionCode, rc),
              inArray(suggestionAssignments.caseId, ids),
              eq(suggestionAssignments.role, 'joint'),
              inArray(suggestionAssignments.status, ['assigned', 'done']),
            ),
          ),
        db
          .select({ caseId: suggestionContacts.caseId })
          .from(suggestionContacts)
          .where(and(eq(suggestionContacts.regionCode, rc), inArray(suggestionContacts.caseId, ids))),
      ])
    : [[], [], []];
  return items.map((i) => ({
    ...i,
    coSigners: signers.filter((s) => s.caseId === i.id).length,
    jointUnits: joint.filter((j) => j.caseId === i.id).map((j) => j.name),
    contacts: contacts.filter((c) => c.caseId === i.id).length,
  }));
}
/**
 * Every row of the ledger, a chunk at a time in the list's stable order (newest first, then id):
 * nothing is cut off, however many there are.
 */
async function* ledgerRows(ctx: AppContext, actor: Actor, f: ListFilter, chunk = LEDGER_CHUNK) {
  for (let page = 1; ; page++) {
    const p = await listSuggestions(ctx, actor, { ...f, page, pageSize: chunk });
    yield await withLedgerColumns(ctx, actor, p.items);
    if (p.items.length < chunk) return;
  }
}
type LedgerRow = Awaited<ReturnType<typeof withLedgerColumns>>[number];

const COLUMNS: Array<[string, number, (i: LedgerRow) => string | number]> = [
  ['立案号', 26, (i) => i.registerNo ?? ''],
  ['跟踪编号', 20, (i) => i.trackingNo],
  ['标题', 36, (i) => i.title],
  ['领衔代表', 10, (i) => i.deputyName ?? ''],
  ['联名人数', 8, (i) => i.coSigners],
  ['提出时间', 12, (i) => day(i.submittedAt)],
  ['提出时段', 10, (i) => i.periodLabel ?? ''],
  ['主办单位', 22, (i) => i.leadDepartmentName ?? ''],
  ['会办单位', 26, (i) => i.jointUnits.join('、')],
  ['交办日期', 12, (i) => day(i.assignedAt)],
  ['办理期限', 12, (i) => i.answerDueDay ?? ''],
  ['复杂建议', 8, (i) => (i.difficult ? '是' : '')],
  ['面商次数', 8, (i) => i.contacts],
  ['答复日期', 12, (i) => day(i.answeredAt)],
  ['答复类别', 8, (i) => i.answerCategory ?? ''],
  ['承诺完成', 12, (i) => i.promisedOn ?? ''],
  ['态度测评', 10, (i) => i.attitudeLabel ?? ''],
  ['结果测评', 10, (i) => i.resultLabel ?? ''],
  ['重新办理', 8, (i) => i.rehandled],
  ['重点督办', 14, (i) => (i.keyYear ? `${i.keyYear}年 ${i.keyLeader ?? ''}` : '')],
  ['状态', 16, (i) => i.stateLabel],
];

async function sheet(wb: ExcelJS.Workbook, name: string, chunks: AsyncIterable<LedgerRow[]>) {
  const ws = wb.addWorksheet(name);
  ws.columns = COLUMNS.map(([header, width]) => ({ header, width }));
  ws.getRow(1).font = { bold: true };
  for await (const rows of chunks) for (const r of rows) ws.addRow(COLUMNS.map(([, , get]) => get(r)));
}

/**
 * 建议办理台账 (.xlsx): every suggestion the filter matches. (A region has thousands a year, not
 * millions, so the workbook is built in memory; the rows are read a chunk at a time.)
 */
export async function exportLedger(ctx: AppContext, actor: Actor, f: ListFilter, chunk = LEDGER_CHUNK) {
  const wb = new ExcelJS.Workbook();
  await sheet(wb, '建议办理台账', ledgerRows(ctx, actor, f, chunk));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The ledger on screen: one page of the list with the ledger's columns. */
export async function ledger(ctx: AppContext, actor: Actor, f: ListFilter) {
  const p = await listSuggestions(ctx, actor, f);
  return { ...p, items: await withLedgerColumns(ctx, actor, p.items) };
}

/**
 * 承办单位办理情况报告 (.xlsx): one unit's figures and its suggestions. Staff choose the unit; a
 * handler gets their own unit's only.
 */
export async function exportUnitReport(
  ctx: AppContext,
  actor: Actor,
  departmentId: string | undefined,
  f: ListFilter,
) {
  const v = await viewerOf(ctx.database.db, actor);
  const unit = v.staffPaths.length > 0 ? (departmentId ?? v.departmentId) : v.departmentId;
  if (!unit || (v.staffPaths.length === 0 && departmentId && departmentId !== unit))
    throw suggestionErrors.not_your_department();
  const d = await findDepartment(ctx.database.db, actor.regionCode, unit);
  if (!d) throw suggestionErrors.unknown_department();
  const filter = { ...f, departmentId: unit };
  const stats = await suggestionStats(ctx, actor, filter);
  const wb = new ExcelJS.Workbook();
  const sum = wb.addWorksheet('办理情况');
  sum.columns = [
    { header: '项目', width: 22 },
    { header: d.name, width: 16 },
  ];
  sum.getRow(1).font = { bold: true };
  const lines: Array<[string, number | string | null]> = [
    ['交办件数', stats.assigned],
    ['已答复', stats.answered],
    ['按期答复', stats.answeredOnTime],
    ...stats.categories.map((c): [string, number] => [
      `${c.code}类（${c.label}）`,
      stats.byCategory[c.code] ?? 0,
    ]),
    [`${stats.categories[0]!.code}类比例（%）`, stats.firstCategoryRate],
    ['办理态度满意率（%）', stats.attitudeSatisfaction],
    ['办理结果满意率（%）', stats.resultSatisfaction],
    ['重新办理', stats.rehandled],
    ['跟踪落实中', stats.followUpOpen],
  ];
  for (const [k, val] of lines) sum.addRow([k, val ?? '']);
  await sheet(wb, '建议清单', ledgerRows(ctx, actor, filter));
  return { name: d.name, file: Buffer.from(await wb.xlsx.writeBuffer()) };
}

/** Drafts and submissions of the deputy's congresses that they have not signed: open for 联名. */
export async function cosignable(ctx: AppContext, actor: Actor) {
  const { db } = ctx.database;
  const v = await viewerOf(db, actor);
  if (!v.deputyId) throw suggestionErrors.not_a_deputy();
  const seats = await db
    .select({ code: deputyMandates.congressJurisdictionCode })
    .from(deputyMandates)
    .where(
      and(
        eq(deputyMandates.regionCode, actor.regionCode),
        eq(deputyMandates.deputyId, v.deputyId),
        isNull(deputyMandates.endedOn),
      ),
    );
  if (seats.length === 0) return { items: [] as Array<Pick<SuggestionItem, 'id' | 'title'>> };
  const rows = await db
    .select({
      id: cases.id,
      trackingNo: cases.trackingNo,
      title: cases.title,
      state: cases.state,
      body: suggestions.body,
      category: suggestions.category,
      deputyName: deputies.name,
    })
    .from(suggestions)
    .innerJoin(cases, and(eq(cases.regionCode, suggestions.regionCode), eq(cases.id, suggestions.caseId)))
    .leftJoin(
      deputies,
      and(eq(deputies.regionCode, suggestions.regionCode), eq(deputies.id, suggestions.deputyId)),
    )
    .where(
      and(
        eq(suggestions.regionCode, actor.regionCode),
        inArray(
          suggestions.congressCode,
          seats.map((s) => s.code),
        ),
        inArray(cases.state, ['draft', 'submitted']),
      ),
    )
    .limit(200);
  const mine = await db
    .select({ caseId: suggestionSigners.caseId })
    .from(suggestionSigners)
    .where(
      and(eq(suggestionSigners.regionCode, actor.regionCode), eq(suggestionSigners.deputyId, v.deputyId)),
    );
  const signed = new Set(mine.map((m) => m.caseId));
  return { items: rows.filter((r) => !signed.has(r.id)) };
}
