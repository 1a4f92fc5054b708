import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect/dialect-name.ts';
import { withId } from './column-types.ts';

/**
 * Milestones, issue links and work logs; issues gain `milestone_id` and a maintained
 * `logged_minutes` so lists, roll-ups and the query language read time without a join.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const ms = 'bigint';
  await withId(db.schema.createTable('milestones'), dialect)
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('target_date', 'text')
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .addColumn('closed_at', ms)
    .addUniqueConstraint('milestones_name', ['project_id', 'name'])
    .execute();
  await db.schema
    .createIndex('milestones_ws_name')
    .on('milestones')
    .columns(['workspace_id', 'name'])
    .execute();

  await db.schema
    .alterTable('issues')
    .addColumn('milestone_id', 'integer', (c) => c.references('milestones.id').onDelete('set null'))
    .execute();
  await db.schema
    .alterTable('issues')
    .addColumn('logged_minutes', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('issues_milestone')
    .on('issues')
    .columns(['milestone_id', 'status_category'])
    .execute();

  await withId(db.schema.createTable('issue_links'), dialect)
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('source_id', 'integer', (c) => c.notNull().references('issues.id').onDelete('cascade'))
    .addColumn('target_id', 'integer', (c) => c.notNull().references('issues.id').onDelete('cascade'))
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', ms, (c) => c.notNull())
    .addUniqueConstraint('issue_links_pair', ['source_id', 'target_id', 'type'])
    .execute();
  // The unique constraint serves lookups from the source; this one serves "what blocks X".
  await db.schema
    .createIndex('issue_links_target')
    .on('issue_links')
    .columns(['target_id', 'type'])
    .execute();

  await withId(db.schema.createTable('worklogs'), dialect)
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('issue_id', 'integer', (c) => c.notNull().references('issues.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('minutes', 'integer', (c) => c.notNull())
    .addColumn('work_date', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('worklogs_issue').on('worklogs').columns(['issue_id', 'id']).execute();
  await db.schema.createIndex('worklogs_user').on('worklogs').columns(['user_id', 'work_date']).execute();
}
