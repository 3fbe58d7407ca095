import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { startTestServer } from '../../../test/harness';
import { seedReachFixture } from './reach.fixtures';

const env = await startTestServer({ env: { PUBLIC_BASE_URL: 'https://rd.example.gov.cn' } });
const { app, ctx } = env;
await seedReachFixture(ctx);

const get = async (url: string) => {
  const res = await app.inject({ method: 'GET', url });
  return { status: res.statusCode, body: res.json(), res };
};

describe('a deputy’s public page', () => {
  it('shows levels, grids, stations and reception days, and no workplace unless allowed', async () => {
    const { status, body } = await get('/api/public/deputies/tdep0001');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      code: 'tdep0001',
      name: '甲律师',
      gender: '女',
      occupationCategory: '律师',
      workplace: null,
      expertise: ['法律'],
      levelLabel: '闵行区人大代表',
      levels: [
        {
          level: 'county',
          fullLabel: '闵行区第十八届人大代表',
          termLabel: '第十八届',
          electoralDistrict: '第99选区',
          groupName: '测试镇代表小组',
        },
      ],
      grids: [{ code: '310112999001001', name: '测试第1网格', communityName: '测试社区' }],
      receivesAtStations: true,
      stations: [
        {
          code: 'tsta0001',
          name: '测试镇人大代表之家',
          kindLabel: '代表之家',
          schedule: ['每月10日 09:00–11:30（遇节假日顺延至下一个工作日）'],
        },
      ],
    });
    expect(body).not.toHaveProperty('id');
    expect(body).not.toHaveProperty('jurisdictionCode');
    expect((await get('/api/public/deputies/tdep0003')).body.workplace).toBe('测试社区卫生服务中心');
  });

  it('is not found for unknown or former deputies', async () => {
    expect((await get('/api/public/deputies/nosuchcode')).body.error.code).toBe('reach.deputy_not_found');
    expect((await get('/api/public/deputies/tdep0005')).status).toBe(404);
  });
});

describe('a station’s public page', () => {
  it('shows address, hours, schedule and the deputies stationed there', async () => {
    const { body } = await get('/api/public/stations/tsta0001');
    expect(body).toMatchObject({
      code: 'tsta0001',
      name: '测试镇人大代表之家',
      kindLabel: '代表之家',
      townshipName: '测试镇',
      openingHours: '工作日 9:00–17:00',
      schedule: ['每月10日 09:00–11:30（遇节假日顺延至下一个工作日）'],
      deputies: [{ code: 'tdep0001', name: '甲律师', levelLabel: '闵行区人大代表' }],
    });
    expect((await get('/api/public/stations/tsta0002')).body.error.code).toBe('reach.station_not_found');
  });
});

/** The dark modules drawn by qrcode's SVG renderer, read back from its path data. */
function svgModules(svg: string): { size: number; dark: Set<string> } {
  const size = Number(/viewBox="0 0 (\d+) \d+"/.exec(svg)![1]);
  const path = /<path[^>]*stroke="#000000"[^>]*d="([^"]+)"/.exec(svg)![1]!;
  const dark = new Set<string>();
  let x = 0;
  let y = 0;
  for (const [, op, a, b] of path.matchAll(/([Mmh])(-?\d+(?:\.\d+)?)(?:[ ,](-?\d+(?:\.\d+)?))?/g)) {
    if (op === 'M') [x, y] = [Number(a), Number(b) - 0.5];
    else if (op === 'm') [x, y] = [x + Number(a), y + Number(b)];
    else {
      for (let i = 0; i < Number(a); i++) dark.add(`${x + i},${Math.round(y)}`);
      x += Number(a);
    }
  }
  return { size, dark };
}

describe('QR codes', () => {
  it('encode the portal link of the deputy and of the station', async () => {
    for (const [url, link] of [
      ['/api/public/qr/deputy/tdep0001.svg', 'https://rd.example.gov.cn/d/tdep0001'],
      ['/api/public/qr/station/tsta0001.svg', 'https://rd.example.gov.cn/s/tsta0001'],
    ] as const) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('image/svg+xml');
      const drawn = svgModules(res.body);
      const { modules } = QRCode.create(link, { errorCorrectionLevel: 'M' });
      const want = new Set<string>();
      for (let r = 0; r < modules.size; r++)
        for (let c = 0; c < modules.size; c++) if (modules.get(r, c)) want.add(`${c + 2},${r + 2}`);
      expect(drawn.size).toBe(modules.size + 4);
      expect(drawn.dark).toEqual(want);
      // …and not some other link.
      const other = QRCode.create(`${link}x`, { errorCorrectionLevel: 'M' }).modules;
      expect(other.data).not.toEqual(modules.data);
    }
    const png = await app.inject({ method: 'GET', url: '/api/public/qr/deputy/tdep0001.png' });
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.rawPayload.subarray(1, 4).toString()).toBe('PNG');
    expect((await app.inject({ method: 'GET', url: '/api/public/qr/deputy/nosuch01.svg' })).statusCode).toBe(
      404,
    );
    expect((await app.inject({ method: 'GET', url: '/api/public/qr/deputy/tdep0001.gif' })).statusCode).toBe(
      400,
    );
  });
});
