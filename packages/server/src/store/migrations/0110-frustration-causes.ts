import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect/dialect-name.ts';
import { withId } from './column-types.ts';

/**
 * Frustration signals join what caused them (issue 10 §6, docs/grouping.md): the grouping worker
 * holds a session's rage/dead clicks briefly (`frustration_holds`), remembers the session's
 * failures for a while (`session_failures`), and records a click that ran into a failure as
 * evidence on the failure's group (`frustration_evidence`) instead of opening an issue for it.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const ms = 'bigint';
  await withId(db.schema.createTable('frustration_holds'), dialect)
    .addColumn('workspace_id', 'integer', (c) => c.notNull())
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    // The event stays in raw_events; releasing the hold folds it from there.
    .addColumn('raw_event_id', 'integer', (c) => c.notNull().unique())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('selector', 'text', (c) => c.notNull())
    .addColumn('click_text', 'text')
    .addColumn('route', 'text', (c) => c.notNull())
    .addColumn('click_count', 'integer', (c) => c.notNull())
    .addColumn('started_at', ms, (c) => c.notNull())
    .addColumn('ended_at', ms, (c) => c.notNull())
    .addColumn('release_at', ms, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('frustration_holds_session')
    .on('frustration_holds')
    .columns(['project_id', 'session_id'])
    .execute();
  await db.schema
    .createIndex('frustration_holds_release')
    .on('frustration_holds')
    .column('release_at')
    .execute();

  await withId(db.schema.createTable('session_failures'), dialect)
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('at', ms, (c) => c.notNull())
    .addColumn('group_id', 'integer', (c) => c.notNull().references('event_groups.id').onDelete('cascade'))
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('received_at', ms, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('session_failures_session')
    .on('session_failures')
    .columns(['project_id', 'session_id', 'at'])
    .execute();
  await db.schema
    .createIndex('session_failures_received')
    .on('session_failures')
    .column('received_at')
    .execute();

  await withId(db.schema.createTable('frustration_evidence'), dialect)
    .addColumn('workspace_id', 'integer', (c) => c.notNull())
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    // The failure's group: merging issues moves groups, and the evidence goes with them.
    .addColumn('group_id', 'integer', (c) => c.notNull().references('event_groups.id').onDelete('cascade'))
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('selector', 'text', (c) => c.notNull())
    .addColumn('click_text', 'text')
    .addColumn('route', 'text', (c) => c.notNull())
    .addColumn('click_count', 'integer', (c) => c.notNull())
    .addColumn('started_at', ms, (c) => c.notNull())
    .addColumn('ended_at', ms, (c) => c.notNull())
    .addColumn('failure_event_id', 'text', (c) => c.notNull())
    .addColumn('failure_at', ms, (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('frustration_evidence_event')
    .on('frustration_evidence')
    .columns(['project_id', 'event_id'])
    .unique()
    .execute();
  await db.schema
    .createIndex('frustration_evidence_group')
    .on('frustration_evidence')
    .columns(['group_id', 'started_at'])
    .execute();
}
