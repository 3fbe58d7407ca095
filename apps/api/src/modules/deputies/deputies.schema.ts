import { sql } from 'drizzle-orm';
import {
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
import { createdAt, id, regionCode, ts } from '../../kernel/db/columns';

/** A short public code for QR links (/d/<code>): random, never the database id. */
export const publicCode = () =>
  text('public_code').notNull().default(sql`substr(md5(random()::text || clock_timestamp()::text), 1, 10)`);

/** 人大代表: the person. Mandates (levels, terms) are separate rows: one person, several levels. */
export const deputies = pgTable(
  'deputies',
  {
    regionCode: regionCode(),
    id: id(),
    publicCode: publicCode(),
    jurisdictionCode: text('jurisdiction_code').notNull(),
    name: text('name').notNull(),
    gender: text('gender', { enum: ['男', '女'] }).notNull(),
    ethnicity: text('ethnicity').notNull().default('汉族'),
    birthYear: integer('birth_year'),
    party: text('party'),
    occupationCategory: text('occupation_category'),
    workplace: text('workplace'),
    /** Public duties/introduction shown on the deputy's page and contact card. */
    duties: text('duties'),
    photoUrl: text('photo_url'),
    expertise: text('expertise').array().notNull().default(sql`'{}'::text[]`),
    professionalGroups: text('professional_groups').array().notNull().default(sql`'{}'::text[]`),
    /** What the deputy allows the public to use: { stationReception, onlineMessages, showWorkplace }. */
    contactPrefs: jsonb('contact_prefs').notNull().default({}),
    phoneEnc: text('phone_enc'),
    phoneHash: text('phone_hash'),
    status: text('status', { enum: ['active', 'resigned', 'recalled', 'terminated'] })
      .notNull()
      .default('active'),
    statusChangedOn: date('status_changed_on'),
    statusReason: text('status_reason'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at'),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.id] }),
    index('deputies_jur_idx').on(t.regionCode, t.jurisdictionCode),
    uniqueIndex('deputies_public_code_uq').on(t.regionCode, t.publicCode),
    index('deputies_phone_idx').on(t.regionCode, t.phoneHash),
  ],
);

export const mandateLevels = ['national', 'provincial', 'municipal', 'county', 'township', 'street'] as const;

/** One seat: level, term (届次), electoral district, delegation and group. 'street' = 街道议政代表. */
export const deputyMandates = pgTable(
  'deputy_mandates',
  {
    regionCode: regionCode(),
    id: id(),
    deputyId: uuid('deputy_id').notNull(),
    level: text('level', { enum: mandateLevels }).notNull(),
    congressJurisdictionCode: text('congress_jurisdiction_code').notNull(),
    term: integer('term').notNull(),
    electoralDistrict: text('electoral_district'),
    delegation: text('delegation'),
    groupName: text('group_name'),
    startedOn: date('started_on'),
    endedOn: date('ended_on'),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.id] }),
    index('mandates_deputy_idx').on(t.regionCode, t.deputyId),
  ],
);

/** 网格责任区: the grids a deputy is responsible for. */
export const deputyGrids = pgTable(
  'deputy_grids',
  {
    regionCode: regionCode(),
    deputyId: uuid('deputy_id').notNull(),
    gridCode: text('grid_code').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.deputyId, t.gridCode] }),
    index('deputy_grids_grid_idx').on(t.regionCode, t.gridCode),
  ],
);

/** 民情观察员: grid workers, police officers, volunteers … who report opinions, paired with deputies. */
export const observers = pgTable(
  'observers',
  {
    regionCode: regionCode(),
    id: id(),
    jurisdictionCode: text('jurisdiction_code').notNull(),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['grid_worker', 'police', 'volunteer', 'lawyer', 'other'] }).notNull(),
    organisation: text('organisation'),
    phoneEnc: text('phone_enc'),
    phoneHash: text('phone_hash'),
    accountId: uuid('account_id'),
    status: text('status', { enum: ['active', 'inactive'] })
      .notNull()
      .default('active'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.id] }),
    index('observers_jur_idx').on(t.regionCode, t.jurisdictionCode),
  ],
);

export const observerDeputies = pgTable(
  'observer_deputies',
  {
    regionCode: regionCode(),
    observerId: uuid('observer_id').notNull(),
    deputyId: uuid('deputy_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.observerId, t.deputyId] }),
    index('observer_deputies_deputy_idx').on(t.regionCode, t.deputyId),
  ],
);

/**
 * 双联系: a standing-committee member or a department head linked to a deputy. The pair keeps a
 * visit log; a timer reminds when a pair has had no contact for six months.
 */
export const liaisonPairs = pgTable(
  'liaison_pairs',
  {
    regionCode: regionCode(),
    id: id(),
    kind: text('kind', { enum: ['committee_member', 'department_head'] }).notNull(),
    memberName: text('member_name').notNull(),
    memberTitle: text('member_title'),
    memberAccountId: uuid('member_account_id'),
    departmentId: uuid('department_id'),
    deputyId: uuid('deputy_id').notNull(),
    jurisdictionCode: text('jurisdiction_code').notNull(),
    lastContactOn: date('last_contact_on'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.id] }),
    index('liaison_pairs_deputy_idx').on(t.regionCode, t.deputyId),
  ],
);

export const liaisonVisits = pgTable(
  'liaison_visits',
  {
    regionCode: regionCode(),
    id: id(),
    pairId: uuid('pair_id').notNull(),
    visitedOn: date('visited_on').notNull(),
    mode: text('mode', { enum: ['visit', 'meeting', 'phone', 'online'] }).notNull(),
    summary: text('summary').notNull(),
    recordedBy: uuid('recorded_by'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.id] }),
    index('liaison_visits_pair_idx').on(t.regionCode, t.pairId, t.visitedOn),
  ],
);

/** Long-running imports (roster Excel): progress and row errors, polled by the console. */
export const importJobs = pgTable(
  'import_jobs',
  {
    regionCode: regionCode(),
    id: id(),
    kind: text('kind').notNull(),
    jurisdictionCode: text('jurisdiction_code').notNull(),
    mode: text('mode', { enum: ['all_or_nothing', 'clean_rows'] }).notNull(),
    status: text('status', { enum: ['validating', 'importing', 'done', 'rejected', 'failed'] }).notNull(),
    total: integer('total').notNull().default(0),
    processed: integer('processed').notNull().default(0),
    imported: integer('imported').notNull().default(0),
    errors: jsonb('errors').notNull().default([]),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    finishedAt: ts('finished_at'),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.id] })],
);
