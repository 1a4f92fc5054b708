import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect/dialect-name.ts';
import { withId } from './column-types.ts';

/**
 * Intake (issue 17): reports written by people outside the workspace (the SDK's feedback widget),
 * with the evidence the SDK had. A report is stored first (issue_id null) and filed by the job
 * `report.file`, which creates an issue or adds it to a matching open one.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const ms = 'bigint';
  await withId(db.schema.createTable('user_reports'), dialect)
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('issue_id', 'integer', (c) => c.references('issues.id').onDelete('cascade'))
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('reporter_name', 'text')
    .addColumn('reporter_email', 'text')
    .addColumn('user_key', 'text')
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('expected', 'text')
    .addColumn('actual', 'text')
    .addColumn('steps', 'text')
    .addColumn('gaps', 'text', (c) => c.notNull())
    .addColumn('session_id', 'text')
    .addColumn('url', 'text')
    .addColumn('release', 'text')
    .addColumn('environment', 'text')
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('filed_at', ms)
    .addUniqueConstraint('user_reports_project_event', ['project_id', 'event_id'])
    .execute();
  await db.schema.createIndex('user_reports_issue').on('user_reports').columns(['issue_id', 'id']).execute();
}
