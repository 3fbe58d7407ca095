import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, regionCode, ts } from '../../kernel/db/columns';

/**
 * 会议期间: the sessions (第N届第M次会议) of a congress, with their dates. A suggestion submitted
 * between `startsOn` and `endsOn` counts as submitted during the session; any other as 闭会期间.
 */
export const suggestionSessions = pgTable(
  'suggestion_sessions',
  {
    regionCode: regionCode(),
    id: id(),
    congressCode: text('congress_code').notNull(),
    term: integer('term').notNull(),
    session: integer('session').notNull(),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.id] }),
    uniqueIndex('suggestion_sessions_uq').on(t.regionCode, t.congressCode, t.term, t.session),
  ],
);

/** 代表建议: the detail row of a `suggestions` case (state lives in `cases`). */
export const suggestions = pgTable(
  'suggestions',
  {
    regionCode: regionCode(),
    caseId: uuid('case_id').notNull(),
    /** The congress (its jurisdiction) the suggestion is addressed to. */
    congressCode: text('congress_code').notNull(),
    /** The deputy who drafted it (领衔代表). */
    deputyId: uuid('deputy_id').notNull(),
    body: text('body').notNull(),
    category: text('category').notNull(),
    origin: text('origin', { enum: ['deputy', 'opinion', 'procuratorate', 'inspection', 'mediation'] })
      .notNull()
      .default('deputy'),
    sourceOpinionId: uuid('source_opinion_id'),
    /** 视察/调研/执法检查转建议: the activity the deputy attended and drew the suggestion from. */
    sourceActivityId: uuid('source_activity_id'),
    /** 调解转建议: the problem found in a mediation (`mediation_findings`) the deputy drew it from. */
    sourceMediationFindingId: uuid('source_mediation_finding_id'),
    submittedAt: ts('submitted_at'),
    period: text('period', { enum: ['session', 'interim'] }),
    sessionId: uuid('session_id'),
    term: integer('term'),
    sessionNo: integer('session_no'),
    /** 立案号, e.g. 第17届第4次会议第0123号 (闭会期间: 第17届闭会期间第0007号). */
    registerNo: text('register_no'),
    registerSeq: integer('register_seq'),
    registeredAt: ts('registered_at'),
    letterReason: text('letter_reason'),
    /** Suggestions grouped for joint handling share the group id (the main suggestion's case id). */
    groupId: uuid('group_id'),
    difficult: boolean('difficult').notNull().default(false),
    leadDepartmentId: uuid('lead_department_id'),
    assignedAt: ts('assigned_at'),
    assignBatch: text('assign_batch'),
    answerDueAt: ts('answer_due_at'),
    answerCategory: text('answer_category'),
    answeredAt: ts('answered_at'),
    promisedOn: date('promised_on'),
    followUpDoneAt: ts('follow_up_done_at'),
    attitude: text('attitude', { enum: ['satisfied', 'basically_satisfied', 'dissatisfied'] }),
    result: text('result', { enum: ['satisfied', 'basically_satisfied', 'dissatisfied'] }),
    rehandled: integer('rehandled').notNull().default(0),
    keyYear: integer('key_year'),
    keyLeader: text('key_leader'),
    /** 公益诉讼衔接: none, handed to the procuratorate as a clue, or its status there. */
    pilStatus: text('pil_status', {
      enum: ['none', 'handed', 'accepted', 'filed', 'declined', 'from_procuratorate'],
    })
      .notNull()
      .default('none'),
    pilNote: text('pil_note'),
    publishedAt: ts('published_at'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.caseId] }),
    index('suggestions_congress_idx').on(t.regionCode, t.congressCode, t.term, t.sessionNo),
    index('suggestions_deputy_idx').on(t.regionCode, t.deputyId),
    index('suggestions_dept_idx').on(t.regionCode, t.leadDepartmentId),
    index('suggestions_group_idx').on(t.regionCode, t.groupId),
    index('suggestions_opinion_idx').on(t.regionCode, t.sourceOpinionId),
    index('suggestions_published_idx').on(t.regionCode, t.publishedAt),
    // An activity's suggestions, and once per deputy and activity (the few drawn from an activity).
    uniqueIndex('suggestions_activity_uq')
      .on(t.regionCode, t.sourceActivityId, t.deputyId)
      .where(sql`${t.sourceActivityId} is not null`),
    uniqueIndex('suggestions_mediation_uq')
      .on(t.regionCode, t.sourceMediationFindingId, t.deputyId)
      .where(sql`${t.sourceMediationFindingId} is not null`),
    // 公益诉讼衔接: the few suggestions handed to or converted from the procuratorate.
    index('suggestions_pil_idx').on(t.regionCode, t.pilStatus).where(sql`${t.pilStatus} <> 'none'`),
    uniqueIndex('suggestions_register_uq')
      .on(t.regionCode, t.congressCode, t.registerNo)
      .where(sql`${t.registerNo} is not null`),
  ],
);

/** 领衔与联名: the drafting deputy (lead) and every co-signer, with when they signed. */
export const suggestionSigners = pgTable(
  'suggestion_signers',
  {
    regionCode: regionCode(),
    caseId: uuid('case_id').notNull(),
    deputyId: uuid('deputy_id').notNull(),
    role: text('role', { enum: ['lead', 'co'] }).notNull(),
    signedAt: ts('signed_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.caseId, t.deputyId] }),
    index('suggestion_signers_deputy_idx').on(t.regionCode, t.deputyId),
  ],
);

/** Register-number sequences, one per congress and session (or term's 闭会期间): no gaps, row-locked. */
export const suggestionCounters = pgTable(
  'suggestion_counters',
  {
    regionCode: regionCode(),
    congressCode: text('congress_code').notNull(),
    counterKey: text('counter_key').notNull(),
    value: integer('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.congressCode, t.counterKey] })],
);

/** 交办: lead (主办) and joint (会办) units; kept when returned. */
export const suggestionAssignments = pgTable(
  'suggestion_assignments',
  {
    regionCode: regionCode(),
    id: id(),
    caseId: uuid('case_id').notNull(),
    departmentId: uuid('department_id').notNull(),
    role: text('role', { enum: ['lead', 'joint'] }).notNull(),
    status: text('status', { enum: ['assigned', 'returned', 'done'] })
      .notNull()
      .default('assigned'),
    batch: text('batch'),
    assignedBy: uuid('assigned_by'),
    assignedAt: ts('assigned_at').notNull(),
    returnedAt: ts('returned_at'),
    returnReason: text('return_reason'),
    /** A joint unit's opinion to the lead, due within `suggestions.jointOpinionMonths`. */
    opinion: text('opinion'),
    opinionAt: ts('opinion_at'),
    opinionDueAt: ts('opinion_due_at'),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.id] }),
    index('suggestion_assignments_case_idx').on(t.regionCode, t.caseId),
    index('suggestion_assignments_dept_idx').on(t.regionCode, t.departmentId, t.status),
  ],
);

/** 面商: the unit's contact with the deputy before, during or after handling. */
export const suggestionContacts = pgTable(
  'suggestion_contacts',
  {
    regionCode: regionCode(),
    id: id(),
    caseId: uuid('case_id').notNull(),
    departmentId: uuid('department_id'),
    stage: text('stage', { enum: ['before', 'during', 'after'] }).notNull(),
    day: date('day').notNull(),
    form: text('form', { enum: ['visit', 'meeting', 'phone'] }).notNull(),
    agreed: text('agreed').notNull(),
    recordedBy: uuid('recorded_by'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.id] }),
    index('suggestion_contacts_case_idx').on(t.regionCode, t.caseId),
  ],
);

/** 答复: one per handling round (2 after a 不满意 re-handling …). */
export const suggestionAnswers = pgTable(
  'suggestion_answers',
  {
    regionCode: regionCode(),
    id: id(),
    caseId: uuid('case_id').notNull(),
    round: integer('round').notNull(),
    departmentId: uuid('department_id'),
    body: text('body').notNull(),
    category: text('category').notNull(),
    signerName: text('signer_name').notNull(),
    signerTitle: text('signer_title').notNull(),
    promisedOn: date('promised_on'),
    /** No 面商 was recorded before this answer. */
    noContact: boolean('no_contact').notNull().default(false),
    onTime: boolean('on_time').notNull(),
    answeredBy: uuid('answered_by'),
    answeredAt: ts('answered_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.id] }),
    uniqueIndex('suggestion_answers_round_uq').on(t.regionCode, t.caseId, t.round),
  ],
);

/** 测评: the deputy rates attitude and result separately, once per round. */
export const suggestionRatings = pgTable(
  'suggestion_ratings',
  {
    regionCode: regionCode(),
    id: id(),
    caseId: uuid('case_id').notNull(),
    round: integer('round').notNull(),
    attitude: text('attitude', { enum: ['satisfied', 'basically_satisfied', 'dissatisfied'] }).notNull(),
    result: text('result', { enum: ['satisfied', 'basically_satisfied', 'dissatisfied'] }).notNull(),
    comment: text('comment'),
    ratedBy: uuid('rated_by'),
    ratedAt: ts('rated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.id] }),
    uniqueIndex('suggestion_ratings_round_uq').on(t.regionCode, t.caseId, t.round),
  ],
);

/** Progress reports: of key suggestions (重点督办) and of B-category follow-up (mid-year, year-end). */
export const suggestionReports = pgTable(
  'suggestion_reports',
  {
    regionCode: regionCode(),
    id: id(),
    caseId: uuid('case_id').notNull(),
    kind: text('kind', { enum: ['key', 'midyear', 'yearend'] }).notNull(),
    year: integer('year').notNull(),
    body: text('body').notNull(),
    reportedBy: uuid('reported_by'),
    reportedAt: ts('reported_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.id] }),
    index('suggestion_reports_case_idx').on(t.regionCode, t.caseId, t.reportedAt),
  ],
);

/**
 * 建议附件: photos and PDF documents the lead deputy attaches while drafting, stored under the
 * data folder by content hash with image metadata (EXIF/GPS) stripped (kernel/files/photos.ts);
 * the client's file name is never kept. Seen by whoever may see the suggestion; never on the portal.
 */
export const suggestionAttachments = pgTable(
  'suggestion_attachments',
  {
    regionCode: regionCode(),
    id: id(),
    caseId: uuid('case_id').notNull(),
    mime: text('mime').notNull(),
    bytes: integer('bytes').notNull(),
    sha256: text('sha256').notNull(),
    storagePath: text('storage_path').notNull(),
    uploadedBy: uuid('uploaded_by'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.id] }),
    index('suggestion_attachments_case_idx').on(t.regionCode, t.caseId),
    index('suggestion_attachments_path_idx').on(t.regionCode, t.storagePath),
  ],
);

/**
 * 检察建议 handed by a procuratorate to the congress, to be taken up as a deputy suggestion
 * (公益诉讼衔接, the other direction from a clue). `jurisdiction_code` is the procuratorate's
 * scope, which is the congress addressed; once a deputy converts it, `suggestion_id` names the
 * suggestion (whose `pil_status` is `from_procuratorate`).
 */
export const procuratorateRecommendations = pgTable(
  'procuratorate_recommendations',
  {
    regionCode: regionCode(),
    id: id(),
    jurisdictionCode: text('jurisdiction_code').notNull(),
    /** The procuratorate as an organisation (a `departments` row of kind judicial). */
    departmentId: uuid('department_id'),
    title: text('title').notNull(),
    body: text('body').notNull(),
    /** 文号, e.g. 闵检民（行）建〔2026〕3号. */
    reference: text('reference').notNull(),
    suggestionId: uuid('suggestion_id'),
    convertedAt: ts('converted_at'),
    submittedBy: uuid('submitted_by'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.id] }),
    uniqueIndex('procuratorate_recommendations_ref_uq').on(t.regionCode, t.jurisdictionCode, t.reference),
    uniqueIndex('procuratorate_recommendations_suggestion_uq')
      .on(t.regionCode, t.suggestionId)
      .where(sql`${t.suggestionId} is not null`),
  ],
);
