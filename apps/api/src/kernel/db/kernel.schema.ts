import { sql } from 'drizzle-orm';
import {
  bigint,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, regionCode, ts } from './columns';

/** Append-only, hash-chained audit log; one chain per region. UPDATE/DELETE are refused by a trigger. */
export const auditLog = pgTable(
  'audit_log',
  {
    regionCode: regionCode(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    at: ts('at').notNull(),
    actorId: uuid('actor_id'),
    actorLabel: text('actor_label').notNull(),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    jurisdictionCode: text('jurisdiction_code'),
    ip: text('ip'),
    requestId: text('request_id'),
    details: jsonb('details').notNull().default({}),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.seq] }),
    index('audit_at_idx').on(t.regionCode, t.at),
    index('audit_target_idx').on(t.regionCode, t.targetType, t.targetId),
    index('audit_actor_idx').on(t.regionCode, t.actorId, t.at),
  ],
);

/** Official working-day calendar, one row per published year. A reference table. */
export const calendarYears = pgTable('calendar_years', {
  year: integer('year').primaryKey(),
  source: text('source').notNull(),
  publishedOn: date('published_on'),
  workingDays: integer('working_days').notNull(),
  loadedAt: ts('loaded_at').notNull().defaultNow(),
  loadedBy: text('loaded_by'),
});

/** Exceptions to the Monday–Friday rule: holidays (休) and make-up working days (班, 调休). */
export const calendarDays = pgTable(
  'calendar_days',
  {
    day: date('day').primaryKey(),
    year: integer('year').notNull(),
    kind: text('kind', { enum: ['holiday', 'workday'] }).notNull(),
    name: text('name').notNull(),
  },
  (t) => [index('calendar_days_year_idx').on(t.year)],
);

/** Every workflow-managed case (opinion, suggestion, …) has its row here: state lives nowhere else. */
export const cases = pgTable(
  'cases',
  {
    regionCode: regionCode(),
    id: id(),
    caseType: text('case_type').notNull(),
    trackingNo: text('tracking_no').notNull(),
    jurisdictionCode: text('jurisdiction_code').notNull(),
    jurisdictionPath: text('jurisdiction_path').notNull(),
    state: text('state').notNull(),
    phase: text('phase', { enum: ['intake', 'handling', 'feedback', 'closed'] }).notNull(),
    version: integer('version').notNull().default(1),
    title: text('title').notNull(),
    data: jsonb('data').notNull().default({}),
    openedAt: ts('opened_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
    closedAt: ts('closed_at'),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.id] }),
    uniqueIndex('cases_tracking_uq').on(t.regionCode, t.trackingNo),
    // Rebuilt with INCLUDE (id, jurisdiction_path) by custom migration 0007, next to
    // cases_type_opened_idx (lists across phases): see docs/PERFORMANCE.md.
    index('cases_type_phase_idx').on(t.regionCode, t.caseType, t.phase, t.openedAt),
    index('cases_path_idx').using('btree', t.regionCode, sql`${t.jurisdictionPath} text_pattern_ops`),
  ],
);

export const caseHistory = pgTable(
  'case_history',
  {
    regionCode: regionCode(),
    id: id(),
    caseId: uuid('case_id').notNull(),
    seq: integer('seq').notNull(),
    action: text('action').notNull(),
    fromState: text('from_state'),
    toState: text('to_state').notNull(),
    actorId: uuid('actor_id'),
    actorLabel: text('actor_label').notNull(),
    payload: jsonb('payload').notNull().default({}),
    at: ts('at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.id] }),
    uniqueIndex('case_history_seq_uq').on(t.regionCode, t.caseId, t.seq),
  ],
);

/** Per-day counters for human-readable tracking numbers (一号一账). */
export const trackingCounters = pgTable(
  'tracking_counters',
  {
    regionCode: regionCode(),
    prefix: text('prefix').notNull(),
    day: text('day').notNull(),
    value: integer('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.prefix, t.day] })],
);

/** Deadline timers are rows, never in-memory setTimeout: they survive restarts and run once. */
export const timers = pgTable(
  'timers',
  {
    regionCode: regionCode(),
    id: id(),
    caseId: uuid('case_id'),
    kind: text('kind').notNull(),
    dueAt: ts('due_at').notNull(),
    status: text('status', { enum: ['open', 'fired', 'cancelled'] })
      .notNull()
      .default('open'),
    payload: jsonb('payload').notNull().default({}),
    /** The deadline reaches a year whose official calendar is not loaded yet: computed as Mon–Fri. */
    provisional: integer('provisional').notNull().default(0),
    createdAt: createdAt(),
    firedAt: ts('fired_at'),
    cancelledAt: ts('cancelled_at'),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.id] }),
    index('timers_due_idx').on(t.dueAt).where(sql`${t.status} = 'open'`),
    index('timers_case_idx').on(t.regionCode, t.caseId, t.status),
  ],
);

/** Transactional outbox: events are written in the same transaction as the change they describe. */
export const outbox = pgTable(
  'outbox',
  {
    regionCode: regionCode(),
    id: id(),
    topic: text('topic').notNull(),
    aggregateType: text('aggregate_type'),
    aggregateId: text('aggregate_id'),
    payload: jsonb('payload').notNull().default({}),
    status: text('status', { enum: ['pending', 'done', 'dead'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    availableAt: ts('available_at').notNull(),
    processedAt: ts('processed_at'),
    lastError: text('last_error'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.id] }),
    index('outbox_pending_idx').on(t.availableAt).where(sql`${t.status} = 'pending'`),
  ],
);

export const notifications = pgTable(
  'notifications',
  {
    regionCode: regionCode(),
    id: id(),
    channel: text('channel', { enum: ['inapp', 'sms', 'webhook'] }).notNull(),
    accountId: uuid('account_id'),
    /** Phone number or webhook URL, encrypted; masked copy for display. */
    addressEnc: text('address_enc'),
    addressMasked: text('address_masked'),
    template: text('template').notNull(),
    params: jsonb('params').notNull().default({}),
    title: text('title').notNull(),
    body: text('body').notNull(),
    status: text('status', { enum: ['pending', 'sent', 'failed'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: ts('next_attempt_at').notNull(),
    sentAt: ts('sent_at'),
    readAt: ts('read_at'),
    lastError: text('last_error'),
    dedupeKey: text('dedupe_key'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.id] }),
    index('notifications_due_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    index('notifications_inbox_idx').on(t.regionCode, t.accountId, t.createdAt),
    uniqueIndex('notifications_dedupe_uq')
      .on(t.regionCode, t.dedupeKey)
      .where(sql`${t.dedupeKey} is not null`),
  ],
);

/** What the default SMS driver "sends": visible in the console, so demos and tests can read codes. */
export const smsOutbox = pgTable(
  'sms_outbox',
  {
    regionCode: regionCode(),
    id: id(),
    notificationId: uuid('notification_id'),
    phoneEnc: text('phone_enc').notNull(),
    phoneHash: text('phone_hash').notNull(),
    phoneMasked: text('phone_masked').notNull(),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.id] }),
    index('sms_outbox_at_idx').on(t.regionCode, t.createdAt),
  ],
);

/** WeCom / DingTalk group robots and generic webhooks that receive notifications for a jurisdiction. */
export const webhookTargets = pgTable(
  'webhook_targets',
  {
    regionCode: regionCode(),
    id: id(),
    jurisdictionCode: text('jurisdiction_code').notNull(),
    kind: text('kind', { enum: ['wecom', 'dingtalk', 'generic'] }).notNull(),
    name: text('name').notNull(),
    urlEnc: text('url_enc').notNull(),
    enabled: integer('enabled').notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.id] })],
);
