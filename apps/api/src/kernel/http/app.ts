import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { messageFor } from '@lianxin/contracts';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type RawServerDefault,
} from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../auth/actor';
import type { AppContext } from '../context';
import { AppError } from '../errors';
import { uuidv7 } from '../ids';
import type { AccessRule } from './access';
import { httpMetrics } from './metrics';

// Validation messages that a schema does not spell out itself come in Chinese too.
z.config(z.locales.zhCN());

export type App = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

declare module 'fastify' {
  interface FastifyRequest {
    actor?: Actor;
  }
}

export interface HttpOptions {
  /** Attaches the signed-in actor (if any) and enforces the route's access rule. */
  authenticate: (req: FastifyRequest, rule: AccessRule) => Promise<void>;
  webDist?: string;
}

/** One registered route and the access rule it declared (for tests and the route inventory). */
export interface DeclaredRoute {
  method: string;
  url: string;
  access?: AccessRule;
  /** A route's own body limit when it accepts more than the default (e.g. spreadsheet uploads). */
  bodyLimit?: number;
}

const declared = new WeakMap<object, DeclaredRoute[]>();

/** Every route registered on an app built by `buildHttp`, in registration order (HEAD twins omitted). */
export function declaredRoutes(app: FastifyInstance): DeclaredRoute[] {
  return [...(declared.get(app) ?? [])];
}

function errorBody(code: string, message?: string, details?: unknown) {
  return {
    error: { code, message: message ?? messageFor(code), ...(details === undefined ? {} : { details }) },
  };
}

/** Maps Fastify's own 4xx errors (bad JSON, too large, wrong content type) to our codes. */
function frameworkCode(statusCode: number): string {
  if (statusCode === 413) return 'common.payload_too_large';
  if (statusCode === 404) return 'common.not_found';
  if (statusCode === 429) return 'common.rate_limited';
  return 'common.bad_request';
}

export async function buildHttp(ctx: AppContext, opts: HttpOptions): Promise<App> {
  const app: App = Fastify({
    loggerInstance: ctx.log as FastifyBaseLogger,
    genReqId: (req) => {
      // Only a UUID is taken from a proxy's x-request-id: free text could smuggle personal data into logs.
      const given = req.headers['x-request-id'];
      return typeof given === 'string' &&
        /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(given)
        ? given
        : uuidv7();
    },
    bodyLimit: 1024 * 1024,
    trustProxy: true,
    // Errors the router raises before any route runs (a malformed %-escape, a path parameter over
    // maxParamLength): answer in our shape, not Fastify's English one.
    frameworkErrors: (err, _req, reply) => {
      const status = err.statusCode ?? 400;
      const r = reply as FastifyReply;
      if (status >= 500) return r.status(500).send(errorBody('common.internal'));
      return r.status(status).send(errorBody(frameworkCode(status)));
    },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(cookie);
  httpMetrics(app);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: '连心 Lianxin API',
        version: '0.1.0',
        description: '人大代表联络平台接口。错误统一为 { error: { code, message, details } }。',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'lx_sid' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list' } });

  // Deny by default: an API route must say who may call it.
  const routes: DeclaredRoute[] = [];
  declared.set(app, routes);
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api') && !route.config?.access) {
      throw new Error(`route ${route.method} ${route.url} declares no access rule`);
    }
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD')
        routes.push({ method, url: route.url, access: route.config?.access, bodyLimit: route.bodyLimit });
    }
  });
  // Authenticate in onRequest, before the body is read or validated: an anonymous caller must get
  // 401 and nothing else — not a 413 for a large body nor the validation details of a form.
  app.addHook('onRequest', async (req) => {
    const rule = req.routeOptions.config?.access;
    if (rule) await opts.authenticate(req, rule);
  });

  app.setErrorHandler((err, req, reply) => {
    if (err instanceof AppError) {
      return reply.status(err.status).send(errorBody(err.code, err.message, err.details));
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const details = err.validation.map((v) => ({
        path: `${err.validationContext ?? ''}${v.instancePath}`.replaceAll('/', '.'),
        message: v.message ?? '格式不正确',
      }));
      return reply.status(400).send(errorBody('common.validation', undefined, details));
    }
    if (isResponseSerializationError(err)) {
      req.log.error({ err: err.cause?.message, url: req.routeOptions.url }, 'response failed its schema');
      return reply.status(500).send(errorBody('common.internal'));
    }
    const status = (err as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) {
      return reply.status(status).send(errorBody(frameworkCode(status)));
    }
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send(errorBody('common.internal'));
  });

  const webDist =
    opts.webDist && fs.existsSync(path.join(opts.webDist, 'index.html')) ? opts.webDist : undefined;
  if (webDist) {
    await app.register(fastifyStatic, { root: webDist, prefix: '/', wildcard: false, index: false });
  }
  app.setNotFoundHandler((req, reply) => {
    const url = req.url.split('?')[0] ?? '/';
    if (url.startsWith('/api') || req.method !== 'GET' || !webDist) {
      return reply.status(404).send(errorBody('common.not_found'));
    }
    // The single-page app handles its own routes (/, /stations, /console/...).
    return reply.type('text/html; charset=utf-8').sendFile('index.html');
  });

  app.get('/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
  return app;
}
