import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import pg from 'pg';
import { describe } from 'vitest';
import { loadConfig } from '../config.ts';
import { createServices } from '../create-services.ts';
import type { Services } from '../services.ts';
import { openStore, type Store } from '../store/db.ts';
import type { DialectName } from '../store/dialect/dialect-name.ts';
import { leaseMigratedSchema } from './pg-schema-pool.ts';
import { sqliteDataDirFromTemplate } from './sqlite-template.ts';

/**
 * Every store and API suite runs once per dialect against a real database: an SQLite file in a
 * temporary folder copied from a migrated template (test/sqlite-template.ts), and a schema of its own in
 * the local PostgreSQL (database `test_w<worker>`), migrated once and emptied for reuse (test/pg-schema-pool.ts). PostgreSQL is
 * mandatory when CI=true; elsewhere its absence skips those suites with a loud notice.
 */
const BASE_PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * Each vitest worker uses its own database (`test_w1`, `test_w2`…) and each suite a schema in it.
 * Kysely's migrator lists every table of the database (pg_get_serial_sequence on each), which fails
 * with "schema … does not exist" when another worker drops its schema at that moment; the catalogs
 * it reads are per database, so separate databases cannot see each other's drops.
 */
function workerDatabaseUrl(base: string): string {
  const worker = process.env.VITEST_POOL_ID;
  if (!worker) return base;
  const url = new URL(base);
  url.pathname = `/${url.pathname.slice(1)}_w${worker}`;
  return url.toString();
}
export const PG_URL = workerDatabaseUrl(BASE_PG_URL);

let pgReachable: Promise<boolean> | undefined;
export function postgresReachable(): Promise<boolean> {
  pgReachable ??= (async () => {
    const client = new pg.Client({ connectionString: BASE_PG_URL, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      if (PG_URL !== BASE_PG_URL) {
        const name = new URL(PG_URL).pathname.slice(1);
        // 42P04: it exists (an earlier file of this worker made it); 23505: made at this very moment.
        await client.query(`CREATE DATABASE "${name}"`).catch((err: { code?: string }) => {
          if (err.code !== '42P04' && err.code !== '23505') throw err;
        });
      }
      return true;
    } catch (err) {
      if (process.env.CI)
        throw new Error(`PostgreSQL is required in CI but unreachable at ${BASE_PG_URL}: ${String(err)}`);
      console.warn(
        `\n*** PostgreSQL unreachable at ${BASE_PG_URL}: PostgreSQL suites are SKIPPED (${String(err)}) ***\n`,
      );
      return false;
    } finally {
      await client.end().catch(() => {});
    }
  })();
  return pgReachable;
}

const pgOk = await postgresReachable();

export interface TestDb {
  store: Store;
  drop(): Promise<void>;
}

export async function openTestStore(dialect: DialectName): Promise<TestDb> {
  if (dialect === 'sqlite') {
    const dir = await sqliteDataDirFromTemplate();
    const store = openStore({ dataDir: dir });
    return {
      store,
      drop: async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const lease = await leaseMigratedSchema(PG_URL);
  const store = openStore({ databaseUrl: PG_URL, dataDir: '', pgSchema: lease.schema });
  return {
    store,
    drop: async () => {
      await store.close();
      await lease.release();
    },
  };
}

const TEST_SECRETS_KEY = randomBytes(32).toString('base64');

/** `env`: extra configuration (e.g. WEBHOOK_ALLOW_LOOPBACK); `clock`: the job runner's clock. */
export interface TestServiceOptions {
  env?: Record<string, string>;
  clock?: () => number;
}

export async function openTestServices(
  dialect: DialectName,
  opts: TestServiceOptions = {},
): Promise<Services & { drop(): Promise<void> }> {
  const { store, drop } = await openTestStore(dialect);
  const config = loadConfig({
    NODE_ENV: 'test',
    PUBLIC_URL: 'http://localhost:4000',
    LOG_LEVEL: 'silent',
    // A key per test process: suites never write a secrets.key into the working folder.
    SECRETS_KEY: TEST_SECRETS_KEY,
    ...(process.env.PASSWORD_HASH_COST ? { PASSWORD_HASH_COST: process.env.PASSWORD_HASH_COST } : {}),
    ...opts.env,
  });
  const svc = createServices(store, config, opts.clock ? { clock: opts.clock } : {});
  return {
    ...svc,
    drop: async () => {
      await svc.ingest.worker.stop();
      await svc.jobs.stop();
      await drop();
    },
  };
}

/** `describe` once per available dialect; the suite receives the dialect name. */
export function describeEachDialect(name: string, fn: (dialect: DialectName) => void): void {
  describe.each(['sqlite', 'postgres'] as const)(`${name} [%s]`, (dialect) => {
    if (dialect === 'postgres' && !pgOk) {
      describe.skip('PostgreSQL unreachable', () => {});
      return;
    }
    fn(dialect);
  });
}
