import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { and, desc, eq, inArray } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { Actor } from '../../kernel/auth/actor';
import type { AppContext } from '../../kernel/context';
import type { Executor } from '../../kernel/db/client';
import { timers } from '../../kernel/db/kernel.schema';
import { opinionAssignments, opinionRatings, opinionReplies } from './opinions.schema';
import {
  type ListFilter,
  listOpinions,
  type OpinionRow,
  outcomeLabels,
  ratingLabels,
  walkOpinions,
} from './queries.usecases';

export type LedgerKind = 'collected' | 'assigned' | 'closed';
export const ledgerTitles: Record<LedgerKind, string> = {
  collected: '问题清单',
  assigned: '交办清单',
  closed: '办结清单',
};

/** The ledger's own filter: 办结清单 the closed phase, 交办清单 the assigned states. */
function ledgerFilter(kind: LedgerKind, f: ListFilter): ListFilter {
  if (kind === 'closed') return { ...f, phase: 'closed' };
  // Every assigned case (ASSIGNED_STATES), not only those being handled.
  if (kind === 'assigned') return { ...f, assigned: true };
  return f;
}

const ANSWERED = new Set(['replied', 'staff_review', 'closed']);

/**
 * The ledger columns of a page of rows, in four batched look-ups: the current lead assignment's
 * date, the reply deadline of the last handling round (the latest `reply_due` timer: an approved
 * extension moves it in place, 改派 and 重办 open a new one), the latest reply and rating.
 */
async function ledgerColumns(exec: Executor, regionCode: string, items: OpinionRow[], now: Date) {
  const ids = items.map((i) => i.id);
  const [assigns, dues, replies, ratings] = ids.length
    ? await Promise.all([
        exec
          .select({ caseId: opinionAssignments.caseId, at: opinionAssignments.assignedAt })
          .from(opinionAssignments)
          .where(
            and(
              eq(opinionAssignments.regionCode, regionCode),
              inArray(opinionAssignments.caseId, ids),
              eq(opinionAssignments.role, 'lead'),
            ),
          )
          .orderBy(desc(opinionAssignments.assignedAt)),
        exec
          .select({ caseId: timers.caseId, dueAt: timers.dueAt })
          .from(timers)
          .where(
            and(eq(timers.regionCode, regionCode), inArray(timers.caseId, ids), eq(timers.kind, 'reply_due')),
          )
          .orderBy(desc(timers.createdAt)),
        exec
          .select({
            caseId: opinionReplies.caseId,
            outcome: opinionReplies.outcome,
            repliedAt: opinionReplies.repliedAt,
          })
          .from(opinionReplies)
          .where(and(eq(opinionReplies.regionCode, regionCode), inArray(opinionReplies.caseId, ids)))
          .orderBy(desc(opinionReplies.round)),
        exec
          .select({ caseId: opinionRatings.caseId, rating: opinionRatings.rating })
          .from(opinionRatings)
          .where(and(eq(opinionRatings.regionCode, regionCode), inArray(opinionRatings.caseId, ids)))
          .orderBy(desc(opinionRatings.round)),
      ])
    : [[], [], [], []];
  const first = <T extends { caseId: string | null }>(xs: T[]) => {
    const m = new Map<string, T>();
    for (const x of xs) if (x.caseId && !m.has(x.caseId)) m.set(x.caseId, x);
    return m;
  };
  const a = first(assigns);
  const d = first(dues);
  const r = first(replies);
  const g = first(ratings);
  return items.map((i) => {
    const assignedAt = a.get(i.id)?.at ?? null;
    const dueAt = i.replyDueAt ? new Date(i.replyDueAt) : (d.get(i.id)?.dueAt ?? null);
    const reply = ANSWERED.has(i.state) ? r.get(i.id) : undefined;
    const answeredOnTime = reply && dueAt ? reply.repliedAt <= dueAt : null;
    const handling = i.phase === 'handling';
    const rating = g.get(i.id);
    return {
      ...i,
      assignedAt: assignedAt?.toISOString() ?? null,
      /** The reply deadline that applies (kept after the answer, unlike `replyDueAt`). */
      dueAt: assignedAt ? (dueAt?.toISOString() ?? null) : null,
      repliedAt: reply?.repliedAt.toISOString() ?? null,
      answeredOnTime,
      timelinessLabel: reply
        ? answeredOnTime === null
          ? '已答复'
          : answeredOnTime
            ? '按期答复'
            : '超期答复'
        : handling && dueAt
          ? dueAt < now
            ? '已超期未答复'
            : '未到期'
          : null,
      outcomeLabel: r.has(i.id) ? outcomeLabels[r.get(i.id)!.outcome] : null,
      ratingLabel: rating ? (rating.rating ? ratingLabels[rating.rating] : '逾期未评价') : null,
    };
  });
}

/**
 * 问题清单 (everything collected), 交办清单 (every assigned case, with its unit, dates, deadline and
 * whether it was answered on time) and 办结清单 (closed, with the outcome and the rating): the
 * same scoped list with the ledger's columns.
 */
export async function ledger(ctx: AppContext, actor: Actor, kind: LedgerKind, f: ListFilter) {
  const page = await listOpinions(ctx, actor, ledgerFilter(kind, f));
  return {
    ...page,
    kind,
    title: ledgerTitles[kind],
    items: await ledgerColumns(ctx.database.db, actor.regionCode, page.items, ctx.clock.now()),
  };
}

type LedgerRow = Awaited<ReturnType<typeof ledgerColumns>>[number];

const day = (iso: string | null) =>
  iso ? new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 10) : '';

function columnsOf(kind: LedgerKind) {
  const cols: Array<[string, number, (i: LedgerRow) => string | number]> = [
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
      ['答复期限', 12, (i) => day(i.dueAt)],
      ['答复日期', 12, (i) => day(i.repliedAt)],
      ['是否按期答复', 12, (i) => i.timelinessLabel ?? ''],
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
  return cols;
}

/** Rows per worksheet: Excel holds 1,048,576 a sheet; more continue on 「<title>（2）」 and so on. */
export const SHEET_ROWS = 1_000_000;

/**
 * A ledger export, started: the first chunk is read before anything is sent, so a refused or
 * invalid request still answers with an error; then `write` streams every matching row (no cap)
 * as .xlsx to `out` — chunk by chunk with keyset pagination, each chunk written only once `out`
 * has drained, so memory stays bounded at a million rows. Personal data masked, as on screen.
 */
export async function startLedgerExport(
  ctx: AppContext,
  actor: Actor,
  kind: LedgerKind,
  f: ListFilter,
  opts: { chunk?: number; sheetRows?: number } = {},
) {
  const chunks = walkOpinions(ctx, actor, ledgerFilter(kind, f), opts.chunk ?? 1000);
  const head = await chunks.next();
  const sheetRows = opts.sheetRows ?? SHEET_ROWS;
  const cols = columnsOf(kind);
  const write = async (out: Writable): Promise<number> => {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: out,
      useStyles: true,
      useSharedStrings: false,
    });
    let ws: ExcelJS.Worksheet | null = null;
    let inSheet = 0;
    let sheets = 0;
    const newSheet = () => {
      ws?.commit();
      sheets += 1;
      ws = wb.addWorksheet(sheets === 1 ? ledgerTitles[kind] : `${ledgerTitles[kind]}（${sheets}）`);
      ws.columns = cols.map(([header, width]) => ({ header, width }));
      ws.getRow(1).font = { bold: true };
      ws.getRow(1).commit();
      inSheet = 0;
    };
    newSheet();
    let total = 0;
    const now = ctx.clock.now();
    for (let it = head; !it.done; it = await chunks.next()) {
      for (const i of await ledgerColumns(ctx.database.db, actor.regionCode, it.value, now)) {
        if (inSheet === sheetRows) newSheet();
        ws!.addRow(cols.map(([, , get]) => get(i))).commit();
        inSheet += 1;
        total += 1;
      }
      // Back-pressure: read the next chunk only when the client has taken what was written.
      if (out.writableNeedDrain) await Promise.race([once(out, 'drain'), once(out, 'close')]);
      if (out.destroyed) throw new Error('ledger export: the client went away');
    }
    (ws as ExcelJS.Worksheet | null)?.commit();
    await wb.commit();
    return total;
  };
  return { write };
}
