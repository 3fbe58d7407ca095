import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { appendAudit } from '../../kernel/audit/audit';
import { type Actor, assertCan, grantsCovering, hasRole, scopePaths } from '../../kernel/auth/actor';
import type { AppContext } from '../../kernel/context';
import type { Executor, Tx } from '../../kernel/db/client';
import { emit } from '../../kernel/events';
import { uuidv7 } from '../../kernel/ids';
import { resolveSetting } from '../../kernel/settings';
import { accounts } from '../accounts/accounts.schema';
import { congresses } from '../congresses/congresses.schema';
import { deputies, deputyMandates } from '../deputies/deputies.schema';
import { findJurisdiction } from '../jurisdictions/jurisdictions.repository';
import { stations } from '../stations/stations.schema';
import { activityErrors } from './activities.errors';
import {
  cleanActivityPhotos,
  insertPhotoRows,
  type PhotoView,
  photosEditable,
  photosOf,
  visibleActivity,
  withStoredPhotos,
} from './activities.photos';
import { activities, activityParticipants } from './activities.schema';
import { activityKinds } from './activities.settings';

export type Activity = typeof activities.$inferSelect;
export type Attendance = 'present' | 'excused' | 'absent';
const STAFF = ['congress_staff', 'station_staff'] as const;

export interface ActivityInput {
  congressCode: string;
  jurisdictionCode?: string;
  kind: string;
  title: string;
  content?: string | null;
  place?: string | null;
  mode?: string | null;
  day: string;
  stationId?: string | null;
  citizensReceived?: number;
  opinionsCollected?: number;
  problemsSolved?: number;
  participants: Array<{ deputyId: string; attendance: Attendance }>;
  /** Photos as base64 or data URLs: sniffed, stripped of EXIF/GPS, stored by content hash. */
  photos?: string[];
}

/** The deputy an account speaks for (accounts.deputy_id), or null. */
export async function deputyOfAccount(exec: Executor, actor: Actor): Promise<string | null> {
  if (!actor.accountId || !hasRole(actor, ['deputy'])) return null;
  const [a] = await exec
    .select({ d: accounts.deputyId })
    .from(accounts)
    .where(and(eq(accounts.regionCode, actor.regionCode), eq(accounts.id, actor.accountId)));
  return a?.d ?? null;
}

async function kindName(exec: Executor, regionCode: string, path: string, code: string) {
  const kinds = await resolveSetting(exec, regionCode, path, activityKinds);
  const k = kinds.find((x) => x.code === code);
  if (!k) throw activityErrors.unknown_kind({ kinds: kinds.map((x) => x.code) });
  return k.name;
}

/** Every participant must hold a mandate of that congress (the comparison stays within it). */
async function checkParticipants(exec: Executor, regionCode: string, congressCode: string, ids: string[]) {
  if (ids.length === 0) return;
  const rows = await exec
    .select({ id: deputyMandates.deputyId })
    .from(deputyMandates)
    .where(
      and(
        eq(deputyMandates.regionCode, regionCode),
        eq(deputyMandates.congressJurisdictionCode, congressCode),
        inArray(deputyMandates.deputyId, ids),
      ),
    );
  const found = new Set(rows.map((r) => r.id));
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length) throw activityErrors.unknown_deputy({ deputyIds: missing });
}

/** The station must exist and lie within the congress's jurisdiction. */
async function checkStation(exec: Executor, regionCode: string, congressPath: string, stationId: string) {
  const [s] = await exec
    .select({ j: stations.jurisdictionCode })
    .from(stations)
    .where(and(eq(stations.regionCode, regionCode), eq(stations.id, stationId)));
  const j = s ? await findJurisdiction(exec, s.j) : undefined;
  if (!j?.path.startsWith(congressPath)) throw activityErrors.unknown_station();
}

const changed = (tx: Tx, at: Date, a: Pick<Activity, 'regionCode' | 'id'>) =>
  emit(tx, at, {
    regionCode: a.regionCode,
    topic: 'activities.changed',
    aggregateType: 'activity',
    aggregateId: a.id,
    payload: { activityId: a.id },
  });

/**
 * 履职登记: staff register an activity (confirmed at once) with the attendance of each deputy; a
 * deputy registers their own (pending until staff of that jurisdiction confirm it). Points follow
 * from the `activities.changed` event, never from here.
 */
export async function registerActivity(ctx: AppContext, actor: Actor, input: ActivityInput) {
  const { db } = ctx.database;
  const now = ctx.clock.now();
  const [hasCongress] = await db
    .select({ code: congresses.jurisdictionCode })
    .from(congresses)
    .where(
      and(eq(congresses.regionCode, actor.regionCode), eq(congresses.jurisdictionCode, input.congressCode)),
    );
  const congress = hasCongress ? await findJurisdiction(db, input.congressCode) : undefined;
  if (!congress) throw activityErrors.no_congress();
  const where = input.jurisdictionCode ? await findJurisdiction(db, input.jurisdictionCode) : congress;
  if (!where?.path.startsWith(congress.path)) throw activityErrors.no_congress();
  const myDeputy = await deputyOfAccount(db, actor);
  const asStaff = grantsCovering(actor, [...STAFF], where.path).length > 0;
  let participants = input.participants;
  if (!asStaff) {
    if (!myDeputy) {
      assertCan(actor, [...STAFF], where.path); // throws the right error
      throw activityErrors.not_a_deputy();
    }
    // A deputy registers only their own participation.
    participants = [{ deputyId: myDeputy, attendance: 'present' }];
  }
  await kindName(db, actor.regionCode, where.path, input.kind);
  if (input.stationId) await checkStation(db, actor.regionCode, congress.path, input.stationId);
  await checkParticipants(db, actor.regionCode, congress.code, [
    ...new Set(participants.map((p) => p.deputyId)),
  ]);
  // A bad photo refuses the registration before anything is written.
  const photos = await cleanActivityPhotos(ctx, actor.regionCode, where.path, input.photos ?? []);
  const a = await withStoredPhotos(ctx, actor.regionCode, photos, (stored) =>
    db.transaction(async (tx) => {
      const id = uuidv7(now.getTime());
      const [a] = await tx
        .insert(activities)
        .values({
          regionCode: actor.regionCode,
          id,
          congressCode: congress.code,
          jurisdictionCode: where.code,
          jurisdictionPath: where.path,
          kind: input.kind,
          title: input.title,
          content: input.content ?? null,
          place: input.place ?? null,
          mode: input.mode ?? null,
          day: input.day,
          stationId: input.stationId ?? null,
          citizensReceived: input.citizensReceived ?? 0,
          opinionsCollected: input.opinionsCollected ?? 0,
          problemsSolved: input.problemsSolved ?? 0,
          status: asStaff ? 'confirmed' : 'pending',
          origin: asStaff ? 'staff' : 'deputy',
          createdBy: actor.accountId,
          confirmedBy: asStaff ? actor.accountId : null,
          confirmedAt: asStaff ? now : null,
          createdAt: now,
        })
        .returning();
      const unique = new Map(participants.map((p) => [p.deputyId, p]));
      if (unique.size > 0)
        await tx.insert(activityParticipants).values(
          [...unique.values()].map((p) => ({
            regionCode: actor.regionCode,
            activityId: id,
            deputyId: p.deputyId,
            attendance: p.attendance,
          })),
        );
      await insertPhotoRows(tx, actor, id, now, stored);
      await appendAudit(tx, actor, now, {
        action: 'activities.registered',
        targetType: 'activity',
        targetId: id,
        jurisdictionCode: where.code,
        details: {
          kind: input.kind,
          day: input.day,
          participants: unique.size,
          status: a!.status,
          photos: stored.length,
        },
      });
      await changed(tx, now, a!);
      return a!;
    }),
  );
  return present(
    a,
    (await participantsOf(db, a.regionCode, [a.id])).get(a.id) ?? [],
    (await photosOf(db, a.regionCode, [a.id])).get(a.id),
  );
}

async function lockActivity(tx: Tx, actor: Actor, id: string) {
  const [a] = await tx
    .select()
    .from(activities)
    .where(and(eq(activities.regionCode, actor.regionCode), eq(activities.id, id)))
    .for('update');
  if (!a) throw activityErrors.not_found();
  assertCan(actor, [...STAFF], a.jurisdictionPath);
  return a;
}

/** Staff confirm or reject (with a reason the deputy sees) a deputy's own registration. */
export async function reviewActivity(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { confirm: boolean; reason?: string },
) {
  const now = ctx.clock.now();
  return ctx.database.db.transaction(async (tx) => {
    const a = await lockActivity(tx, actor, id);
    if (a.status !== 'pending') throw activityErrors.not_pending();
    const [next] = await tx
      .update(activities)
      .set(
        input.confirm
          ? { status: 'confirmed', confirmedBy: actor.accountId, confirmedAt: now }
          : { status: 'rejected', rejectReason: input.reason ?? null },
      )
      .where(and(eq(activities.regionCode, a.regionCode), eq(activities.id, a.id)))
      .returning();
    await appendAudit(tx, actor, now, {
      action: input.confirm ? 'activities.confirmed' : 'activities.rejected',
      targetType: 'activity',
      targetId: a.id,
      jurisdictionCode: a.jurisdictionCode,
      details: input.reason ? { reason: input.reason } : undefined,
    });
    await changed(tx, now, a);
    return next!;
  });
}

/** 考勤: staff set the attendance of an activity's deputies (present / excused / absent). */
export async function setAttendance(
  ctx: AppContext,
  actor: Actor,
  id: string,
  participants: Array<{ deputyId: string; attendance: Attendance }>,
) {
  const now = ctx.clock.now();
  return ctx.database.db.transaction(async (tx) => {
    const a = await lockActivity(tx, actor, id);
    const unique = new Map(participants.map((p) => [p.deputyId, p]));
    await checkParticipants(tx, a.regionCode, a.congressCode, [...unique.keys()]);
    await tx
      .delete(activityParticipants)
      .where(
        and(eq(activityParticipants.regionCode, a.regionCode), eq(activityParticipants.activityId, a.id)),
      );
    if (unique.size > 0)
      await tx
        .insert(activityParticipants)
        .values([...unique.values()].map((p) => ({ regionCode: a.regionCode, activityId: a.id, ...p })));
    await appendAudit(tx, actor, now, {
      action: 'activities.attendance',
      targetType: 'activity',
      targetId: a.id,
      jurisdictionCode: a.jurisdictionCode,
      details: {
        present: [...unique.values()].filter((p) => p.attendance === 'present').length,
        excused: [...unique.values()].filter((p) => p.attendance === 'excused').length,
        absent: [...unique.values()].filter((p) => p.attendance === 'absent').length,
      },
    });
    await changed(tx, now, a);
    return a;
  });
}

export interface ActivityFilter {
  year?: number;
  /** Day range, inclusive (yyyy-mm-dd). */
  from?: string;
  to?: string;
  stationId?: string;
  congressCode?: string;
  kind?: string;
  status?: 'pending' | 'confirmed' | 'rejected';
  deputyId?: string;
  page?: number;
  pageSize?: number;
}

/** Staff: their subtree; a deputy: the activities they take part in. */
export async function listActivities(ctx: AppContext, actor: Actor, f: ActivityFilter) {
  const { db } = ctx.database;
  const conds: SQL[] = [eq(activities.regionCode, actor.regionCode)];
  const paths = scopePaths(actor, [...STAFF]);
  const me = await deputyOfAccount(db, actor);
  const mine = me
    ? sql`exists (select 1 from ${activityParticipants} p where p.region_code = ${actor.regionCode}
        and p.activity_id = ${activities.id} and p.deputy_id = ${me})`
    : null;
  const staffScope = paths.length
    ? sql`(${sql.join(
        paths.map((p) => sql`${activities.jurisdictionPath} like ${`${p}%`}`),
        sql` or `,
      )})`
    : null;
  const scope = [staffScope, mine].filter((x): x is SQL => !!x);
  conds.push(scope.length ? sql`(${sql.join(scope, sql` or `)})` : sql`false`);
  if (f.year) conds.push(sql`${activities.day} between ${`${f.year}-01-01`} and ${`${f.year}-12-31`}`);
  if (f.from) conds.push(sql`${activities.day} >= ${f.from}`);
  if (f.to) conds.push(sql`${activities.day} <= ${f.to}`);
  if (f.stationId) conds.push(eq(activities.stationId, f.stationId));
  if (f.congressCode) conds.push(eq(activities.congressCode, f.congressCode));
  if (f.kind) conds.push(eq(activities.kind, f.kind));
  if (f.status) conds.push(eq(activities.status, f.status));
  if (f.deputyId)
    conds.push(sql`exists (select 1 from ${activityParticipants} p where p.region_code = ${actor.regionCode}
      and p.activity_id = ${activities.id} and p.deputy_id = ${f.deputyId})`);
  const pageSize = Math.min(f.pageSize ?? 20, 200);
  const page = Math.max(1, f.page ?? 1);
  const where = and(...conds);
  const [rows, [count]] = await Promise.all([
    db
      .select()
      .from(activities)
      .where(where)
      .orderBy(desc(activities.day), desc(activities.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: sql<number>`count(*)` }).from(activities).where(where),
  ]);
  const ids = rows.map((r) => r.id);
  const [people, photos] = await Promise.all([
    participantsOf(db, actor.regionCode, ids),
    photosOf(db, actor.regionCode, ids),
  ]);
  return {
    total: Number(count?.n ?? 0),
    page,
    pageSize,
    items: rows.map((a) => present(a, people.get(a.id) ?? [], photos.get(a.id))),
  };
}

async function participantsOf(exec: Executor, regionCode: string, ids: string[]) {
  const out = new Map<string, Array<{ deputyId: string; name: string; attendance: Attendance }>>();
  if (ids.length === 0) return out;
  const rows = await exec
    .select({ a: activityParticipants, name: deputies.name })
    .from(activityParticipants)
    .innerJoin(
      deputies,
      and(
        eq(deputies.regionCode, activityParticipants.regionCode),
        eq(deputies.id, activityParticipants.deputyId),
      ),
    )
    .where(
      and(eq(activityParticipants.regionCode, regionCode), inArray(activityParticipants.activityId, ids)),
    )
    .orderBy(asc(deputies.name));
  for (const r of rows) {
    const list = out.get(r.a.activityId) ?? [];
    list.push({ deputyId: r.a.deputyId, name: r.name, attendance: r.a.attendance });
    out.set(r.a.activityId, list);
  }
  return out;
}

export const attendanceLabels = { present: '出席', excused: '请假', absent: '缺席' } as const;
export const statusLabels = { pending: '待确认', confirmed: '已确认', rejected: '未通过' } as const;

function present(
  a: Activity,
  people: Array<{ deputyId: string; name: string; attendance: Attendance }>,
  photos: PhotoView[] = [],
) {
  return {
    id: a.id,
    congressCode: a.congressCode,
    jurisdictionCode: a.jurisdictionCode,
    kind: a.kind,
    title: a.title,
    content: a.content,
    place: a.place,
    mode: a.mode,
    day: a.day,
    stationId: a.stationId,
    citizensReceived: a.citizensReceived,
    opinionsCollected: a.opinionsCollected,
    problemsSolved: a.problemsSolved,
    status: a.status,
    statusLabel: statusLabels[a.status],
    origin: a.origin,
    sourceType: a.sourceType,
    sourceId: a.sourceId,
    rejectReason: a.rejectReason,
    participants: people.map((p) => ({ ...p, attendanceLabel: attendanceLabels[p.attendance] })),
    photos,
  };
}

export async function activityDetail(ctx: AppContext, actor: Actor, id: string) {
  const { db } = ctx.database;
  const { a, staff } = await visibleActivity(db, actor, id, await deputyOfAccount(db, actor));
  const [people, photos] = await Promise.all([
    participantsOf(db, actor.regionCode, [a.id]),
    photosOf(db, actor.regionCode, [a.id]),
  ]);
  // What the actor may do next, so the screen shows the upload only where it works.
  return {
    ...present(a, people.get(a.id) ?? [], photos.get(a.id)),
    photosEditable: photosEditable(a, staff, actor),
  };
}
