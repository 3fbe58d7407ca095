import type { Actor } from '../auth/actor';
import type { AppContext } from '../context';
import type { Executor } from '../db/client';
import { inTransaction } from '../db/tx';
import { appendAudit } from './audit';

export interface PiiField {
  /** e.g. 'opinion', 'deputy', 'account' */
  targetType: string;
  targetId: string;
  /** e.g. 'phone', 'name', 'address' */
  field: string;
  jurisdictionCode?: string;
  /** Why the actor needs the plaintext (shown in the audit log), e.g. '电话回访'. */
  purpose: string;
}

/**
 * The only way to show a person's personal data in plaintext: decrypts and records who saw which
 * field of which record, and why, in the same transaction. Views that do not strictly need the
 * plaintext show a mask instead and never call this.
 */
export async function revealPersonalData(
  ctx: AppContext,
  exec: Executor,
  actor: Actor,
  field: PiiField,
  ciphertext: string,
): Promise<string> {
  const plain = ctx.vault.decrypt(ciphertext);
  await inTransaction(exec, (tx) =>
    appendAudit(tx, actor, ctx.clock.now(), {
      action: 'pii.view',
      targetType: field.targetType,
      targetId: field.targetId,
      jurisdictionCode: field.jurisdictionCode,
      details: { field: field.field, purpose: field.purpose },
    }),
  );
  return plain;
}
