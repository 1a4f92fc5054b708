import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect/dialect-name.ts';
import { bytesType, withId } from './column-types.ts';

/**
 * Session replay (issue 10.1–10.2): one row per recorded session with what the sessions page
 * filters on, the recording's chunks (the database ReplayStore; the filesystem one keeps them as
 * files instead), and each project's retention. Sentry SDK replays keep their segments in
 * replay_segments (0007) and get a session row too.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const ms = 'bigint';
  const bytes = bytesType(dialect);

  await withId(db.schema.createTable('replay_sessions'), dialect)
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('session_id', 'text', (c) => c.notNull())
    /** closeloop | sentry */
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('started_at', ms, (c) => c.notNull())
    .addColumn('ended_at', ms, (c) => c.notNull())
    .addColumn('duration_ms', ms, (c) => c.notNull())
    .addColumn('first_url', 'text', (c) => c.notNull())
    /** Distinct page URLs, one per line, capped: what the URL filter searches. */
    .addColumn('urls', 'text', (c) => c.notNull())
    .addColumn('user_key', 'text')
    .addColumn('release', 'text')
    .addColumn('environment', 'text')
    .addColumn('error_count', 'integer', (c) => c.notNull())
    .addColumn('frustration_count', 'integer', (c) => c.notNull())
    .addColumn('chunk_count', 'integer', (c) => c.notNull())
    .addColumn('bytes', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .addUniqueConstraint('replay_sessions_session', ['project_id', 'session_id'])
    .execute();
  await db.schema
    .createIndex('replay_sessions_started')
    .on('replay_sessions')
    .columns(['project_id', 'started_at', 'id'])
    .execute();
  await db.schema
    .createIndex('replay_sessions_ended')
    .on('replay_sessions')
    .columns(['project_id', 'ended_at'])
    .execute();

  await db.schema
    .createTable('replay_chunks')
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('started_at', ms, (c) => c.notNull())
    .addColumn('ended_at', ms, (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    /** gzip of the chunk's rrweb events as a JSON array. */
    .addColumn('data', bytes, (c) => c.notNull())
    .addColumn('received_at', ms, (c) => c.notNull())
    .addPrimaryKeyConstraint('replay_chunks_pk', ['project_id', 'session_id', 'seq'])
    .execute();

  await db.schema
    .createTable('project_replay_settings')
    .addColumn('project_id', 'integer', (c) => c.primaryKey().references('projects.id').onDelete('cascade'))
    .addColumn('retention_days', 'integer', (c) => c.notNull())
    .execute();

  // The replay page lists the issues a session ran into.
  await db.schema.createIndex('group_sessions_session').on('group_sessions').column('session_id').execute();
}
