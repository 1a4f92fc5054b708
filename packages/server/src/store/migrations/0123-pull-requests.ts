import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect/dialect-name.ts';
import { withId } from './column-types.ts';

/**
 * Pull and merge requests linked to issues (issue 13 §2): one row per issue and request, kept up
 * to date by later deliveries (opened → merged or closed).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const ms = 'bigint';
  await withId(db.schema.createTable('issue_pull_requests'), dialect)
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('issue_id', 'integer', (c) => c.notNull().references('issues.id').onDelete('cascade'))
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('repository', 'text', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('url', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('source_branch', 'text')
    .addColumn('target_branch', 'text')
    .addColumn('author', 'text')
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .addUniqueConstraint('issue_pull_requests_one', ['issue_id', 'repository', 'number'])
    .execute();
}
