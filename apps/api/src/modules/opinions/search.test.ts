import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { errorCode, signedIn, startTestServer } from '../../../test/harness';
import { citizen } from '../receptions/receptions.fixtures';
import { backfillSearchVectors, indexTokens, queryTokens } from './search';

describe('Chinese segmentation', () => {
  it('cuts the words the issue names (Intl.Segmenter splits 拥|堵 and 加|装)', () => {
    expect(queryTokens('交通拥堵')).toEqual(['交通拥堵']);
    expect(queryTokens('加装电梯，停车难!')).toEqual(['加装', '电梯', '停车难']);
    // Search mode also indexes the words inside long words.
    expect(indexTokens('早晚高峰交通拥堵')).toEqual(expect.arrayContaining(['交通', '拥堵', '交通拥堵']));
  });

  it('drops punctuation and tsquery syntax, lower-cases Latin words', () => {
    expect(queryTokens("  ' & | ! ( ) :*  ")).toEqual([]);
    expect(queryTokens("WiFi 信号 it's")).toEqual(expect.arrayContaining(['wifi', '信号']));
  });
});

const env = await startTestServer();
const { app, ctx } = env;

describe('keyword search over cases (both databases)', () => {
  it('finds cases by Chinese words, ANDs the words, matches tracking numbers, keeps scope', async () => {
    const me = await citizen(env, '13900005555');
    const file = async (title: string, description: string, areaCode: string) => {
      const r = await me.post('/api/public/opinions', { title, description, areaCode });
      expect(r.statusCode, r.body).toBe(201);
      return r.json() as { id: string; trackingNo: string };
    };
    const a = await file(
      '春申路早晚高峰交通拥堵',
      '春申路与莘松路路口早晚高峰车辆排长队，建议优化信号灯配时。',
      '310112101',
    );
    const b = await file(
      '老小区希望加装电梯',
      '我们小区六层楼没有电梯，老人上下楼困难，希望加装电梯。',
      '310112101',
    );
    const c = await file('七宝老街停车难', '七宝老街周边停车位太少，周末停车难，车辆乱停乱放。', '310112102');

    const district = await signedIn(app, 'district');
    const find = async (client: typeof district, q: string) => {
      const r = await client.get(`/api/opinions?pageSize=200&q=${encodeURIComponent(q)}`);
      expect(r.statusCode, r.body).toBe(200);
      return (r.json().items as Array<{ id: string }>).map((i) => i.id);
    };
    expect(await find(district, '拥堵')).toContain(a.id);
    expect(await find(district, '交通拥堵')).toContain(a.id);
    expect(await find(district, '拥堵')).not.toContain(b.id);
    expect(await find(district, '加装 电梯')).toContain(b.id);
    expect(await find(district, '电梯 拥堵')).not.toContain(b.id); // all words must occur
    expect(await find(district, a.trackingNo)).toEqual([a.id]);
    expect(await find(district, a.trackingNo.toLowerCase())).toEqual([a.id]);
    expect(await find(district, '！！！')).toEqual([]);
    // A street's staff search only their street.
    const xinzhuang = await signedIn(app, 'xinzhuang');
    expect(await find(xinzhuang, '停车难')).not.toContain(c.id);
    expect(await find(await signedIn(app, 'qibao'), '停车难')).toContain(c.id);
    // Ledgers take the same keyword filter.
    const ledger = await district.get(`/api/opinions/ledgers/collected?q=${encodeURIComponent('加装电梯')}`);
    expect(ledger.statusCode, ledger.body).toBe(200);
    expect(ledger.json().items.map((i: { id: string }) => i.id)).toContain(b.id);
    // Too long a query is refused with a Chinese message.
    const long = await district.get(`/api/opinions?q=${encodeURIComponent('长'.repeat(101))}`);
    expect(long.statusCode).toBe(400);
    expect(errorCode(long)).toBe('common.validation');
  });

  it('the start-up backfill fills vectors missing from older rows, and search then finds them', async () => {
    const { db } = ctx.database;
    await db.execute(sql`update opinions set search_vector = null`);
    const n = await backfillSearchVectors(db, 7);
    expect(n).toBeGreaterThan(40);
    expect(await backfillSearchVectors(db)).toBe(0);
    const district = await signedIn(app, 'district');
    const r = await district.get(`/api/opinions?q=${encodeURIComponent('电梯')}`);
    expect(r.json().total).toBeGreaterThan(0);
  });
});
