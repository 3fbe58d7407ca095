import { and, desc, eq, inArray } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { Actor } from '../../kernel/auth/actor';
import type { AppContext } from '../../kernel/context';
import { opinionAssignments, opinionRatings, opinionReplies } from './opinions.schema';
import { type ListFilter, listOpinions, outcomeLabels, ratingLabels } from './queries.usecases';

export type LedgerKind = 'collected' | 'assigned' | 'closed';
export const ledgerTitles: Record<LedgerKind, string> = {
  collected: '问题清单',
  assigned: '交办清单',
  closed: '办结清单',
};
export const EXPORT_CAP = 5000;

/**
 * 问题清单 (everything collected), 交办清单 (in the hands of a unit, with its deadline) and 办结清单
 * (closed, with the outcome and the rating): the same scoped list with the ledger's columns.
 */
export async function ledger(ctx: AppContext, actor: Actor, kind: LedgerKind, f: ListFilter) {
  const filter: ListFilter = {
    ...f,
    phase: kind === 'closed' ? 'closed' : kind === 'assigned' ? 'handling' : f.phase,
  };
  const page = await listOpinions(ctx, actor, filter);
  const ids = page.items.map((i) => i.id);
  const { db } = ctx.database;
  const rc = actor.regionCode;
  const [assigns, replies, ratings] = ids.length
    ? await Promise.all([
        db
          .select({ caseId: opinionAssignments.caseId, at: opinionAssignments.assignedAt })
          .from(opinionAssignments)
          .where(
            and(
              eq(opinionAssignments.regionCode, rc),
              inArray(opinionAssignments.caseId, ids),
              eq(opinionAssignments.role, 'lead'),
            ),
          )
          .orderBy(desc(opinionAssignments.assignedAt)),
        db
          .select({
            caseId: opinionReplies.caseId,
            outcome: opinionReplies.outcome,
            body: opinionReplies.body,
          })
          .from(opinionReplies)
          .where(and(eq(opinionReplies.regionCode, rc), inArray(opinionReplies.caseId, ids)))
          .orderBy(desc(opinionReplies.round)),
        db
          .select({ caseId: opinionRatings.caseId, rating: opinionRatings.rating, auto: opinionRatings.auto })
          .from(opinionRatings)
          .where(and(eq(opinionRatings.regionCode, rc), inArray(opinionRatings.caseId, ids)))
          .orderBy(desc(opinionRatings.round)),
      ])
    : [[], [], []];
  const first = <T extends { caseId: string }>(xs: T[]) => {
    const m = new Map<string, T>();
    for (const x of xs) if (!m.has(x.caseId)) m.set(x.caseId, x);
    return m;
  };
  const a = first(assigns);
  const r = first(replies);
  const g = first(ratings);
  return {
    ...page,
    kind,
    title: ledgerTitles[kind],
    items: page.items.map((i) => ({
      ...i,
      assignedAt: a.get(i.id)?.at.toISOString() ?? null,
      outcomeLabel: r.has(i.id) ? outcomeLabels[r.get(i.id)!.outcome] : null,
      ratingLabel: g.has(i.id)
        ? g.get(i.id)!.rating
          ? ratingLabels[g.get(i.id)!.rating!]
          : '逾期未评价'
        : null,
    })),
  };
}

const day = (iso: string | null) =>
  iso ? new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 10) : '';

/** The ledger as .xlsx (personal data masked, as on screen). */
export async function exportLedger(ctx: AppContext, actor: Actor, kind: LedgerKind, f: ListFilter) {
  const data = await ledger(ctx, actor, kind, { ...f, page: 1, pageSize: EXPORT_CAP });
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(ledgerTitles[kind]);
  const cols: Array<[string, number, (i: (typeof data.items)[number]) => string | number]> = [
    ['受理编号', 20, (i) => i.trackingNo],
    ['标题', 36, (i) => i.title],
    ['来源', 12, (i) => i.channelLabel],
    ['分类', 14, (i) => i.categoryName ?? ''],
    ['街道（镇）', 14, (i) => i.township ?? ''],
    ['社区（村）', 16, (i) => i.community ?? ''],
    ['状态', 12, (i) => i.stateLabel],
    ['提交日期', 12, (i) => day(i.openedAt)],
  ];
  if (kind !== 'collected') {
    cols.push(
      ['承办单位', 22, (i) => i.departmentName ?? ''],
      ['交办日期', 12, (i) => day(i.assignedAt)],
      ['答复期限', 12, (i) => day(i.replyDueAt)],
      ['督办', 8, (i) => (i.supervisionLevel ? `${i.supervisionLevel}级` : '')],
      ['退回次数', 8, (i) => i.returnCount],
    );
  }
  if (kind === 'closed') {
    cols.push(
      ['办结日期', 12, (i) => day(i.closedAt)],
      ['办理结果', 12, (i) => i.outcomeLabel ?? ''],
      ['满意度', 12, (i) => i.ratingLabel ?? ''],
      ['重办次数', 8, (i) => i.reopenCount],
    );
  }
  ws.columns = cols.map(([header, width]) => ({ header, width }));
  ws.getRow(1).font = { bold: true };
  for (const i of data.items) ws.addRow(cols.map(([, , get]) => get(i)));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
