import { phonePattern, type Role } from '@lianxin/contracts';
import { and, asc, eq, sql } from 'drizzle-orm';
import { type Actor, grantsCovering } from '../../kernel/auth/actor';
import type { AppContext } from '../../kernel/context';
import type { Executor } from '../../kernel/db/client';
import { cases } from '../../kernel/db/kernel.schema';
import { commonErrors } from '../../kernel/errors';
import { type ApiClient, authenticateApiKey } from '../integrations/api-keys';
import { touchApiClient } from '../integrations/integrations.usecases';
import { findJurisdiction, type Jurisdiction } from '../jurisdictions/jurisdictions.repository';
import { jurisdictions } from '../jurisdictions/jurisdictions.schema';
import { citizenForPhone, followUrl, type IntakeInput, type IntakeResult, intake } from './intake.usecases';
import { type Resolved, resolveLocation } from './location';
import { opinionErrors } from './opinions.errors';
import { categoryFor, followSecret } from './opinions.repository';
import { opinionCategories, opinions } from './opinions.schema';
import { followOpinion } from './queries.usecases';

/**
 * 12345 hotline tickets (疑难工单) entering the opinion loop: filed by the hotline's ticket system
 * through an API key (kind 'hotline'), or imported from the hotline's Excel export by congress
 * staff. Both go through the same `intake()` as every other channel, with channel 'hotline' and
 * the hotline's own ticket number kept in `external_ticket_no` (unique per region and channel).
 */
export interface HotlineTicket {
  /** 工单编号: the hotline's number, the idempotency key of the interface. */
  ticketNo: string;
  title: string;
  /** 诉求内容. */
  description: string;
  /** The hotline's category text: one of our codes, or a name in the congress's category tree. */
  category?: string | null;
  address?: string | null;
  lat?: number | null;
  lng?: number | null;
  /** Township/community: a division code or a name. */
  area?: string | null;
  callerName?: string | null;
  callerPhone?: string | null;
  allowDisclosure?: boolean;
  /** When the hotline received the call (kept as a note). */
  receivedAt?: string | null;
  /** The hotline's own deadline (kept as a note: our deadlines come from our settings). */
  deadline?: string | null;
}

export const HOTLINE_KIND = 'hotline' as const;

/** Ticket numbers as 12345 systems write them: letters, digits, '-' and '_'. */
export const TICKET_NO = /^[A-Za-z0-9][A-Za-z0-9_-]{3,39}$/;

/** Mobile, landline with area code, or a local landline (spaces and dashes removed first). */
const PHONE = /^(1[3-9]\d{9}|0\d{9,11}|\d{7,8})$/;
export const normalisePhone = (p: string) => p.replace(/[\s()（）-]/g, '');
export const validPhone = (p: string) => PHONE.test(normalisePhone(p));

/** The `Authorization: Bearer <key>` or `X-Api-Key` header of a request. */
export function apiKeyOf(headers: Record<string, string | string[] | undefined>): string | null {
  const auth = headers.authorization;
  if (typeof auth === 'string') {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    if (m) return m[1]!;
  }
  const x = headers['x-api-key'];
  return typeof x === 'string' ? x.trim() : null;
}

/** The active hotline client holding the key; anything else is refused the same way (401). */
export async function hotlineClient(ctx: AppContext, key: string | null): Promise<ApiClient> {
  const client = await authenticateApiKey(ctx.database.db, key, HOTLINE_KIND);
  if (!client) throw opinionErrors.hotline_key_invalid();
  await touchApiClient(ctx, client);
  return client;
}

/** The actor a hotline client files as: the system, labelled with the client's name. */
export function hotlineActor(client: ApiClient, meta: { ip?: string; requestId?: string } = {}): Actor {
  return {
    kind: 'system',
    accountId: null,
    regionCode: client.regionCode,
    label: `12345热线接口：${client.name}`,
    grants: [],
    ...meta,
  };
}

/**
 * A township/community by division code or by name inside `within` (a name must be unique there).
 * Returns null when nothing matches; a code outside the region is "nothing".
 */
export async function findArea(
  exec: Executor,
  region: Jurisdiction,
  text: string,
): Promise<Jurisdiction | 'ambiguous' | null> {
  const t = text.trim();
  if (/^\d{6,15}$/.test(t)) {
    const j = await findJurisdiction(exec, t);
    return j?.path.startsWith(region.path) ? j : null;
  }
  const rows = await exec
    .select()
    .from(jurisdictions)
    .where(and(eq(jurisdictions.name, t), sql`${jurisdictions.path} like ${`${region.path}%`}`));
  if (rows.length > 1) return 'ambiguous';
  return rows[0] ?? null;
}

/**
 * Our category for the hotline's text: an exact code, else an exact name in the category tree of
 * the congress nearest to the location; for '城乡建设-道路设施' also the last segment. Else null
 * (left for triage; the text is kept in the description).
 */
export async function matchCategory(
  exec: Executor,
  regionCode: string,
  path: string,
  text: string | null | undefined,
): Promise<string | null> {
  const t = text?.trim();
  if (!t) return null;
  if (/^[A-Z0-9]{1,16}$/.test(t)) {
    const byCode = await categoryFor(exec, regionCode, path, t);
    if (byCode) return byCode.code;
  }
  const names = [
    t,
    t
      .split(/[-－—>/／、]/)
      .at(-1)!
      .trim(),
  ].filter((n, i, a) => n && a.indexOf(n) === i);
  for (const name of names) {
    const rows = await exec
      .select({ code: opinionCategories.code, j: opinionCategories.jurisdictionCode })
      .from(opinionCategories)
      .where(
        and(
          eq(opinionCategories.regionCode, regionCode),
          eq(opinionCategories.name, name),
          eq(opinionCategories.active, true),
          sql`${path} like '%/' || ${opinionCategories.jurisdictionCode} || '/%'`,
        ),
      );
    const best = rows.sort((a, b) => b.j.length - a.j.length || a.code.localeCompare(b.code))[0];
    if (best) return best.code;
  }
  return null;
}

/** The description as filed: the caller's words, then what the hotline told us about the ticket. */
export function describeTicket(t: HotlineTicket, categoryMatched: boolean): string {
  const notes = [`工单编号：${t.ticketNo}`];
  if (t.receivedAt) notes.push(`热线受理时间：${t.receivedAt}`);
  if (t.deadline) notes.push(`热线办理时限：${t.deadline}（本系统办理期限按本级设置计算）`);
  if (t.category?.trim() && !categoryMatched) notes.push(`热线分类：${t.category.trim()}（待分类）`);
  return `${t.description.trim()}\n\n【12345热线工单】${notes.join('；')}`;
}

/** The existing hotline case for a ticket number in a region, if any. */
export async function findTicket(exec: Executor, regionCode: string, ticketNo: string) {
  const [row] = await exec
    .select({
      caseId: opinions.caseId,
      apiClientId: opinions.apiClientId,
      trackingNo: cases.trackingNo,
      jurisdictionPath: cases.jurisdictionPath,
    })
    .from(opinions)
    .innerJoin(cases, and(eq(cases.regionCode, opinions.regionCode), eq(cases.id, opinions.caseId)))
    .where(
      and(
        eq(opinions.regionCode, regionCode),
        eq(opinions.channel, 'hotline'),
        eq(opinions.externalTicketNo, ticketNo),
      ),
    );
  return row;
}

type Prior = NonNullable<Awaited<ReturnType<typeof findTicket>>>;

/**
 * Whether a replay may hand back the case already filed under this ticket number (its tracking
 * number and follow link): to the client that filed it; a staff-imported case only to a client
 * whose area contains it, or to staff covering it. Anyone else learns nothing about that case.
 */
function mayReplay(prior: Prior, actor: Actor, opts: { apiClientId: string | null; clientPath?: string }) {
  if (opts.apiClientId)
    return (
      prior.apiClientId === opts.apiClientId ||
      (prior.apiClientId === null && !!opts.clientPath && prior.jurisdictionPath.startsWith(opts.clientPath))
    );
  return grantsCovering(actor, ['congress_staff', 'station_staff'], prior.jurisdictionPath).length > 0;
}

/** A unique-index violation (PostgreSQL 23505), possibly wrapped by the query builder. */
export function isUniqueViolation(err: unknown): boolean {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined, i = 0; e && i < 5; i++) {
    if (e.code === '23505') return true;
    e = e.cause as typeof e;
  }
  return false;
}

/**
 * Where a ticket lies: the area given (code or name), else the point, else the whole `fallback`
 * jurisdiction. Same rules as `intake()` uses, so the check here and the case agree.
 */
export async function locateTicket(
  exec: Executor,
  regionCode: string,
  t: Pick<HotlineTicket, 'area' | 'lat' | 'lng'>,
  fallback: string,
): Promise<{ areaCode: string | null; loc: Resolved } | { problem: 'unknown_area' | 'ambiguous_area' }> {
  const region = await findJurisdiction(exec, regionCode);
  if (!region) throw opinionErrors.outside_region();
  let areaCode: string | null = null;
  if (t.area?.trim()) {
    const a = await findArea(exec, region, t.area);
    if (a === 'ambiguous') return { problem: 'ambiguous_area' };
    if (!a) return { problem: 'unknown_area' };
    areaCode = a.code;
  } else if (t.lat == null || t.lng == null) {
    areaCode = fallback;
  }
  const loc = await resolveLocation(exec, regionCode, { lat: t.lat, lng: t.lng, areaCode });
  return { areaCode, loc };
}

export const areaProblemText = {
  unknown_area: '找不到该街镇/社区，请填写本辖区内的名称或区划代码',
  ambiguous_area: '该名称对应多个地区，请改填区划代码',
} as const;

/** Files one ticket through `intake()`; a ticket number already filed returns that case. */
export async function intakeTicket(
  ctx: AppContext,
  actor: Actor,
  t: HotlineTicket,
  opts: {
    areaCode: string | null;
    loc: Resolved;
    apiClientId: string | null;
    recordedAs?: Role[];
    /** The client's subtree: checked again inside intake's transaction. */
    withinPath?: string;
  },
): Promise<IntakeResult> {
  const { db } = ctx.database;
  const categoryCode = await matchCategory(db, actor.regionCode, opts.loc.jurisdiction.path, t.category);
  const phone = t.callerPhone ? normalisePhone(t.callerPhone) : null;
  const input: IntakeInput = {
    title: t.title.trim(),
    description: describeTicket(t, !!categoryCode),
    categoryCode,
    lat: t.lat ?? null,
    lng: t.lng ?? null,
    address: t.address?.trim() || null,
    areaCode: opts.areaCode,
    contactName: t.callerName?.trim() || null,
    contactPhone: phone,
    allowDisclosure: t.allowDisclosure ?? false,
  };
  // A mobile caller is linked to their citizen account (as walk-ins are), so the case shows under
  // 我的 once they sign in with that phone and they are texted its steps; landlines are not.
  const citizenAccountId =
    phone && phonePattern.test(phone)
      ? await db.transaction((tx) => citizenForPhone(tx, ctx, actor.regionCode, phone))
      : null;
  try {
    return await intake(ctx, actor, input, {
      channel: 'hotline',
      citizenAccountId,
      contactPhone: phone,
      externalTicketNo: t.ticketNo,
      apiClientId: opts.apiClientId,
      recordedAs: opts.recordedAs,
      withinPath: opts.withinPath,
    });
  } catch (err) {
    // Two deliveries of one ticket at once: the unique index lets one in; the other gets it back.
    if (!isUniqueViolation(err)) throw err;
    const prior = await findTicket(db, actor.regionCode, t.ticketNo);
    if (!prior) throw err;
    if (!mayReplay(prior, actor, { apiClientId: opts.apiClientId, clientPath: opts.withinPath }))
      throw opinionErrors.hotline_ticket_taken();
    return {
      id: prior.caseId,
      trackingNo: prior.trackingNo,
      followUrl: followUrl(ctx, prior.trackingNo, prior.caseId),
      replayed: true,
    };
  }
}

/**
 * POST /api/hotline/tickets: files a ticket for an authenticated hotline client. Idempotent on the
 * ticket number: a ticket already filed (by this client, or imported by staff from the hotline's
 * Excel export) returns that case with `replayed: true`, even if the content differs — the first
 * version wins and nothing is updated. A number filed by another client is refused.
 */
export async function fileHotlineTicket(
  ctx: AppContext,
  client: ApiClient,
  t: HotlineTicket,
  meta: { ip?: string; requestId?: string } = {},
): Promise<IntakeResult> {
  const { db } = ctx.database;
  const prior = await findTicket(db, client.regionCode, t.ticketNo);
  if (prior) {
    if (
      !mayReplay(prior, hotlineActor(client, meta), {
        apiClientId: client.id,
        clientPath: client.jurisdictionPath,
      })
    )
      throw opinionErrors.hotline_ticket_taken();
    return {
      id: prior.caseId,
      trackingNo: prior.trackingNo,
      followUrl: followUrl(ctx, prior.trackingNo, prior.caseId),
      replayed: true,
    };
  }
  const where = await locateTicket(db, client.regionCode, t, client.jurisdictionCode);
  if ('problem' in where) {
    throw commonErrors.validation([{ path: 'body.area', message: areaProblemText[where.problem] }]);
  }
  if (!where.loc.jurisdiction.path.startsWith(client.jurisdictionPath)) {
    throw opinionErrors.hotline_out_of_area();
  }
  return intakeTicket(ctx, hotlineActor(client, meta), t, {
    ...where,
    apiClientId: client.id,
    withinPath: client.jurisdictionPath,
  });
}

/**
 * GET /api/hotline/tickets/{ticketNo}: our status for a ticket this client filed, for the hotline to
 * sync back — the public view (state, public steps with dates, replies), nothing personal.
 *
 * 并单: a ticket merged into another case reports state `merged` (已合并) with the main case
 * (`mergedInto`: its tracking number, its ticket number when this client filed it too, its state
 * and steps); its `phase`, `closedAt` and `reply` then follow the main case, so the hotline closes
 * the ticket with the main case's answer, not at the moment of the merge. A ticket that other cases
 * were merged into lists them in `mergedCases`.
 */
export async function hotlineTicketStatus(ctx: AppContext, client: ApiClient, ticketNo: string) {
  const { db } = ctx.database;
  const found = await findTicket(db, client.regionCode, ticketNo);
  if (!found || found.apiClientId !== client.id) throw opinionErrors.hotline_ticket_not_found();
  const view = await followOpinion(ctx, found.trackingNo, followSecret(ctx, found.caseId));
  // Another client's ticket numbers are not this client's business: only its own are named.
  const ownTicket = (o: { channel: string; apiClientId: string | null; externalTicketNo: string | null }) =>
    o.channel === 'hotline' && o.apiClientId === client.id ? o.externalTicketNo : null;
  const linked = {
    channel: opinions.channel,
    apiClientId: opinions.apiClientId,
    externalTicketNo: opinions.externalTicketNo,
    trackingNo: cases.trackingNo,
    closedAt: cases.closedAt,
  };
  const byCase = and(eq(cases.regionCode, opinions.regionCode), eq(cases.id, opinions.caseId));
  const [self] = await db
    .select({ mergedInto: opinions.mergedInto })
    .from(opinions)
    .where(and(eq(opinions.regionCode, client.regionCode), eq(opinions.caseId, found.caseId)));
  const [main] = self?.mergedInto
    ? await db
        .select(linked)
        .from(opinions)
        .innerJoin(cases, byCase)
        .where(and(eq(opinions.regionCode, client.regionCode), eq(opinions.caseId, self.mergedInto)))
    : [];
  const mergedCases = await db
    .select(linked)
    .from(opinions)
    .innerJoin(cases, byCase)
    .where(and(eq(opinions.regionCode, client.regionCode), eq(opinions.mergedInto, found.caseId)))
    .orderBy(asc(cases.closedAt), asc(cases.trackingNo));
  const m = view.mergedInto;
  const last = view.replies.at(-1) ?? m?.replies.at(-1);
  return {
    ticketNo,
    caseId: view.id,
    trackingNo: view.trackingNo,
    followUrl: followUrl(ctx, found.trackingNo, found.caseId),
    state: view.state,
    stateLabel: view.stateLabel,
    phase: m ? m.phase : view.phase,
    departmentName: view.departmentName,
    openedAt: view.openedAt,
    closedAt: m ? m.closedAt : view.closedAt,
    steps: view.steps.map((s) => ({ label: s.label, stateLabel: s.stateLabel, at: s.at })),
    reply: last ? { body: last.body, outcomeLabel: last.outcomeLabel, repliedAt: last.repliedAt } : null,
    ratings: view.ratings,
    mergedInto:
      m && main
        ? {
            trackingNo: m.trackingNo,
            ticketNo: ownTicket(main),
            state: m.state,
            stateLabel: m.stateLabel,
            phase: m.phase,
            closedAt: m.closedAt,
            mergedAt: view.closedAt,
            steps: m.steps,
          }
        : null,
    mergedCases: mergedCases.map((c) => ({
      trackingNo: c.trackingNo,
      ticketNo: ownTicket(c),
      mergedAt: c.closedAt?.toISOString() ?? null,
    })),
  };
}

/**
 * A time as the hotline writes it ('2026-03-01 10:20', '2026/3/1', '2026年3月1日', ISO 8601) →
 * 'YYYY-MM-DD' or 'YYYY-MM-DD HH:mm' (China time as written), or null when it is not a date.
 */
export function parseWhen(text: string): string | null {
  const t = text.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(t);
  if (iso) {
    const d = new Date(iso[6] ? t : `${t}+08:00`);
    if (Number.isNaN(d.getTime())) return null;
    const local = new Date(d.getTime() + 8 * 3600_000).toISOString();
    return `${local.slice(0, 10)} ${local.slice(11, 16)}`;
  }
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:\s+(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?)?$/.exec(
    t,
  );
  if (!m) return null;
  const [y, mo, d, h, mi] = [m[1], m[2], m[3], m[4], m[5]].map((x) =>
    x === undefined ? undefined : Number(x),
  );
  const date = new Date(Date.UTC(y!, mo! - 1, d!));
  if (date.getUTCMonth() !== mo! - 1 || date.getUTCDate() !== d || y! < 2000 || y! > 2100) return null;
  if (h !== undefined && (h > 23 || mi! > 59)) return null;
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = `${y}-${pad(mo!)}-${pad(d!)}`;
  return h === undefined ? day : `${day} ${pad(h)}:${pad(mi!)}`;
}
