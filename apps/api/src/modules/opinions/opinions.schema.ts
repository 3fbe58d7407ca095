import { sql } from 'drizzle-orm';
import {
  boolean,
  customType,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, regionCode, ts } from '../../kernel/db/columns';

/** PostgreSQL full-text vector; written with `to_tsvector('simple', <jieba tokens>)` (see search.ts). */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * 问题分类: a configurable tree per congress (the congress's jurisdiction). `code` is stable and
 * hierarchical (e.g. 'CJ' → 'CJ01'); `complexity` picks the reply period (simple/complex).
 */
export const opinionCategories = pgTable(
  'opinion_categories',
  {
    regionCode: regionCode(),
    jurisdictionCode: text('jurisdiction_code').notNull(),
    code: text('code').notNull(),
    parentCode: text('parent_code'),
    name: text('name').notNull(),
    level: integer('level').notNull(),
    sort: integer('sort').notNull().default(0),
    active: boolean('active').notNull().default(true),
    complexity: text('complexity', { enum: ['simple', 'complex'] })
      .notNull()
      .default('simple'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.jurisdictionCode, t.code] })],
);

/**
 * 群众意见: the detail row of an `opinions` case (keyed by the case id; state lives in `cases`).
 * Contact name/phone and the exact address are personal information: encrypted, with a blind
 * index for phone lookups and masked copies for display.
 */
export const opinions = pgTable(
  'opinions',
  {
    regionCode: regionCode(),
    caseId: uuid('case_id').notNull(),
    channel: text('channel', {
      enum: ['portal', 'qr_deputy', 'qr_station', 'walk_in', 'field_note', 'observer', 'hotline', 'open311'],
    }).notNull(),
    categoryCode: text('category_code'),
    description: text('description').notNull(),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    addressEnc: text('address_enc'),
    addressMasked: text('address_masked'),
    townshipCode: text('township_code'),
    communityCode: text('community_code'),
    gridCode: text('grid_code'),
    deputyId: uuid('deputy_id'),
    stationId: uuid('station_id'),
    observerId: uuid('observer_id'),
    citizenAccountId: uuid('citizen_account_id'),
    submittedBy: uuid('submitted_by'),
    contactNameEnc: text('contact_name_enc'),
    contactNameMasked: text('contact_name_masked'),
    contactPhoneEnc: text('contact_phone_enc'),
    contactPhoneHash: text('contact_phone_hash'),
    contactPhoneMasked: text('contact_phone_masked'),
    allowDisclosure: boolean('allow_disclosure').notNull().default(false),
    /** Staff may withhold a case from public disclosure, with a recorded reason. */
    disclosureWithheldReason: text('disclosure_withheld_reason'),
    idempotencyKey: text('idempotency_key'),
    /** SHA-256 of the secret in the follow link `/o/<trackingNo>?k=<secret>`; the secret is never stored. */
    followSecretHash: text('follow_secret_hash').notNull(),
    /** The hotline's (12345) or Open311 client's own ticket number. */
    externalTicketNo: text('external_ticket_no'),
    mergedInto: uuid('merged_into'),
    /** The handling unit currently leading (null until assigned, or after a return). */
    departmentId: uuid('department_id'),
    returnCount: integer('return_count').notNull().default(0),
    reopenCount: integer('reopen_count').notNull().default(0),
    supervisionLevel: integer('supervision_level').notNull().default(0),
    replyDueAt: ts('reply_due_at'),
    /** Title + description cut into words by jieba, for keyword search on both databases. */
    searchVector: tsvector('search_vector'),
    /** The API client (Open311 / 12345) that filed the case. */
    apiClientId: uuid('api_client_id'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.caseId] }),
    index('opinions_search_idx').using('gin', t.searchVector),
    index('opinions_township_created_idx').on(t.regionCode, t.townshipCode, t.createdAt),
    uniqueIndex('opinions_idem_uq')
      .on(t.regionCode, t.idempotencyKey)
      .where(sql`${t.idempotencyKey} is not null`),
    // The 12345 hotline's ticket numbers are one numbering for the region; an Open311 client's
    // external_id is its own, so two clients may both send "1".
    uniqueIndex('opinions_hotline_ticket_uq')
      .on(t.regionCode, t.externalTicketNo)
      .where(sql`${t.channel} = 'hotline' and ${t.externalTicketNo} is not null`),
    uniqueIndex('opinions_client_ticket_uq')
      .on(t.regionCode, t.apiClientId, t.externalTicketNo)
      .where(sql`${t.channel} = 'open311' and ${t.externalTicketNo} is not null`),
    index('opinions_citizen_idx').on(t.regionCode, t.citizenAccountId),
    index('opinions_phone_idx').on(t.regionCode, t.contactPhoneHash),
    index('opinions_department_idx').on(t.regionCode, t.departmentId),
    index('opinions_deputy_idx').on(t.regionCode, t.deputyId),
    index('opinions_station_idx').on(t.regionCode, t.stationId),
    index('opinions_category_idx').on(t.regionCode, t.categoryCode),
    index('opinions_due_idx').on(t.regionCode, t.replyDueAt),
    // Also (custom migration 0007, INCLUDE columns Drizzle cannot express): opinions_case_cover_idx,
    // opinions_category_prefix_idx (text_pattern_ops), opinions_open_due_idx (open deadlines only).
  ],
);

/** Photos and files: stored under the data folder by content hash; the client's name is never used. */
export const opinionAttachments = pgTable(
  'opinion_attachments',
  {
    regionCode: regionCode(),
    id: id(),
    caseId: uuid('case_id').notNull(),
    stage: text('stage', { enum: ['intake', 'reply'] }).notNull(),
    /** For reply attachments: the handling round they belong to. */
    round: integer('round'),
    mime: text('mime').notNull(),
    bytes: integer('bytes').notNull(),
    sha256: text('sha256').notNull(),
    storagePath: text('storage_path').notNull(),
    uploadedBy: uuid('uploaded_by'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.id] }),
    index('opinion_attachments_case_idx').on(t.regionCode, t.caseId),
  ],
);

/**
 * 派单规则: category × jurisdiction → handling unit. The most specific jurisdiction wins, then the
 * most specific category, then the lowest `priority`.
 */
export const opinionRoutingRules = pgTable(
  'opinion_routing_rules',
  {
    regionCode: regionCode(),
    id: id(),
    categoryCode: text('category_code').notNull(),
    jurisdictionCode: text('jurisdiction_code').notNull(),
    departmentId: uuid('department_id').notNull(),
    priority: integer('priority').notNull().default(100),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.id] }),
    index('opinion_routing_lookup_idx').on(t.regionCode, t.categoryCode, t.jurisdictionCode),
  ],
);

/** 交办: every assignment of a case to a unit (lead 主办 / joint 会办), kept when returned or re-routed. */
export const opinionAssignments = pgTable(
  'opinion_assignments',
  {
    regionCode: regionCode(),
    id: id(),
    caseId: uuid('case_id').notNull(),
    departmentId: uuid('department_id').notNull(),
    role: text('role', { enum: ['lead', 'joint'] }).notNull(),
    status: text('status', { enum: ['assigned', 'signed', 'returned', 'rerouted', 'done'] })
      .notNull()
      .default('assigned'),
    /** Why staff chose or changed the unit (overriding the rules, re-routing). */
    reason: text('reason'),
    suggestedDepartmentId: uuid('suggested_department_id'),
    assignedBy: uuid('assigned_by'),
    assignedAt: ts('assigned_at').notNull(),
    signedAt: ts('signed_at'),
    signedBy: uuid('signed_by'),
    returnedAt: ts('returned_at'),
    returnReason: text('return_reason'),
    /** A joint unit's (会办) opinion sent to the lead unit. */
    opinion: text('opinion'),
    opinionAt: ts('opinion_at'),
    opinionBy: uuid('opinion_by'),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.id] }),
    index('opinion_assignments_case_idx').on(t.regionCode, t.caseId),
    index('opinion_assignments_dept_idx').on(t.regionCode, t.departmentId, t.status),
    // Also opinion_assignments_live_dept_idx (custom migration 0007) for the unit inbox.
  ],
);

/** 延期申请: a unit asks for more working days; congress staff approve or refuse. */
export const opinionExtensions = pgTable(
  'opinion_extensions',
  {
    regionCode: regionCode(),
    id: id(),
    caseId: uuid('case_id').notNull(),
    departmentId: uuid('department_id').notNull(),
    days: integer('days').notNull(),
    reason: text('reason').notNull(),
    status: text('status', { enum: ['pending', 'approved', 'refused'] })
      .notNull()
      .default('pending'),
    requestedBy: uuid('requested_by'),
    requestedAt: ts('requested_at').notNull(),
    decidedBy: uuid('decided_by'),
    decidedAt: ts('decided_at'),
    decisionNote: text('decision_note'),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.id] }),
    index('opinion_extensions_case_idx').on(t.regionCode, t.caseId),
  ],
);

/** 答复: one per handling round (round 1, then 2 after a 重办). */
export const opinionReplies = pgTable(
  'opinion_replies',
  {
    regionCode: regionCode(),
    id: id(),
    caseId: uuid('case_id').notNull(),
    round: integer('round').notNull(),
    departmentId: uuid('department_id'),
    body: text('body').notNull(),
    outcome: text('outcome', { enum: ['solved', 'in_progress', 'explained'] }).notNull(),
    repliedBy: uuid('replied_by'),
    repliedAt: ts('replied_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.id] }),
    uniqueIndex('opinion_replies_round_uq').on(t.regionCode, t.caseId, t.round),
  ],
);

/** 满意度测评: the citizen's rating of one round; `auto` marks a case closed unrated. */
export const opinionRatings = pgTable(
  'opinion_ratings',
  {
    regionCode: regionCode(),
    id: id(),
    caseId: uuid('case_id').notNull(),
    round: integer('round').notNull(),
    rating: text('rating', { enum: ['satisfied', 'basically_satisfied', 'dissatisfied'] }),
    comment: text('comment'),
    auto: boolean('auto').notNull().default(false),
    ratedBy: uuid('rated_by'),
    ratedAt: ts('rated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.id] }),
    uniqueIndex('opinion_ratings_round_uq').on(t.regionCode, t.caseId, t.round),
  ],
);

/**
 * 办理进度: progress reports a unit files on a complex case (monthly, until the reply), shown to
 * the citizen (the monthly timer reminds the unit when one is due).
 */
export const opinionProgressReports = pgTable(
  'opinion_progress_reports',
  {
    regionCode: regionCode(),
    id: id(),
    caseId: uuid('case_id').notNull(),
    departmentId: uuid('department_id'),
    body: text('body').notNull(),
    reportedBy: uuid('reported_by'),
    reportedAt: ts('reported_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.id] }),
    index('opinion_progress_case_idx').on(t.regionCode, t.caseId, t.reportedAt),
  ],
);

/**
 * 提交记录: a citizen's portal submission, written in one statement when it arrives (with its
 * tracking number, so nothing submitted is ever lost) and filed as a case by the job runner —
 * accept first, process after (docs/PERFORMANCE.md). The whole form, contact data included, is
 * kept encrypted until filing; `id` becomes the case id.
 */
export const opinionSubmissions = pgTable(
  'opinion_submissions',
  {
    regionCode: regionCode(),
    id: id(),
    trackingNo: text('tracking_no').notNull(),
    accountId: uuid('account_id').notNull(),
    idempotencyKey: text('idempotency_key'),
    payloadEnc: text('payload_enc').notNull(),
    status: text('status', { enum: ['pending', 'filed', 'failed'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    submittedAt: ts('submitted_at').notNull(),
    filedAt: ts('filed_at'),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.id] }),
    uniqueIndex('opinion_submissions_idem_uq')
      .on(t.regionCode, t.idempotencyKey)
      .where(sql`${t.idempotencyKey} is not null`),
    // The only other index: every read of a submission by anything but its key is of an unfiled
    // one (the filer, 我的 and the follow link before filing), and unfiled rows are few. Tracking
    // numbers are unique through the shared day counter and `cases`' own unique index at filing;
    // fewer indexes make the one INSERT of an intake cheaper (docs/PERFORMANCE.md §1).
    index('opinion_submissions_unfiled_idx')
      .on(t.regionCode, t.submittedAt)
      .where(sql`${t.status} in ('pending', 'failed')`),
  ],
);
