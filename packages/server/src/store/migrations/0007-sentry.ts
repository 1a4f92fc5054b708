import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect/dialect-name.ts';
import { bytesType, withId } from './column-types.ts';

/**
 * What Sentry SDKs send besides events (those go to raw_events): release-health sessions,
 * attachments, replays, user feedback and the SDKs' own reports of what they dropped.
 * Environment is '' when the SDK sent none, so it can sit in primary keys.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const ms = 'bigint';
  const bytes = bytesType(dialect);

  // One row per session: its folded state (core/release-health mergeSessionUpdate).
  await db.schema
    .createTable('release_sessions')
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('sid', 'text', (c) => c.notNull())
    .addColumn('release', 'text', (c) => c.notNull())
    .addColumn('environment', 'text', (c) => c.notNull())
    .addColumn('distinct_id', 'text')
    .addColumn('started', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('errors', 'integer', (c) => c.notNull())
    .addColumn('health', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('release_sessions_pk', ['project_id', 'sid'])
    .execute();
  await db.schema
    .createIndex('release_sessions_release')
    .on('release_sessions')
    .columns(['project_id', 'release', 'environment'])
    .execute();

  // Pre-aggregated `sessions` items (server SDKs in request mode), summed per started minute.
  await db.schema
    .createTable('release_session_buckets')
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('release', 'text', (c) => c.notNull())
    .addColumn('environment', 'text', (c) => c.notNull())
    .addColumn('started', ms, (c) => c.notNull())
    .addColumn('exited', 'integer', (c) => c.notNull())
    .addColumn('errored', 'integer', (c) => c.notNull())
    .addColumn('unhandled', 'integer', (c) => c.notNull())
    .addColumn('abnormal', 'integer', (c) => c.notNull())
    .addColumn('crashed', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('release_session_buckets_pk', [
      'project_id',
      'release',
      'environment',
      'started',
    ])
    .execute();

  // Distinct users per release, from both kinds of session data; crashed = 1 once any crashed.
  await db.schema
    .createTable('release_users')
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('release', 'text', (c) => c.notNull())
    .addColumn('environment', 'text', (c) => c.notNull())
    .addColumn('user_key', 'text', (c) => c.notNull())
    .addColumn('crashed', 'integer', (c) => c.notNull())
    .addColumn('first_seen', ms, (c) => c.notNull())
    .addPrimaryKeyConstraint('release_users_pk', ['project_id', 'release', 'environment', 'user_key'])
    .execute();

  await withId(db.schema.createTable('event_attachments'), dialect)
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('attachment_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('data', bytes, (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('event_attachments_event')
    .on('event_attachments')
    .columns(['project_id', 'event_id'])
    .execute();

  // kind 'event' holds the replay_event JSON of a segment, 'recording' its rrweb events (inflated).
  await withId(db.schema.createTable('replay_segments'), dialect)
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('replay_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('segment_id', 'integer', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('payload', bytes, (c) => c.notNull())
    .addColumn('received_at', ms, (c) => c.notNull())
    .addUniqueConstraint('replay_segments_segment', ['project_id', 'replay_id', 'kind', 'segment_id'])
    .execute();

  await withId(db.schema.createTable('user_feedback'), dialect)
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('associated_event_id', 'text')
    .addColumn('replay_id', 'text')
    .addColumn('name', 'text')
    .addColumn('email', 'text')
    .addColumn('url', 'text')
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .addUniqueConstraint('user_feedback_event', ['project_id', 'event_id'])
    .execute();

  // What SDKs report having dropped (source 'client') and what the server dropped ('server'), per UTC day.
  await db.schema
    .createTable('discarded_outcomes')
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('day', ms, (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('discarded_outcomes_pk', ['project_id', 'day', 'source', 'category', 'reason'])
    .execute();
}
