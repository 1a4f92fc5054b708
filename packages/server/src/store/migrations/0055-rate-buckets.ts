import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect/dialect-name.ts';

/**
 * Rate-limit buckets shared by every API process (scale-out on PostgreSQL): one row per limited
 * key, holding the tokens left and when they were counted. Embedded mode keeps its buckets in
 * memory (one process serves every request) and leaves this table empty.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('rate_buckets')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('tokens', 'double precision', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rate_buckets_at').on('rate_buckets').column('at').execute();
}
