import { and, asc, eq, getTableColumns, inArray, lte, sql } from 'drizzle-orm';
import type { Actor } from '../../kernel/auth/actor';
import type { AppContext } from '../../kernel/context';
import type { Db, Tx } from '../../kernel/db/client';
import { trackingCounters } from '../../kernel/db/kernel.schema';
import { AppError } from '../../kernel/errors';
import { requestsInFlight } from '../../kernel/http/metrics';
import { uuidv7 } from '../../kernel/ids';
import { dayStamp } from '../../kernel/workflow/engine';
import { accounts } from '../accounts/accounts.schema';
import { deputies } from '../deputies/deputies.schema';
import { stations } from '../stations/stations.schema';
import {
  type Channel,
  followUrl,
  type IntakeInput,
  type IntakeResult,
  intake,
  type StoredPhoto,
  storePhotos,
} from './intake.usecases';
import { checkLocationInput, loadRegionPlaces, type RegionPlaces } from './location';
import { opinionCase } from './opinions.case';
import { opinionErrors } from './opinions.errors';
import { opinionCategories, opinionSubmissions } from './opinions.schema';

/** What is kept (encrypted) between arrival and filing. */
interface Payload {
  input: Omit<IntakeInput, 'photos'>;
  photos: StoredPhoto[];
}

/**
 * The codes a submission may name (deputies', stations', categories, the region's places), cached
 * per process for a minute: checking them must not cost the request a query. A code retired within that minute is
 * caught at filing, which then files the case without it rather than losing it.
 */
const CODES_TTL_MS = 60_000;
const codeCache = new WeakMap<
  AppContext,
  {
    at: number;
    deputies: Set<string>;
    stations: Set<string>;
    categories: Set<string>;
    places: RegionPlaces;
  }
>();

async function knownCodes(ctx: AppContext, regionCode: string) {
  const hit = codeCache.get(ctx);
  if (hit && Date.now() - hit.at < CODES_TTL_MS) return hit;
  const { db } = ctx.database;
  const [ds, ss, cs, places] = await Promise.all([
    db
      .select({ code: deputies.publicCode })
      .from(deputies)
      .where(and(eq(deputies.regionCode, regionCode), eq(deputies.status, 'active'))),
    db
      .select({ code: stations.publicCode })
      .from(stations)
      .where(and(eq(stations.regionCode, regionCode), eq(stations.active, true))),
    db
      .select({ code: opinionCategories.code })
      .from(opinionCategories)
      .where(and(eq(opinionCategories.regionCode, regionCode), eq(opinionCategories.active, true))),
    loadRegionPlaces(db, regionCode),
  ]);
  const fresh = {
    at: Date.now(),
    deputies: new Set(ds.map((d) => d.code)),
    stations: new Set(ss.map((s) => s.code)),
    categories: new Set(cs.map((c) => c.code)),
    places,
  };
  codeCache.set(ctx, fresh);
  return fresh;
}

/** The region's places from the same cache (the public 使用我的位置 must not read them per request). */
export const cachedRegionPlaces = async (ctx: AppContext, regionCode: string) =>
  (await knownCodes(ctx, regionCode)).places;

/**
 * Tracking numbers for portal submissions come from blocks this process reserves on the day's
 * counter (one UPDATE per TRACKING_BLOCK numbers), so a submission costs one INSERT. Numbers stay
 * unique across processes and channels (everyone advances the same counter); a block left unused
 * when a process stops leaves a gap, which the numbering allows.
 */
const TRACKING_BLOCK = 50;
const blocks = new WeakMap<AppContext, Map<string, { next: number; end: number; refill?: Promise<void> }>>();

async function nextTrackingNo(
  ctx: AppContext,
  regionCode: string,
  prefix: string,
  day: string,
): Promise<string> {
  let byKey = blocks.get(ctx);
  if (!byKey) {
    byKey = new Map();
    blocks.set(ctx, byKey);
  }
  const key = `${regionCode}:${prefix}:${day}`;
  for (;;) {
    const b = byKey.get(key) ?? { next: 1, end: 0 };
    byKey.set(key, b);
    if (b.next <= b.end) return `${prefix}${day}${String(b.next++).padStart(6, '0')}`;
    b.refill ??= (async () => {
      try {
        const [row] = await ctx.database.db
          .insert(trackingCounters)
          .values({ regionCode, prefix, day, value: TRACKING_BLOCK })
          .onConflictDoUpdate({
            target: [trackingCounters.regionCode, trackingCounters.prefix, trackingCounters.day],
            set: { value: sql`${trackingCounters.value} + ${TRACKING_BLOCK}` },
          })
          .returning({ value: trackingCounters.value });
        b.next = row!.value - TRACKING_BLOCK + 1;
        b.end = row!.value;
      } finally {
        b.refill = undefined;
      }
    })();
    await b.refill;
  }
}

/** One accepted submission as the INSERT writes it. */
export interface SubmissionRow {
  regionCode: string;
  id: string;
  trackingNo: string;
  accountId: string;
  idempotencyKey: string | null;
  payloadEnc: string;
  submittedAt: Date;
}

/**
 * The submissions INSERT as one named prepared statement over arrays (`unnest`), so any number of
 * rows goes in one statement that is parsed and planned once per connection (drizzle otherwise
 * sends unnamed statements, which PGlite re-plans every time; docs/PERFORMANCE.md). The select
 * lists every column of the table in its order, as drizzle's insert … select requires. Rows whose
 * idempotency key already exists are skipped and not returned.
 */
const INSERTED_COLUMNS = 11;
function buildInsert(db: Db) {
  if (Object.keys(getTableColumns(opinionSubmissions)).length !== INSERTED_COLUMNS)
    throw new Error('opinion_submissions changed: update the columns of its batched INSERT');
  // Every array goes as text[] (the driver serialises JS arrays for text[] only) and is cast here.
  const arr = (name: string) => sql`${sql.placeholder(name)}::text[]`;
  return db
    .insert(opinionSubmissions)
    .select(
      sql`select u.region_code, u.id::uuid, u.tracking_no, u.account_id::uuid, u.idempotency_key,
        u.payload_enc, 'pending', 0, null, u.submitted_at::timestamptz, null
        from unnest(${arr('regionCodes')}, ${arr('ids')}, ${arr('trackingNos')}, ${arr('accountIds')},
          ${arr('keys')}, ${arr('payloads')}, ${arr('submittedAts')})
          as u(region_code, id, tracking_no, account_id, idempotency_key, payload_enc, submitted_at)`,
    )
    .onConflictDoNothing({
      target: [opinionSubmissions.regionCode, opinionSubmissions.idempotencyKey],
      where: sql`${opinionSubmissions.idempotencyKey} is not null`,
    })
    .returning({ id: opinionSubmissions.id, trackingNo: opinionSubmissions.trackingNo })
    .prepare('opinion_submissions_insert');
}

/** Rows per statement at most; a burst larger than this goes in several statements. */
const BATCH_MAX = 200;
/**
 * Statements in flight at once: while one batch is being written the next can already be on its
 * way, so the database is not left idle while answers travel back (measured: docs/PERFORMANCE.md).
 */
const WRITES_IN_FLIGHT = 2;

/**
 * Group commit for submissions: a request's row is written at once when fewer than
 * WRITES_IN_FLIGHT writes are in flight; rows that arrive meanwhile wait and then go together in
 * the next statement.
 * At low load every submission is one single-row INSERT as before; under load the database sees
 * one statement and one commit for many submissions, and each request is still answered only
 * after its own row is committed. A statement that fails is retried row by row, so one bad row
 * never fails the others.
 */
export class SubmissionWriter {
  private queue: Array<{
    row: SubmissionRow;
    done: (trackingNo: string | null) => void;
    fail: (err: unknown) => void;
  }> = [];
  private running = 0;

  /** `insert` writes rows in one statement and returns the tracking numbers of those it wrote, by id. */
  constructor(private readonly insert: (rows: SubmissionRow[]) => Promise<Map<string, string>>) {}

  /** The row's tracking number once committed, or null when its idempotency key was taken. */
  write(row: SubmissionRow): Promise<string | null> {
    return new Promise((done, fail) => {
      this.queue.push({ row, done, fail });
      if (this.running < WRITES_IN_FLIGHT) {
        this.running++;
        // Rows of requests read in the same turn of the event loop go together.
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, BATCH_MAX);
        try {
          const written = await this.insert(batch.map((b) => b.row));
          for (const b of batch) b.done(written.get(b.row.id) ?? null);
        } catch (err) {
          if (batch.length === 1) batch[0]!.fail(err);
          else
            for (const b of batch)
              await this.insert([b.row]).then((w) => b.done(w.get(b.row.id) ?? null), b.fail);
        }
      }
    } finally {
      this.running--;
    }
  }
}

const writers = new WeakMap<object, SubmissionWriter>();
function writerOf(db: Db): SubmissionWriter {
  let w = writers.get(db);
  if (!w) {
    const stmt = buildInsert(db);
    w = new SubmissionWriter(async (rows) => {
      const out = await stmt.execute({
        regionCodes: rows.map((r) => r.regionCode),
        ids: rows.map((r) => r.id),
        trackingNos: rows.map((r) => r.trackingNo),
        accountIds: rows.map((r) => r.accountId),
        keys: rows.map((r) => r.idempotencyKey),
        payloads: rows.map((r) => r.payloadEnc),
        submittedAts: rows.map((r) => r.submittedAt.toISOString()),
      });
      return new Map(out.map((r) => [r.id, r.trackingNo]));
    });
    writers.set(db, w);
  }
  return w;
}

/**
 * 我要反映 / 扫码说事, accepted in one statement: the submission (the whole form encrypted, photos
 * already cleaned and stored) with its tracking number, so the citizen holds
 * the number at once and nothing is lost; filing it as a case (location, routing, history, audit,
 * timers, the SMS) follows in the background — or before answering, with INTAKE_MODE=inline.
 * Deadlines run from the moment of submission. A retry with the same idempotency key returns the
 * first submission.
 */
export async function submitOpinion(
  ctx: AppContext,
  actor: Actor,
  input: IntakeInput,
  /** `inline`: file before answering (default from INTAKE_MODE); `kick: false` leaves it to the poller. */
  opts: { inline?: boolean; kick?: boolean } = {},
): Promise<IntakeResult> {
  if (actor.kind !== 'citizen' || !actor.accountId) throw opinionErrors.not_a_citizen();
  const region = actor.regionCode;
  const codes = await knownCodes(ctx, region);
  if (input.deputyCode && !codes.deputies.has(input.deputyCode)) throw opinionErrors.deputy_not_found();
  if (input.stationCode && !codes.stations.has(input.stationCode)) throw opinionErrors.station_not_found();
  if (input.categoryCode && !codes.categories.has(input.categoryCode)) throw opinionErrors.unknown_category();
  // Not addressed to a deputy or station: the citizen says where (a street/community or a point),
  // so the case reaches the street's staff; checked against the cached places of the region.
  if (!input.deputyCode && !input.stationCode && !input.areaCode && input.lat == null)
    throw opinionErrors.location_required();
  await checkLocationInput(input, async () => codes.places);
  const photos = await storePhotos(ctx, region, input.photos ?? []);
  const { photos: _raw, ...rest } = input;
  const now = ctx.clock.now();
  const id = uuidv7(now.getTime());
  const day = dayStamp(now);
  const prefix = opinionCase.trackingPrefix;
  const payloadEnc = ctx.vault.encrypt(JSON.stringify({ input: rest, photos } satisfies Payload));
  const key = input.idempotencyKey ?? null;
  const reserved = await nextTrackingNo(ctx, region, prefix, day);
  const trackingNo = await writerOf(ctx.database.db).write({
    regionCode: region,
    id,
    trackingNo: reserved,
    accountId: actor.accountId,
    idempotencyKey: key,
    payloadEnc,
    submittedAt: now,
  });
  if (!trackingNo) {
    // A retry: the first submission under this key (only ever its submitter's).
    const [prior] = await ctx.database.db
      .select()
      .from(opinionSubmissions)
      .where(and(eq(opinionSubmissions.regionCode, region), eq(opinionSubmissions.idempotencyKey, key!)));
    if (!prior || prior.accountId !== actor.accountId) throw opinionErrors.idempotency_conflict();
    return {
      id: prior.id,
      trackingNo: prior.trackingNo,
      followUrl: followUrl(ctx, prior.trackingNo, prior.id),
      replayed: true,
    };
  }
  if (opts.inline ?? ctx.config.INTAKE_MODE === 'inline') await fileSubmission(ctx, region, id);
  else if (opts.kick !== false) filerOf(ctx).kick();
  return { id, trackingNo, followUrl: followUrl(ctx, trackingNo, id), replayed: false };
}

/** The channel a portal submission came by. */
const channelOf = (i: Omit<IntakeInput, 'photos'>): Channel =>
  i.deputyCode ? 'qr_deputy' : i.stationCode ? 'qr_station' : 'portal';

/**
 * Files one pending submission as a case, in one transaction that also marks it filed. A code
 * that no longer resolves (a deputy who left, a category retired, a point off the map) does not
 * lose the opinion: it is filed without that part for staff to triage. Returns whether it filed.
 */
export async function fileSubmission(ctx: AppContext, regionCode: string, id: string): Promise<boolean> {
  try {
    return await ctx.database.db.transaction((tx) => fileIn(ctx, tx, regionCode, id, false));
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    try {
      return await ctx.database.db.transaction((tx) => fileIn(ctx, tx, regionCode, id, true));
    } catch (again) {
      await ctx.database.db
        .update(opinionSubmissions)
        .set({
          status: 'failed',
          attempts: sql`${opinionSubmissions.attempts} + 1`,
          lastError: String(again instanceof Error ? again.message : again).slice(0, 500),
        })
        .where(and(eq(opinionSubmissions.regionCode, regionCode), eq(opinionSubmissions.id, id)));
      ctx.log.error({ submissionId: id, err: String(again) }, 'a submission could not be filed');
      return false;
    }
  }
}

async function fileIn(ctx: AppContext, tx: Tx, regionCode: string, id: string, plain: boolean) {
  const [s] = await tx
    .select()
    .from(opinionSubmissions)
    .where(and(eq(opinionSubmissions.regionCode, regionCode), eq(opinionSubmissions.id, id)))
    .for('update', { skipLocked: true });
  if (s?.status !== 'pending') return false;
  const payload = JSON.parse(ctx.vault.decrypt(s.payloadEnc)) as Payload;
  const [account] = await tx
    .select()
    .from(accounts)
    .where(and(eq(accounts.regionCode, regionCode), eq(accounts.id, s.accountId)));
  const actor: Actor = {
    kind: 'citizen',
    accountId: s.accountId,
    regionCode,
    label: account?.displayName ?? '群众',
    grants: [],
  };
  const input = plain
    ? {
        ...payload.input,
        deputyCode: null,
        stationCode: null,
        categoryCode: null,
        areaCode: null,
        lat: null,
        lng: null,
      }
    : payload.input;
  await intake(
    ctx,
    actor,
    input,
    {
      channel: channelOf(payload.input),
      citizenAccountId: s.accountId,
      contactPhone: account?.phoneEnc ? ctx.vault.decrypt(account.phoneEnc) : null,
    },
    {
      exec: tx,
      reserved: { id: s.id, trackingNo: s.trackingNo, openedAt: s.submittedAt },
      storedPhotos: payload.photos,
    },
  );
  await tx
    .update(opinionSubmissions)
    .set({ status: 'filed', filedAt: ctx.clock.now(), attempts: s.attempts + 1 })
    .where(and(eq(opinionSubmissions.regionCode, regionCode), eq(opinionSubmissions.id, id)));
  return true;
}

/**
 * Files pending submissions older than `minAgeMs` (the job runner's pass: what a stopped process
 * left; the in-process filer takes fresh ones). Returns how many it filed.
 */
export async function filePendingSubmissions(
  ctx: AppContext,
  minAgeMs = 60_000,
  limit = 50,
): Promise<number> {
  const before = new Date(ctx.clock.now().getTime() - minAgeMs);
  const pending = await ctx.database.db
    .select({ regionCode: opinionSubmissions.regionCode, id: opinionSubmissions.id })
    .from(opinionSubmissions)
    .where(and(eq(opinionSubmissions.status, 'pending'), lte(opinionSubmissions.submittedAt, before)))
    .orderBy(asc(opinionSubmissions.submittedAt))
    .limit(limit);
  let n = 0;
  for (const p of pending) {
    await yieldToRequests();
    if (await fileSubmission(ctx, p.regionCode, p.id)) n++;
  }
  return n;
}

/**
 * Filing waits while requests are being served — a filing transaction holds PGlite's one
 * connection, so filing in the middle of a burst would add its length to every request's wait —
 * but never more than half a second per case, so a steady load cannot starve it.
 */
async function yieldToRequests(): Promise<void> {
  for (let waited = 0; requestsInFlight() > 0 && waited < 500; waited += 25)
    await new Promise((r) => setTimeout(r, 25));
}

/**
 * One background filer per process: after a submission it files what is pending, oldest first,
 * yielding to requests in flight (a short pause between cases while any are being served), so a
 * burst of submissions is answered at the speed of one INSERT and filed right after.
 */
class SubmissionFiler {
  private running = false;
  private again = false;
  constructor(private readonly ctx: AppContext) {}

  kick(): void {
    this.again = true;
    if (this.running) return;
    this.running = true;
    void this.run().finally(() => {
      this.running = false;
    });
  }

  private async run(): Promise<void> {
    while (this.again) {
      this.again = false;
      for (;;) {
        const batch = await this.ctx.database.db
          .select({ regionCode: opinionSubmissions.regionCode, id: opinionSubmissions.id })
          .from(opinionSubmissions)
          .where(eq(opinionSubmissions.status, 'pending'))
          .orderBy(asc(opinionSubmissions.submittedAt))
          .limit(20)
          .catch(() => []);
        if (batch.length === 0) break;
        for (const s of batch) {
          await yieldToRequests();
          await fileSubmission(this.ctx, s.regionCode, s.id).catch((err: unknown) =>
            this.ctx.log.error({ submissionId: s.id, err: String(err) }, 'filing a submission failed'),
          );
        }
      }
    }
  }
}

const filers = new WeakMap<AppContext, SubmissionFiler>();
const filerOf = (ctx: AppContext) => {
  let f = filers.get(ctx);
  if (!f) {
    f = new SubmissionFiler(ctx);
    filers.set(ctx, f);
  }
  return f;
};

/** Pending submissions of a citizen (shown under 我的 until they are filed). */
export async function pendingSubmissionsOf(ctx: AppContext, regionCode: string, accountId: string) {
  return ctx.database.db
    .select()
    .from(opinionSubmissions)
    .where(
      and(
        eq(opinionSubmissions.regionCode, regionCode),
        eq(opinionSubmissions.accountId, accountId),
        inArray(opinionSubmissions.status, ['pending', 'failed']),
      ),
    )
    .orderBy(asc(opinionSubmissions.submittedAt));
}

export function decodePayload(ctx: AppContext, payloadEnc: string): Payload {
  return JSON.parse(ctx.vault.decrypt(payloadEnc)) as Payload;
}
