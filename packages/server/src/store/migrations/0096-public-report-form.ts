import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect/dialect-name.ts';

/**
 * Intake (issue 17.2): a public report form per project, off until an admin turns it on. Its URL
 * carries a random public id (project keys are only unique within a workspace). A report sent
 * through it gets a tracking link; only the SHA-256 of its token is kept.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('project_report_forms')
    .addColumn('project_id', 'integer', (c) => c.primaryKey().references('projects.id').onDelete('cascade'))
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('public_id', 'text', (c) => c.notNull().unique())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.alterTable('user_reports').addColumn('tracking_hash', 'text').execute();
  await db.schema.createIndex('user_reports_tracking').on('user_reports').column('tracking_hash').execute();
}
