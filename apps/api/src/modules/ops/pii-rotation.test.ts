import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { startTestServer } from '../../../test/harness';
import { createVault } from '../../kernel/crypto/pii';
import { deputies } from '../deputies/deputies.schema';
import { encryptedColumns, rotatePersonalData } from './pii-rotation';

const { ctx } = await startTestServer();
const { db } = ctx.database;

describe('personal-data key rotation', () => {
  it('re-encrypts every value under the new first key and keeps the plaintext', async () => {
    const before = await db.select({ id: deputies.id, enc: deputies.phoneEnc }).from(deputies).limit(5);
    const plain = before.map((d) => ctx.vault.decrypt(d.enc!));
    const oldRing = ctx.config.PII_KEYS!;
    const newKey = `k2026:${'ab'.repeat(32)}`;
    const rotated = {
      ...ctx,
      vault: createVault({ keys: `${newKey},${oldRing}`, indexKey: ctx.config.PII_INDEX_KEY! }),
    };
    const counts = await rotatePersonalData(rotated, 100);
    expect(counts['deputies.phone_enc']).toBeGreaterThan(250);
    for (const [i, d] of before.entries()) {
      const [row] = await db.select({ enc: deputies.phoneEnc }).from(deputies).where(eq(deputies.id, d.id));
      expect(row!.enc).toMatch(/^v1\.aes-256-gcm\.k2026\./);
      expect(rotated.vault.decrypt(row!.enc!)).toBe(plain[i]);
    }
    // A second run finds nothing left to do; the old ring alone can no longer read the data.
    expect(Object.values(await rotatePersonalData(rotated)).every((n) => n === 0)).toBe(true);
    const [row] = await db
      .select({ enc: deputies.phoneEnc })
      .from(deputies)
      .where(eq(deputies.id, before[0]!.id));
    expect(() => ctx.vault.decrypt(row!.enc!)).toThrow();
  });

  it('covers every encrypted column in the schema (a new *_enc column must be registered)', async () => {
    const rows = (await ctx.database.sql`
      select table_name || '.' || column_name as col from information_schema.columns
      where table_schema = 'public' and column_name like '%\_enc'
    `) as unknown as Array<{ col: string }>;
    expect(rows.map((r) => r.col).sort()).toEqual(encryptedColumns.map((c) => c.label).sort());
  });
});
