import { Kysely, PostgresDialect } from 'kysely';
import type pg from 'pg';
import type { Database } from '../tables.ts';
import { pgModule } from './pg-module.ts';

/** How long a request waits for a connection before it answers 503 (the database is away). */
const CONNECT_TIMEOUT_MS = 5_000;

/** Scale-out mode. `schema` isolates a database per test run inside one PostgreSQL database. */
export function openPostgres(url: string, opts: { schema?: string; max?: number } = {}): Kysely<Database> {
  const pool = new (pgModule().Pool)({
    connectionString: url,
    max: opts.max ?? 10,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    ...(opts.schema ? { options: `-c search_path=${opts.schema}` } : {}),
  });
  survivesDroppedConnections(pool);
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/**
 * A restart, failover or `pg_terminate_backend` drops connections. A pg client with no 'error'
 * listener then throws from an event emitter and ends the process ("Unhandled 'error' event").
 * The pool listens for idle clients; each client also listens while checked out, because
 * pg-pool detaches its own listener then. A broken client is not queryable, so the pool discards
 * it on release and opens a fresh one for the next request: reconnection needs nothing else.
 * The query that was running fails and answers 503 (store/dialect/storage-faults.ts).
 */
function survivesDroppedConnections(pool: pg.Pool): void {
  let lastWarned = 0;
  const warn = (err: Error) => {
    // One line per few seconds: a failover drops every connection at once.
    if (Date.now() - lastWarned < 5_000) return;
    lastWarned = Date.now();
    console.warn(`PostgreSQL connection lost (${err.message}); reconnecting on the next query`);
  };
  pool.on('error', warn);
  pool.on('connect', (client) => client.on('error', warn));
}
