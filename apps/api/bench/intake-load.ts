/**
 * The load generator of bench/intake.ts: autocannon plus the request bodies, in a process of its
 * own (forked by the bench, or imported to run in the server's process with BENCH_LOADER=inprocess),
 * so building and parsing 5,000 requests a second does not run on the server's event loop. Both
 * routes are driven by the same code in the same place.
 */
import crypto from 'node:crypto';
import autocannon, { type Result } from 'autocannon';

export interface Session {
  cookie: string;
  csrf: string;
}

/** What the bodies are made of: the region's townships (with a point), communities and categories. */
export interface BodyData {
  towns: Array<{ code: string; lat: number; lng: number }>;
  communities: string[];
  categories: string[];
}

export interface LoadJob {
  url: string;
  path: string;
  seconds: number;
  connections: number;
  data: BodyData;
  /** Signed-in citizens, used in turn (cookie + CSRF header); null for the bare baseline. */
  sessions: Session[] | null;
}

export interface Measured {
  rps: number;
  p50: number;
  p975: number;
  p99: number;
  max: number;
  ok: number;
  errors: number;
  non2xx: number;
  timeouts: number;
  /** CPU time per answered request, µs, by process (bench/intake.ts#cpuNow); absent off Linux. */
  cpu?: CpuPerRequest;
}

export interface CpuPerRequest {
  server: number;
  db: number;
  loader: number;
  total: number;
}

/** What a citizen submits from the portal form: a community chosen, or a point in a township. */
export function bodyMaker(d: BodyData) {
  let i = 0;
  return () => {
    i++;
    const base = {
      title: `小区门口路灯不亮第${i}次反映`,
      description: '晚上小区门口一段路没有路灯，老人孩子出行不方便，希望有关部门尽快修复。谢谢！',
      categoryCode: d.categories.length ? d.categories[i % d.categories.length] : undefined,
      allowDisclosure: i % 3 === 0,
      idempotencyKey: crypto.randomBytes(12).toString('base64url'),
    };
    if (i % 2 === 0 && d.towns.length) {
      const t = d.towns[i % d.towns.length]!;
      return {
        ...base,
        areaCode: t.code,
        lat: t.lat + ((i % 13) - 6) * 0.001,
        lng: t.lng + ((i % 7) - 3) * 0.001,
        address: `某某路${i % 900}号`,
      };
    }
    return { ...base, areaCode: d.communities[i % d.communities.length]! };
  };
}

function summarise(r: Result): Measured {
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p975: r.latency.p97_5,
    p99: r.latency.p99,
    max: r.latency.max,
    ok: r['2xx'],
    errors: r.errors,
    non2xx: r.non2xx,
    timeouts: r.timeouts,
  };
}

export async function runLoad(job: LoadJob): Promise<Measured> {
  const makeBody = bodyMaker(job.data);
  const sessions = job.sessions;
  let n = 0;
  const r = await autocannon({
    url: job.url,
    connections: job.connections,
    duration: job.seconds,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        path: job.path,
        setupRequest: (req) => {
          const headers: Record<string, string> = { 'content-type': 'application/json' };
          if (sessions) {
            const s = sessions[n++ % sessions.length]!;
            headers.cookie = s.cookie;
            headers['x-csrf-token'] = s.csrf;
          }
          return { ...req, headers, body: JSON.stringify(makeBody()) };
        },
      },
    ],
  });
  return summarise(r);
}

// Forked by the bench: one job per message, the result sent back.
if (process.env.LX_BENCH_LOAD_CHILD === '1' && process.send) {
  process.on('message', (job: LoadJob) => {
    runLoad(job).then(
      (m) => process.send!({ ok: true, result: m }),
      (err: unknown) => process.send!({ ok: false, error: String(err) }),
    );
  });
}
