import { and, asc, eq, gte, inArray, lte, ne, sql } from 'drizzle-orm';
import { appendAudit } from '../../kernel/audit/audit';
import { type Actor, assertCan } from '../../kernel/auth/actor';
import type { AppContext } from '../../kernel/context';
import type { Executor, Tx } from '../../kernel/db/client';
import { uuidv7 } from '../../kernel/ids';
import { congresses } from '../congresses/congresses.schema';
import { findJurisdiction } from '../jurisdictions/jurisdictions.repository';
import { suggestionCongresses } from './congresses';
import { suggestionErrors } from './suggestions.errors';
import { suggestionSessions, suggestions } from './suggestions.schema';

/**
 * 人代会会期 (第N届第M次会议) of a congress: a suggestion submitted on one of its days counts as
 * 会议期间 and is numbered in that session. Staff of the congress (or of an area above it) record
 * them; dates may not overlap another session of the same congress, and a session already holding
 * suggestions keeps its term and number (their register numbers carry them).
 */
export interface SessionInput {
  congressCode: string;
  term: number;
  session: number;
  startsOn: string;
  endsOn: string;
}
type SessionRow = typeof suggestionSessions.$inferSelect;

const label = (s: Pick<SessionRow, 'term' | 'session'>) => `第${s.term}届第${s.session}次会议`;

/** The sessions of the congresses the actor may count, with how many suggestions each holds. */
export async function listSessions(ctx: AppContext, actor: Actor, congressCode?: string) {
  const { db } = ctx.database;
  const mine = await suggestionCongresses(db, actor);
  const codes = mine.map((c) => c.code).filter((c) => !congressCode || c === congressCode);
  if (codes.length === 0) return { items: [] };
  const rows = await db
    .select({
      s: suggestionSessions,
      suggestions: sql<number>`(select count(*) from ${suggestions} x
        where x.region_code = ${suggestionSessions.regionCode} and x.session_id = ${suggestionSessions.id})`,
    })
    .from(suggestionSessions)
    .where(
      and(
        eq(suggestionSessions.regionCode, actor.regionCode),
        inArray(suggestionSessions.congressCode, codes),
      ),
    )
    .orderBy(asc(suggestionSessions.startsOn));
  return {
    items: rows.map(({ s, suggestions: n }) => ({
      ...s,
      label: label(s),
      congressName: mine.find((c) => c.code === s.congressCode)?.name ?? s.congressCode,
      suggestions: Number(n),
      editable: mine.some((c) => c.code === s.congressCode && c.staff),
    })),
  };
}

async function staffOf(exec: Executor, actor: Actor, congressCode: string) {
  const j = await findJurisdiction(exec, congressCode);
  const known = j && (await suggestionCongresses(exec, actor)).some((c) => c.code === j.code);
  if (!j) throw suggestionErrors.congress_not_found();
  assertCan(actor, ['congress_staff'], j.path);
  if (!known) throw suggestionErrors.congress_not_found();
  return j;
}

/** One writer of a congress's sessions at a time, so two overlapping sessions cannot both pass the check. */
async function lockCongress(tx: Tx, actor: Actor, code: string) {
  await tx
    .select({ id: congresses.id })
    .from(congresses)
    .where(and(eq(congresses.regionCode, actor.regionCode), eq(congresses.jurisdictionCode, code)))
    .for('update');
}

/** Refuses end before start, another session of the congress on any of these days, a number twice. */
async function checkSession(tx: Tx, actor: Actor, input: SessionInput, except?: string) {
  if (input.endsOn < input.startsOn) throw suggestionErrors.session_dates();
  const same = and(
    eq(suggestionSessions.regionCode, actor.regionCode),
    eq(suggestionSessions.congressCode, input.congressCode),
    except ? ne(suggestionSessions.id, except) : undefined,
  );
  const [clash] = await tx
    .select()
    .from(suggestionSessions)
    .where(
      and(
        same,
        lte(suggestionSessions.startsOn, input.endsOn),
        gte(suggestionSessions.endsOn, input.startsOn),
      ),
    );
  if (clash)
    throw suggestionErrors.session_overlap({
      session: label(clash),
      startsOn: clash.startsOn,
      endsOn: clash.endsOn,
    });
  const [twice] = await tx
    .select()
    .from(suggestionSessions)
    .where(and(same, eq(suggestionSessions.term, input.term), eq(suggestionSessions.session, input.session)));
  if (twice) throw suggestionErrors.session_duplicate({ session: label(twice) });
}

/** 登记会期: congress staff record a session's dates. Audited `suggestions.session_defined`. */
export async function defineSession(ctx: AppContext, actor: Actor, input: SessionInput) {
  const j = await staffOf(ctx.database.db, actor, input.congressCode);
  return ctx.database.db.transaction(async (tx) => {
    await lockCongress(tx, actor, input.congressCode);
    await checkSession(tx, actor, input);
    const now = ctx.clock.now();
    const [row] = await tx
      .insert(suggestionSessions)
      .values({ regionCode: actor.regionCode, id: uuidv7(now.getTime()), ...input, createdAt: now })
      .returning();
    await appendAudit(tx, actor, now, {
      action: 'suggestions.session_defined',
      targetType: 'suggestion_sessions',
      targetId: row!.id,
      jurisdictionCode: j.code,
      details: { ...input },
    });
    return row!;
  });
}

/**
 * 修改会期: dates and numbers. Suggestions already counted in it keep their classification (made at
 * submission); its term and number may not change once it holds suggestions. Audited with before/after.
 */
export async function updateSession(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: Omit<SessionInput, 'congressCode'>,
) {
  return ctx.database.db.transaction(async (tx) => {
    const [old] = await tx
      .select()
      .from(suggestionSessions)
      .where(and(eq(suggestionSessions.regionCode, actor.regionCode), eq(suggestionSessions.id, id)));
    if (!old) throw suggestionErrors.session_not_found();
    const j = await staffOf(tx, actor, old.congressCode).catch((e: { code?: string }) => {
      throw e.code === 'auth.forbidden' ? e : suggestionErrors.session_not_found();
    });
    await lockCongress(tx, actor, old.congressCode);
    const next = { ...input, congressCode: old.congressCode };
    await checkSession(tx, actor, next, id);
    if (input.term !== old.term || input.session !== old.session) {
      const [held] = await tx
        .select({ n: sql<number>`count(*)` })
        .from(suggestions)
        .where(and(eq(suggestions.regionCode, actor.regionCode), eq(suggestions.sessionId, id)));
      if (Number(held?.n ?? 0) > 0) throw suggestionErrors.session_in_use({ suggestions: Number(held!.n) });
    }
    const [row] = await tx
      .update(suggestionSessions)
      .set(input)
      .where(and(eq(suggestionSessions.regionCode, actor.regionCode), eq(suggestionSessions.id, id)))
      .returning();
    await appendAudit(tx, actor, ctx.clock.now(), {
      action: 'suggestions.session_updated',
      targetType: 'suggestion_sessions',
      targetId: id,
      jurisdictionCode: j.code,
      details: {
        before: { term: old.term, session: old.session, startsOn: old.startsOn, endsOn: old.endsOn },
        after: input,
      },
    });
    return row!;
  });
}
