import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from '../../schema';
import { type EmbeddedServer, startEmbedded } from './embedded';

export type Schema = typeof schema;
export type Db = PostgresJsDatabase<Schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Anything that runs queries: the database or an open transaction. */
export type Executor = Db | Tx;

export interface Database {
  kind: 'pglite' | 'postgres';
  db: Db;
  sql: postgres.Sql;
  embedded?: EmbeddedServer;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgres://… to use a PostgreSQL server; otherwise the embedded PGlite. */
  url?: string;
  /** Folder for the embedded database; omit with `memory`. */
  dataDir?: string;
  /** Start the embedded database from a dump (tests). */
  loadDump?: string;
  poolSize?: number;
}

/**
 * The one place where driver differences are normalised: int8 (count(*), bigserial RETURNING)
 * is parsed to a JS number on both PGlite and PostgreSQL, so no caller ever sees a string.
 */
const int8AsNumber = {
  to: 20,
  from: [20],
  serialize: (x: number | bigint | string) => String(x),
  parse: (x: string) => Number(x),
};

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  let embedded: EmbeddedServer | undefined;
  let sql: postgres.Sql;
  const common = {
    onnotice: () => {},
    types: { int8: int8AsNumber },
    connection: { application_name: 'lianxin' },
  } as const;
  if (opts.url) {
    sql = postgres(opts.url, { ...common, max: opts.poolSize ?? 10 });
  } else {
    embedded = await startEmbedded({ dataDir: opts.dataDir, loadDump: opts.loadDump });
    // The embedded server accepts one connection (see pglite-server.mjs): PGlite runs one query
    // at a time anyway, so a single pooled connection costs no throughput.
    sql = postgres({
      ...common,
      path: embedded.socketPath,
      user: 'postgres',
      database: 'postgres',
      max: 1,
      idle_timeout: 0,
    });
  }
  const db = drizzle({ client: sql, schema });
  return {
    kind: embedded ? 'pglite' : 'postgres',
    db,
    sql,
    embedded,
    async close() {
      await sql.end({ timeout: 5 });
      await embedded?.stop();
    },
  };
}
