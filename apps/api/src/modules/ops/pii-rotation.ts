import { and, eq, isNotNull, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { AppContext } from '../../kernel/context';
import { notifications, smsOutbox, webhookTargets } from '../../kernel/db/kernel.schema';
import { accounts } from '../accounts/accounts.schema';
import { deputies, observers } from '../deputies/deputies.schema';
import { mediationCases } from '../mediation/mediation.schema';
import { opinionSubmissions, opinions } from '../opinions/opinions.schema';
import { bookings } from '../receptions/receptions.schema';

interface EncryptedColumn {
  label: string;
  table: PgTable;
  regionCode: PgColumn;
  id: PgColumn;
  column: PgColumn;
}

/** Every column that holds personal data encrypted by the vault. A new one must be added here. */
export const encryptedColumns: EncryptedColumn[] = [
  {
    label: 'accounts.phone_enc',
    table: accounts,
    regionCode: accounts.regionCode,
    id: accounts.id,
    column: accounts.phoneEnc,
  },
  {
    label: 'accounts.totp_secret_enc',
    table: accounts,
    regionCode: accounts.regionCode,
    id: accounts.id,
    column: accounts.totpSecretEnc,
  },
  {
    label: 'deputies.phone_enc',
    table: deputies,
    regionCode: deputies.regionCode,
    id: deputies.id,
    column: deputies.phoneEnc,
  },
  {
    label: 'notifications.address_enc',
    table: notifications,
    regionCode: notifications.regionCode,
    id: notifications.id,
    column: notifications.addressEnc,
  },
  {
    label: 'sms_outbox.phone_enc',
    table: smsOutbox,
    regionCode: smsOutbox.regionCode,
    id: smsOutbox.id,
    column: smsOutbox.phoneEnc,
  },
  {
    label: 'observers.phone_enc',
    table: observers,
    regionCode: observers.regionCode,
    id: observers.id,
    column: observers.phoneEnc,
  },
  {
    label: 'bookings.name_enc',
    table: bookings,
    regionCode: bookings.regionCode,
    id: bookings.id,
    column: bookings.nameEnc,
  },
  {
    label: 'bookings.phone_enc',
    table: bookings,
    regionCode: bookings.regionCode,
    id: bookings.id,
    column: bookings.phoneEnc,
  },
  {
    label: 'opinions.address_enc',
    table: opinions,
    regionCode: opinions.regionCode,
    id: opinions.caseId,
    column: opinions.addressEnc,
  },
  {
    label: 'opinions.contact_name_enc',
    table: opinions,
    regionCode: opinions.regionCode,
    id: opinions.caseId,
    column: opinions.contactNameEnc,
  },
  {
    label: 'opinions.contact_phone_enc',
    table: opinions,
    regionCode: opinions.regionCode,
    id: opinions.caseId,
    column: opinions.contactPhoneEnc,
  },
  {
    label: 'opinion_submissions.payload_enc',
    table: opinionSubmissions,
    regionCode: opinionSubmissions.regionCode,
    id: opinionSubmissions.id,
    column: opinionSubmissions.payloadEnc,
  },
  {
    label: 'mediation_cases.parties_enc',
    table: mediationCases,
    regionCode: mediationCases.regionCode,
    id: mediationCases.caseId,
    column: mediationCases.partiesEnc,
  },
  {
    label: 'webhook_targets.url_enc',
    table: webhookTargets,
    regionCode: webhookTargets.regionCode,
    id: webhookTargets.id,
    column: webhookTargets.urlEnc,
  },
];

/**
 * Re-encrypts every value that is not under the current key and cipher (after a new key was put
 * first in PII_KEYS). Batched, one transaction per batch, safe to interrupt and run again.
 */
export async function rotatePersonalData(ctx: AppContext, batch = 500): Promise<Record<string, number>> {
  const { db } = ctx.database;
  const counts: Record<string, number> = {};
  for (const c of encryptedColumns) {
    counts[c.label] = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows = (await db
        .select({ regionCode: c.regionCode, id: c.id, value: c.column })
        .from(c.table)
        .where(and(isNotNull(c.column), sql`${c.id} > ${after}`))
        .orderBy(c.id)
        .limit(batch)) as Array<{ regionCode: string; id: string; value: string }>;
      if (rows.length === 0) break;
      after = rows.at(-1)!.id;
      const stale = rows.filter((r) => ctx.vault.needsRotation(r.value));
      if (stale.length === 0) continue;
      await db.transaction(async (tx) => {
        for (const r of stale) {
          await tx
            .update(c.table)
            .set({ [columnKey(c)]: ctx.vault.encrypt(ctx.vault.decrypt(r.value)) })
            .where(and(eq(c.regionCode, r.regionCode), eq(c.id, r.id)));
        }
      });
      counts[c.label] = (counts[c.label] ?? 0) + stale.length;
    }
  }
  return counts;
}

/** The property name Drizzle uses for a column in `set()`. */
function columnKey(c: EncryptedColumn): string {
  const entry = Object.entries(c.table).find(([, v]) => v === c.column);
  if (!entry) throw new Error(`column ${c.label} not found on its table`);
  return entry[0];
}
