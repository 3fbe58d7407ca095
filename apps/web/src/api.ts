import { messageFor } from '@lianxin/contracts';

/** An error from the API (or the network), with a stable code and Chinese text for people. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface FieldIssue {
  path: string;
  message: string;
}

/** Server validation errors may carry `details: [{ path, message }]`; anything else yields []. */
export function fieldIssues(error: unknown): FieldIssue[] {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return [];
  return error.details.flatMap((item: unknown) => {
    if (typeof item !== 'object' || item === null) return [];
    const { path, message } = item as { path?: unknown; message?: unknown };
    if (typeof message !== 'string') return [];
    const joined = Array.isArray(path) ? path.join('.') : typeof path === 'string' ? path : '';
    return [{ path: joined, message }];
  });
}

export function errorText(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return messageFor('common.internal');
}

const SESSION_CODES = new Set(['auth.unauthenticated', 'auth.session_expired']);

type AuthFailureHandler = (error: ApiError) => void;
let authFailureHandler: AuthFailureHandler | null = null;

/** The console registers a handler to send people back to its login page; returns an unsubscribe. */
export function onAuthFailure(handler: AuthFailureHandler): () => void {
  authFailureHandler = handler;
  return () => {
    if (authFailureHandler === handler) authFailureHandler = null;
  };
}

let csrfFromSession: string | null = null;

/** Remember the token from `me.csrfToken` in case the `lx_csrf` cookie is not readable. */
export function setCsrfToken(token: string | null): void {
  csrfFromSession = token;
}

function readCookie(name: string): string | null {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** Auth probes (`/api/auth/me`) must not trigger the console's login redirect. */
  quietAuth?: boolean;
}

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function parseError(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as {
      error?: { code?: unknown; message?: unknown; details?: unknown };
    };
    const code = typeof body.error?.code === 'string' ? body.error.code : 'common.internal';
    const serverText = typeof body.error?.message === 'string' ? body.error.message : undefined;
    return new ApiError(response.status, code, messageFor(code, serverText), body.error?.details);
  } catch {
    const code = response.status === 404 ? 'common.not_found' : 'common.internal';
    return new ApiError(response.status, code, messageFor(code));
  }
}

export async function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') {
    const token = readCookie('lx_csrf') ?? csrfFromSession;
    if (token) headers['x-csrf-token'] = token;
  }
  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'common.network', '网络连接失败，请检查网络后重试');
  }
  if (!response.ok) {
    const error = await parseError(response);
    if (response.status === 401 && SESSION_CODES.has(error.code) && !options.quietAuth) {
      authFailureHandler?.(error);
    }
    throw error;
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, options?: Omit<RequestOptions, 'body'>) => request<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('POST', path, { ...options, body: body ?? {} }),
  put: <T>(path: string, body: unknown, options?: RequestOptions) =>
    request<T>('PUT', path, { ...options, body }),
  patch: <T>(path: string, body: unknown, options?: RequestOptions) =>
    request<T>('PATCH', path, { ...options, body }),
  delete: <T>(path: string, options?: RequestOptions) => request<T>('DELETE', path, options),
};
