import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * Structured logs without personal data: request logs carry method, route template, status and
 * request id — never bodies, query strings, cookies or headers that identify a person.
 * `destination` defaults to stdout; tests pass a memory stream to inspect what would be written.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { app: 'lianxin' },
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'req.headers["x-csrf-token"]',
        '*.phone',
        '*.password',
        '*.code',
      ],
      censor: '[redacted]',
    },
    serializers: {
      req: (req: { id?: string; method?: string; url?: string; routeOptions?: { url?: string } }) => ({
        id: req.id,
        method: req.method,
        route: req.routeOptions?.url,
        path: req.url?.split('?')[0]?.replace(/\d{11}/g, '[number]'),
      }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
