import { and, asc, desc, eq, gte, isNotNull, lt, sql } from 'drizzle-orm';
import type { AppContext } from '../../kernel/context';
import { cases } from '../../kernel/db/kernel.schema';
import { resolveSetting } from '../../kernel/settings';
import { deputies } from '../deputies/deputies.schema';
import { findJurisdiction } from '../jurisdictions/jurisdictions.repository';
import { redactText } from '../opinions/disclosure.usecases';
import { reachErrors } from '../reach/reach.errors';
import { stations } from '../stations/stations.schema';
import { suggestionCase } from '../suggestions/suggestions.case';
import { suggestionSigners, suggestions } from '../suggestions/suggestions.schema';
import { activities, activityParticipants, voterReports } from './activities.schema';
import { activityKinds } from './activities.settings';
import { chinaDay } from './quotas.engine';

const LIMIT = 200;
const short = (s: string | null, n = 100) => {
  if (!s) return null;
  const t = redactText(s.replace(/\s+/g, ' ').trim());
  return [...t].length > n ? `${[...t].slice(0, n).join('')}…` : t;
};

/**
 * 履职日志: what an active deputy did in a year, for the public — confirmed activities they
 * attended (kind, day, place, short de-identified content), suggestions they submitted or co-signed
 * (title, state; the answer category only once published), and their reports to voters. Factual:
 * no points, no ranks, no counts compared with others, nothing about the citizens involved.
 */
export async function publicLog(ctx: AppContext, regionCode: string, code: string, year?: number) {
  const { db } = ctx.database;
  const [d] = await db
    .select({ id: deputies.id, name: deputies.name, code: deputies.publicCode, j: deputies.jurisdictionCode })
    .from(deputies)
    .where(
      and(eq(deputies.regionCode, regionCode), eq(deputies.publicCode, code), eq(deputies.status, 'active')),
    );
  if (!d) throw reachErrors.deputy_not_found();
  const y = year ?? Number(chinaDay(ctx.clock.now()).slice(0, 4));
  const from = `${y}-01-01`;
  const to = `${y}-12-31`;

  const acts = await db
    .select({
      kind: activities.kind,
      title: activities.title,
      content: activities.content,
      place: activities.place,
      day: activities.day,
      sourceType: activities.sourceType,
      path: activities.jurisdictionPath,
      stationName: stations.name,
    })
    .from(activities)
    .innerJoin(
      activityParticipants,
      and(
        eq(activityParticipants.regionCode, activities.regionCode),
        eq(activityParticipants.activityId, activities.id),
        eq(activityParticipants.deputyId, d.id),
        eq(activityParticipants.attendance, 'present'),
      ),
    )
    .leftJoin(
      stations,
      and(eq(stations.regionCode, activities.regionCode), eq(stations.id, activities.stationId)),
    )
    .where(
      and(
        eq(activities.regionCode, regionCode),
        eq(activities.status, 'confirmed'),
        sql`${activities.day} between ${from} and ${to}`,
      ),
    )
    .orderBy(desc(activities.day), desc(activities.id))
    .limit(LIMIT);
  // Kind names as each congress configured them (settings inherit down the path).
  const kindNames = new Map<string, Map<string, string>>();
  const nameOf = async (path: string, kind: string) => {
    if (!kindNames.has(path))
      kindNames.set(
        path,
        new Map((await resolveSetting(db, regionCode, path, activityKinds)).map((k) => [k.code, k.name])),
      );
    return kindNames.get(path)!.get(kind) ?? kind;
  };
  const activityItems = [];
  for (const a of acts) {
    const kindName = await nameOf(a.path, a.kind);
    // A field note or an opinion's activity is titled after a citizen's matter: only its kind is public.
    const fromCitizen = a.sourceType === 'opinion';
    activityItems.push({
      day: a.day,
      kind: a.kind,
      kindName,
      title: fromCitizen ? kindName : (short(a.title, 60) ?? kindName),
      place: a.stationName ?? short(a.place, 40),
      content: fromCitizen ? null : short(a.content),
    });
  }

  const sugg = await db
    .select({
      title: cases.title,
      state: cases.state,
      role: suggestionSigners.role,
      submittedAt: suggestions.submittedAt,
      registerNo: suggestions.registerNo,
      category: suggestions.answerCategory,
      publishedAt: suggestions.publishedAt,
      id: suggestions.caseId,
    })
    .from(suggestionSigners)
    .innerJoin(
      suggestions,
      and(
        eq(suggestions.regionCode, suggestionSigners.regionCode),
        eq(suggestions.caseId, suggestionSigners.caseId),
      ),
    )
    .innerJoin(cases, and(eq(cases.regionCode, suggestions.regionCode), eq(cases.id, suggestions.caseId)))
    .where(
      and(
        eq(suggestionSigners.regionCode, regionCode),
        eq(suggestionSigners.deputyId, d.id),
        gte(suggestions.submittedAt, new Date(`${from}T00:00:00+08:00`)),
        lt(suggestions.submittedAt, new Date(`${y + 1}-01-01T00:00:00+08:00`)),
      ),
    )
    .orderBy(desc(suggestions.submittedAt))
    .limit(LIMIT);

  const reports = await db
    .select({
      id: voterReports.id,
      title: voterReports.title,
      scheduledOn: voterReports.scheduledOn,
      status: voterReports.status,
      place: voterReports.place,
      stationName: stations.name,
    })
    .from(voterReports)
    .leftJoin(
      stations,
      and(eq(stations.regionCode, voterReports.regionCode), eq(stations.id, voterReports.stationId)),
    )
    .where(
      and(
        eq(voterReports.regionCode, regionCode),
        eq(voterReports.deputyId, d.id),
        eq(voterReports.year, y),
        isNotNull(voterReports.publishedAt),
        sql`${voterReports.status} <> 'cancelled'`,
      ),
    )
    .orderBy(asc(voterReports.scheduledOn));

  const home = await findJurisdiction(db, d.j);
  return {
    deputy: { code: d.code, name: d.name, area: home?.name ?? null },
    year: y,
    activities: activityItems,
    suggestions: sugg.map((s) => ({
      id: s.publishedAt ? s.id : null,
      title: short(s.title, 80) ?? '',
      role: s.role,
      roleLabel: s.role === 'lead' ? '领衔' : '联名',
      submittedOn: chinaDay(s.submittedAt!),
      registerNo: s.registerNo,
      stateLabel: suggestionCase.states[s.state]?.label ?? s.state,
      published: s.publishedAt !== null,
      answerCategory: s.publishedAt ? s.category : null,
    })),
    reports: reports.map((r) => ({
      id: r.id,
      title: short(r.title, 80) ?? '',
      scheduledOn: r.scheduledOn,
      place: r.stationName ?? r.place,
      statusLabel: r.status === 'held' ? '已述职' : '已安排',
    })),
  };
}
