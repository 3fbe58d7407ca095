import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/kernel/logger';
import { generateDemoRegion } from '../src/modules/demo/generate';
import { Client, errorCode, signedIn, startTestServer } from './harness';

/** Everything the server logs at level info, kept in memory. */
const logLines: string[] = [];
const memory = { write: (chunk: string) => void logLines.push(chunk) };

const env = await startTestServer({ log: createLogger('info', memory) });
const { app, database, ctx } = env;

const PHONE = '13812345678';
const region = await generateDemoRegion({ regionCode: env.config.REGION_CODE });
const deputyPhones = region.deputies.map((d) => d.phone);

/** The text of every row of every table, one entry per (table, row), for a plaintext search. */
async function everyRowAsText(): Promise<Array<{ table: string; text: string }>> {
  const tables = (await database.db.execute(sql`
    select table_schema as schema, table_name as name from information_schema.tables
    where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')
    order by 1, 2`)) as unknown as Array<{ schema: string; name: string }>;
  const out: Array<{ table: string; text: string }> = [];
  for (const t of tables) {
    const q = `"${t.schema.replaceAll('"', '""')}"."${t.name.replaceAll('"', '""')}"`;
    // The whole row cast to text covers every column (text, jsonb, arrays, …) in one pass.
    const rows = (await database.db.execute(sql.raw(`select r::text as t from ${q} r`))) as unknown as Array<{
      t: string;
    }>;
    for (const r of rows) out.push({ table: `${t.schema}.${t.name}`, text: r.t });
  }
  return out;
}

/** Column by column, as the brief asks: every text-like column of every public table. */
async function textColumns(): Promise<Array<{ table: string; column: string }>> {
  return (await database.db.execute(sql`
    select table_name as "table", column_name as "column" from information_schema.columns
    where table_schema = 'public' and data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY')
    order by 1, 2`)) as unknown as Array<{ table: string; column: string }>;
}

async function smsCode(phone: string): Promise<string> {
  await env.server.runner.drain();
  const staff = await signedIn(app, 'district');
  const sms = (await staff.get('/api/notifications/sms-outbox')).json() as {
    items: Array<{ body: string; phoneMasked: string }>;
  };
  const mine = sms.items.find((m) => m.phoneMasked === `${phone.slice(0, 3)}****${phone.slice(-4)}`)!;
  return /验证码为 (\d{6})/.exec(mine.body)![1]!;
}

describe('personal information at rest', () => {
  it('signs a citizen in by SMS code', async () => {
    const c = new Client(app, '10.0.0.30');
    expect((await c.post('/api/auth/otp/request', { phone: PHONE })).statusCode).toBe(200);
    const code = await smsCode(PHONE);
    const ok = await c.post('/api/auth/otp/verify', { phone: PHONE, code });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().phoneMasked).toBe('138****5678');
    // The number is stored: encrypted, and findable only through its blind index.
    const [row] = (await database.db.execute(
      sql`select phone_enc from accounts where kind = 'citizen' and phone_hash = ${ctx.vault.blindIndex(PHONE)}`,
    )) as unknown as Array<{ phone_enc: string }>;
    expect(ctx.vault.decrypt(row!.phone_enc)).toBe(PHONE);
  });

  it('the seeded deputies have phones, stored encrypted', async () => {
    expect(deputyPhones.length).toBeGreaterThan(10);
    const rows = (await database.db.execute(
      sql`select phone_enc, phone_hash from deputies where phone_enc is not null`,
    )) as unknown as Array<{
      phone_enc: string;
      phone_hash: string;
    }>;
    const decrypted = new Set(rows.map((r) => ctx.vault.decrypt(r.phone_enc)));
    // The generator the test reads is the one that seeded this database.
    expect(deputyPhones.filter((p) => decrypted.has(p)).length).toBe(deputyPhones.length);
  });

  it('no table holds a phone number in plaintext', async () => {
    const rows = await everyRowAsText();
    // The scan does see the data (positive control).
    expect(rows.some((r) => r.table === 'public.jurisdictions' && r.text.includes('莘庄镇'))).toBe(true);
    expect(rows.some((r) => r.table === 'public.accounts' && r.text.includes('138****5678'))).toBe(true);
    const needles = new Set([PHONE, ...deputyPhones]);
    const hits: string[] = [];
    for (const r of rows) {
      for (const m of r.text.matchAll(/\d{11}/g)) {
        if (needles.has(m[0]))
          hits.push(`${r.table}: …${r.text.slice(Math.max(0, m.index - 40), m.index + 51)}…`);
      }
    }
    expect(hits).toEqual([]);
  });

  it('no text or JSON column holds a phone number (column by column)', async () => {
    const cols = await textColumns();
    expect(cols.some((c) => c.table === 'accounts' && c.column === 'phone_enc')).toBe(true);
    const pattern = [PHONE, ...deputyPhones].join('|');
    const hits: string[] = [];
    for (const { table, column } of cols) {
      const q = sql.raw(`select count(*) as n from "${table}" where "${column}"::text ~ `);
      const [r] = (await database.db.execute(sql`${q}${pattern}`)) as unknown as Array<{ n: number }>;
      if (Number(r!.n) > 0) hits.push(`${table}.${column}: ${r!.n}`);
    }
    expect(hits).toEqual([]);
  });
});

describe('personal information in logs', () => {
  it('never writes a phone number, whatever the URL or body', async () => {
    const before = logLines.length;
    const anon = new Client(app, '10.0.0.31');
    const staff = await signedIn(app, 'district');
    const requests = [
      await anon.post('/api/auth/otp/request', { phone: '13812345679' }),
      await anon.post('/api/auth/otp/verify', { phone: PHONE, code: '000001' }),
      await anon.post('/api/auth/otp/request', { phone: `${PHONE}0` }),
      await anon.request('POST', '/api/auth/otp/request', `{"phone":"${PHONE}"`, {
        'content-type': 'application/json',
      }),
      await anon.post('/api/auth/login', { username: PHONE, password: PHONE }),
      await anon.get(`/api/public/stations?township=${PHONE}`),
      await anon.get(`/api/public/stations?phone=${PHONE}`),
      await anon.get(`/api/no-such-route/${PHONE}?q=${PHONE}`),
      await anon.get(`/${PHONE}`),
      await staff.get(`/api/jurisdictions/${PHONE}/children`),
      await staff.get(`/api/dashboard/summary?scope=${PHONE}`),
      await staff.get(`/api/accounts?q=${PHONE}`),
      await staff.put(`/api/settings/deadlines.replyWorkingDays?scope=${PHONE}`, { value: PHONE }),
      await staff.put(`/api/settings/${PHONE}`, { value: 3 }),
    ];
    for (const r of requests) expect(r.statusCode).toBeLessThan(500);
    expect(errorCode(requests[0]!)).toBeUndefined();
    await env.server.runner.drain();
    await signedIn(app, 'district').then((s) => s.get('/api/notifications/sms-outbox'));

    const text = logLines.slice(before).join('');
    // Requests were logged (positive control), with the route and a masked path.
    expect(text).toContain('"route":"/api/jurisdictions/:code/children"');
    expect(text).toContain('/api/jurisdictions/[number]/children');
    expect(text).toMatch(/"statusCode":404/);
    for (const p of [PHONE, '13812345679', ...deputyPhones]) expect(text).not.toContain(p);
    expect(text).not.toMatch(/township=|phone=|q=/); // query strings are never logged
    if (process.env.LX_SHOW_LOGS) console.log(text);
    expect(logLines.join('')).not.toContain(PHONE);
  });
});
