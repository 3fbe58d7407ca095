import { and, asc, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { appendAudit } from '../../kernel/audit/audit';
import { type Actor, assertCan } from '../../kernel/auth/actor';
import type { AppContext } from '../../kernel/context';
import { maskAddress, maskIdNumber, maskName } from '../../kernel/crypto/pii';
import { caseHistory, cases } from '../../kernel/db/kernel.schema';
import { stateLabeler } from '../../kernel/workflow/state-names';
import { departments } from '../congresses/congresses.schema';
import { findJurisdictions } from '../jurisdictions/jurisdictions.repository';
import { opinionCase } from './opinions.case';
import { opinionErrors } from './opinions.errors';
import { loadOpinion } from './opinions.repository';
import { opinionCategories, opinionRatings, opinionReplies, opinions } from './opinions.schema';
import { outcomeLabels, ratingLabels } from './queries.usecases';

/**
 * 民意处置公开: closed (已办结) cases whose citizen allowed disclosure and that staff did not
 * withhold — category, township, the public steps with dates, the answer and the satisfaction
 * result. Free text is de-identified by `redactText`; no community, grid, address or coordinates.
 */

const ID_NUMBER = /(?<![0-9A-Za-z])(?:\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])/g;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
const MOBILE = /(?<!\d)(?:(?:\+|00)?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}(?!\d)/g;
/** With an area code (021-64123456, 0571 87654321), or a bare 7–8 digit local number. */
const LANDLINE = /(?<![\d*])(?:0\d{2,3}[- ]?)?[2-9]\d{6,7}(?![\d*])/g;

function maskLandline(s: string): string {
  const digits = s.replace(/\D/g, '');
  const area = /^0/.test(digits) ? (s.match(/^0\d{2,3}[- ]?/)?.[0] ?? '') : '';
  const local = s.slice(area.length).replace(/\D/g, '');
  return `${area}${'*'.repeat(Math.max(0, local.length - 2))}${local.slice(-2)}`;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * De-identifies free text for the public page: the citizen's own name and address (when known)
 * and any resident ID number, e-mail address, mobile or landline number are replaced by masks.
 * Pure: same input, same output.
 */
export function redactText(text: string, personal: { names?: string[]; addresses?: string[] } = {}): string {
  let out = text;
  for (const a of (personal.addresses ?? []).map((x) => x.trim()).filter((x) => x.length >= 4)) {
    out = out.replace(new RegExp(escapeRe(a), 'g'), maskAddress(a));
    // The part below the street/town, as people write it ("莘松路100弄5号"), down to the lane/number.
    const tail = a.replace(/^.*?(?:街道|镇|乡)/, '');
    const parts = [tail, tail.match(/^.*?号/)?.[0], tail.match(/^.*?弄/)?.[0]];
    for (const p of parts.filter((x): x is string => !!x && [...x].length >= 4)) {
      out = out.replace(new RegExp(escapeRe(p), 'g'), '***');
    }
  }
  for (const n of (personal.names ?? []).map((x) => x.trim()).filter((x) => [...x].length >= 2)) {
    out = out.replace(new RegExp(escapeRe(n), 'g'), maskName(n));
  }
  return (
    out
      .replace(ID_NUMBER, (m) => maskIdNumber(m))
      .replace(EMAIL, (m) => `${m[0]}***@***`)
      // Stricter than the staff mask (138****1234): nothing of a public number links it to a person.
      .replace(MOBILE, (m) => `${m.replace(/\D/g, '').slice(-11, -8)}********`)
      .replace(LANDLINE, (m) => maskLandline(m))
  );
}

/** Steps shown publicly: 提交/受理/交办/签收/答复/评价/办结 — dates only, never who. */
const DISCLOSED_STEPS = new Set([
  'open',
  'accept',
  'assign',
  'reroute',
  'sign',
  'reply',
  'rate',
  'rateReopen',
  'rateReview',
  'reviewReopen',
  'reviewClose',
  'autoClose',
]);
const stepLabel = (a: string) => (a === 'open' ? '提交' : (opinionCase.actions[a]?.label ?? a));

export interface DisclosureFilter {
  category?: string;
  township?: string;
  page?: number;
}
export const DISCLOSURE_PAGE_SIZE = 20;
export const DISCLOSURE_MAX_PAGE = 500;

export async function listDisclosures(ctx: AppContext, f: DisclosureFilter) {
  const { db } = ctx.database;
  const region = ctx.config.REGION_CODE;
  const page = Math.min(Math.max(1, f.page ?? 1), DISCLOSURE_MAX_PAGE);
  const pageSize = DISCLOSURE_PAGE_SIZE;
  const conds: SQL[] = [
    eq(cases.regionCode, region),
    eq(cases.caseType, 'opinions'),
    eq(cases.phase, 'closed'),
    eq(cases.state, 'closed'),
    eq(opinions.allowDisclosure, true),
    isNull(opinions.disclosureWithheldReason),
    isNull(opinions.mergedInto),
  ];
  if (f.category) conds.push(sql`${opinions.categoryCode} like ${`${f.category}%`}`);
  if (f.township) conds.push(eq(opinions.townshipCode, f.township));
  const where = and(...conds);
  const join = and(eq(opinions.regionCode, cases.regionCode), eq(opinions.caseId, cases.id));
  const [rows, [count]] = await Promise.all([
    db
      .select({ c: cases, o: opinions })
      .from(cases)
      .innerJoin(opinions, join)
      .where(where)
      .orderBy(desc(cases.closedAt), desc(cases.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: sql<number>`count(*)` }).from(cases).innerJoin(opinions, join).where(where),
  ]);
  const ids = rows.map((r) => r.c.id);
  const inCases = <T extends { regionCode: unknown; caseId: unknown }>(t: T) =>
    and(eq(t.regionCode as never, region), inArray(t.caseId as never, ids.length ? ids : ['']));
  const [history, replies, ratings, cats, areas] = ids.length
    ? await Promise.all([
        db
          .select()
          .from(caseHistory)
          .where(and(inCases(caseHistory), inArray(caseHistory.action, [...DISCLOSED_STEPS])))
          .orderBy(asc(caseHistory.seq)),
        db.select().from(opinionReplies).where(inCases(opinionReplies)).orderBy(asc(opinionReplies.round)),
        db.select().from(opinionRatings).where(inCases(opinionRatings)).orderBy(asc(opinionRatings.round)),
        db
          .select({ code: opinionCategories.code, name: opinionCategories.name })
          .from(opinionCategories)
          .where(eq(opinionCategories.regionCode, region)),
        findJurisdictions(db, [
          ...new Set(rows.flatMap((r) => (r.o.townshipCode ? [r.o.townshipCode] : []))),
        ]),
      ])
    : [[], [], [], [], new Map()];
  const depIds = [...new Set(replies.flatMap((r) => (r.departmentId ? [r.departmentId] : [])))];
  const deps = depIds.length
    ? await db
        .select({ id: departments.id, name: departments.name })
        .from(departments)
        .where(and(eq(departments.regionCode, region), inArray(departments.id, depIds)))
    : [];
  const depName = new Map(deps.map((d) => [d.id, d.name]));
  const stateLabel = await stateLabeler(db, region, 'opinions');
  const catName = new Map(cats.map((c) => [c.code, c.name]));

  const items = rows.map(({ c, o }) => {
    const personal = {
      names: o.contactNameEnc ? [ctx.vault.decrypt(o.contactNameEnc)] : [],
      addresses: o.addressEnc ? [ctx.vault.decrypt(o.addressEnc)] : [],
    };
    const mine = <T extends { caseId: string }>(xs: T[]) => xs.filter((x) => x.caseId === c.id);
    const rated = mine(ratings);
    const last = rated[rated.length - 1];
    return {
      trackingNo: c.trackingNo,
      stateLabel: stateLabel(c.state, c.jurisdictionPath),
      title: redactText(c.title, personal),
      description: redactText(o.description, personal),
      categoryName: o.categoryCode ? (catName.get(o.categoryCode) ?? null) : null,
      township: o.townshipCode ? (areas.get(o.townshipCode)?.name ?? null) : null,
      openedAt: c.openedAt.toISOString(),
      closedAt: c.closedAt?.toISOString() ?? null,
      steps: mine(history).map((h) => ({ label: stepLabel(h.action), at: h.at.toISOString() })),
      replies: mine(replies).map((r) => ({
        round: r.round,
        departmentName: r.departmentId ? (depName.get(r.departmentId) ?? null) : null,
        body: redactText(r.body, personal),
        outcomeLabel: outcomeLabels[r.outcome],
        repliedAt: r.repliedAt.toISOString(),
      })),
      satisfaction: last ? (last.rating ? ratingLabels[last.rating] : '逾期未评价') : null,
    };
  });
  return { total: Number(count?.n ?? 0), page, pageSize, items };
}

/** Staff (congress staff over the case) withhold a case from the public page, or release it. */
export async function setDisclosure(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { withhold: boolean; reason?: string },
) {
  const reason = input.reason?.trim() ?? '';
  if (input.withhold && !reason) throw opinionErrors.reason_required();
  const { db } = ctx.database;
  return db.transaction(async (tx) => {
    const { c, o } = await loadOpinion(tx, actor.regionCode, id);
    assertCan(actor, ['congress_staff'], c.jurisdictionPath);
    const withheldReason = input.withhold ? reason : null;
    await tx
      .update(opinions)
      .set({ disclosureWithheldReason: withheldReason })
      .where(and(eq(opinions.regionCode, c.regionCode), eq(opinions.caseId, c.id)));
    await appendAudit(tx, actor, ctx.clock.now(), {
      action: input.withhold ? 'opinions.disclosure_withhold' : 'opinions.disclosure_release',
      targetType: 'opinions',
      targetId: c.id,
      jurisdictionCode: c.jurisdictionCode,
      details: { trackingNo: c.trackingNo, reason: reason || null },
    });
    return {
      allowDisclosure: o.allowDisclosure,
      withheld: withheldReason !== null,
      disclosureWithheldReason: withheldReason,
    };
  });
}
