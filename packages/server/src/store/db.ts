import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { DialectName } from './dialect/dialect-name.ts';
import { openPostgres } from './dialect/postgres.ts';
import { listenForNotifications } from './dialect/postgres-listen.ts';
import { openSqlite } from './dialect/sqlite.ts';
import { sqliteLogAppender } from './dialect/sqlite-log-append.ts';
import type { LogEntry } from './event-log-store.ts';
import type { Database } from './tables.ts';

/** The store handle every command receives: the Kysely instance plus which dialect sits behind it. */
export interface Store {
  db: Kysely<Database>;
  dialect: DialectName;
  close(): Promise<void>;
  /** The hot path of ingest, when the dialect has a faster way than a Kysely insert (SQLite). */
  appendLog?: (entries: readonly LogEntry[]) => Promise<void>;
  /**
   * Calls `fn` when another process announced on `channel` (PostgreSQL LISTEN/NOTIFY); absent
   * where one process is all there is (SQLite). Answers a function that stops listening.
   */
  listen?: (channel: string, fn: () => void) => () => Promise<void>;
}

export type Db = Kysely<Database>;

export function openStore(opts: {
  databaseUrl?: string | undefined;
  dataDir: string;
  pgSchema?: string;
}): Store {
  if (opts.databaseUrl) {
    const db = openPostgres(opts.databaseUrl, opts.pgSchema ? { schema: opts.pgSchema } : {});
    const url = opts.databaseUrl;
    const listeners = new Set<() => Promise<void>>();
    return {
      db,
      dialect: 'postgres',
      close: async () => {
        await Promise.all([...listeners].map((stop) => stop()));
        await db.destroy();
      },
      listen: (channel, fn) => {
        const stop = listenForNotifications(url, { schema: opts.pgSchema }, channel, fn);
        listeners.add(stop);
        return () => {
          listeners.delete(stop);
          return stop();
        };
      },
    };
  }
  const { db, raw } = openSqlite(join(opts.dataDir, 'closeloop.db'));
  return { db, dialect: 'sqlite', close: () => db.destroy(), appendLog: sqliteLogAppender(db, raw) };
}
