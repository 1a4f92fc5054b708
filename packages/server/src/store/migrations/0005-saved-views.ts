import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect/dialect-name.ts';
import { withId } from './column-types.ts';

/**
 * Saved views, and the issue indexes the query language needs so that every qualifier is an
 * index search rather than a scan (checked at 1,000,000 issues by bench/query-plans.ts).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const ms = 'bigint';
  await withId(db.schema.createTable('saved_views'), dialect)
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('owner_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('query', 'text', (c) => c.notNull())
    .addColumn('display', 'text', (c) => c.notNull())
    .addColumn('shared', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('saved_views_name', ['workspace_id', 'owner_id', 'name'])
    .execute();
  await db.schema
    .createIndex('saved_views_shared')
    .on('saved_views')
    .columns(['workspace_id', 'shared'])
    .execute();

  // Qualifiers without an index of their own in 0001, each led by workspace_id (tenancy).
  for (const [name, cols] of [
    ['issues_ws_status_key', ['workspace_id', 'status', 'id']],
    ['issues_ws_type', ['workspace_id', 'type', 'id']],
    ['issues_ws_kind', ['workspace_id', 'kind', 'id']],
    ['issues_ws_closed', ['workspace_id', 'closed_at', 'id']],
    ['issues_ws_estimate', ['workspace_id', 'estimate_minutes', 'id']],
    ['issues_ws_project', ['workspace_id', 'project_id', 'id']],
    ['issues_reporter', ['reporter_id', 'status_category']],
  ] as const) {
    await db.schema
      .createIndex(name)
      .on('issues')
      .columns([...cols])
      .execute();
  }
}
