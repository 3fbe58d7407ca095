import formbody from '@fastify/formbody';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../kernel/context';
import type { App } from '../../kernel/http/app';
import {
  contentType,
  FORMATS,
  type Format,
  notFound,
  Open311Error,
  render,
  renderErrors,
} from './open311.format';
import {
  createRequest,
  getRequest,
  getToken,
  jurisdictionFor,
  listRequests,
  listServices,
  type RequestsQuery,
  serviceDefinition,
} from './open311.usecases';

const SPEC = 'http://wiki.open311.org/GeoReport_v2';
/** When this implementation of the endpoint last changed (discovery's `changeset`). */
const CHANGESET = '2026-11-23T00:00:00+08:00';

/** The format a request asked for (the URL's extension); JSON when it named none we serve. */
function formatOf(req: FastifyRequest): Format {
  const ext = /\.([a-z]+)$/.exec((req.url.split('?')[0] ?? '').toLowerCase())?.[1];
  return ext === 'xml' ? 'xml' : 'json';
}

function send(reply: FastifyReply, format: Format, status: number, body: string) {
  return reply.status(status).type(contentType[format]).send(body);
}

function checkFormat(format: string): Format {
  if ((FORMATS as readonly string[]).includes(format)) return format as Format;
  throw notFound('不支持该格式，请使用 .json 或 .xml');
}

/** A query parameter given once (repeats are joined with commas, as the spec's lists are). */
function queryOf(req: FastifyRequest): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries((req.query ?? {}) as Record<string, unknown>)) {
    if (typeof v === 'string') out[k] = v;
    else if (Array.isArray(v) && v.every((x) => typeof x === 'string')) out[k] = v.join(',');
  }
  return out;
}

/**
 * Open311 GeoReport v2 at /open311/v2 (discovery at /open311/discovery.{json,xml}). Outside /api:
 * no session and no CSRF; every route still declares `access: 'public'` for the route inventory.
 * Reading needs no key; POST requests checks its `api_key` itself. Errors use the spec's shape
 * (`[{"code":400,"description":"…"}]` / `<errors><error>…`) with the matching HTTP status.
 */
export function open311Routes(app: App, ctx: AppContext): void {
  app.register(
    async (scope) => {
      // Form bodies (the spec's encoding) are parsed here only: /api keeps refusing them with 415.
      await scope.register(formbody, { bodyLimit: 64 * 1024 });

      scope.setErrorHandler((err, req, reply) => {
        const format = formatOf(req);
        if (err instanceof Open311Error)
          return send(
            reply,
            format,
            err.code,
            renderErrors(format, [{ code: err.code, description: err.description }]),
          );
        const status = (err as { statusCode?: number }).statusCode;
        if (status && status >= 400 && status < 500) {
          const description =
            status === 413
              ? '请求内容过大'
              : status === 415
                ? '请使用 application/x-www-form-urlencoded 或 JSON 提交'
                : '请求格式不正确';
          return send(reply, format, status, renderErrors(format, [{ code: status, description }]));
        }
        req.log.error({ err }, 'open311 request failed');
        return send(
          reply,
          format,
          500,
          renderErrors(format, [{ code: 500, description: '服务暂时不可用，请稍后再试' }]),
        );
      });
      scope.setNotFoundHandler((req, reply) => {
        const format = formatOf(req);
        return send(reply, format, 404, renderErrors(format, [{ code: 404, description: '未找到该资源' }]));
      });

      const config = { access: 'public' as const };
      const schema = { tags: ['Open311'] };
      type P<T extends string> = { Params: Record<T | 'format', string> };

      scope.get<P<never>>(
        '/discovery.:format',
        { config, schema: { ...schema, summary: 'Open311 服务发现' } },
        async (req, reply) => {
          const format = checkFormat(req.params.format);
          const region = await jurisdictionFor(ctx, undefined);
          // The configured address, never the request's Host header (which a client or cache controls).
          const base = ctx.config.publicBaseUrl;
          const contact = `${region.name}人大常委会办公室（接口密钥由系统管理员在工作台“接口密钥”中签发）`;
          const body = {
            changeset: CHANGESET,
            contact,
            key_service: contact,
            endpoints: [
              {
                specification: SPEC,
                url: `${base}/open311/v2`,
                changeset: CHANGESET,
                type: 'production',
                formats: ['text/xml', 'application/json'],
              },
            ],
          };
          return send(reply, format, 200, render(format, 'discovery', null, body));
        },
      );

      scope.get<P<never>>(
        '/v2/services.:format',
        { config, schema: { ...schema, summary: 'GET Service List：服务类型（问题分类）' } },
        async (req, reply) => {
          const format = checkFormat(req.params.format);
          const services = await listServices(ctx, queryOf(req).jurisdiction_id);
          return send(reply, format, 200, render(format, 'services', 'service', services));
        },
      );

      scope.get<P<'service_code'>>(
        '/v2/services/:service_code.:format',
        { config, schema: { ...schema, summary: 'GET Service Definition' } },
        async (req, reply) => {
          const format = checkFormat(req.params.format);
          const def = await serviceDefinition(ctx, req.params.service_code, queryOf(req).jurisdiction_id);
          return send(reply, format, 200, render(format, 'service_definition', null, def));
        },
      );

      scope.post<P<never>>(
        '/v2/requests.:format',
        { config, schema: { ...schema, summary: 'POST Service Request（需 api_key）' } },
        async (req, reply) => {
          const format = checkFormat(req.params.format);
          const body = req.body;
          if (!body || typeof body !== 'object' || Array.isArray(body))
            throw new Open311Error(400, '请使用 application/x-www-form-urlencoded 提交表单字段');
          const out = await createRequest(ctx, body as Record<string, unknown>);
          return send(reply, format, 200, render(format, 'service_requests', 'request', out));
        },
      );

      scope.get<P<never>>(
        '/v2/requests.:format',
        { config, schema: { ...schema, summary: 'GET Service Requests（已脱敏）' } },
        async (req, reply) => {
          const format = checkFormat(req.params.format);
          const out = await listRequests(ctx, queryOf(req) as RequestsQuery);
          return send(reply, format, 200, render(format, 'service_requests', 'request', out));
        },
      );

      scope.get<P<'service_request_id'>>(
        '/v2/requests/:service_request_id.:format',
        { config, schema: { ...schema, summary: 'GET Service Request（已脱敏）' } },
        async (req, reply) => {
          const format = checkFormat(req.params.format);
          const q = queryOf(req);
          const out = await getRequest(ctx, req.params.service_request_id, q.jurisdiction_id, q.api_key);
          return send(reply, format, 200, render(format, 'service_requests', 'request', out));
        },
      );

      scope.get<P<'token'>>(
        '/v2/tokens/:token.:format',
        { config, schema: { ...schema, summary: 'GET service_request_id from a token' } },
        async (req, reply) => {
          const format = checkFormat(req.params.format);
          const q = queryOf(req);
          const out = await getToken(ctx, req.params.token, q.jurisdiction_id, q.api_key);
          return send(reply, format, 200, render(format, 'service_requests', 'request', out));
        },
      );
    },
    { prefix: '/open311' },
  );
}
