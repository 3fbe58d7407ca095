import { describe, expect, it } from 'vitest';
import { Client, errorCode, startTestServer } from '../../../test/harness';
import { buildHttp, declaredRoutes } from './app';

const env = await startTestServer();
const { app, ctx } = env;

/** The only API routes anyone may call without signing in. Adding one must be a conscious change here. */
const PUBLIC_API_ROUTES = [
  'GET /api/hotline/tickets/:ticketNo',
  'GET /api/public/areas',
  'GET /api/public/deputies/:code',
  'GET /api/public/deputies/:code/log',
  'GET /api/public/disclosures',
  'GET /api/public/find/by-area',
  'GET /api/public/find/expertise',
  'GET /api/public/find/nearest',
  'GET /api/public/locate',
  'GET /api/public/map-config',
  'GET /api/public/opinion-categories',
  'GET /api/public/opinions/follow/:trackingNo',
  'GET /api/public/qr/deputy/:file',
  'GET /api/public/qr/station/:file',
  'GET /api/public/region',
  'GET /api/public/stations',
  'GET /api/public/stations/:code',
  'GET /api/public/stations/:code/reception-days',
  'GET /api/public/suggestions',
  'GET /api/public/suggestions/:id',
  'GET /api/public/townships',
  'GET /api/public/voter-reports/:id',
  'POST /api/auth/login',
  'POST /api/auth/otp/request',
  'POST /api/auth/otp/verify',
  'POST /api/hotline/tickets',
];

/** Routes outside /api (operations and API docs); they never carry personal data. */
const NON_API_ROUTES = [
  'GET /healthz',
  'GET /metrics',
  'GET /open311/discovery.:format',
  'GET /open311/v2/requests.:format',
  'GET /open311/v2/requests/:service_request_id.:format',
  'GET /open311/v2/services.:format',
  'GET /open311/v2/services/:service_code.:format',
  'GET /open311/v2/tokens/:token.:format',
  'GET /openapi.json',
  'GET /readyz',
  'POST /open311/v2/requests.:format',
];

/** Fills path parameters with plausible values, so the request reaches the route and not a 404. */
function fillParams(url: string): string {
  return url
    .replace(':code', '310112101')
    .replace(':year', '2026')
    .replace(':key', 'deadlines.replyWorkingDays')
    .replace(/:[A-Za-z]+/g, '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b');
}

describe('deny by default', () => {
  it('refuses to register an API route that declares no access rule', async () => {
    const fresh = await buildHttp(ctx, { authenticate: async () => {} });
    try {
      expect(() => fresh.get('/api/oops', async () => ({ ok: true }))).toThrow(/declares no access rule/);
      expect(() => fresh.post('/api/oops', { config: {} }, async () => ({ ok: true }))).toThrow(
        /POST \/api\/oops/,
      );
      expect(() =>
        fresh.route({ method: ['GET', 'POST'], url: '/api/oops2', handler: async () => ({}) }),
      ).toThrow(/declares no access rule/);
      // With a rule it registers; outside /api no rule is needed.
      fresh.get('/api/fine', { config: { access: 'authenticated' } }, async () => ({ ok: true }));
      fresh.get('/not-api', async () => ({ ok: true }));
      await fresh.ready();
      const urls = declaredRoutes(fresh).map((r) => `${r.method} ${r.url}`);
      expect(urls).toContain('GET /api/fine');
      expect(urls).not.toContain('GET /api/oops');
    } finally {
      await fresh.close();
    }
  });

  it('lists exactly the expected public API routes', () => {
    const routes = declaredRoutes(app);
    const api = routes.filter((r) => r.url.startsWith('/api'));
    expect(api.length).toBeGreaterThan(20);
    for (const r of api) expect(r.access, `${r.method} ${r.url}`).toBeDefined();
    const publicApi = api.filter((r) => r.access === 'public').map((r) => `${r.method} ${r.url}`);
    expect(publicApi.sort()).toEqual(PUBLIC_API_ROUTES);
    const other = routes.filter((r) => !r.url.startsWith('/api')).map((r) => `${r.method} ${r.url}`);
    expect(other.sort()).toEqual(NON_API_ROUTES);
  });

  it('answers 401 auth.unauthenticated on every other API route without a session', async () => {
    const guarded = declaredRoutes(app).filter((r) => r.url.startsWith('/api') && r.access !== 'public');
    const failures: string[] = [];
    for (const r of guarded) {
      const url = fillParams(r.url);
      // Without a body, with a valid-looking body and with a garbage body: authentication comes first.
      const bodies =
        r.method === 'GET' ? [undefined] : [undefined, {}, { value: 3, username: 'x', json: {} }, 'not json'];
      for (const body of bodies) {
        const res = await new Client(app).request(
          r.method as 'GET',
          url,
          body,
          typeof body === 'string' ? { 'content-type': 'application/json' } : {},
        );
        if (res.statusCode !== 401 || errorCode(res) !== 'auth.unauthenticated') {
          failures.push(
            `${r.method} ${url} body=${JSON.stringify(body)} → ${res.statusCode} ${res.body.slice(0, 120)}`,
          );
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('treats a forged or stale session cookie like no session', async () => {
    const c = new Client(app);
    c.cookies.set('lx_sid', 'forged-session-token');
    const res = await c.get('/api/auth/me');
    expect(res.statusCode).toBe(401);
    expect(['auth.unauthenticated', 'auth.session_expired']).toContain(errorCode(res));
    // A public page still works with the stale cookie.
    expect((await c.get('/api/public/townships')).statusCode).toBe(200);
  });
});
