import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, regionCode, ts } from '../../kernel/db/columns';

export const accounts = pgTable(
  'accounts',
  {
    regionCode: regionCode(),
    id: id(),
    kind: text('kind', { enum: ['staff', 'citizen'] }).notNull(),
    /** Staff log in with a username; citizens with their phone number (looked up by phone_hash). */
    username: text('username'),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash'),
    passwordChangedAt: ts('password_changed_at'),
    phoneEnc: text('phone_enc'),
    phoneHash: text('phone_hash'),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: ts('locked_until'),
    totpSecretEnc: text('totp_secret_enc'),
    totpEnabled: boolean('totp_enabled').notNull().default(false),
    /** The last TOTP time step accepted: a code is good once, never replayed. */
    totpLastStep: bigint('totp_last_step', { mode: 'number' }),
    status: text('status', { enum: ['active', 'disabled'] })
      .notNull()
      .default('active'),
    departmentId: uuid('department_id'),
    deputyId: uuid('deputy_id'),
    lastLoginAt: ts('last_login_at'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.id] }),
    uniqueIndex('accounts_username_uq').on(t.username).where(sql`${t.username} is not null`),
    uniqueIndex('accounts_phone_uq').on(t.kind, t.phoneHash).where(sql`${t.phoneHash} is not null`),
  ],
);

/** A role held over a jurisdiction subtree; an account may hold several. */
export const roleGrants = pgTable(
  'role_grants',
  {
    regionCode: regionCode(),
    id: id(),
    accountId: uuid('account_id').notNull(),
    role: text('role').notNull(),
    scopeCode: text('scope_code').notNull(),
    grantedBy: uuid('granted_by'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.id] }),
    uniqueIndex('role_grants_uq').on(t.regionCode, t.accountId, t.role, t.scopeCode),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    regionCode: regionCode(),
    id: id(),
    tokenHash: text('token_hash').notNull(),
    csrfHash: text('csrf_hash').notNull(),
    accountId: uuid('account_id').notNull(),
    createdAt: createdAt(),
    lastSeenAt: ts('last_seen_at').notNull(),
    expiresAt: ts('expires_at').notNull(),
    revokedAt: ts('revoked_at'),
    ip: text('ip'),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.id] }),
    uniqueIndex('sessions_token_uq').on(t.tokenHash),
    index('sessions_account_idx').on(t.regionCode, t.accountId),
  ],
);

/** One-time codes for citizens' phone sign-in. Only hashes are stored. */
export const otpChallenges = pgTable(
  'otp_challenges',
  {
    regionCode: regionCode(),
    id: id(),
    phoneHash: text('phone_hash').notNull(),
    codeHash: text('code_hash').notNull(),
    ip: text('ip'),
    createdAt: createdAt(),
    expiresAt: ts('expires_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    consumedAt: ts('consumed_at'),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.id] }),
    index('otp_phone_idx').on(t.regionCode, t.phoneHash, t.createdAt),
    index('otp_ip_idx').on(t.regionCode, t.ip, t.createdAt),
  ],
);
