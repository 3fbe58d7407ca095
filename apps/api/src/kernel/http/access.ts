import type { Role } from '@lianxin/contracts';

/**
 * Every API route declares who may call it in `config.access`; a route without a rule is refused
 * at registration (deny-by-default), so no endpoint is public by accident.
 *  - 'public': anyone, signed in or not (the actor is attached when present);
 *  - 'authenticated': any signed-in account (staff or citizen);
 *  - { roles }: staff holding one of these roles over some jurisdiction; the command then checks
 *    the target lies within that jurisdiction.
 */
export type AccessRule = 'public' | 'authenticated' | 'citizen' | { roles: readonly Role[] };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: AccessRule;
  }
}
