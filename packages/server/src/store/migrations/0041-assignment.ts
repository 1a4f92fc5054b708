import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect/dialect-name.ts';
import { withId } from './column-types.ts';

/**
 * Routing and assignment (issue 12): a project's ownership rules, a team's strategy and lead,
 * people's availability and hand-set skills, and the log of every automatic assignment with its
 * explanation. Existing issues need nothing: they simply have no log rows.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const ms = 'bigint';
  await db.schema
    .createTable('ownership_rules')
    .addColumn('project_id', 'integer', (c) => c.primaryKey().references('projects.id').onDelete('cascade'))
    .addColumn('workspace_id', 'integer', (c) => c.notNull())
    .addColumn('rules', 'text', (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('team_settings')
    .addColumn('team_id', 'integer', (c) => c.primaryKey().references('teams.id').onDelete('cascade'))
    .addColumn('strategy', 'text', (c) => c.notNull().defaultTo('manual'))
    .addColumn('lead_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('last_assigned_user_id', 'integer')
    .execute();

  await db.schema
    .createTable('member_profiles')
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('time_zone', 'text', (c) => c.notNull().defaultTo('UTC'))
    .addColumn('work_days', 'text', (c) => c.notNull().defaultTo('[1,2,3,4,5]'))
    .addColumn('work_start', 'integer', (c) => c.notNull().defaultTo(540))
    .addColumn('work_end', 'integer', (c) => c.notNull().defaultTo(1020))
    .addColumn('capacity', 'real', (c) => c.notNull().defaultTo(10))
    .addColumn('skills', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('out_of_office', 'text', (c) => c.notNull().defaultTo('[]'))
    .addPrimaryKeyConstraint('member_profiles_pk', ['workspace_id', 'user_id'])
    .execute();

  await withId(db.schema.createTable('assignment_log'), dialect)
    .addColumn('workspace_id', 'integer', (c) => c.notNull())
    .addColumn('issue_id', 'integer', (c) => c.notNull().references('issues.id').onDelete('cascade'))
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('rule_name', 'text')
    .addColumn('rule_reasons', 'text')
    .addColumn('strategy', 'text')
    .addColumn('team_id', 'integer')
    .addColumn('user_id', 'integer')
    .addColumn('explanation', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('assignment_log_issue')
    .on('assignment_log')
    .columns(['issue_id', 'id'])
    .execute();
}
