import { phonePattern } from '@lianxin/contracts';
import { and, asc, desc, eq, gte, inArray, isNull, lte, ne, or, type SQL, sql } from 'drizzle-orm';
import type { AppContext } from '../../kernel/context';
import { caseHistory, cases } from '../../kernel/db/kernel.schema';
import { AppError } from '../../kernel/errors';
import { stateLabeler } from '../../kernel/workflow/state-names';
import { departments } from '../congresses/congresses.schema';
import { type ApiClient, authenticateApiKey } from '../integrations/api-keys';
import { touchApiClient } from '../integrations/integrations.usecases';
import {
  findJurisdiction,
  findJurisdictions,
  type Jurisdiction,
} from '../jurisdictions/jurisdictions.repository';
import { jurisdictions } from '../jurisdictions/jurisdictions.schema';
import { redactText } from '../opinions/disclosure.usecases';
import { fileExternalOpinion } from '../opinions/external-intake';
import { opinionCase, PUBLIC_ACTIONS } from '../opinions/opinions.case';
import { opinionReplies, opinions } from '../opinions/opinions.schema';
import { listCategories, outcomeLabels } from '../opinions/queries.usecases';
import { bad, forbidden, notFound, Open311Error, parseW3, w3 } from './open311.format';

/**
 * Open311 GeoReport v2 over the opinions loop. See docs/modules/open311.md for the mapping and the
 * privacy choices: reading is public and therefore de-identified (township-level address, no
 * contact data, descriptions only of cases whose citizen allowed disclosure); filing needs an
 * `open311` API key and goes through the same intake as every other channel.
 */

export const MAX_REQUESTS = 1000;
const DAY = 86_400_000;
const MAX_SPAN_DAYS = 90;
/** Cases one key may file per minute (counted in the database, so it holds across processes). */
export const POSTS_PER_MINUTE = 30;

const SERVICE_CODE = /^[A-Z0-9]{1,16}$/;
const REQUEST_ID = /^MY\d{14}$/;
const TICKET = /^[A-Za-z0-9_.:-]{1,64}$/;

// --- jurisdictions and services ------------------------------------------------------------------

/**
 * `jurisdiction_id`: the region's code (the default) or any area within it (narrows the requests).
 * A non-numeric id (the spec suggests a domain such as `minhang.gov.cn`) names this one-region
 * server, which "can ignore this parameter": it means the whole region.
 */
export async function jurisdictionFor(ctx: AppContext, id: string | undefined): Promise<Jurisdiction> {
  const region = await findJurisdiction(ctx.database.db, ctx.config.REGION_CODE);
  if (!region) throw new Open311Error(400, '服务暂不可用：本行政区尚未初始化');
  if (id === undefined || id === '' || id === region.code || !/^\d+$/.test(id)) return region;
  if (!/^\d{2,15}$/.test(id)) throw notFound(`未找到该辖区（jurisdiction_id=${id.slice(0, 20)}）`);
  const j = await findJurisdiction(ctx.database.db, id);
  if (!j?.path.startsWith(region.path)) throw notFound(`未找到该辖区（jurisdiction_id=${id}）`);
  return j;
}

interface Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: 'realtime';
  keywords: string;
  group: string;
}

/** The congress's category tree: every active category below the top level is a service, its parent the group. */
async function catalogue(ctx: AppContext) {
  const cats = await listCategories(ctx, ctx.config.REGION_CODE);
  const byCode = new Map(cats.map((c) => [c.code, c]));
  const services: Service[] = cats
    .filter((c) => c.level >= 2)
    .map((c) => {
      const group = c.parentCode ? (byCode.get(c.parentCode)?.name ?? '') : '';
      return {
        service_code: c.code,
        service_name: c.name,
        description: `${group ? `${group}：` : ''}${c.name}${c.complexity === 'complex' ? '（复杂事项，按月报告办理进度）' : ''}`,
        metadata: false,
        type: 'realtime' as const,
        keywords: [c.name, group].filter(Boolean).join(', '),
        group,
      };
    });
  return { services, names: new Map(cats.map((c) => [c.code, c.name])) };
}

export async function listServices(ctx: AppContext, jurisdictionId?: string): Promise<Service[]> {
  await jurisdictionFor(ctx, jurisdictionId);
  return (await catalogue(ctx)).services;
}

/** No service has extra attributes: the definition exists for clients that always ask for it. */
export async function serviceDefinition(ctx: AppContext, code: string, jurisdictionId?: string) {
  await jurisdictionFor(ctx, jurisdictionId);
  const { services } = await catalogue(ctx);
  if (!SERVICE_CODE.test(code) || !services.some((s) => s.service_code === code))
    throw notFound(`未找到该服务类型（service_code=${code.slice(0, 20)}）`);
  return { service_code: code, attributes: [] as unknown[] };
}

// --- reading requests --------------------------------------------------------------------------

type Row = { c: typeof cases.$inferSelect; o: typeof opinions.$inferSelect };

const stepLabel = (a: string) => (a === 'open' ? '提交' : (opinionCase.actions[a]?.label ?? a));
const day = (d: Date) => (w3(d) ?? '').slice(0, 10);
const coarse = (x: number | null) => (x === null ? null : Math.round(x * 100) / 100);

/** Public, de-identified view of cases, in the spec's field order; a few queries for the whole page. */
async function present(ctx: AppContext, rows: Row[]) {
  const { db } = ctx.database;
  const region = ctx.config.REGION_CODE;
  const ids = rows.map((r) => r.c.id);
  if (ids.length === 0) return [];
  const depIds = [...new Set(rows.flatMap((r) => (r.o.departmentId ? [r.o.departmentId] : [])))];
  const [history, replies, deps, areas, { names }] = await Promise.all([
    db
      .select({ caseId: caseHistory.caseId, action: caseHistory.action, at: caseHistory.at })
      .from(caseHistory)
      .where(
        and(
          eq(caseHistory.regionCode, region),
          inArray(caseHistory.caseId, ids),
          inArray(caseHistory.action, [...PUBLIC_ACTIONS]),
        ),
      )
      .orderBy(asc(caseHistory.seq)),
    db
      .select({ caseId: opinionReplies.caseId, outcome: opinionReplies.outcome })
      .from(opinionReplies)
      .where(and(eq(opinionReplies.regionCode, region), inArray(opinionReplies.caseId, ids)))
      .orderBy(asc(opinionReplies.round)),
    depIds.length
      ? db
          .select({ id: departments.id, name: departments.name })
          .from(departments)
          .where(and(eq(departments.regionCode, region), inArray(departments.id, depIds)))
      : Promise.resolve([]),
    findJurisdictions(db, [region, ...rows.flatMap((r) => (r.o.townshipCode ? [r.o.townshipCode] : []))]),
    catalogue(ctx),
  ]);
  const stateLabel = await stateLabeler(db, region, 'opinions');
  const lastStep = new Map(history.map((h) => [h.caseId, h]));
  const lastReply = new Map(replies.map((r) => [r.caseId, r]));
  const depName = new Map(deps.map((d) => [d.id, d.name]));
  const regionName = areas.get(region)?.name ?? '';

  return rows.map(({ c, o }) => {
    // Description and coordinates only where the citizen allowed disclosure and staff did not withhold it.
    const disclosed = o.allowDisclosure && !o.disclosureWithheldReason;
    const step = lastStep.get(c.id);
    const reply = lastReply.get(c.id);
    const township = o.townshipCode ? areas.get(o.townshipCode)?.name : undefined;
    const description = disclosed
      ? redactText(o.description, {
          names: o.contactNameEnc ? [ctx.vault.decrypt(o.contactNameEnc)] : [],
          addresses: o.addressEnc ? [ctx.vault.decrypt(o.addressEnc)] : [],
        })
      : null;
    return {
      service_request_id: c.trackingNo,
      status: c.phase === 'closed' ? ('closed' as const) : ('open' as const),
      status_notes: `${stateLabel(c.state, c.jurisdictionPath)}${step ? `；最近进展：${stepLabel(step.action)}（${day(step.at)}）` : ''}`,
      service_name: o.categoryCode ? (names.get(o.categoryCode) ?? null) : null,
      service_code: o.categoryCode,
      description,
      agency_responsible: o.departmentId ? (depName.get(o.departmentId) ?? null) : null,
      service_notice: reply ? `答复结果：${outcomeLabels[reply.outcome]}` : null,
      requested_datetime: w3(c.openedAt),
      updated_datetime: w3(c.closedAt ?? c.updatedAt),
      expected_datetime: c.phase !== 'closed' && o.replyDueAt ? w3(o.replyDueAt) : null,
      address: `${regionName}${township ?? ''}`,
      lat: disclosed ? coarse(o.lat) : null,
      long: disclosed ? coarse(o.lng) : null,
    };
  });
}
export type RequestOut = Awaited<ReturnType<typeof present>>[number];

const list = (v: string | undefined) =>
  (v ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

/**
 * Public reads list only what the disclosure page would: cases whose citizen allowed disclosure and
 * that staff did not withhold (the same rule as 民意处置公开), within the jurisdiction asked. A client
 * that sends its `api_key` also sees the cases it filed itself (to follow their status).
 */
function baseConds(ctx: AppContext, j: Jurisdiction, client: ApiClient | null): SQL[] {
  const published = and(eq(opinions.allowDisclosure, true), isNull(opinions.disclosureWithheldReason))!;
  return [
    eq(cases.regionCode, ctx.config.REGION_CODE),
    eq(cases.caseType, 'opinions'),
    sql`${cases.jurisdictionPath} like ${`${j.path}%`}`,
    client ? or(published, eq(opinions.apiClientId, client.id))! : published,
  ];
}

/** The optional `api_key` of a read: absent → anonymous; present but not a live Open311 key → 403. */
async function readerOf(ctx: AppContext, apiKey: string | undefined): Promise<ApiClient | null> {
  if (!apiKey) return null;
  const client = await authenticateApiKey(ctx.database.db, apiKey, 'open311');
  if (!client || client.regionCode !== ctx.config.REGION_CODE)
    throw forbidden('api_key 无效、已吊销或不适用于 Open311 接口');
  return client;
}

const join = and(eq(opinions.regionCode, cases.regionCode), eq(opinions.caseId, cases.id));

export interface RequestsQuery {
  api_key?: string;
  jurisdiction_id?: string;
  service_request_id?: string;
  service_code?: string;
  start_date?: string;
  end_date?: string;
  status?: string;
  page?: string;
  page_size?: string;
}

/** GET requests: newest first; by default the last 90 days, at most 1000 (the spec's defaults). */
export async function listRequests(ctx: AppContext, q: RequestsQuery): Promise<RequestOut[]> {
  const j = await jurisdictionFor(ctx, q.jurisdiction_id);
  const conds = baseConds(ctx, j, await readerOf(ctx, q.api_key));
  const pageSize = q.page_size === undefined ? MAX_REQUESTS : Number(q.page_size);
  const page = q.page === undefined ? 1 : Number(q.page);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_REQUESTS)
    throw bad(`page_size 应为 1 到 ${MAX_REQUESTS} 之间的整数`);
  if (!Number.isInteger(page) || page < 1 || page > 10_000) throw bad('page 应为 1 到 10000 之间的整数');

  const ids = list(q.service_request_id);
  if (ids.length > 0) {
    // The ids override every other filter (spec).
    if (ids.length > 100 || ids.some((id) => !REQUEST_ID.test(id)))
      throw bad('service_request_id 格式不正确（受理编号，多个以逗号分隔，最多 100 个）');
    conds.push(inArray(cases.trackingNo, ids));
  } else {
    const now = ctx.clock.now();
    const start = q.start_date ? parseW3(q.start_date) : null;
    const end = q.end_date ? parseW3(q.end_date) : null;
    if (q.start_date && !start)
      throw bad('start_date 格式不正确，应为 w3 格式，如 2026-03-01T00:00:00+08:00');
    if (q.end_date && !end) throw bad('end_date 格式不正确，应为 w3 格式，如 2026-03-31T23:59:59+08:00');
    const to = end ?? (start ? new Date(start.getTime() + MAX_SPAN_DAYS * DAY) : now);
    const from = start ?? new Date(to.getTime() - MAX_SPAN_DAYS * DAY);
    if (from > to) throw bad('start_date 不能晚于 end_date');
    if (to.getTime() - from.getTime() > MAX_SPAN_DAYS * DAY) throw bad('查询时间跨度不能超过 90 天');
    conds.push(gte(cases.openedAt, from), lte(cases.openedAt, to));

    const statuses = list(q.status);
    if (statuses.some((s) => s !== 'open' && s !== 'closed')) throw bad('status 只能为 open 或 closed');
    if (statuses.length === 1)
      conds.push(statuses[0] === 'closed' ? eq(cases.phase, 'closed') : ne(cases.phase, 'closed'));

    const codes = list(q.service_code);
    if (codes.length > 50 || codes.some((c) => !SERVICE_CODE.test(c)))
      throw bad('service_code 格式不正确（多个以逗号分隔）');
    if (codes.length > 0) conds.push(inArray(opinions.categoryCode, codes));
  }
  const rows = await ctx.database.db
    .select({ c: cases, o: opinions })
    .from(cases)
    .innerJoin(opinions, join)
    .where(and(...conds))
    .orderBy(desc(cases.openedAt), desc(cases.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return present(ctx, rows);
}

async function findRequest(
  ctx: AppContext,
  id: string,
  jurisdictionId: string | undefined,
  apiKey: string | undefined,
) {
  const j = await jurisdictionFor(ctx, jurisdictionId);
  const client = await readerOf(ctx, apiKey);
  if (!REQUEST_ID.test(id))
    throw notFound('未找到该事项（service_request_id 应为受理编号，如 MY20260302000001）');
  const rows = await ctx.database.db
    .select({ c: cases, o: opinions })
    .from(cases)
    .innerJoin(opinions, join)
    .where(and(...baseConds(ctx, j, client), eq(cases.trackingNo, id)));
  if (rows.length === 0) throw notFound(`未找到该事项（service_request_id=${id}）`);
  return rows;
}

export async function getRequest(ctx: AppContext, id: string, jurisdictionId?: string, apiKey?: string) {
  return present(ctx, await findRequest(ctx, id, jurisdictionId, apiKey));
}

/** Requests are created in real time, so a token is simply the service_request_id itself. */
export async function getToken(ctx: AppContext, token: string, jurisdictionId?: string, apiKey?: string) {
  const [row] = await findRequest(ctx, token, jurisdictionId, apiKey);
  return [{ service_request_id: row!.c.trackingNo, token }];
}

// --- filing a request --------------------------------------------------------------------------

/** A form or JSON body field as a trimmed string; a list or object where text is expected is refused. */
function field(body: Record<string, unknown>, name: string, max = 200): string | undefined {
  const v = body[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string' && typeof v !== 'number') throw bad(`${name} 格式不正确`);
  const s = String(v).trim();
  if (s.length > max) throw bad(`${name} 过长（不超过 ${max} 个字符）`);
  return s === '' ? undefined : s;
}

function coordinate(v: string | undefined, name: string, min: number, max: number): number | null {
  if (v === undefined) return null;
  const n = Number(v);
  if (!/^-?\d{1,3}(\.\d+)?$/.test(v) || !Number.isFinite(n)) throw bad(`${name} 应为十进制度数（WGS84）`);
  if (n < min || n > max) throw bad('位置不在本辖区范围内');
  return n;
}

/**
 * 138 0013 8000, +86-138-0013-8000 → 13800138000; a landline (021-64123456) is kept as given.
 * A number that is neither is dropped, never a reason to refuse the citizen's report.
 */
function contactPhone(v: string | undefined): string | null {
  if (v === undefined) return null;
  const digits = v.replace(/[\s()（）-]/g, '').replace(/^(?:\+86|0086|86)(?=1\d{10}$)/, '');
  return phonePattern.test(digits) || /^0\d{9,11}$|^\d{7,8}$/.test(digits) ? digits : null;
}

/** The title a case needs: the description's first line, cut to 30 characters. */
export function titleFrom(description: string): string {
  const first = (description.split(/\r?\n/).find((l) => l.trim()) ?? description).replace(/\s+/g, ' ').trim();
  const chars = [...first];
  return chars.length > 30 ? `${chars.slice(0, 30).join('')}…` : first;
}

/** With only an address: the deepest named area of the client's subtree the address mentions. */
async function areaFromAddress(ctx: AppContext, client: ApiClient, address: string): Promise<string> {
  const areas = await ctx.database.db
    .select({ code: jurisdictions.code, name: jurisdictions.name, depth: jurisdictions.depth })
    .from(jurisdictions)
    .where(
      and(
        sql`${jurisdictions.path} like ${`${client.jurisdictionPath}%`}`,
        inArray(jurisdictions.level, ['township', 'community']),
      ),
    );
  const hit = areas
    .filter((a) => a.name.length >= 2 && address.includes(a.name))
    .sort((a, b) => b.depth - a.depth || b.name.length - a.name.length)[0];
  return hit?.code ?? client.jurisdictionCode;
}

/** A point far outside the region would otherwise be snapped to its nearest grid: refuse it. */
async function assertNearRegion(ctx: AppContext, lat: number, lng: number) {
  const region = await jurisdictionFor(ctx, undefined);
  const [box] = await ctx.database.db
    .select({
      minLat: sql<number | null>`min(${jurisdictions.lat})`,
      maxLat: sql<number | null>`max(${jurisdictions.lat})`,
      minLng: sql<number | null>`min(${jurisdictions.lng})`,
      maxLng: sql<number | null>`max(${jurisdictions.lng})`,
    })
    .from(jurisdictions)
    .where(sql`${jurisdictions.path} like ${`${region.path}%`}`);
  if (!box || box.minLat === null || box.maxLat === null || box.minLng === null || box.maxLng === null)
    return;
  const m = 0.05; // ~5 km beyond the outermost area centres
  if (
    lat < Number(box.minLat) - m ||
    lat > Number(box.maxLat) + m ||
    lng < Number(box.minLng) - m ||
    lng > Number(box.maxLng) + m
  )
    throw bad('位置不在本辖区范围内');
}

/**
 * POST requests: authenticates the `open311` key, validates the spec's fields and files the case
 * through the opinions intake. Personal fields: first/last name and phone are kept encrypted with
 * the case (the phone links it to the citizen's account); email, device_id, account_id and
 * media_url are not stored.
 */
export async function createRequest(ctx: AppContext, body: Record<string, unknown>) {
  const client = await authenticateApiKey(ctx.database.db, field(body, 'api_key', 1000), 'open311');
  if (!client) throw forbidden('api_key 无效、已吊销或不适用于 Open311 接口');
  if (client.regionCode !== ctx.config.REGION_CODE) throw forbidden('api_key 不适用于本行政区');
  const j = await jurisdictionFor(ctx, field(body, 'jurisdiction_id', 200));
  if (!j.path.startsWith(client.jurisdictionPath) && !client.jurisdictionPath.startsWith(j.path))
    throw forbidden('该 api_key 无权向此辖区提交');

  const code = field(body, 'service_code', 20);
  if (!code) throw bad('缺少 service_code（服务类型）');
  const { services } = await catalogue(ctx);
  if (!services.some((s) => s.service_code === code))
    throw notFound(`未找到该服务类型（service_code=${code}）`);

  const lat = coordinate(field(body, 'lat', 30), 'lat', 3, 54);
  const lng = coordinate(field(body, 'long', 30), 'long', 73, 136);
  if ((lat === null) !== (lng === null)) throw bad('lat 与 long 须同时提供');
  const address = field(body, 'address_string', 120);
  if (lat === null && !address) {
    throw bad(
      field(body, 'address_id', 100)
        ? '暂不支持 address_id，请提供 lat/long 或 address_string'
        : '缺少位置：请提供 lat/long 或 address_string',
    );
  }
  const description = field(body, 'description', 4000);
  if (!description || [...description].length < 5)
    throw bad('请在 description 中具体描述问题（至少 5 个字）');
  const ticket = field(body, 'external_id', 64);
  if (ticket !== undefined && !TICKET.test(ticket)) throw bad('external_id 格式不正确');
  const phone = contactPhone(field(body, 'phone', 30));
  // Names are cut, not refused: a long name must not lose the report.
  const part = (n: string) => [...(field(body, n, 200) ?? '')].slice(0, 20).join('');
  const name = `${part('last_name')}${part('first_name')}`.trim() || null;

  if (lat !== null && lng !== null) await assertNearRegion(ctx, lat, lng);
  const { db } = ctx.database;
  const since = new Date(ctx.clock.now().getTime() - 60_000);
  const [recent] = await db
    .select({ n: sql<number>`count(*)` })
    .from(opinions)
    .where(
      and(
        eq(opinions.regionCode, client.regionCode),
        eq(opinions.apiClientId, client.id),
        gte(opinions.createdAt, since),
      ),
    );
  if (Number(recent?.n ?? 0) >= POSTS_PER_MINUTE) throw new Open311Error(429, '提交过于频繁，请稍后再试');

  let result: Awaited<ReturnType<typeof fileExternalOpinion>>;
  try {
    result = await fileExternalOpinion(ctx, client, {
      title: titleFrom(description),
      description,
      categoryCode: code,
      lat,
      lng,
      address: address ?? null,
      areaCode: lat === null && address ? await areaFromAddress(ctx, client, address) : null,
      contactName: name,
      contactPhone: phone,
      externalTicketNo: ticket ?? null,
    });
  } catch (err) {
    if (err instanceof AppError && err.code === 'opinions.outside_region')
      throw forbidden('位置不在该 api_key 授权的辖区范围内');
    if (err instanceof AppError && err.code === 'opinions.unknown_category')
      throw notFound(`未找到该服务类型（service_code=${code}）`);
    if (err instanceof AppError && err.status < 500) throw bad(err.message);
    throw err;
  }
  await touchApiClient(ctx, client);
  return [
    {
      service_request_id: result.trackingNo,
      service_notice: `已登记，受理编号 ${result.trackingNo}。工作人员将按时受理并交办承办单位，可凭受理编号查询办理进度。`,
      account_id: null,
    },
  ];
}
