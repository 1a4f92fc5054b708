import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { PG_URL, postgresReachable } from './dialects.ts';
import { leaseMigratedSchema } from './pg-schema-pool.ts';

const pgOk = await postgresReachable();
const name = `pool_test_${process.pid}`;
const admin = new pg.Client({ connectionString: PG_URL });

describe.skipIf(!pgOk)('pooled test schemas [postgres]', () => {
  afterAll(async () => {
    await admin.query(`DROP SCHEMA IF EXISTS ${name} CASCADE; DROP SCHEMA IF EXISTS ${name}_b CASCADE`);
    await admin.end();
  });

  it('hands a reused schema over empty, with identities starting again at 1', async () => {
    await admin.connect();
    const first = await leaseMigratedSchema(PG_URL, [name]);
    const insert = (slug: string) =>
      admin.query(
        `INSERT INTO ${name}.workspaces (name, slug, created_at) VALUES ('Acme', '${slug}', 0) RETURNING id`,
      );
    try {
      await insert('a');
      await insert('b');
    } finally {
      await first.release();
    }

    const again = await leaseMigratedSchema(PG_URL, [name]);
    const { rows } = await admin.query(`SELECT count(*)::int AS n FROM ${name}.workspaces`);
    try {
      expect(rows[0].n).toBe(0);
      expect((await insert('a')).rows[0].id).toBe(1);
    } finally {
      await again.release();
    }
  });

  it('never hands one schema to two leases at once', async () => {
    const a = await leaseMigratedSchema(PG_URL, [name, `${name}_b`]);
    const b = await leaseMigratedSchema(PG_URL, [name, `${name}_b`]);
    expect([a.schema, b.schema]).toEqual([name, `${name}_b`]);
    await expect(leaseMigratedSchema(PG_URL, [name])).rejects.toThrow(/leased/);
    await Promise.all([a.release(), b.release()]);
  });

  it('rebuilds a schema migrated by other migrations', async () => {
    await admin.query(`CREATE TABLE ${name}.left_behind (x int); COMMENT ON SCHEMA ${name} IS 'stale'`);
    const lease = await leaseMigratedSchema(PG_URL, [name]);
    const { rows } = await admin.query(
      `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = $1 AND tablename = 'left_behind'`,
      [name],
    );
    expect(rows[0].n).toBe(0);
    await lease.release();
  });
});
