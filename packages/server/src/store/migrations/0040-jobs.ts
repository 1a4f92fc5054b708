import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../dialect/dialect-name.ts';
import { withId } from './column-types.ts';

/**
 * The durable job queue (server/src/jobs/). A row is a job still to run, or a dead one kept with
 * its last error; finished jobs are deleted, recurring ones rescheduled. Claims are leases
 * (`locked_until`), so a runner that dies mid-job loses it to the next runner once the lease ends.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const ms = 'bigint';
  await withId(db.schema.createTable('jobs'), dialect)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('run_at', ms, (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('locked_until', ms)
    .addColumn('claimed_by', 'text')
    .addColumn('dedupe_key', 'text')
    .addColumn('ordering_key', 'text')
    .addColumn('interval_ms', ms)
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('dead_at', ms)
    .execute();
  // The claim's scan: live jobs by due time.
  await db.schema.createIndex('jobs_due').on('jobs').columns(['dead_at', 'run_at']).execute();
  // A dedupe key is unique among live jobs only, so a key can be used again once its job is done or dead.
  await db.schema
    .createIndex('jobs_dedupe')
    .on('jobs')
    .column('dedupe_key')
    .unique()
    .where(sql<boolean>`dedupe_key IS NOT NULL AND dead_at IS NULL`)
    .execute();
  await db.schema.createIndex('jobs_ordering').on('jobs').columns(['ordering_key', 'id']).execute();
}
