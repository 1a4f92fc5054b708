import pg from 'pg';
import { openStore } from '../store/db.ts';
import { migrateToLatest } from '../store/migrations/migrate.ts';
import { migrationsFingerprint } from './migrations-fingerprint.ts';

/**
 * PostgreSQL schemas for test stores, migrated once and emptied for each reuse. Creating a schema and
 * running every migration in it costs ~0.6 s of database work per store (and a DROP SCHEMA after);
 * deleting the few rows a suite wrote costs a few milliseconds.
 *
 * A schema is leased by holding a session advisory lock on its name, so two runs on one machine (or
 * two stores of one test file) never share one. Within a process each lease takes the next number and
 * a number is never reused: a job runner a suite forgot to stop can only write into a schema nobody
 * is using. A schema whose comment is not the current migrations fingerprint is rebuilt.
 */
export interface SchemaLease {
  schema: string;
  release(): Promise<void>;
}

let nextSlot = 0;
const fingerprint = migrationsFingerprint();

function* processSlots(): Generator<string> {
  for (;;) yield `pool_${process.env.VITEST_POOL_ID ?? '0'}_${nextSlot++}`;
}

/** `names`: the schemas to try in order, the first one not leased elsewhere is taken. */
export async function leaseMigratedSchema(
  url: string,
  names: Iterable<string> = processSlots(),
): Promise<SchemaLease> {
  const lock = new pg.Client({ connectionString: url });
  await lock.connect();
  try {
    for (const schema of names) {
      const { rows } = await lock.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS ok', [
        schema,
      ]);
      if (!rows[0]?.ok) continue;
      await prepare(lock, url, schema);
      return { schema, release: () => lock.end() };
    }
    throw new Error('every test schema offered is leased');
  } catch (err) {
    await lock.end().catch(() => {});
    throw err;
  }
}

async function prepare(client: pg.Client, url: string, schema: string): Promise<void> {
  const { rows } = await client.query<{ comment: string | null }>(
    `SELECT obj_description(oid, 'pg_namespace') AS comment FROM pg_namespace WHERE nspname = $1`,
    [schema],
  );
  if (rows[0]?.comment === fingerprint) {
    await empty(client, schema);
    return;
  }
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.query(`CREATE SCHEMA ${schema}`);
  const store = openStore({ databaseUrl: url, dataDir: '', pgSchema: schema });
  try {
    await migrateToLatest(store.db, 'postgres');
  } finally {
    await store.close();
  }
  // Emptying is the whole reset: a migration that seeds rows would need them restored here.
  await assertEmpty(client, schema);
  await client.query(`COMMENT ON SCHEMA ${schema} IS '${fingerprint}'`);
}

/** Every table but the migrator's own, emptied, and every sequence back at its start. */
async function empty(client: pg.Client, schema: string): Promise<void> {
  const tables = await relations(client, schema, `c.relkind IN ('r', 'p')`);
  const sequences = await relations(client, schema, `c.relkind = 'S'`);
  const statements = [
    ...tables.map((t) => `DELETE FROM ${t};`),
    ...sequences.map((s) => `ALTER SEQUENCE ${s} RESTART;`),
  ].join(' ');
  try {
    // Foreign keys are enforced by triggers; 'replica' skips them so the tables empty in any order.
    await client.query(`BEGIN; SET LOCAL session_replication_role = replica; ${statements} COMMIT;`);
  } catch (err) {
    await client.query('ROLLBACK');
    // 42501: only a superuser may set the replication role; TRUNCATE is slower but needs no privilege.
    if ((err as { code?: string }).code !== '42501') throw err;
    await client.query(`TRUNCATE ${tables.join(', ')} RESTART IDENTITY CASCADE`);
  }
}

/** Quoted, schema-qualified names of the schema's relations of one kind, the migrator's excluded. */
async function relations(client: pg.Client, schema: string, kind: string): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT format('%I.%I', n.nspname, c.relname) AS name
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND ${kind} AND c.relname NOT LIKE 'kysely_migration%'`,
    [schema],
  );
  return rows.map((r) => r.name);
}

async function assertEmpty(client: pg.Client, schema: string): Promise<void> {
  const probes = (await relations(client, schema, `c.relkind IN ('r', 'p')`)).map(
    (t) => `SELECT '${t}' AS name WHERE EXISTS (SELECT 1 FROM ${t})`,
  );
  const { rows } = await client.query<{ name: string }>(probes.join(' UNION ALL '));
  if (rows.length > 0) {
    const names = rows.map((r) => r.name).join(', ');
    throw new Error(`migrations seeded rows in ${names}: test schemas cannot be reset by emptying them`);
  }
}
