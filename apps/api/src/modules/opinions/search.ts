import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import { and, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../kernel/db/client';
import { cases } from '../../kernel/db/kernel.schema';
import { opinions } from './opinions.schema';

/**
 * Chinese keyword search on both databases. PostgreSQL's text-search parser does not segment
 * Chinese (and in the C locale drops it), so words are cut by jieba in the application and stored
 * as lexemes directly (`array_to_tsvector`, no parser, no stemming); the query is cut the same
 * way and its words ANDed. Indexing uses jieba's search mode, which also emits the shorter words
 * inside long ones (交通拥堵 → 交通, 拥堵, 交通拥堵), so a query for 拥堵 finds 交通拥堵.
 */
let jieba: Jieba | undefined;
export const segmenter = (): Jieba => {
  jieba ??= Jieba.withDict(dict); // ≈120 ms once per process
  return jieba;
};

const MAX_TOKEN = 32;
const wordish = (t: string) => /[\p{L}\p{N}]/u.test(t);
const clean = (ts: string[]) => [
  ...new Set(
    ts
      .map((t) => t.trim().toLowerCase())
      .filter((t) => t.length > 0 && t.length <= MAX_TOKEN && wordish(t))
      // tsquery syntax characters never matter for Chinese words; dropping them keeps literals safe.
      .map((t) => t.replace(/['\\:&|!()<>*\s]/g, ''))
      .filter((t) => t.length > 0),
  ),
];

/** The lexemes stored for a text (search mode: long words and the words inside them). */
export function indexTokens(...texts: Array<string | null | undefined>): string[] {
  return clean(texts.flatMap((t) => (t ? segmenter().cutForSearch(t, true) : [])));
}

/** The words of a query (precise mode: 加装电梯 → 加装, 电梯). */
export function queryTokens(q: string): string[] {
  return clean(segmenter().cut(q, true)).slice(0, 12);
}

/** The value for `opinions.search_vector`. */
export function searchVector(title: string, description: string): SQL {
  // One parameter (tokens never contain spaces), not one per word.
  return sql`array_to_tsvector(string_to_array(${indexTokens(title, description).join(' ')}, ' '))`;
}

const quote = (t: string) => `'${t}'`;

/** `'a' & 'b'` (all words) or `'a' | 'b'` (any word, for similarity). */
export function tsQuery(tokens: string[], op: '&' | '|' = '&'): SQL {
  return sql`${tokens.map(quote).join(` ${op} `)}::tsquery`;
}

/**
 * The condition for a keyword box: a tracking number matches exactly; otherwise every word must
 * occur. A query with no words (only punctuation) matches nothing rather than everything.
 */
export function keywordCondition(q: string): SQL {
  const trimmed = q.trim();
  if (/^[A-Z]{2}\d{6,}$/i.test(trimmed)) return sql`${cases.trackingNo} = ${trimmed.toUpperCase()}`;
  const tokens = queryTokens(trimmed);
  if (tokens.length === 0) return sql`false`;
  return sql`${opinions.searchVector} @@ ${tsQuery(tokens)}`;
}

/**
 * Fills `search_vector` for cases filed before search existed (or by a bulk load), one UPDATE per
 * batch; a no-op once every row has its vector. Started in the background at start-up, so a large
 * region upgrades without delaying the server (search finds the older cases as they are filled).
 */
export async function backfillSearchVectors(db: Db, batch = 500): Promise<number> {
  let done = 0;
  for (;;) {
    const rows = await db
      .select({
        regionCode: opinions.regionCode,
        caseId: opinions.caseId,
        title: cases.title,
        body: opinions.description,
      })
      .from(opinions)
      .innerJoin(cases, and(eq(cases.regionCode, opinions.regionCode), eq(cases.id, opinions.caseId)))
      .where(isNull(opinions.searchVector))
      .limit(batch);
    if (rows.length === 0) return done;
    const values = sql.join(
      rows.map((r) => sql`(${r.regionCode}, ${r.caseId}::uuid, ${indexTokens(r.title, r.body).join(' ')})`),
      sql`, `,
    );
    await db.execute(sql`update opinions o
      set search_vector = array_to_tsvector(string_to_array(v.tokens, ' '))
      from (values ${values}) as v(region_code, case_id, tokens)
      where o.region_code = v.region_code and o.case_id = v.case_id`);
    done += rows.length;
  }
}
