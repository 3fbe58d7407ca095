import { TfIdf } from '@node-rs/jieba';
import { idf } from '@node-rs/jieba/dict';
import { and, asc, desc, eq, inArray, isNull, ne, type SQL, sql } from 'drizzle-orm';
import { type Actor, assertCan } from '../../kernel/auth/actor';
import type { AppContext } from '../../kernel/context';
import { cases } from '../../kernel/db/kernel.schema';
import { transition } from '../../kernel/workflow/engine';
import { stateLabeler } from '../../kernel/workflow/state-names';
import { assertCanSee, viewerOf, visibleTo } from './access';
import { opinionErrors } from './opinions.errors';
import { loadOpinion } from './opinions.repository';
import { opinions } from './opinions.schema';
import { syncMergedRating } from './rating.usecases';
import { segmenter, tsQuery } from './search';

let tfidf: TfIdf | undefined;

/** The words that characterise a case (TF-IDF over jieba's corpus): generic words like 希望 rank low. */
export function keywordsOf(text: string, topK = 8): string[] {
  tfidf ??= TfIdf.withDict(idf);
  return tfidf
    .extractKeywords(segmenter(), text, topK)
    .map((k) => k.keyword.replace(/['\\:&|!()<>*\s]/g, ''))
    .filter((k) => k.length > 0);
}

const OPEN_PHASES = ['intake', 'handling', 'feedback'] as const;
/** Two cases are "similar" when at least this many of the case's keywords occur in the other. */
const MIN_SHARED = 2;

/**
 * 相似事项: open cases the viewer may see, in the same street (or region-wide when the case has no
 * street), sharing at least two of this case's keywords or one keyword and the category; ranked by
 * shared keywords, then category, then distance when both have a point. Shown to staff at intake so
 * a duplicate can be merged (并单).
 */
export async function similarOpenCases(ctx: AppContext, actor: Actor, id: string, limit = 5) {
  const { db } = ctx.database;
  const v = await viewerOf(db, actor);
  const { c, o } = await loadOpinion(db, actor.regionCode, id);
  await assertCanSee(db, v, c, o);
  const words = keywordsOf(`${c.title}。${o.description}`);
  if (words.length === 0) return [];
  const shared = sql.join(
    words.map((w) => sql`(${opinions.searchVector} @@ ${tsQuery([w])})::int`),
    sql` + `,
  );
  const sameCategory: SQL = o.categoryCode
    ? sql`(${opinions.categoryCode} = ${o.categoryCode})::int`
    : sql`0`;
  const distance: SQL =
    o.lat != null && o.lng != null
      ? sql`case when ${opinions.lat} is null then null else round(sqrt(
          power((${opinions.lng} - ${o.lng}) * cos(radians(${o.lat})) * 111320, 2) +
          power((${opinions.lat} - ${o.lat}) * 110540, 2))) end`
      : sql`null`;
  const conds: SQL[] = [
    eq(cases.regionCode, actor.regionCode),
    eq(cases.caseType, 'opinions'),
    inArray(cases.phase, [...OPEN_PHASES]),
    ne(cases.id, c.id),
    isNull(opinions.mergedInto),
    visibleTo(v),
    sql`${opinions.searchVector} @@ ${tsQuery(words, '|')}`,
    sql`(${shared}) + ${sameCategory} >= ${MIN_SHARED}`,
  ];
  if (o.townshipCode) conds.push(eq(opinions.townshipCode, o.townshipCode));
  const rows = await db
    .select({
      id: cases.id,
      trackingNo: cases.trackingNo,
      title: cases.title,
      state: cases.state,
      jurisdictionPath: cases.jurisdictionPath,
      openedAt: cases.openedAt,
      shared: sql<number>`${shared}`,
      sameCategory: sql<number>`${sameCategory}`,
      distance: sql<number | null>`${distance}`,
    })
    .from(cases)
    .innerJoin(opinions, and(eq(opinions.regionCode, cases.regionCode), eq(opinions.caseId, cases.id)))
    .where(and(...conds))
    .orderBy(desc(sql`${shared}`), desc(sql`${sameCategory}`), asc(sql`${distance}`), desc(cases.openedAt))
    .limit(limit);
  const stateLabel = await stateLabeler(db, actor.regionCode, 'opinions');
  return rows.map((r) => ({
    id: r.id,
    trackingNo: r.trackingNo,
    title: r.title,
    stateLabel: stateLabel(r.state, r.jurisdictionPath),
    openedAt: r.openedAt.toISOString(),
    sharedKeywords: Number(r.shared),
    sameCategory: Number(r.sameCategory) === 1,
    distanceMeters: r.distance == null ? null : Number(r.distance),
  }));
}

/**
 * 并单: a duplicate is closed as 已合并 into a main case that is still open. Cases already merged
 * into the duplicate follow it to the main case, so there are no chains. Both rows are locked in id
 * order (a concurrent merge the other way cannot deadlock or make a cycle). The duplicate's citizen
 * is told at each public step of the main case and sees its answer on their follow page.
 */
export async function mergeOpinion(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { into: string; reason?: string },
) {
  if (input.into === id) throw opinionErrors.merge_into_self();
  return ctx.database.db.transaction(async (tx) => {
    const locked = await tx
      .select()
      .from(cases)
      .where(
        and(
          eq(cases.regionCode, actor.regionCode),
          eq(cases.caseType, 'opinions'),
          inArray(cases.id, [id, input.into].sort()),
        ),
      )
      .orderBy(asc(cases.id))
      .for('update');
    const dup = locked.find((c) => c.id === id);
    const main = locked.find((c) => c.id === input.into);
    if (!dup) throw opinionErrors.not_found();
    if (!main) throw opinionErrors.merge_target_invalid();
    assertCan(actor, ['congress_staff'], dup.jurisdictionPath);
    assertCan(actor, ['congress_staff'], main.jurisdictionPath);
    const [mainOpinion] = await tx
      .select({ mergedInto: opinions.mergedInto })
      .from(opinions)
      .where(and(eq(opinions.regionCode, main.regionCode), eq(opinions.caseId, main.id)));
    if (main.phase === 'closed' || mainOpinion?.mergedInto) throw opinionErrors.merge_target_invalid();
    const next = await transition(
      ctx,
      { regionCode: dup.regionCode, id: dup.id },
      'merge',
      actor,
      {
        mergedInto: main.id,
        mainTrackingNo: main.trackingNo,
        ...(input.reason ? { reason: input.reason } : {}),
      },
      { exec: tx },
    );
    await tx
      .update(opinions)
      .set({ mergedInto: main.id, replyDueAt: null })
      .where(
        and(
          eq(opinions.regionCode, dup.regionCode),
          sql`(${opinions.caseId} = ${dup.id} or ${opinions.mergedInto} = ${dup.id})`,
        ),
      );
    // Merged into a case already answered: its citizens may rate that answer, within the period.
    if (main.phase === 'feedback') await syncMergedRating(tx, ctx, main, 'fill');
    return next;
  });
}
