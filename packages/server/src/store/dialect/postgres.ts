import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from '../tables.ts';

// Times are stored as BIGINT epoch milliseconds; they fit a JS number exactly, so read them as numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

/** Scale-out mode. `schema` isolates a database per test run inside one PostgreSQL database. */
export function openPostgres(url: string, opts: { schema?: string; max?: number } = {}): Kysely<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 10,
    ...(opts.schema ? { options: `-c search_path=${opts.schema}` } : {}),
  });
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
