import type { FastifyInstance } from 'fastify';
import client from 'prom-client';

export const registry = new client.Registry();
client.collectDefaultMetrics({ register: registry, prefix: 'lianxin_' });

const duration = new client.Histogram({
  name: 'lianxin_http_request_duration_seconds',
  help: 'HTTP request duration by route template and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [registry],
});

let inFlight = 0;
/** Requests this process is serving now: background work (filing queued submissions) yields to them. */
export const requestsInFlight = () => inFlight;

/** Labels use the route template (/api/cases/:id), never the raw URL: bounded cardinality, no PII. */
export function httpMetrics(app: FastifyInstance): void {
  // The response's 'close' event fires exactly once, whether it was sent or its connection went
  // away first; Fastify's onResponse/onRequestAbort pair missed requests cut off mid-response (a
  // load generator stopping left the count at ~150, and filing then waited 0.5 s per case forever).
  app.addHook('onRequest', async (_req, reply) => {
    inFlight++;
    reply.raw.once('close', () => {
      inFlight--;
    });
  });
  app.addHook('onResponse', async (req, reply) => {
    duration.observe(
      { method: req.method, route: req.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
}
