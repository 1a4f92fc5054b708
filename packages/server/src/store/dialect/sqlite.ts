import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from '../tables.ts';

/** Every SQLite connection this process has open; tests check each one's durability settings. */
const open = new Set<SQLite.Database>();
export function openSqliteConnections(): readonly SQLite.Database[] {
  for (const c of open) if (!c.open) open.delete(c);
  return [...open];
}

/**
 * Embedded mode: one SQLite file, WAL so readers never wait for the writer, foreign keys enforced.
 * This is the only place the server opens a SQLite connection (a test holds it to that).
 */
export function openSqlite(file: string): { db: Kysely<Database>; raw: SQLite.Database } {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  // Durable: a 2xx from ingest or any write means the commit survived a power cut, not only a
  // process kill. With WAL, FULL fsyncs the WAL at every commit; NORMAL would fsync only at
  // checkpoints, so the last commits could vanish with the page cache. Group commit
  // (ingest/event-log.ts) keeps this to one fsync per batch of requests. Checked by
  // dialect/sqlite-durability.test.ts (pragma on every connection; fsync seen under strace).
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  cacheStatements(sqlite);
  open.add(sqlite);
  return { db: new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) }), raw: sqlite };
}

const STATEMENT_CACHE_SIZE = 1000;

/**
 * Kysely prepares every query afresh; compiling SQL was ~12% of the ingest path's CPU in a
 * profile. Our queries are parameterised, so their text repeats: reuse the prepared statement.
 * (Safe with Kysely's driver, which never iterates a statement while another query runs.)
 */
function cacheStatements(sqlite: SQLite.Database): void {
  const prepare = sqlite.prepare.bind(sqlite);
  const cache = new Map<string, SQLite.Statement>();
  sqlite.prepare = ((source: string) => {
    let stmt = cache.get(source);
    if (stmt) {
      // Refresh its place so the least recently used statement is evicted first.
      cache.delete(source);
    } else {
      stmt = prepare(source);
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    }
    cache.set(source, stmt);
    return stmt;
  }) as typeof sqlite.prepare;
}
