import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect/dialect-name.ts';
import { withId } from './column-types.ts';

/**
 * Machine identification: ingest keys, the raw event log, and the groups the worker folds events
 * into. The log is append-only and read by offset (its id); the worker stores its offset in the
 * same transaction as its effects, so processing is exactly-once and a replay from 0 on empty
 * group tables gives the same result.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const ms = 'bigint';
  await withId(db.schema.createTable('ingest_keys'), dialect)
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('public_key', 'text', (c) => c.notNull().unique())
    .addColumn('allowed_origins', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('rate_limit_per_minute', 'integer', (c) => c.notNull().defaultTo(6000))
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('revoked_at', ms)
    .execute();
  await db.schema.createIndex('ingest_keys_project').on('ingest_keys').column('project_id').execute();

  await withId(db.schema.createTable('raw_events'), dialect)
    .addColumn('workspace_id', 'integer', (c) => c.notNull())
    .addColumn('project_id', 'integer', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('received_at', ms, (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addUniqueConstraint('raw_events_event', ['project_id', 'event_id'])
    .execute();

  await db.schema
    .createTable('worker_offsets')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('project_ingest_settings')
    .addColumn('project_id', 'integer', (c) => c.primaryKey().references('projects.id').onDelete('cascade'))
    .addColumn('fingerprint_rules', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('scrub_fields', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();

  await withId(db.schema.createTable('event_groups'), dialect)
    .addColumn('workspace_id', 'integer', (c) => c.notNull())
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('issue_id', 'integer', (c) => c.notNull().references('issues.id').onDelete('cascade'))
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('culprit', 'text', (c) => c.notNull())
    .addColumn('components', 'text', (c) => c.notNull())
    .addColumn('first_seen', ms, (c) => c.notNull())
    .addColumn('last_seen', ms, (c) => c.notNull())
    .addColumn('event_count', 'integer', (c) => c.notNull())
    .addColumn('user_count', 'integer', (c) => c.notNull())
    .addColumn('session_count', 'integer', (c) => c.notNull())
    .addColumn('first_release', 'text')
    .addColumn('last_release', 'text')
    .addColumn('resolved_in_release', 'text')
    .addColumn('regressed_at', ms)
    .addUniqueConstraint('event_groups_fingerprint', ['project_id', 'fingerprint'])
    .execute();
  await db.schema.createIndex('event_groups_issue').on('event_groups').column('issue_id').execute();

  for (const [table, col] of [
    ['group_users', 'user_key'],
    ['group_sessions', 'session_id'],
  ] as const) {
    await db.schema
      .createTable(table)
      .addColumn('group_id', 'integer', (c) => c.notNull().references('event_groups.id').onDelete('cascade'))
      .addColumn(col, 'text', (c) => c.notNull())
      .addColumn('first_seen', ms, (c) => c.notNull())
      .addPrimaryKeyConstraint(`${table}_pk`, ['group_id', col])
      .execute();
  }

  await db.schema
    .createTable('group_hourly')
    .addColumn('group_id', 'integer', (c) => c.notNull().references('event_groups.id').onDelete('cascade'))
    .addColumn('hour', ms, (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('group_hourly_pk', ['group_id', 'hour'])
    .execute();

  await db.schema
    .createTable('group_facets')
    .addColumn('group_id', 'integer', (c) => c.notNull().references('event_groups.id').onDelete('cascade'))
    .addColumn('facet', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('group_facets_pk', ['group_id', 'facet', 'value'])
    .execute();

  await withId(db.schema.createTable('group_samples'), dialect)
    .addColumn('group_id', 'integer', (c) => c.notNull().references('event_groups.id').onDelete('cascade'))
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('received_at', ms, (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('group_samples_group')
    .on('group_samples')
    .columns(['group_id', 'id'])
    .execute();

  await db.schema
    .createTable('project_releases')
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('release', 'text', (c) => c.notNull())
    .addColumn('first_seen', ms, (c) => c.notNull())
    .addPrimaryKeyConstraint('project_releases_pk', ['project_id', 'release'])
    .execute();

  await withId(db.schema.createTable('source_maps'), dialect)
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('release', 'text', (c) => c.notNull())
    .addColumn('file_url', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .addUniqueConstraint('source_maps_file', ['project_id', 'release', 'file_url'])
    .execute();
}
