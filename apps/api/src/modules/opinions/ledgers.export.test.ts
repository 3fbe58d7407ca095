import { PassThrough } from 'node:stream';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { generateCases } from '../../../bench/generate-cases';
import { signedIn, startTestServer } from '../../../test/harness';
import { accounts } from '../accounts/accounts.schema';
import { actorFor, loadGrants } from '../accounts/sessions';
import { startLedgerExport } from './ledgers.usecases';

// A few thousand generated cases (bench/generate-cases.ts, every state, skewed areas and
// categories) on top of the demo region: exports must hold exactly the rows the filter matches.
const env = await startTestServer();
const { app, ctx } = env;
await generateCases(env.database, ctx.config.REGION_CODE, 3000, () => {});

async function sheetsOf(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb.worksheets;
}
const dataRows = (ws: ExcelJS.Worksheet[]) => ws.reduce((n, s) => n + s.rowCount - 1, 0);

describe('ledger export: every matching row, streamed', () => {
  it('the .xlsx holds as many rows as the filtered ledger counts (no 5,000 cap)', async () => {
    const district = await signedIn(app, 'district');
    const cases: Array<[string, string]> = [
      ['collected', ''],
      ['assigned', ''],
      ['closed', ''],
      ['assigned', 'state=closed'],
      ['assigned', 'overdue=1'],
      ['closed', 'categoryCode=CJ'],
      ['collected', 'q=路灯'],
    ];
    const [busiest] = await env.database.sql<{ code: string }[]>`
      select township_code as code from opinions where township_code is not null
      group by 1 order by count(*) desc limit 1`;
    cases.push(
      ['collected', `scope=${busiest!.code}`],
      ['assigned', `scope=${busiest!.code}&state=in_progress`],
    );
    for (const [kind, q] of cases) {
      const list = (await district.get(`/api/opinions/ledgers/${kind}?pageSize=1&${q}`)).json();
      expect(list.totalIsLowerBound, `${kind} ${q}`).toBe(false);
      const res = await district.get(`/api/opinions/ledgers/${kind}/export?${q}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      const sheets = await sheetsOf(res.rawPayload);
      expect(dataRows(sheets), `${kind} ${q}`).toBe(list.total);
    }
    const all = (await district.get('/api/opinions/ledgers/collected?pageSize=1')).json();
    expect(all.total).toBeGreaterThan(3000);
  }, 180_000);

  it('a street exports only its own jurisdiction; the header row names the 交办清单 columns', async () => {
    const street = await signedIn(app, 'xinzhuang');
    const list = (await street.get('/api/opinions/ledgers/assigned?pageSize=200')).json();
    const res = await street.get('/api/opinions/ledgers/assigned/export');
    const [ws] = await sheetsOf(res.rawPayload);
    expect(ws!.rowCount - 1).toBe(list.total);
    expect(ws!.getRow(1).values).toEqual(
      expect.arrayContaining(['承办单位', '交办日期', '答复期限', '答复日期', '是否按期答复']),
    );
    const townships = new Set<string>();
    ws!.eachRow((r, i) => {
      if (i > 1) townships.add(String(r.getCell(5).value));
    });
    expect([...townships]).toEqual(['莘庄镇']);
  });

  it('more rows than a sheet holds continue on the next sheet, chunk after chunk', async () => {
    const [a] = await ctx.database.db.select().from(accounts).where(eq(accounts.username, 'district'));
    const actor = actorFor(a!, await loadGrants(ctx.database.db, a!));
    const exp = await startLedgerExport(ctx, actor, 'collected', {}, { chunk: 250, sheetRows: 1000 });
    const out = new PassThrough();
    const parts: Buffer[] = [];
    out.on('data', (b: Buffer) => parts.push(b));
    const rows = await exp.write(out);
    const sheets = await sheetsOf(Buffer.concat(parts));
    expect(sheets.map((s) => s.name)).toEqual(
      Array.from({ length: Math.ceil(rows / 1000) }, (_, i) =>
        i === 0 ? '问题清单' : `问题清单（${i + 1}）`,
      ),
    );
    expect(dataRows(sheets)).toBe(rows);
    // No row twice across the chunk and sheet boundaries.
    const numbers = sheets.flatMap((s) => {
      const xs: string[] = [];
      s.eachRow((r, i) => {
        if (i > 1) xs.push(String(r.getCell(1).value));
      });
      return xs;
    });
    expect(new Set(numbers).size).toBe(rows);
  });
});
