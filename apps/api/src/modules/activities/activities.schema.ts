import { sql } from 'drizzle-orm';
import {
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, regionCode, ts } from '../../kernel/db/columns';

/**
 * 履职登记: one activity (a reception day, an inspection, a meeting …) with the fields of a
 * 履职情况登记表. Registered by staff (confirmed), by a deputy (pending until staff confirm), or
 * created from another module's event (`sourceType`/`sourceId`, unique, so a redelivered event
 * never makes a second activity). `kind` is a code from the congress's `activities.kinds` setting.
 */
export const activities = pgTable(
  'activities',
  {
    regionCode: regionCode(),
    id: id(),
    /** The congress whose deputies took part (its jurisdiction code). */
    congressCode: text('congress_code').notNull(),
    /** Where it happened or who organised it: scopes who may see and confirm it. */
    jurisdictionCode: text('jurisdiction_code').notNull(),
    jurisdictionPath: text('jurisdiction_path').notNull(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    content: text('content'),
    place: text('place'),
    mode: text('mode'),
    day: date('day').notNull(),
    stationId: uuid('station_id'),
    citizensReceived: integer('citizens_received').notNull().default(0),
    opinionsCollected: integer('opinions_collected').notNull().default(0),
    problemsSolved: integer('problems_solved').notNull().default(0),
    status: text('status', { enum: ['pending', 'confirmed', 'rejected'] }).notNull(),
    origin: text('origin', { enum: ['staff', 'deputy', 'event'] }).notNull(),
    sourceType: text('source_type'),
    sourceId: text('source_id'),
    rejectReason: text('reject_reason'),
    createdBy: uuid('created_by'),
    confirmedBy: uuid('confirmed_by'),
    confirmedAt: ts('confirmed_at'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.id] }),
    uniqueIndex('activities_source_uq')
      .on(t.regionCode, t.sourceType, t.sourceId, t.kind)
      .where(sql`${t.sourceId} is not null`),
    index('activities_day_idx').on(t.regionCode, t.congressCode, t.day),
    index('activities_path_idx').using('btree', t.regionCode, sql`${t.jurisdictionPath} text_pattern_ops`),
  ],
);

/** Who took part, with attendance (出席/请假/缺席). */
export const activityParticipants = pgTable(
  'activity_participants',
  {
    regionCode: regionCode(),
    activityId: uuid('activity_id').notNull(),
    deputyId: uuid('deputy_id').notNull(),
    attendance: text('attendance', { enum: ['present', 'excused', 'absent'] }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.activityId, t.deputyId] }),
    index('activity_participants_deputy_idx').on(t.regionCode, t.deputyId),
  ],
);

/**
 * 积分依据: one piece of evidence for one deputy (an activity attended, a suggestion registered,
 * an opinion followed to 满意, an unexcused absence …), written by event listeners only. Points are
 * a pure function of these rows, the rule set of their year and the deputy's time in office.
 */
export const pointEvidence = pgTable(
  'point_evidence',
  {
    regionCode: regionCode(),
    id: id(),
    deputyId: uuid('deputy_id').notNull(),
    congressCode: text('congress_code').notNull(),
    year: integer('year').notNull(),
    day: date('day').notNull(),
    /** The rule key that prices it, e.g. 'activity.inspection', 'suggestion.registered'. */
    key: text('key').notNull(),
    /** What it links to: 'activity' | 'suggestion' | 'opinion'. */
    refType: text('ref_type').notNull(),
    refId: text('ref_id').notNull(),
    label: text('label').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.id] }),
    uniqueIndex('point_evidence_uq').on(t.regionCode, t.deputyId, t.key, t.refType, t.refId),
    index('point_evidence_year_idx').on(t.regionCode, t.congressCode, t.year, t.deputyId),
  ],
);

/** Running counts per deputy, year and rule key, kept by the same listeners (the incremental side). */
export const pointTallies = pgTable(
  'point_tallies',
  {
    regionCode: regionCode(),
    congressCode: text('congress_code').notNull(),
    year: integer('year').notNull(),
    deputyId: uuid('deputy_id').notNull(),
    key: text('key').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.congressCode, t.year, t.deputyId, t.key] })],
);

/**
 * 积分规则: a versioned rule set per congress, in force for whole years from `effectiveYear` until
 * a later set starts. A set can only be created for a year that has not begun, so a rule change
 * never rewrites points already earned.
 */
export const pointRuleSets = pgTable(
  'point_rule_sets',
  {
    regionCode: regionCode(),
    id: id(),
    congressCode: text('congress_code').notNull(),
    effectiveYear: integer('effective_year').notNull(),
    rules: jsonb('rules').notNull(),
    note: text('note'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.id] }),
    uniqueIndex('point_rule_sets_year_uq').on(t.regionCode, t.congressCode, t.effectiveYear),
  ],
);

/** 年终核定: a recorded, audited adjustment with its reason — never a silent edit. */
export const pointAdjustments = pgTable(
  'point_adjustments',
  {
    regionCode: regionCode(),
    id: id(),
    deputyId: uuid('deputy_id').notNull(),
    congressCode: text('congress_code').notNull(),
    year: integer('year').notNull(),
    points: doublePrecision('points').notNull(),
    reason: text('reason').notNull(),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.id] }),
    index('point_adjustments_idx').on(t.regionCode, t.congressCode, t.year, t.deputyId),
  ],
);

/** 述职评议: a deputy's annual report to voters, scheduled at a station, read and rated online. */
export const voterReports = pgTable(
  'voter_reports',
  {
    regionCode: regionCode(),
    id: id(),
    deputyId: uuid('deputy_id').notNull(),
    congressCode: text('congress_code').notNull(),
    year: integer('year').notNull(),
    stationId: uuid('station_id'),
    jurisdictionCode: text('jurisdiction_code').notNull(),
    jurisdictionPath: text('jurisdiction_path').notNull(),
    scheduledOn: date('scheduled_on').notNull(),
    title: text('title').notNull(),
    body: text('body'),
    /** Ratings are open from publication until `closesOn` (inclusive). */
    publishedAt: ts('published_at'),
    closesOn: date('closes_on'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    /** scheduled → held (the report day came, by its timer) | cancelled (with a reason). */
    status: text('status', { enum: ['scheduled', 'held', 'cancelled'] })
      .notNull()
      .default('scheduled'),
    startTime: text('start_time'),
    place: text('place'),
    heldAt: ts('held_at'),
    cancelReason: text('cancel_reason'),
    cancelledAt: ts('cancelled_at'),
    updatedAt: ts('updated_at'),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.id] }),
    index('voter_reports_deputy_idx').on(t.regionCode, t.deputyId, t.year),
    index('voter_reports_path_idx').using(
      'btree',
      t.regionCode,
      sql`${t.jurisdictionPath} text_pattern_ops`,
      t.scheduledOn,
    ),
  ],
);

/** One rating per verified phone (blind index) per report. */
export const voterReportRatings = pgTable(
  'voter_report_ratings',
  {
    regionCode: regionCode(),
    reportId: uuid('report_id').notNull(),
    phoneHash: text('phone_hash').notNull(),
    accountId: uuid('account_id'),
    rating: text('rating', { enum: ['satisfied', 'basically_satisfied', 'dissatisfied'] }).notNull(),
    /** Stored already de-identified (phone/ID numbers masked): no personal data at rest. */
    comment: text('comment'),
    ratedAt: ts('rated_at').notNull(),
    /** A stable handle for moderation (the phone hash never leaves the server). */
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    /** Staff moderation: a hidden comment is not shown to the deputy (the rating still counts). */
    hiddenAt: ts('hidden_at'),
    hiddenBy: uuid('hidden_by'),
    hiddenReason: text('hidden_reason'),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.reportId, t.phoneHash] }),
    uniqueIndex('voter_report_ratings_id_uq').on(t.regionCode, t.id),
  ],
);

/**
 * 履职要求提醒: one row per deputy, quota and period once the deputy was told they fall behind —
 * the check runs every day, the row makes sure the reminder goes out once per quota per period.
 */
export const activityQuotaReminders = pgTable(
  'activity_quota_reminders',
  {
    regionCode: regionCode(),
    congressCode: text('congress_code').notNull(),
    deputyId: uuid('deputy_id').notNull(),
    quotaKey: text('quota_key').notNull(),
    /** '2026-03' for a monthly quota, '2026' for a yearly one. */
    period: text('period').notNull(),
    count: integer('count').notNull(),
    target: integer('target').notNull(),
    sentAt: ts('sent_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.congressCode, t.deputyId, t.quotaKey, t.period] })],
);

/**
 * 活动照片 (the photos of a 履职情况登记表): stored under the data folder by content hash with
 * metadata (EXIF/GPS) stripped (kernel/files/photos.ts); the client's file name is never kept.
 * Seen by whoever may see the activity.
 */
export const activityPhotos = pgTable(
  'activity_photos',
  {
    regionCode: regionCode(),
    id: id(),
    activityId: uuid('activity_id').notNull(),
    mime: text('mime').notNull(),
    bytes: integer('bytes').notNull(),
    sha256: text('sha256').notNull(),
    storagePath: text('storage_path').notNull(),
    uploadedBy: uuid('uploaded_by'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.id] }),
    index('activity_photos_activity_idx').on(t.regionCode, t.activityId),
    index('activity_photos_path_idx').on(t.regionCode, t.storagePath),
  ],
);
