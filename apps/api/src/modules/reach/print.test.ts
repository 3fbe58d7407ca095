import { describe, expect, it } from 'vitest';
import { Client, errorCode, signedIn, startTestServer } from '../../../test/harness';
import { readPdf } from './pdf-text';
import { ids, seedReachFixture, T } from './reach.fixtures';

const env = await startTestServer({ env: { PUBLIC_BASE_URL: 'https://rd.example.gov.cn' } });
const { app, ctx } = env;
await seedReachFixture(ctx);
const district = await signedIn(app, 'district');

describe('代表联系卡', () => {
  it('is a small PDF with a subset Chinese font and the deputy’s public details', async () => {
    const res = await district.get(`/api/deputies/${ids.D1}/card.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('代表联系卡-甲律师.pdf'));
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // The font files are 10 MB each: only the glyphs used are embedded.
    expect(pdf.length).toBeLessThan(200_000);
    const facts = readPdf(pdf);
    expect(facts.pages).toBe(1);
    expect(facts.baseFonts.length).toBeGreaterThan(0);
    for (const f of facts.baseFonts) expect(f).toMatch(/^[A-Z]{6}\+NotoSansSC-(Regular|Bold)$/);
    for (const s of [
      '人大代表联系卡',
      '甲律师',
      '闵行区第十八届人大代表',
      '测试镇代表小组',
      '专长：法律',
      '联系网格：测试第1网格',
      '测试镇人大代表之家',
      '每月10日 09:00–11:30',
      '闵行区人大常委会',
      'https://rd.example.gov.cn/d/tdep0001',
    ]) {
      expect(facts.text.replaceAll('\n', '')).toContain(s);
    }
    // A card is public: the workplace stays off unless the deputy shows it.
    expect(facts.text).not.toContain('律师事务所');
  });

  it('prints a whole township in one file, one card per page', async () => {
    const res = await district.get(`/api/deputies/cards.pdf?township=${T}`);
    expect(res.statusCode).toBe(200);
    const facts = readPdf(res.rawPayload);
    expect(facts.pages).toBe(5); // D1, D2, D3, D4, D6 — not the resigned D5
    for (const name of ['甲律师', '乙律师', '丙医生', '丁代表', '己律师']) expect(facts.text).toContain(name);
    expect(facts.text).not.toContain('戊已辞职');
    expect(errorCode(await district.get('/api/deputies/cards.pdf?township=310112998'))).toBe(
      'reach.township_not_found',
    );
  });
});

describe('station poster', () => {
  it('carries the station, its QR link, schedule and deputies', async () => {
    const res = await district.get(`/api/stations/${ids.S1}/poster.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.length).toBeLessThan(300_000);
    const text = readPdf(res.rawPayload).text.replaceAll('\n', '');
    for (const s of [
      '测试镇人大代表之家',
      '扫一扫',
      '工作日 9:00–17:00',
      '每月10日',
      '甲律师',
      'https://rd.example.gov.cn/s/tsta0001',
    ]) {
      expect(text).toContain(s);
    }
  });
});

describe('who may print', () => {
  it('needs staff over the deputy’s area', async () => {
    const anon = new Client(app);
    expect((await anon.get(`/api/deputies/${ids.D1}/card.pdf`)).statusCode).toBe(401);
    const admin = await signedIn(app, 'admin');
    expect((await admin.get(`/api/deputies/${ids.D1}/card.pdf`)).statusCode).toBe(403);
    // A township's staff see only their own township.
    const town = await signedIn(app, 'xinzhuang');
    expect(errorCode(await town.get(`/api/deputies/${ids.D1}/card.pdf`))).toBe('auth.out_of_scope');
    expect(errorCode(await town.get(`/api/stations/${ids.S1}/poster.pdf`))).toBe('auth.out_of_scope');
    expect(errorCode(await district.get(`/api/deputies/${ids.D5}/card.pdf`))).toBe('reach.deputy_not_found');
  });
});
