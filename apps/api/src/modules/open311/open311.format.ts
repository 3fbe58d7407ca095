/**
 * GeoReport v2 wire formats: JSON arrays and the XML of the spec's examples
 * (`<service_requests><request>…</request></service_requests>`, `<errors><error>…`), UTF-8,
 * date-times in W3C/ISO 8601 with an offset (China Standard Time, +08:00).
 */

export type Format = 'json' | 'xml';
export const FORMATS: readonly Format[] = ['json', 'xml'];
export const contentType: Record<Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

/** A GeoReport error: `code` is also the HTTP status (400 bad input, 403 api_key, 404 unknown, 429). */
export class Open311Error extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
  ) {
    super(description);
  }
}
export const bad = (d: string) => new Open311Error(400, d);
export const notFound = (d: string) => new Open311Error(404, d);
export const forbidden = (d: string) => new Open311Error(403, d);

/** `2026-03-02T09:00:00+08:00`: the spec's w3 format, in the time zone of the jurisdiction. */
export function w3(d: Date | null | undefined): string | null {
  if (!d) return null;
  const t = new Date(d.getTime() + 8 * 3600_000).toISOString();
  return `${t.slice(0, 19)}+08:00`;
}

const W3 = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** Parses a w3 date-time (a bare date means midnight in China); null when it is not one. */
export function parseW3(s: string): Date | null {
  // An unencoded `+08:00` in a query string arrives as ` 08:00`.
  const m = W3.exec(s.replace(/ (\d{2}:\d{2})$/, '+$1'));
  if (!m) return null;
  const [, y, mo, d, h, mi, sec, zone] = m;
  const iso = h ? `${y}-${mo}-${d}T${h}:${mi}:${sec ?? '00'}${zone}` : `${y}-${mo}-${d}T00:00:00+08:00`;
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return null;
  // Reject dates that JavaScript silently rolls over (2026-02-30 → March 2).
  const check = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d)) return null;
  return t;
}

// Characters XML 1.0 does not allow, even escaped.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly what is removed
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeXml(s: string): string {
  return s
    .replace(INVALID_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Element names of list items: `attributes` → `attribute`, `values` → `value`, `formats` → `format`. */
const itemTag = (list: string) => list.replace(/s$/, '');

function element(name: string, value: unknown): string {
  if (value === null || value === undefined) return `<${name}/>`;
  if (Array.isArray(value)) {
    if (value.length === 0) return `<${name}/>`;
    return `<${name}>${value.map((v) => element(itemTag(name), v)).join('')}</${name}>`;
  }
  if (typeof value === 'object') {
    const inner = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => element(k, v))
      .join('');
    return `<${name}>${inner}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** An XML document: `<root>` holding one `<item>` per entry (or a single object as the root). */
export function toXml(root: string, item: string | null, body: unknown): string {
  const inner = Array.isArray(body)
    ? body.map((b) => element(item ?? itemTag(root), b)).join('')
    : Object.entries(body as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => element(k, v))
        .join('');
  return `<?xml version="1.0" encoding="utf-8"?>\n<${root}>${inner}</${root}>\n`;
}

export function render(format: Format, root: string, item: string | null, body: unknown): string {
  return format === 'json' ? JSON.stringify(body) : toXml(root, item, body);
}

export function renderErrors(format: Format, errors: Array<{ code: number; description: string }>): string {
  return render(format, 'errors', 'error', errors);
}
