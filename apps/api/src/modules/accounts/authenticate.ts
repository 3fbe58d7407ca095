import crypto from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../kernel/context';
import { authErrors } from '../../kernel/errors';
import type { AccessRule } from '../../kernel/http/access';
import { sha256 } from '../../kernel/ids';
import { resolveSession } from './sessions';

export const SESSION_COOKIE = 'lx_sid';
export const CSRF_COOKIE = 'lx_csrf';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function setSessionCookies(
  ctx: AppContext,
  reply: FastifyReply,
  token: string,
  csrfToken: string,
): void {
  const common = { path: '/', sameSite: 'lax' as const, secure: ctx.config.COOKIE_SECURE };
  reply.setCookie(SESSION_COOKIE, token, {
    ...common,
    httpOnly: true,
    maxAge: ctx.config.SESSION_MAX_HOURS * 3600,
  });
  // Readable by the web app, which echoes it in the x-csrf-token header (double submit).
  reply.setCookie(CSRF_COOKIE, csrfToken, {
    ...common,
    httpOnly: false,
    maxAge: ctx.config.SESSION_MAX_HOURS * 3600,
  });
}

export function clearSessionCookies(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
  reply.clearCookie(CSRF_COOKIE, { path: '/' });
}

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/**
 * Attaches the actor from the session cookie and enforces the route's access rule. Requests that
 * change something must carry the CSRF token that belongs to the session.
 */
export function authenticator(ctx: AppContext) {
  return async (req: FastifyRequest, rule: AccessRule): Promise<void> => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) {
      try {
        const s = await resolveSession(ctx, token);
        if (UNSAFE.has(req.method)) {
          const header = req.headers['x-csrf-token'];
          if (typeof header !== 'string' || !sameHash(sha256(header), s.csrfHash)) throw authErrors.csrf();
        }
        req.actor = { ...s.actor, ip: req.ip, requestId: req.id };
      } catch (err) {
        // A stale cookie on a public page is not an error; elsewhere it is.
        if (rule !== 'public') throw err;
      }
    }
    if (rule === 'public') return;
    const actor = req.actor;
    if (!actor) throw authErrors.unauthenticated();
    if (rule === 'authenticated') return;
    if (rule === 'citizen') {
      if (actor.kind !== 'citizen') throw authErrors.forbidden();
      return;
    }
    if (!actor.grants.some((g) => rule.roles.includes(g.role))) throw authErrors.forbidden();
  };
}
