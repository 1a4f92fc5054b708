import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect/dialect-name.ts';

/**
 * Recurrences (issue 13 §5): a new issue found to be a closed issue's problem back, with the
 * similarity score that said so. One row per new issue; the closed one is also linked ("relates").
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('issue_recurrences')
    .addColumn('issue_id', 'integer', (c) => c.primaryKey().references('issues.id').onDelete('cascade'))
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('of_issue_id', 'integer', (c) => c.notNull().references('issues.id').onDelete('cascade'))
    .addColumn('score', 'real', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('issue_recurrences_of').on('issue_recurrences').column('of_issue_id').execute();
}
