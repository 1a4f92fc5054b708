import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect/dialect-name.ts';

/**
 * Performance data (docs/performance.md): hourly histograms per target (route template or
 * API endpoint) and metric, split by release and browser; per session, the slowest value it saw
 * of each target in each hour (to name the sessions a slowdown affected) and the pages it
 * visited (for flows); per project settings; and the latest finding of each performance issue.
 * Percentiles are computed by the engine from the histograms (core/performance/histogram.ts),
 * so both dialects give the same figures.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  const ms = 'bigint';
  await db.schema
    .createTable('perf_hourly')
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('hour', ms, (c) => c.notNull())
    .addColumn('release', 'text', (c) => c.notNull())
    .addColumn('browser', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('buckets', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('perf_hourly_pk', [
      'project_id',
      'metric',
      'target',
      'hour',
      'release',
      'browser',
    ])
    .execute();
  await db.schema
    .createIndex('perf_hourly_project_hour')
    .on('perf_hourly')
    .columns(['project_id', 'hour'])
    .execute();

  await db.schema
    .createTable('perf_session_hours')
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('hour', ms, (c) => c.notNull())
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('user_key', 'text')
    .addColumn('max_value', 'double precision', (c) => c.notNull())
    .addPrimaryKeyConstraint('perf_session_hours_pk', [
      'project_id',
      'metric',
      'target',
      'hour',
      'session_id',
    ])
    .execute();

  await db.schema
    .createTable('session_pages')
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('first_at', ms, (c) => c.notNull())
    .addPrimaryKeyConstraint('session_pages_pk', ['project_id', 'session_id', 'path'])
    .execute();
  await db.schema
    .createIndex('session_pages_time')
    .on('session_pages')
    .columns(['project_id', 'first_at'])
    .execute();

  await db.schema
    .createTable('project_perf_settings')
    .addColumn('project_id', 'integer', (c) => c.primaryKey().references('projects.id').onDelete('cascade'))
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('thresholds', 'text', (c) => c.notNull())
    .addColumn('factor', 'double precision', (c) => c.notNull())
    .addColumn('min_samples', 'integer', (c) => c.notNull())
    .addColumn('route_patterns', 'text', (c) => c.notNull())
    .addColumn('flows', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('perf_issues')
    .addColumn('group_id', 'integer', (c) => c.primaryKey().references('event_groups.id').onDelete('cascade'))
    .addColumn('project_id', 'integer', (c) => c.notNull())
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('p75', 'double precision', (c) => c.notNull())
    .addColumn('baseline', 'double precision')
    .addColumn('threshold', 'double precision')
    .addColumn('hour', ms, (c) => c.notNull())
    .addColumn('slow_days', 'integer', (c) => c.notNull())
    .addColumn('days', 'integer', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('window_from', 'text', (c) => c.notNull())
    .addColumn('window_to', 'text', (c) => c.notNull())
    .addColumn('affected_level', 'double precision', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .execute();
}
