import { sql } from 'drizzle-orm';
import { date, index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, regionCode, ts } from '../../kernel/db/columns';

export const DISPUTE_TYPES = [
  'neighbour',
  'property',
  'family',
  'labour',
  'consumer',
  'land',
  'traffic',
  'other',
] as const;
export const MEDIATION_SOURCES = ['walk_in', 'opinion', 'referral', 'deputy'] as const;
export const GUIDANCE = ['litigation', 'arbitration', 'administrative', 'petition', 'none'] as const;
export const PERFORMANCE = ['performed', 'partly', 'not_performed'] as const;

/**
 * 矛盾纠纷调解 with deputies (代表参与调解): the detail row of a `mediations` case (state lives in
 * `cases`). The parties (names, phones, addresses) are personal information: one encrypted JSON
 * list, shown masked; `party_count` is kept in the clear for lists and statistics.
 */
export const mediationCases = pgTable(
  'mediation_cases',
  {
    regionCode: regionCode(),
    caseId: uuid('case_id').notNull(),
    /** The station (代表联络站/调解室) where it is mediated, when it is one. */
    stationId: uuid('station_id'),
    disputeType: text('dispute_type', { enum: DISPUTE_TYPES }).notNull(),
    source: text('source', { enum: MEDIATION_SOURCES }).notNull(),
    /** 民意转调解: the citizen's opinion the dispute came from. */
    sourceOpinionId: uuid('source_opinion_id'),
    /** Who referred it (派出所、法院诉前委派…) for `referral`. */
    referredBy: text('referred_by'),
    partiesEnc: text('parties_enc').notNull(),
    partyCount: integer('party_count').notNull(),
    /** 纠纷事实与诉求 (free text; redacted wherever it leaves the case). */
    summary: text('summary').notNull(),
    /** 人民调解员 or others who mediated with the deputies (names of officials, not parties). */
    coMediators: text('co_mediators'),
    acceptedAt: ts('accepted_at'),
    agreement: text('agreement'),
    agreementForm: text('agreement_form', { enum: ['written', 'oral'] }),
    performanceDueOn: date('performance_due_on'),
    /** Why it was refused, failed or ended. */
    outcomeReason: text('outcome_reason'),
    guidance: text('guidance', { enum: GUIDANCE }),
    concludedAt: ts('concluded_at'),
    performance: text('performance', { enum: PERFORMANCE }),
    followUpNote: text('follow_up_note'),
    followedUpAt: ts('followed_up_at'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.caseId] }),
    index('mediation_cases_station_idx').on(t.regionCode, t.stationId),
    index('mediation_cases_opinion_idx')
      .on(t.regionCode, t.sourceOpinionId)
      .where(sql`${t.sourceOpinionId} is not null`),
  ],
);

/** The deputies who mediate a case (they see it on their workbench and earn the activity). */
export const mediationMediators = pgTable(
  'mediation_mediators',
  {
    regionCode: regionCode(),
    caseId: uuid('case_id').notNull(),
    deputyId: uuid('deputy_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.caseId, t.deputyId] }),
    index('mediation_mediators_deputy_idx').on(t.regionCode, t.deputyId),
  ],
);

/** 调解记录: one sitting — when, where, who took part, what was said and agreed. */
export const mediationSessions = pgTable(
  'mediation_sessions',
  {
    regionCode: regionCode(),
    id: id(),
    caseId: uuid('case_id').notNull(),
    heldOn: date('held_on').notNull(),
    place: text('place').notNull(),
    attendees: text('attendees').notNull(),
    minutes: text('minutes').notNull(),
    createdBy: uuid('created_by'),
    createdByLabel: text('created_by_label').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.id] }),
    index('mediation_sessions_case_idx').on(t.regionCode, t.caseId, t.heldOn),
  ],
);

/**
 * 调解中发现的问题: a wider problem a dispute brought to light (a rule not kept, a gap in public
 * services) — what a deputy may turn into a suggestion (调解转建议).
 */
export const mediationFindings = pgTable(
  'mediation_findings',
  {
    regionCode: regionCode(),
    id: id(),
    caseId: uuid('case_id').notNull(),
    body: text('body').notNull(),
    createdBy: uuid('created_by'),
    createdByLabel: text('created_by_label').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.id] }),
    index('mediation_findings_case_idx').on(t.regionCode, t.caseId),
  ],
);
