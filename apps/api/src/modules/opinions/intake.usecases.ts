import type { Role } from '@lianxin/contracts';
import { and, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../kernel/auth/actor';
import { assertCan, hasRole } from '../../kernel/auth/actor';
import type { AppContext } from '../../kernel/context';
import { maskAddress, maskName, maskPhone } from '../../kernel/crypto/pii';
import type { Tx } from '../../kernel/db/client';
import { cases } from '../../kernel/db/kernel.schema';
import { inTransaction } from '../../kernel/db/tx';
import { authErrors } from '../../kernel/errors';
import { sha256, uuidv7 } from '../../kernel/ids';
import { resolveSetting } from '../../kernel/settings';
import { openCase } from '../../kernel/workflow/engine';
import { accounts } from '../accounts/accounts.schema';
import { deputies, observers } from '../deputies/deputies.schema';
import { findJurisdiction } from '../jurisdictions/jurisdictions.repository';
import { receptionDays } from '../receptions/schedule';
import { stations } from '../stations/stations.schema';
import { areaFromAddress, checkLocationInput, loadRegionPlaces, resolveLocation } from './location';
import { opinionCase } from './opinions.case';
import { opinionErrors } from './opinions.errors';
import { categoryFor, followSecret } from './opinions.repository';
import { opinionAttachments, opinions } from './opinions.schema';
import { maxPhotoBytes } from './opinions.settings';
import { type CleanPhoto, cleanPhoto, decodeUpload, MAX_PHOTOS, storePhoto } from './photos';
import { searchVector } from './search';

export type Channel = (typeof opinions.$inferInsert)['channel'];

export interface IntakeInput {
  title: string;
  description: string;
  categoryCode?: string | null;
  lat?: number | null;
  lng?: number | null;
  address?: string | null;
  /** A township/community/grid code chosen on the form. */
  areaCode?: string | null;
  deputyCode?: string | null;
  stationCode?: string | null;
  contactName?: string | null;
  contactPhone?: string | null;
  allowDisclosure?: boolean;
  idempotencyKey?: string | null;
  /** Base64 (or data-URL) photos. */
  photos?: string[];
}

export interface IntakeResult {
  id: string;
  trackingNo: string;
  followUrl: string;
  /** True when this was a retry of an earlier submission (same idempotency key). */
  replayed: boolean;
}

async function addressee(tx: Tx, regionCode: string, input: IntakeInput) {
  let deputy: { id: string; jurisdictionCode: string } | undefined;
  let station: { id: string; jurisdictionCode: string } | undefined;
  if (input.deputyCode) {
    [deputy] = await tx
      .select({ id: deputies.id, jurisdictionCode: deputies.jurisdictionCode })
      .from(deputies)
      .where(
        and(
          eq(deputies.regionCode, regionCode),
          eq(deputies.publicCode, input.deputyCode),
          eq(deputies.status, 'active'),
        ),
      );
    if (!deputy) throw opinionErrors.deputy_not_found();
  }
  if (input.stationCode) {
    [station] = await tx
      .select({ id: stations.id, jurisdictionCode: stations.jurisdictionCode })
      .from(stations)
      .where(
        and(
          eq(stations.regionCode, regionCode),
          eq(stations.publicCode, input.stationCode),
          eq(stations.active, true),
        ),
      );
    if (!station) throw opinionErrors.station_not_found();
  }
  return { deputy, station };
}

/** The citizen account for a phone number: found by its blind index, or created (as at SMS sign-in). */
export async function citizenForPhone(tx: Tx, ctx: AppContext, regionCode: string, phone: string) {
  const phoneHash = ctx.vault.blindIndex(phone);
  const [found] = await tx
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(eq(accounts.kind, 'citizen'), eq(accounts.phoneHash, phoneHash)));
  if (found) return found.id;
  const id = uuidv7(ctx.clock.now().getTime());
  await tx
    .insert(accounts)
    .values({
      regionCode,
      id,
      kind: 'citizen',
      displayName: `群众${maskPhone(phone)}`,
      phoneEnc: ctx.vault.encrypt(phone),
      phoneHash,
      createdAt: ctx.clock.now(),
    })
    .onConflictDoNothing();
  const [again] = await tx
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(eq(accounts.kind, 'citizen'), eq(accounts.phoneHash, phoneHash)));
  return again!.id;
}

/**
 * Where an opinion without a chosen area or point belongs: a township/community named in its
 * address when that lies within (or there is no) area of the station, deputy or observer it came
 * by; else that area. Machine clients (12345, Open311) resolve their own areas.
 */
async function defaultArea(
  tx: Tx,
  region: string,
  input: IntakeInput,
  origin: Origin,
  addresseeCode: string | undefined,
): Promise<string | null> {
  const fallback = addresseeCode ?? origin.defaultAreaCode ?? null;
  if (!input.address || origin.apiClientId) return fallback;
  const named = await areaFromAddress(tx, region, input.address);
  if (!named) return fallback;
  if (!fallback) return named.code;
  const around = await findJurisdiction(tx, fallback);
  return around && named.path.startsWith(around.path) ? named.code : fallback;
}

export interface Origin {
  channel: Channel;
  citizenAccountId: string | null;
  contactPhone: string | null;
  observerId?: string | null;
  /** The area of an opinion given neither an area, a point nor an addressee (an observer's own). */
  defaultAreaCode?: string | null;
  /** Extra case data (a walk-in's reception day). */
  data?: Record<string, unknown>;
  /** Staff may record only within their jurisdiction: checked once the location is resolved. */
  recordedAs?: Role[];
  /** The hotline's (12345) or API client's own ticket number, and the client that filed it. */
  externalTicketNo?: string | null;
  apiClientId?: string | null;
  /** A machine client may file only within its own subtree: checked once the location is resolved. */
  withinPath?: string;
}

/** A photo already cleaned and stored (a queued submission's), by its content hash. */
export interface StoredPhoto {
  mime: CleanPhoto['mime'];
  bytes: number;
  sha256: string;
  storagePath: string;
}

/** Sniffs, strips and stores the photos of a submission before anything is written. */
export async function storePhotos(
  ctx: AppContext,
  regionCode: string,
  photos: string[],
): Promise<StoredPhoto[]> {
  if (photos.length > MAX_PHOTOS) throw opinionErrors.too_many_photos();
  if (photos.length === 0) return [];
  const { db } = ctx.database;
  const regionJ = await findJurisdiction(db, regionCode);
  const maxBytes = await resolveSetting(db, regionCode, regionJ?.path ?? `/${regionCode}/`, maxPhotoBytes);
  // A bad photo refuses the whole submission.
  const clean: CleanPhoto[] = photos.map((p) => cleanPhoto(decodeUpload(p), maxBytes));
  const paths = await Promise.all(clean.map((p) => storePhoto(ctx.config.dataDir, regionCode, p)));
  return clean.map((p, i) => ({
    mime: p.mime,
    bytes: p.data.length,
    sha256: p.sha256,
    storagePath: paths[i]!,
  }));
}

export interface IntakeOptions {
  /** Run in this transaction (filing a queued submission) instead of a new one. */
  exec?: Tx;
  /** A queued submission: its case id, tracking number and submission time. */
  reserved?: { id: string; trackingNo: string; openedAt: Date };
  /** Photos cleaned and stored when the submission arrived. */
  storedPhotos?: StoredPhoto[];
}

export async function intake(
  ctx: AppContext,
  actor: Actor,
  input: IntakeInput,
  origin: Origin,
  opts: IntakeOptions = {},
): Promise<IntakeResult> {
  const region = actor.regionCode;
  const { db } = ctx.database;
  const stored = opts.storedPhotos ?? (await storePhotos(ctx, region, input.photos ?? []));

  const result = await inTransaction(opts.exec ?? db, async (tx) => {
    const key = input.idempotencyKey ?? null;
    if (key) {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`opinion-idem:${region}:${key}`}))`);
      const [prior] = await tx
        .select({ caseId: opinions.caseId, citizen: opinions.citizenAccountId, by: opinions.submittedBy })
        .from(opinions)
        .where(and(eq(opinions.regionCode, region), eq(opinions.idempotencyKey, key)));
      if (prior) {
        // The key is the submitter's: someone else's key reveals nothing about their case.
        if (prior.by !== actor.accountId) throw opinionErrors.idempotency_conflict();
        return { caseId: prior.caseId, trackingNo: null as string | null, replayed: true };
      }
    }
    const { deputy, station } = await addressee(tx, region, input);
    const loc = await resolveLocation(tx, region, {
      lat: input.lat,
      lng: input.lng,
      // A point decides by itself (the nearest grid in the chosen area, else the region); without
      // one, the area chosen on the form, else a place named in the address, else that of the
      // station, deputy or observer the opinion came by.
      areaCode:
        input.areaCode ??
        (input.lat != null && input.lng != null
          ? null
          : await defaultArea(
              tx,
              region,
              input,
              origin,
              station?.jurisdictionCode ?? deputy?.jurisdictionCode,
            )),
    });
    if (origin.recordedAs) assertCan(actor, origin.recordedAs, loc.jurisdiction.path);
    if (origin.withinPath && !loc.jurisdiction.path.startsWith(origin.withinPath))
      throw opinionErrors.outside_region();
    const category = input.categoryCode
      ? await categoryFor(tx, region, loc.jurisdiction.path, input.categoryCode)
      : undefined;
    if (input.categoryCode && !category) throw opinionErrors.unknown_category();
    const c = await openCase(ctx, tx, actor, {
      type: opinionCase.type,
      reserved: opts.reserved,
      jurisdictionCode: loc.jurisdiction.code,
      title: input.title,
      data: {
        citizenAccountId: origin.citizenAccountId,
        round: 1,
        returns: 0,
        reopens: 0,
        supervisionLevel: 0,
        complex: category?.complexity === 'complex',
        ...origin.data,
      },
    });
    const phone = origin.contactPhone;
    await tx.insert(opinions).values({
      regionCode: region,
      caseId: c.id,
      channel: origin.channel,
      categoryCode: input.categoryCode ?? null,
      description: input.description,
      searchVector: searchVector(input.title, input.description),
      lat: input.lat ?? null,
      lng: input.lng ?? null,
      addressEnc: input.address ? ctx.vault.encrypt(input.address) : null,
      addressMasked: input.address ? maskAddress(input.address) : null,
      townshipCode: loc.townshipCode,
      communityCode: loc.communityCode,
      gridCode: loc.gridCode,
      deputyId: deputy?.id ?? null,
      stationId: station?.id ?? null,
      observerId: origin.observerId ?? null,
      citizenAccountId: origin.citizenAccountId,
      submittedBy: actor.accountId,
      contactNameEnc: input.contactName ? ctx.vault.encrypt(input.contactName) : null,
      contactNameMasked: input.contactName ? maskName(input.contactName) : null,
      contactPhoneEnc: phone ? ctx.vault.encrypt(phone) : null,
      contactPhoneHash: phone ? ctx.vault.blindIndex(phone) : null,
      contactPhoneMasked: phone ? maskPhone(phone) : null,
      allowDisclosure: input.allowDisclosure ?? false,
      idempotencyKey: key,
      externalTicketNo: origin.externalTicketNo ?? null,
      apiClientId: origin.apiClientId ?? null,
      followSecretHash: sha256(followSecret(ctx, c.id)),
      // The moment of submission, as cases.opened_at (queued submissions are filed a little later).
      createdAt: c.openedAt,
    });
    if (stored.length > 0) {
      await tx.insert(opinionAttachments).values(
        stored.map((p) => ({
          regionCode: region,
          id: uuidv7(ctx.clock.now().getTime()),
          caseId: c.id,
          stage: 'intake' as const,
          mime: p.mime,
          bytes: p.bytes,
          sha256: p.sha256,
          storagePath: p.storagePath,
          uploadedBy: actor.accountId,
          createdAt: ctx.clock.now(),
        })),
      );
    }
    return { caseId: c.id, trackingNo: c.trackingNo as string | null, replayed: false };
  });
  const trackingNo =
    result.trackingNo ??
    (
      await (opts.exec ?? db)
        .select({ trackingNo: cases.trackingNo })
        .from(cases)
        .where(and(eq(cases.regionCode, region), eq(cases.id, result.caseId)))
    )[0]!.trackingNo;
  return {
    id: result.caseId,
    trackingNo,
    followUrl: followUrl(ctx, trackingNo, result.caseId),
    replayed: result.replayed,
  };
}

export function followUrl(ctx: AppContext, trackingNo: string, caseId: string): string {
  return `/o/${trackingNo}?k=${followSecret(ctx, caseId)}`;
}

export type StaffChannel = 'walk_in' | 'field_note' | 'observer';

export interface StaffIntakeInput extends IntakeInput {
  channel: StaffChannel;
  contactPhone?: string | null;
  /** 民情观察员上报: the observer the staff member records for (required on that channel). */
  observerId?: string | null;
  /** 现场接待: the reception day of the station (stationCode) the citizen came on. */
  receptionDay?: { ruleId: string; day: string } | null;
}

/**
 * Recorded by staff: a walk-in at a station (station/congress staff, optionally on one of the
 * station's reception days), a deputy's field note (民情笔记本, addressed to that deputy), an
 * observer's report (民情观察员, recorded by staff for the observer; located at the observer's
 * area unless told otherwise). A contact phone links the case to the citizen's account, so they
 * see it under 我的 after signing in with that phone.
 */
export async function recordOpinion(
  ctx: AppContext,
  actor: Actor,
  input: StaffIntakeInput,
): Promise<IntakeResult> {
  const { db } = ctx.database;
  const region = actor.regionCode;
  let deputyCode = input.deputyCode ?? null;
  let defaultAreaCode: string | null = null;
  let data: Record<string, unknown> | undefined;
  if (input.channel === 'field_note') {
    if (!hasRole(actor, ['deputy'])) throw authErrors.forbidden();
    const [me] = await db
      .select({ code: deputies.publicCode })
      .from(accounts)
      .innerJoin(
        deputies,
        and(eq(deputies.regionCode, accounts.regionCode), eq(deputies.id, accounts.deputyId)),
      )
      .where(and(eq(accounts.regionCode, region), eq(accounts.id, actor.accountId ?? '')));
    if (!me) throw opinionErrors.deputy_not_found();
    deputyCode = me.code;
  } else if (!hasRole(actor, ['station_staff', 'congress_staff'])) throw authErrors.forbidden();
  if (input.channel === 'observer') {
    if (!input.observerId) throw opinionErrors.observer_not_found();
    const [o] = await db
      .select({ id: observers.id, jurisdictionCode: observers.jurisdictionCode })
      .from(observers)
      .where(
        and(
          eq(observers.regionCode, region),
          eq(observers.id, input.observerId),
          eq(observers.status, 'active'),
        ),
      );
    if (!o) throw opinionErrors.observer_not_found();
    defaultAreaCode = o.jurisdictionCode;
  }
  if (input.receptionDay) {
    if (input.channel !== 'walk_in' || !input.stationCode) throw opinionErrors.reception_day_not_found();
    const [st] = await db
      .select({ id: stations.id })
      .from(stations)
      .where(and(eq(stations.regionCode, region), eq(stations.publicCode, input.stationCode)));
    if (!st) throw opinionErrors.station_not_found();
    const { day, ruleId } = input.receptionDay;
    const days = await receptionDays(db, region, [st.id], day, day);
    if (!days.some((d) => d.ruleId === ruleId && !d.cancelled)) throw opinionErrors.reception_day_not_found();
    data = { receptionDay: { stationId: st.id, ruleId, day } };
  }
  await checkLocationInput(input, () => loadRegionPlaces(db, region));
  const phone = input.contactPhone ?? null;
  const citizenAccountId = phone
    ? await db.transaction((tx) => citizenForPhone(tx, ctx, region, phone))
    : null;
  const { channel, contactPhone: _p, observerId, receptionDay: _d, ...rest } = input;
  return intake(
    ctx,
    actor,
    { ...rest, deputyCode },
    {
      channel,
      citizenAccountId,
      contactPhone: phone,
      observerId: observerId ?? null,
      defaultAreaCode,
      data,
      recordedAs: channel === 'field_note' ? undefined : ['station_staff', 'congress_staff'],
    },
  );
}
