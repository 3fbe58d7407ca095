import { and, desc, eq, inArray } from 'drizzle-orm';
import { type Actor, assertCan } from '../../kernel/auth/actor';
import type { AppContext } from '../../kernel/context';
import { timers } from '../../kernel/db/kernel.schema';
import { congressFor } from './congresses';
import { KEY_REPORT_DUE } from './keyreports';
import { listSuggestions } from './queries.usecases';
import { suggestionErrors } from './suggestions.errors';
import { act, suggestionWhere, withSuggestion } from './suggestions.repository';
import { suggestionReports, suggestions } from './suggestions.schema';

interface Period {
  from: string;
  day: string;
}

/**
 * 重点督办 board: a congress's key suggestions of a year (`keyYear`), each with its leader, lead
 * unit and state, the last progress report, the period now running (`nextReportDay`) and whether a
 * report is overdue — the last period that ended had no key progress report in it and none has
 * come since (the same test the key-report timer makes when the period ends, keyreports.ts).
 */
export async function keySuggestions(ctx: AppContext, actor: Actor, q: { year: number; congress?: string }) {
  const { db } = ctx.database;
  const congress = await congressFor(db, actor, q.congress);
  const list = await listSuggestions(ctx, actor, {
    keyYear: q.year,
    congress: congress.code,
    pageSize: 500,
  });
  const ids = list.items.map((i) => i.id);
  const now = ctx.clock.now();
  const [reports, periods] = ids.length
    ? await Promise.all([
        db
          .select()
          .from(suggestionReports)
          .where(
            and(
              eq(suggestionReports.regionCode, actor.regionCode),
              inArray(suggestionReports.caseId, ids),
              eq(suggestionReports.kind, 'key'),
            ),
          )
          .orderBy(desc(suggestionReports.reportedAt)),
        db
          .select()
          .from(timers)
          .where(
            and(
              eq(timers.regionCode, actor.regionCode),
              inArray(timers.caseId, ids),
              eq(timers.kind, KEY_REPORT_DUE),
              inArray(timers.status, ['open', 'fired']),
            ),
          )
          .orderBy(desc(timers.dueAt)),
      ])
    : [[], []];
  const items = list.items.map((i) => {
    const mine = reports.filter((r) => r.caseId === i.id);
    const last = mine[0];
    const open = periods.find((t) => t.caseId === i.id && t.status === 'open');
    // The last period that has ended (its timer fired, or is due and not yet processed).
    const ended = periods.find((t) => t.caseId === i.id && t.dueAt <= now);
    const p = ended?.payload as Period | undefined;
    const overdue = !!p?.from && !mine.some((r) => r.reportedAt > new Date(`${p.from}T00:00:00+08:00`));
    return {
      ...i,
      reportCount: mine.length,
      lastReport: last ? { body: last.body, at: last.reportedAt.toISOString() } : null,
      nextReportDay: open && open.dueAt > now ? ((open.payload as Period).day ?? null) : null,
      reportOverdue: overdue,
      reportOverdueSince: overdue ? p!.day : null,
    };
  });
  return { congress, year: q.year, total: items.length, items };
}

/**
 * 取消重点督办: staff take a suggestion off the key list (the 主任会议 revised its choice), with a
 * reason in the history; the progress-report timers stop, the reports on record stay.
 */
export async function unmarkKey(ctx: AppContext, actor: Actor, id: string, reason: string) {
  return withSuggestion(ctx, actor, id, async (tx, c, s) => {
    assertCan(actor, ['congress_staff'], c.jurisdictionPath);
    if (s.keyYear === null) throw suggestionErrors.key_not_marked();
    const next = await act(ctx, tx, c, 'unmarkKey', actor, { reason });
    await tx.update(suggestions).set({ keyYear: null, keyLeader: null }).where(suggestionWhere(c));
    return next;
  });
}
