import { messageFor } from '@lianxin/contracts';

/**
 * A failure the user can act on. Every module creates its errors through `domainErrors` so codes
 * are namespaced (`opinions.not_assignable`) and carry an HTTP status; the HTTP layer renders
 * them as `{ error: { code, message, details } }`.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message?: string,
    readonly details?: unknown,
  ) {
    super(message ?? messageFor(code));
  }
}

export function domainErrors<const T extends Record<string, number>>(module: string, statuses: T) {
  return Object.fromEntries(
    Object.entries(statuses).map(([name, status]) => [
      name,
      (details?: unknown, message?: string) => new AppError(`${module}.${name}`, status, message, details),
    ]),
  ) as { [K in keyof T]: (details?: unknown, message?: string) => AppError };
}

export const commonErrors = domainErrors('common', {
  validation: 400,
  bad_request: 400,
  not_found: 404,
  rate_limited: 429,
  payload_too_large: 413,
});

export const authErrors = domainErrors('auth', {
  unauthenticated: 401,
  session_expired: 401,
  forbidden: 403,
  out_of_scope: 403,
  invalid_credentials: 401,
  locked: 423,
  disabled: 403,
  csrf: 403,
  totp_required: 401,
  totp_invalid: 401,
  otp_invalid: 401,
  otp_rate_limited: 429,
  weak_password: 400,
});
