import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect/dialect-name.ts';
import { withId } from './column-types.ts';

/**
 * Events the grouping worker could not process, set aside with their error so the log keeps
 * flowing (DESIGN.md §6). The event itself stays in `raw_events`; an admin retries or discards it.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await withId(db.schema.createTable('dead_events'), dialect)
    .addColumn('workspace_id', 'integer', (c) => c.notNull())
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('raw_event_id', 'integer', (c) => c.notNull().unique())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('error', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('failed_at', 'bigint', (c) => c.notNull())
    .addColumn('retry_requested_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('dead_events_project')
    .on('dead_events')
    .columns(['project_id', 'id'])
    .execute();
  await db.schema.createIndex('dead_events_retry').on('dead_events').column('retry_requested_at').execute();
}
