import { and, asc, eq, inArray } from 'drizzle-orm';
import { appendAudit } from '../../kernel/audit/audit';
import { type Actor, grantsCovering } from '../../kernel/auth/actor';
import type { AppContext } from '../../kernel/context';
import type { Executor, Tx } from '../../kernel/db/client';
import {
  type CleanPhoto,
  cleanImage,
  decodeUpload,
  type PhotoErrors,
  readUpload,
  removeUnreferencedUploads,
  storeUpload,
} from '../../kernel/files/photos';
import { uuidv7 } from '../../kernel/ids';
import { resolveSetting } from '../../kernel/settings';
import { activityErrors } from './activities.errors';
import { activities, activityParticipants, activityPhotos } from './activities.schema';
import { activityPhotoBytes } from './activities.settings';

type Activity = typeof activities.$inferSelect;
/** The photos of one 履职情况登记表 (a reception, an inspection …). */
export const MAX_ACTIVITY_PHOTOS = 9;
const STAFF = ['congress_staff', 'station_staff'] as const;
const FOLDER = 'activities';

const errors: PhotoErrors = {
  type: () => activityErrors.photo_type(),
  tooLarge: (maxBytes) => activityErrors.photo_too_large({ maxBytes }),
};

export interface PhotoView {
  id: string;
  mime: string;
  bytes: number;
}

/**
 * Sniffs and strips the uploaded photos (base64 or data URLs) before anything is written: one
 * bad photo refuses them all, so nothing is stored.
 */
export async function cleanActivityPhotos(
  ctx: AppContext,
  regionCode: string,
  path: string,
  raw: string[],
): Promise<CleanPhoto[]> {
  if (raw.length === 0) return [];
  if (raw.length > MAX_ACTIVITY_PHOTOS) throw activityErrors.too_many_photos({ max: MAX_ACTIVITY_PHOTOS });
  const maxBytes = await resolveSetting(ctx.database.db, regionCode, path, activityPhotoBytes);
  return raw.map((p) => cleanImage(decodeUpload(p), maxBytes, errors));
}

/**
 * Writes the cleaned photos to disk and runs `write` (the transaction that records them); if it
 * fails, the files it would have referenced are removed again unless another row holds them.
 */
export async function withStoredPhotos<T>(
  ctx: AppContext,
  regionCode: string,
  clean: CleanPhoto[],
  write: (stored: Array<CleanPhoto & { storagePath: string }>) => Promise<T>,
): Promise<T> {
  const paths = await Promise.all(clean.map((p) => storeUpload(ctx.config.dataDir, FOLDER, regionCode, p)));
  try {
    return await write(clean.map((p, i) => ({ ...p, storagePath: paths[i]! })));
  } catch (e) {
    await dropUnreferenced(ctx, regionCode, paths);
    throw e;
  }
}

/** The photo rows of a new or edited activity (inside its transaction). */
export async function insertPhotoRows(
  tx: Tx,
  actor: Actor,
  activityId: string,
  at: Date,
  stored: Array<CleanPhoto & { storagePath: string }>,
) {
  if (stored.length === 0) return;
  await tx.insert(activityPhotos).values(
    stored.map((p, i) => ({
      regionCode: actor.regionCode,
      id: uuidv7(at.getTime() + i),
      activityId,
      mime: p.mime,
      bytes: p.data.length,
      sha256: p.sha256,
      storagePath: p.storagePath,
      uploadedBy: actor.accountId,
      createdAt: at,
    })),
  );
}

/** Files under the data folder that no photo row references any more (content is shared by hash). */
function dropUnreferenced(ctx: AppContext, regionCode: string, paths: string[]) {
  return removeUnreferencedUploads(ctx.config.dataDir, paths, async (unique) => {
    const held = await ctx.database.db
      .select({ p: activityPhotos.storagePath })
      .from(activityPhotos)
      .where(and(eq(activityPhotos.regionCode, regionCode), inArray(activityPhotos.storagePath, unique)));
    return held.map((h) => h.p);
  });
}

export async function photosOf(exec: Executor, regionCode: string, ids: string[]) {
  const out = new Map<string, PhotoView[]>();
  if (ids.length === 0) return out;
  const rows = await exec
    .select({
      id: activityPhotos.id,
      activityId: activityPhotos.activityId,
      mime: activityPhotos.mime,
      bytes: activityPhotos.bytes,
    })
    .from(activityPhotos)
    .where(and(eq(activityPhotos.regionCode, regionCode), inArray(activityPhotos.activityId, ids)))
    .orderBy(asc(activityPhotos.id));
  for (const { activityId, ...p } of rows) out.set(activityId, [...(out.get(activityId) ?? []), p]);
  return out;
}

async function isParticipant(exec: Executor, a: Activity, deputyId: string | null) {
  if (!deputyId) return false;
  const [p] = await exec
    .select({ d: activityParticipants.deputyId })
    .from(activityParticipants)
    .where(
      and(
        eq(activityParticipants.regionCode, a.regionCode),
        eq(activityParticipants.activityId, a.id),
        eq(activityParticipants.deputyId, deputyId),
      ),
    );
  return !!p;
}

/**
 * Who may see an activity (and its photos): staff whose scope covers where it happened, and the
 * deputies who took part. Anyone else is told it does not exist.
 */
export async function visibleActivity(exec: Executor, actor: Actor, id: string, deputyId: string | null) {
  const [a] = await exec
    .select()
    .from(activities)
    .where(and(eq(activities.regionCode, actor.regionCode), eq(activities.id, id)));
  if (!a) throw activityErrors.not_found();
  const staff = grantsCovering(actor, [...STAFF], a.jurisdictionPath).length > 0;
  if (!staff && !(await isParticipant(exec, a, deputyId))) throw activityErrors.not_found();
  return { a, staff };
}

/**
 * Photos may change while the entry is open: staff of its jurisdiction on any activity not
 * rejected; the deputy on their own registration until staff confirm or reject it.
 */
export function photosEditable(a: Activity, staff: boolean, actor: Actor): boolean {
  if (staff) return a.status !== 'rejected';
  return a.origin === 'deputy' && a.status === 'pending' && a.createdBy === actor.accountId;
}

function assertPhotosEditable(a: Activity, staff: boolean, actor: Actor) {
  if (!photosEditable(a, staff, actor)) throw activityErrors.photos_locked();
}

/** Adds photos to an activity (up to the limit in all). */
export async function addActivityPhotos(
  ctx: AppContext,
  actor: Actor,
  id: string,
  deputyId: string | null,
  raw: string[],
) {
  const { db } = ctx.database;
  const { a, staff } = await visibleActivity(db, actor, id, deputyId);
  assertPhotosEditable(a, staff, actor);
  const clean = await cleanActivityPhotos(ctx, actor.regionCode, a.jurisdictionPath, raw);
  const now = ctx.clock.now();
  await withStoredPhotos(ctx, actor.regionCode, clean, (stored) =>
    db.transaction(async (tx) => {
      const locked = await lock(tx, a);
      assertPhotosEditable(locked, staff, actor);
      const have = (await photosOf(tx, a.regionCode, [a.id])).get(a.id)?.length ?? 0;
      if (have + stored.length > MAX_ACTIVITY_PHOTOS)
        throw activityErrors.too_many_photos({ max: MAX_ACTIVITY_PHOTOS, have });
      await insertPhotoRows(tx, actor, a.id, now, stored);
      await appendAudit(tx, actor, now, {
        action: 'activities.photos_added',
        targetType: 'activity',
        targetId: a.id,
        jurisdictionCode: a.jurisdictionCode,
        details: { count: stored.length, sha256: stored.map((p) => p.sha256) },
      });
    }),
  );
  return { photos: (await photosOf(db, a.regionCode, [a.id])).get(a.id) ?? [] };
}

const lock = async (tx: Tx, a: Activity) => {
  const [row] = await tx
    .select()
    .from(activities)
    .where(and(eq(activities.regionCode, a.regionCode), eq(activities.id, a.id)))
    .for('update');
  return row!;
};

/** Removes one photo (audited); its file goes once no other photo row holds the same content. */
export async function removeActivityPhoto(
  ctx: AppContext,
  actor: Actor,
  id: string,
  photoId: string,
  deputyId: string | null,
) {
  const { db } = ctx.database;
  const { a, staff } = await visibleActivity(db, actor, id, deputyId);
  const now = ctx.clock.now();
  const gone = await db.transaction(async (tx) => {
    assertPhotosEditable(await lock(tx, a), staff, actor);
    const [p] = await tx
      .delete(activityPhotos)
      .where(
        and(
          eq(activityPhotos.regionCode, a.regionCode),
          eq(activityPhotos.activityId, a.id),
          eq(activityPhotos.id, photoId),
        ),
      )
      .returning();
    if (!p) throw activityErrors.photo_not_found();
    await appendAudit(tx, actor, now, {
      action: 'activities.photo_removed',
      targetType: 'activity',
      targetId: a.id,
      jurisdictionCode: a.jurisdictionCode,
      details: { photoId, sha256: p.sha256 },
    });
    return p;
  });
  await dropUnreferenced(ctx, a.regionCode, [gone.storagePath]);
  return { photos: (await photosOf(db, a.regionCode, [a.id])).get(a.id) ?? [] };
}

/** The bytes of one photo, for whoever may see the activity. */
export async function activityPhotoFile(
  ctx: AppContext,
  actor: Actor,
  id: string,
  photoId: string,
  deputyId: string | null,
) {
  const { db } = ctx.database;
  const { a } = await visibleActivity(db, actor, id, deputyId);
  const [p] = await db
    .select()
    .from(activityPhotos)
    .where(
      and(
        eq(activityPhotos.regionCode, a.regionCode),
        eq(activityPhotos.activityId, a.id),
        eq(activityPhotos.id, photoId),
      ),
    );
  const data = p ? await readUpload(ctx.config.dataDir, p.storagePath) : null;
  if (!p || !data) throw activityErrors.photo_not_found();
  return { mime: p.mime, data };
}
