import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Client, errorCode, signedIn, startTestServer } from '../../../test/harness';
import { auditLog, cases } from '../../kernel/db/kernel.schema';
import { citizen } from '../receptions/receptions.fixtures';
import { redactText } from './disclosure.usecases';
import { deputy1 } from './opinions.fixtures';
import { opinions } from './opinions.schema';

describe('redactText', () => {
  it('masks mobiles, landlines, ID numbers, e-mails and the citizen’s own name and address', () => {
    const out = redactText(
      '我是张三丰，住莘松路100弄5号，电话13812345678或021-64123456，身份证310112198001011234，邮箱zsf@example.com，座机64123456。',
      { names: ['张三丰'], addresses: ['上海市闵行区莘庄镇莘松路100弄5号302室'] },
    );
    for (const s of ['张三丰', '莘松路100弄', '13812345678', '64123456', '198001011234', 'zsf@example.com']) {
      expect(out).not.toContain(s);
    }
    expect(out).toContain('张**');
    expect(out).toContain('电话138********或');
    expect(out).toContain('310112********1234');
    expect(out).toContain('***@***');
    expect(out).toContain('021-******56');
  });

  it('leaves ordinary text, dates and tracking numbers alone', () => {
    const s = '2026年3月2日反映的MY20260302000001号事项，3盏路灯已修复，费用500元。';
    expect(redactText(s)).toBe(s);
    expect(redactText('+86 138 1234 5678')).not.toMatch(/1234 5678/);
    expect(redactText('李', { names: ['李'] })).toBe('李');
  });
});

const env = await startTestServer();
const { app, ctx } = env;
const { db } = ctx.database;
const PHONE = '13900007777';
const ID_NO = '310112199002023456';
let me: Client;
let town: Client;
let qibao: Client;
let district: Client;
let dept1: Client;
let id: string;
let trackingNo: string;

type Item = { trackingNo: string; title: string; description: string; township: string | null };
async function all(query = ''): Promise<{ items: Item[]; bodies: string }> {
  const items: Item[] = [];
  let bodies = '';
  for (let page = 1; page < 100; page++) {
    const res = await app.inject({ method: 'GET', url: `/api/public/disclosures?page=${page}${query}` });
    expect(res.statusCode).toBe(200);
    bodies += res.body;
    const j = res.json();
    expect(j.pageSize).toBeLessThanOrEqual(20);
    items.push(...j.items);
    if (page * j.pageSize >= j.total) break;
  }
  return { items, bodies };
}

beforeAll(async () => {
  const deputy = await deputy1(env);
  me = await citizen(env, PHONE);
  town = await signedIn(app, 'xinzhuang');
  qibao = await signedIn(app, 'qibao');
  district = await signedIn(app, 'district');
  dept1 = await signedIn(app, 'dept1');
  const res = await me.post('/api/public/opinions', {
    title: `王小明反映路灯不亮，电话${PHONE}`,
    description: `我是王小明，身份证${ID_NO}，家住莘松路100弄5号，门口路灯坏了，请联系${PHONE}。`,
    deputyCode: deputy.code,
    lat: 31.1115,
    lng: 121.3855,
    address: '上海市闵行区莘庄镇莘松路100弄5号302室',
    contactName: '王小明',
    allowDisclosure: true,
  });
  expect(res.statusCode).toBe(201);
  ({ id, trackingNo } = res.json());
  expect((await town.post(`/api/opinions/${id}/accept`, { categoryCode: 'CJ01' })).statusCode).toBe(200);
  expect((await district.post(`/api/opinions/${id}/assign`, {})).statusCode).toBe(200);
  expect((await dept1.post(`/api/opinions/${id}/sign`)).statusCode).toBe(200);
  const replied = await dept1.post(`/api/opinions/${id}/reply`, {
    body: `已联系王小明（${PHONE}）并修复路灯，身份证${ID_NO}已核验。`,
    outcome: 'solved',
  });
  expect(replied.statusCode).toBe(200);
  expect((await me.post(`/api/public/opinions/${id}/rate`, { rating: 'satisfied' })).json()).toEqual({
    state: 'closed',
  });
});

describe('民意处置公开', () => {
  it('lists exactly the closed, allowed, non-withheld cases', async () => {
    const { items } = await all();
    const rows = await db
      .select({ c: cases, o: opinions })
      .from(cases)
      .innerJoin(opinions, and(eq(opinions.regionCode, cases.regionCode), eq(opinions.caseId, cases.id)))
      .where(eq(cases.caseType, 'opinions'));
    const expected = rows
      .filter((r) => r.c.state === 'closed' && r.o.allowDisclosure && !r.o.disclosureWithheldReason)
      .map((r) => r.c.trackingNo)
      .sort();
    expect(expected.length).toBeGreaterThan(1);
    expect(rows.some((r) => r.c.state === 'closed' && !r.o.allowDisclosure)).toBe(true);
    expect(items.map((i) => i.trackingNo).sort()).toEqual(expected);
    expect(items.map((i) => i.trackingNo)).toContain(trackingNo);
  });

  it('is de-identified: no phone, ID number, name, address, community, grid or coordinates', async () => {
    const { items, bodies } = await all();
    const mine = items.find((i) => i.trackingNo === trackingNo)!;
    expect(mine).toMatchObject({ township: '莘庄镇', categoryName: '道路设施', satisfaction: '满意' });
    expect(mine.title).toBe('王**反映路灯不亮，电话139********');
    expect(JSON.stringify(mine)).toContain('310112********3456');
    expect((mine as unknown as { steps: Array<{ label: string }> }).steps.map((s) => s.label)).toEqual([
      '提交',
      '受理',
      '交办',
      '签收',
      '答复',
      '评价',
    ]);
    for (const s of [PHONE, ID_NO, '王小明', '莘松路100弄', '302室']) expect(bodies).not.toContain(s);
    expect(bodies).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/);
    expect(bodies).not.toMatch(/(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/);
    expect(bodies).not.toMatch(/"(community|grid|address\w*|lat|lng|contact\w*|actorLabel|citizen\w*)"/);
    // Every discloseable case's own contact data stays out, demo cases included.
    const rows = await db.select().from(opinions);
    for (const o of rows) {
      for (const enc of [o.contactNameEnc, o.contactPhoneEnc, o.addressEnc]) {
        if (enc) expect(bodies).not.toContain(ctx.vault.decrypt(enc));
      }
      if (o.contactPhoneMasked) expect(bodies).not.toContain(o.contactPhoneMasked);
    }
  });

  it('filters by township and category, and caps the page', async () => {
    const xz = await all('&township=310112101');
    expect(xz.items.length).toBeGreaterThan(0);
    expect(xz.items.every((i) => i.township === '莘庄镇')).toBe(true);
    expect((await all('&category=CJ01')).items.map((i) => i.trackingNo)).toContain(trackingNo);
    expect((await all('&category=ZZ99')).items).toEqual([]);
    const big = await app.inject({ method: 'GET', url: '/api/public/disclosures?page=100000' });
    expect(big.statusCode).toBe(400);
  });

  it('staff withhold with a reason (audited), which hides the case; release shows it again', async () => {
    const url = `/api/opinions/${id}/disclosure`;
    expect(errorCode(await district.post(url, { withhold: true }))).toBe('opinions.reason_required');
    expect(errorCode(await district.post(url, { withhold: true, reason: '  ' }))).toBe(
      'opinions.reason_required',
    );
    const w = await district.post(url, { withhold: true, reason: '涉及个人隐私' });
    expect(w.statusCode).toBe(200);
    expect(w.json()).toEqual({
      allowDisclosure: true,
      withheld: true,
      disclosureWithheldReason: '涉及个人隐私',
    });
    expect((await district.get(`/api/opinions/${id}`)).json().disclosureWithheldReason).toBe('涉及个人隐私');
    expect((await all()).items.map((i) => i.trackingNo)).not.toContain(trackingNo);
    const audit = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, id), eq(auditLog.action, 'opinions.disclosure_withhold')));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toMatchObject({ reason: '涉及个人隐私' });

    const r = await district.post(url, { withhold: false });
    expect(r.json()).toMatchObject({ withheld: false, disclosureWithheldReason: null });
    expect((await all()).items.map((i) => i.trackingNo)).toContain(trackingNo);
    const released = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, id), eq(auditLog.action, 'opinions.disclosure_release')));
    expect(released).toHaveLength(1);
  });

  it('a unit, a citizen, another street’s staff or anyone signed out cannot withhold', async () => {
    const url = `/api/opinions/${id}/disclosure`;
    const body = { withhold: true, reason: '试试' };
    expect((await dept1.post(url, body)).statusCode).toBe(403);
    expect((await me.post(url, body)).statusCode).toBe(403);
    expect((await qibao.post(url, body)).statusCode).toBeGreaterThanOrEqual(403);
    expect((await app.inject({ method: 'POST', url, payload: body })).statusCode).toBe(401);
    const [o] = await db.select().from(opinions).where(eq(opinions.caseId, id));
    expect(o!.disclosureWithheldReason).toBeNull();
  });
});
