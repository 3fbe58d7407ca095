import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { type DeclaredRoute, declaredRoutes } from '../src/kernel/http/app';
import { citizen } from '../src/modules/receptions/receptions.fixtures';
import { Client, signedIn, startTestServer } from './harness';

const env = await startTestServer();
const { app } = env;

const CHINESE = /[\u4e00-\u9fa5]/;
const SQLI = "'; drop table x; --";
const LONG = 'x'.repeat(5000);
const UUID = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';

/** A plausible value per path parameter, so that only the part under test is hostile. */
const GOOD_PARAMS: Record<string, string> = {
  code: '310112101',
  year: '2026',
  key: 'deadlines.replyWorkingDays',
  id: UUID,
};
/** Hostile path parameter values; each must be refused (4xx). */
const BAD_PARAMS = [
  'abc',
  SQLI,
  '-1',
  '0',
  '1e309',
  '99999999999999999999999',
  '%00',
  '..%2F..%2Fetc%2Fpasswd',
  'not-a-uuid',
  LONG,
  '%E4%BD%A0%E5%A5%BD',
  '%E4%BD',
  '%',
];
/** Hostile query strings; the route may ignore what it does not know, but must never fail. */
const BAD_QUERIES = [
  `scope=${encodeURIComponent(SQLI)}`,
  'scope=-1',
  'scope=99999999999999999999',
  'scope=abc',
  'limit=-1',
  'limit=0',
  'limit=1e309',
  'limit=99999999999999999999',
  'limit=abc',
  'before=-5',
  'before=99999999999999999999',
  'before=1.5',
  'action=%25',
  'action=%5C',
  `action=${encodeURIComponent(SQLI)}`,
  'q=%5C',
  'q=%25_',
  `q=${encodeURIComponent(SQLI)}`,
  `q=${LONG}`,
  'township=abc',
  `township=${encodeURIComponent(SQLI)}`,
  'from=2026-02-30',
  'from=abc&days=1',
  'from=2026-03-02&days=-1',
  'from=2026-03-02&days=99999999999999999999',
  'from=2026-03-02&days=1e309',
  'scope=310112&scope=310112101',
  'limit=1&limit=2',
  '__proto__[x]=1',
  'constructor[prototype][x]=1',
];
/** Hostile JSON bodies: wrong types, wrong shapes, prototype pollution, deep nesting. */
const BAD_BODIES: unknown[] = [
  [],
  'a string',
  12345,
  null,
  {
    value: 'x',
    username: 123,
    password: [],
    phone: { a: 1 },
    code: 123456,
    json: 'x',
    displayName: null,
    role: 'root',
    scopeCode: SQLI,
  },
  { value: -1, phone: SQLI, code: SQLI, username: SQLI, password: SQLI, json: { year: -1 } },
  { value: 1e308, phone: '1'.repeat(11), code: '00000', json: [] },
  { value: { nested: { deeper: [1, 2, 3] } }, json: { days: 'x' } },
  JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}'),
];
const MALFORMED = [
  '{"a":',
  '{a:1}',
  "{'a':1}",
  '[1,2',
  'nul',
  '{"a":1}}',
  '\u0000',
  '',
  `${'['.repeat(100_000)}1`,
];
/** Valid JSON but absurdly deep: parsed, then refused by the schema or ignored by the route. */
const DEEP = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;

/** Routes for citizens only are probed as a citizen signed in by SMS code. */
const CITIZEN = 'citizen:13911119999';

function userFor(r: DeclaredRoute): string | null {
  const rule = r.access;
  if (rule === 'public') return null;
  if (rule === 'authenticated') return 'district';
  if (rule === 'citizen') return CITIZEN;
  if (rule === undefined) throw new Error(`no test user for ${r.method} ${r.url}: add one`);
  if (rule.roles.includes('congress_staff')) return 'district';
  if (rule.roles.includes('department_handler')) return 'dept1';
  if (rule.roles.includes('sysadmin')) return 'admin';
  if (rule.roles.includes('secadmin')) return 'security';
  if (rule.roles.includes('auditadmin')) return 'auditor';
  if (rule.roles.includes('procuratorate_liaison')) return 'procurator1';
  if (rule.roles.includes('deputy')) return 'deputy1';
  return 'district';
}

function fill(url: string, override?: [string, string]): string {
  return url.replace(/:(\w+)/g, (_m, name: string) =>
    override && override[0] === name ? override[1] : (GOOD_PARAMS[name] ?? UUID),
  );
}

interface Probe {
  method: string;
  url: string;
  body?: unknown;
  raw?: string;
  contentType?: string;
  /** The input is invalid: the answer must be 4xx. Otherwise a 2xx is acceptable too. */
  mustRefuse: boolean;
  expectStatus?: number;
}

function probesFor(r: DeclaredRoute): Probe[] {
  const probes: Probe[] = [];
  const base = fill(r.url);
  const hasBody = r.method !== 'GET' && r.method !== 'HEAD';
  for (const name of [...r.url.matchAll(/:(\w+)/g)].map((m) => m[1]!)) {
    for (const bad of BAD_PARAMS) {
      // A settings key or a message id may legitimately look like anything; all must still be refused.
      probes.push({
        method: r.method,
        url: fill(r.url, [name, bad]),
        body: hasBody ? {} : undefined,
        mustRefuse: true,
      });
    }
  }
  for (const q of BAD_QUERIES)
    probes.push({ method: r.method, url: `${base}?${q}`, body: hasBody ? {} : undefined, mustRefuse: false });
  if (hasBody) {
    for (const body of BAD_BODIES) probes.push({ method: r.method, url: base, body, mustRefuse: false });
    for (const raw of MALFORMED)
      probes.push({
        method: r.method,
        url: base,
        raw,
        contentType: 'application/json',
        mustRefuse: true,
        expectStatus: 400,
      });
    probes.push({
      method: r.method,
      url: base,
      raw: DEEP,
      contentType: 'application/json',
      mustRefuse: false,
    });
    probes.push({
      method: r.method,
      url: base,
      raw: JSON.stringify({ value: 'x'.repeat((r.bodyLimit ?? 1024 * 1024) + 10) }),
      contentType: 'application/json',
      mustRefuse: true,
      expectStatus: 413,
    });
    probes.push({
      method: r.method,
      url: base,
      raw: 'value=1',
      contentType: 'application/x-www-form-urlencoded',
      mustRefuse: true,
      expectStatus: 415,
    });
    probes.push({
      method: r.method,
      url: base,
      raw: '<x/>',
      contentType: 'text/xml',
      mustRefuse: true,
      expectStatus: 415,
    });
  }
  return probes;
}

/** Signs in once per user; a probe that ends the session (logout) gets a fresh one next time. */
const clients = new Map<string, Client>();
async function clientFor(user: string | null): Promise<Client> {
  if (user === null) return new Client(app, '10.0.0.77');
  let c = clients.get(user);
  if (!c) {
    c = user.startsWith('citizen:')
      ? await citizen(env, user.slice('citizen:'.length))
      : await signedIn(app, user);
    clients.set(user, c);
  }
  return c;
}

function problem(p: Probe, res: LightMyRequestResponse): string | null {
  const where = `${p.method} ${p.url.slice(0, 120)} ${p.raw !== undefined ? `raw=${JSON.stringify(p.raw.slice(0, 30))}` : `body=${JSON.stringify(p.body)?.slice(0, 60)}`}`;
  if (res.statusCode >= 500) return `${where} → ${res.statusCode} ${res.body.slice(0, 200)}`;
  if (p.expectStatus && res.statusCode !== p.expectStatus)
    return `${where} → ${res.statusCode}, expected ${p.expectStatus}: ${res.body.slice(0, 200)}`;
  if (p.mustRefuse && res.statusCode < 400) return `${where} → ${res.statusCode}, expected a refusal`;
  if (res.statusCode >= 400) {
    let body: { error?: { code?: unknown; message?: unknown; details?: Array<{ message?: unknown }> } };
    try {
      body = res.json();
    } catch {
      return `${where} → ${res.statusCode} with a non-JSON body: ${res.body.slice(0, 100)}`;
    }
    const e = body.error;
    if (typeof e?.code !== 'string' || !/^[a-z_]+\.[a-z_]+$/.test(e.code))
      return `${where} → ${res.statusCode} without an error code: ${res.body.slice(0, 200)}`;
    if (typeof e.message !== 'string' || !CHINESE.test(e.message))
      return `${where} → ${e.code} without a Chinese message: ${e.message}`;
    for (const d of Array.isArray(e.details) ? e.details : []) {
      if (typeof d?.message === 'string' && !CHINESE.test(d.message))
        return `${where} → ${e.code} with a non-Chinese detail: ${d.message}`;
    }
    if (/stack|at \w+ \(|node_modules|PostgresError|drizzle|select |insert /i.test(res.body))
      return `${where} → leaks internals: ${res.body.slice(0, 200)}`;
  }
  return null;
}

async function snapshot() {
  const district = await signedIn(app, 'district');
  const settings = (await district.get('/api/settings?scope=310112101')).json();
  const accounts = (await (await signedIn(app, 'security')).get('/api/accounts')).json();
  const roots = (await (await signedIn(app, 'xinzhuang')).get('/api/jurisdictions/roots')).json();
  return {
    settings,
    accounts: accounts.items.map((a: { id: string; status: string; locked: boolean }) => [
      a.id,
      a.status,
      a.locked,
    ]),
    roots,
  };
}

describe('hostile input on every API route', () => {
  const routes = declaredRoutes(app).filter((r) => r.url.startsWith('/api'));

  it('covers the whole API', () => {
    expect(routes.length).toBeGreaterThan(20);
    for (const r of routes) expect(() => userFor(r)).not.toThrow();
  });

  it('answers 4xx with a coded Chinese error, never 5xx, and changes nothing', {
    timeout: 240_000,
  }, async () => {
    const before = await snapshot();
    const problems: string[] = [];
    let sent = 0;
    for (const r of routes) {
      const user = userFor(r);
      for (const p of probesFor(r)) {
        const c = await clientFor(user);
        const res =
          p.raw !== undefined
            ? await c.request(p.method as 'POST', p.url, p.raw, { 'content-type': p.contentType! })
            : await c.request(p.method as 'POST', p.url, p.body);
        sent++;
        const issue = problem(p, res);
        if (issue) problems.push(issue);
        // The session must survive hostile input, except where the route itself ends it.
        if (user && r.url === '/api/auth/logout') clients.delete(user);
        else if (user && res.statusCode === 401)
          problems.push(`${p.method} ${p.url.slice(0, 80)} lost the session of ${user}`);
      }
    }
    expect(sent).toBeGreaterThan(500);
    expect(problems).toEqual([]);

    // Nothing moved: the same settings, accounts and jurisdictions; the audit chain is intact.
    expect(await snapshot()).toEqual(before);
    const verify = await (await signedIn(app, 'auditor')).post('/api/audit/verify');
    expect(verify.json()).toMatchObject({ ok: true, firstBrokenSeq: null });
    // A search is literal: '%' and '_' are not wildcards.
    const security = await signedIn(app, 'security');
    expect((await security.get('/api/accounts?q=%25')).json().items).toEqual([]);
    expect((await security.get('/api/accounts?q=_')).json().items).toEqual([]);
    expect(
      (await security.get('/api/accounts?q=xinzh')).json().items.map((a: { username: string }) => a.username),
    ).toEqual(['xinzhuang']);
    const tables = (
      await env.database.sql`select count(*) as n from information_schema.tables where table_name = 'x'`
    )[0]!;
    expect(Number(tables.n)).toBe(0);
  });
});
