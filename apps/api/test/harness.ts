import crypto from 'node:crypto';
import fs from 'node:fs';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import postgres from 'postgres';
import { afterAll, inject } from 'vitest';
import { forgetCalendar } from '../src/kernel/calendar/service';
import { TestClock } from '../src/kernel/clock';
import { type Config, loadConfig } from '../src/kernel/config';
import type { AppContext } from '../src/kernel/context';
import { type Database, openDatabase } from '../src/kernel/db/client';
import { createLogger } from '../src/kernel/logger';
import { forgetJurisdictions } from '../src/modules/jurisdictions/jurisdictions.repository';
import { buildServer, type ContextOptions, createContext, type Server } from '../src/server';

export const DEMO_PASSWORD = 'Lianxin@2026';

/** An isolated copy of the migrated, seeded template database for this test file. */
export async function openTestDatabase(): Promise<{
  database: Database;
  url?: string;
  drop: () => Promise<void>;
}> {
  const started = Date.now();
  const tpl = inject('dbTemplate');
  forgetCalendar();
  forgetJurisdictions();
  let result: { database: Database; url?: string; drop: () => Promise<void> };
  if (tpl.kind === 'pglite') {
    const database = await openDatabase({ loadDump: tpl.dump });
    result = { database, drop: async () => {} };
  } else {
    const name = `lx_t_${process.ppid}_${crypto.randomBytes(5).toString('hex')}`;
    const admin = postgres(tpl.adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name} template ${tpl.template}`);
    const url = new URL(tpl.adminUrl);
    url.pathname = `/${name}`;
    const database = await openDatabase({ url: url.toString(), poolSize: 4 });
    result = {
      database,
      url: url.toString(),
      drop: async () => {
        await admin.unsafe(`drop database if exists ${name} with (force)`);
        await admin.end();
      },
    };
  }
  fs.appendFileSync(inject('statsFile'), `${JSON.stringify({ ms: Date.now() - started })}\n`);
  return result;
}

export interface TestEnv {
  server: Server;
  app: FastifyInstance;
  ctx: AppContext;
  clock: TestClock;
  database: Database;
  config: Config;
  /** A second connection pool to the same database (PostgreSQL only), e.g. for a second job runner. */
  url?: string;
}

/** Boots the whole server on an isolated database with a test clock; closed after the file. */
export async function startTestServer(
  opts: ContextOptions & { env?: Record<string, string> } = {},
): Promise<TestEnv> {
  const { database, url, drop } = await openTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', INTAKE_MODE: 'inline', ...opts.env });
  const clock = (opts.clock as TestClock | undefined) ?? new TestClock('2026-03-02T09:00:00+08:00');
  const ctx = createContext(config, database, {
    log: opts.log ?? createLogger('silent'),
    clock,
    sms: opts.sms,
  });
  const server = await buildServer(ctx);
  afterAll(async () => {
    await server.app.close();
    await database.close();
    await drop();
  });
  return { server, app: server.app, ctx, clock, database, config, url };
}

/** A signed-in browser-like client: keeps cookies and sends the CSRF header like the web app. */
export class Client {
  cookies = new Map<string, string>();
  csrf = '';
  constructor(
    private readonly app: FastifyInstance,
    readonly ip = '10.0.0.1',
  ) {}

  async request(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH',
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    const res = await this.app.inject({
      method,
      url,
      remoteAddress: this.ip,
      headers: {
        ...(this.cookies.size ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {}),
        ...(method !== 'GET' && this.csrf ? { 'x-csrf-token': this.csrf } : {}),
        ...headers,
      },
      ...(body === undefined ? {} : { payload: body as object }),
    });
    for (const c of res.cookies as Array<{ name: string; value: string; maxAge?: number }>) {
      if (c.value === '' || c.maxAge === 0) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    if (this.cookies.has('lx_csrf')) this.csrf = this.cookies.get('lx_csrf')!;
    return res;
  }

  get = (url: string) => this.request('GET', url);
  post = (url: string, body?: unknown) => this.request('POST', url, body ?? {});
  put = (url: string, body?: unknown) => this.request('PUT', url, body ?? {});

  async login(username: string, password = DEMO_PASSWORD): Promise<LightMyRequestResponse> {
    const res = await this.post('/api/auth/login', { username, password });
    if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
    return res;
  }
}

export async function signedIn(app: FastifyInstance, username: string): Promise<Client> {
  const c = new Client(app);
  await c.login(username);
  return c;
}

export function errorCode(res: LightMyRequestResponse): string | undefined {
  try {
    return (res.json() as { error?: { code?: string } }).error?.code;
  } catch {
    return undefined;
  }
}
