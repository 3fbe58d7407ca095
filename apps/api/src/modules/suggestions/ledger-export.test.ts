import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { signedIn, startTestServer } from '../../../test/harness';
import { accounts } from '../accounts/accounts.schema';
import { actorFor, loadGrants } from '../accounts/sessions';
import { exportLedger, LEDGER_CHUNK } from './ledgers.usecases';
import { submitted } from './suggestions.fixtures';

const env = await startTestServer();

async function actorOf(username: string) {
  const { db } = env.ctx.database;
  const [a] = await db.select().from(accounts).where(eq(accounts.username, username));
  return actorFor(a!, await loadGrants(db, a!));
}

const titlesOf = async (file: Buffer) => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const col = (ws.getRow(1).values as string[]).indexOf('标题');
  const out: string[] = [];
  ws.eachRow((row, i) => {
    if (i > 1) out.push(String(row.getCell(col).value));
  });
  return out;
};

describe('建议办理台账 export', () => {
  it('holds every matching suggestion once, read a chunk at a time', async () => {
    const deputy = await signedIn(env.app, 'deputy1');
    for (let i = 0; i < 7; i++) await submitted(deputy);
    const district = await actorOf('district');
    const filter = { congress: '310112', state: 'submitted' };
    // Chunks of 3 make the export walk three statements (3 + 3 + the rest); it must equal one chunk.
    const small = await titlesOf(await exportLedger(env.ctx, district, filter, 3));
    const whole = await titlesOf(await exportLedger(env.ctx, district, filter, LEDGER_CHUNK));
    expect(small.length).toBeGreaterThanOrEqual(7);
    expect(new Set(small).size).toBe(small.length);
    expect(small).toEqual(whole);
    // And through HTTP, as staff download it: the count equals the list's total.
    const staff = await signedIn(env.app, 'district');
    const list = await staff.get('/api/suggestions?congress=310112&state=submitted&pageSize=1');
    const res = await staff.get('/api/suggestions/ledger/export?congress=310112&state=submitted');
    expect(res.statusCode).toBe(200);
    expect((await titlesOf(res.rawPayload)).length).toBe(list.json().total);
  });
});
