import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { startTestServer } from '../../../test/harness';
import { maskPhone } from '../../kernel/crypto/pii';
import { declaredRoutes } from '../../kernel/http/app';
import { generateDemoRegion } from '../demo/generate';
import { followSecret } from '../opinions/opinions.repository';
import { C, FIXTURE_PHONES, seedReachFixture, T } from './reach.fixtures';

/**
 * A deputy's private phone never leaves through the portal: every public GET endpoint is called
 * with real codes (every deputy, every station, every grid …) and every response is searched for
 * every deputy's number, its mask and any `phone*` key. A new public endpoint without sample
 * calls here fails the test, so it cannot be added unchecked.
 */
const env = await startTestServer();
const { app, ctx } = env;
await seedReachFixture(ctx);
const region = await generateDemoRegion({ regionCode: env.config.REGION_CODE });
const phones = [...region.deputies.map((d) => d.phone), ...FIXTURE_PHONES];
const needles = [...phones, ...phones.map(maskPhone)];

const rows = <T>(q: ReturnType<typeof sql>) => ctx.database.db.execute(q) as unknown as Promise<T[]>;
const deputyCodes = (await rows<{ c: string }>(sql`select public_code as c from deputies`)).map((r) => r.c);
const stations = await rows<{ c: string; lat: number | null; lng: number | null }>(
  sql`select public_code as c, lat, lng from stations`,
);
const areas = await rows<{ code: string; level: string }>(
  sql`select code, level from jurisdictions where level in ('township', 'community', 'grid') order by code`,
);

const opinionLinks = (
  await rows<{ id: string; no: string }>(
    sql`select id, tracking_no as no from cases where case_type = 'opinions' order by tracking_no limit 20`,
  )
).map((o) => `/api/public/opinions/follow/${o.no}?k=${followSecret(ctx, o.id)}`);

const publishedSuggestions = (
  await rows<{ id: string }>(sql`select case_id as id from suggestions where published_at is not null`)
).map((r) => `/api/public/suggestions/${r.id}`);

const voterReports = (await rows<{ id: string }>(sql`select id from voter_reports`)).map(
  (r) => `/api/public/voter-reports/${r.id}`,
);

function urlsFor(path: string): string[] {
  if (path === '/api/public/voter-reports/:id') return voterReports;
  const codes =
    path.includes('/deputies/') || path.includes('/deputy/') ? deputyCodes : stations.map((s) => s.c);
  if (path.includes(':file')) return codes.map((c) => path.replace(':file', `${c}.svg`));
  if (path.includes(':code')) return codes.map((c) => path.replace(':code', c));
  const located = stations.filter((s) => s.lat !== null);
  const q = (o: Record<string, string | number>) =>
    `${path}?${new URLSearchParams(o as Record<string, string>)}`;
  switch (path) {
    case '/api/public/find/nearest':
      return located.map((s) => q({ lat: s.lat!, lng: s.lng!, limit: 50 }));
    case '/api/public/find/by-area':
      return areas
        .filter((a) => a.level !== 'township')
        .map((a) => q(a.level === 'grid' ? { grid: a.code } : { community: a.code }));
    case '/api/public/find/expertise':
      return ['物业纠纷', '加装电梯', '看病', '法律', '律师', '上学', '电话', '手机'].flatMap((p) => [
        q({ q: p, limit: 50 }),
        q({ q: p, lat: 31.11, lng: 121.38, limit: 50 }),
      ]);
    case '/api/public/opinions/follow/:trackingNo':
      return opinionLinks;
    case '/api/public/suggestions/:id':
      return publishedSuggestions;
    case '/api/public/disclosures':
      return [
        path,
        q({ page: 2 }),
        ...areas.filter((a) => a.level === 'township').map((a) => q({ township: a.code })),
      ];
    case '/api/public/locate':
      return [q({ lat: 31.11, lng: 121.38 }), q({ lat: 31.02, lng: 121.45 })];
    case '/api/public/areas':
      return areas.filter((a) => a.level !== 'grid').map((a) => q({ parent: a.code }));
    case '/api/public/stations':
      return [
        path,
        q({ township: T }),
        ...areas.filter((a) => a.level === 'township').map((a) => q({ township: a.code })),
      ];
    default:
      return [path];
  }
}

function phoneKeys(value: unknown, at = '$'): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => phoneKeys(v, `${at}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => [
      ...(/^phone/i.test(k) ? [`${at}.${k}`] : []),
      ...phoneKeys(v, `${at}.${k}`),
    ]);
  }
  return [];
}

describe('privacy of deputies’ phones on the portal', () => {
  it('no public response contains a phone number, its mask or a phone field', async () => {
    const routes = declaredRoutes(app).filter(
      (r) => r.method === 'GET' && r.url.startsWith('/api/public') && r.access === 'public',
    );
    expect(routes.map((r) => r.url)).toEqual(
      expect.arrayContaining([
        '/api/public/deputies/:code',
        '/api/public/stations/:code',
        '/api/public/find/nearest',
      ]),
    );
    const hits: string[] = [];
    const silent: string[] = [];
    let bodies = '';
    for (const route of routes) {
      let ok = 0;
      for (const url of urlsFor(route.url)) {
        const res = await app.inject({ method: 'GET', url });
        if (res.statusCode === 200) ok++;
        const text = res.body;
        for (const n of needles) if (text.includes(n)) hits.push(`${url}: ${n}`);
        if (String(res.headers['content-type']).includes('json')) {
          for (const k of phoneKeys(res.json())) hits.push(`${url}: key ${k}`);
          if (bodies.length < 5_000_000) bodies += text;
        }
      }
      if (ok === 0) silent.push(route.url);
    }
    expect(hits).toEqual([]);
    // Every public endpoint answered at least once, so every one was really searched…
    expect(silent).toEqual([]);
    // …and the responses did carry deputies' data (positive control).
    expect(bodies).toContain(region.deputies[0]!.name);
    expect(bodies).toContain('测试社区卫生服务中心');
    expect(bodies).toContain(C);
  });
});
