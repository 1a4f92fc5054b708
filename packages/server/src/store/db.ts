import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { DialectName } from './dialect/dialect-name.ts';
import { openPostgres } from './dialect/postgres.ts';
import { openSqlite } from './dialect/sqlite.ts';
import type { Database } from './tables.ts';

/** The store handle every command receives: the Kysely instance plus which dialect sits behind it. */
export interface Store {
  db: Kysely<Database>;
  dialect: DialectName;
  close(): Promise<void>;
}

export type Db = Kysely<Database>;

export function openStore(opts: {
  databaseUrl?: string | undefined;
  dataDir: string;
  pgSchema?: string;
}): Store {
  if (opts.databaseUrl) {
    const db = openPostgres(opts.databaseUrl, opts.pgSchema ? { schema: opts.pgSchema } : {});
    return { db, dialect: 'postgres', close: () => db.destroy() };
  }
  const db = openSqlite(join(opts.dataDir, 'closeloop.db'));
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}
