import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { httpMetrics, requestsInFlight } from './metrics';

const apps: Array<{ close(): Promise<unknown> }> = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.close();
});

/** An app whose one route answers when the test says so. */
async function server() {
  const waiting: Array<() => void> = [];
  const app = Fastify();
  apps.push(app);
  httpMetrics(app);
  app.route({
    method: ['GET', 'POST'],
    url: '/slow',
    handler: async () => {
      await new Promise<void>((r) => waiting.push(r));
      return { ok: true };
    },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return {
    port,
    release: () => {
      for (const r of waiting.splice(0)) r();
    },
    waiting,
  };
}

const until = async (cond: () => boolean) => {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
};

describe('requests in flight', () => {
  it('counts a request while it is served and not after it is answered', async () => {
    const s = await server();
    const done = fetch(`http://127.0.0.1:${s.port}/slow`);
    await until(() => s.waiting.length === 1);
    expect(requestsInFlight()).toBe(1);
    s.release();
    expect((await done).status).toBe(200);
    await until(() => requestsInFlight() === 0);
    expect(requestsInFlight()).toBe(0);
  });

  it('returns to zero when clients hang up after sending a body, before the answer (a load generator stopping)', async () => {
    const s = await server();
    const reqs = Array.from({ length: 10 }, () => {
      const r = http.request({
        port: s.port,
        host: '127.0.0.1',
        path: '/slow',
        method: 'POST',
        headers: { 'content-type': 'application/json' },
      });
      r.on('error', () => {});
      r.end(JSON.stringify({ title: '路灯不亮' }));
      return r;
    });
    await until(() => s.waiting.length === 10);
    // The bodies were read, so Fastify's onRequestAbort does not fire (req.aborted stays false), and
    // the answers go into closed sockets, so 'finish' (onResponse) never comes either.
    for (const r of reqs) r.destroy();
    await new Promise((r) => setTimeout(r, 100));
    s.release();
    await until(() => requestsInFlight() === 0);
    expect(requestsInFlight()).toBe(0);
  });
});
