import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect/dialect-name.ts';
import { withId } from './column-types.ts';

/**
 * The similarity index (core/similarity reads it through store/similarity-store.ts) and the merge
 * record. Postings are keyed (project, term, issue) so "newest issues holding this term" is one
 * index range read backwards.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const ms = 'bigint';
  await db.schema
    .createTable('similarity_docs')
    .addColumn('issue_id', 'integer', (c) => c.primaryKey().references('issues.id').onDelete('cascade'))
    .addColumn('workspace_id', 'integer', (c) => c.notNull())
    .addColumn('project_id', 'integer', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('terms', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('similarity_postings')
    .addColumn('project_id', 'integer', (c) => c.notNull())
    .addColumn('term', 'text', (c) => c.notNull())
    .addColumn('issue_id', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('similarity_postings_pk', ['project_id', 'term', 'issue_id'])
    .execute();
  await db.schema
    .createIndex('similarity_postings_issue')
    .on('similarity_postings')
    .column('issue_id')
    .execute();
  await db.schema
    .createTable('similarity_terms')
    .addColumn('project_id', 'integer', (c) => c.notNull())
    .addColumn('term', 'text', (c) => c.notNull())
    .addColumn('df', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('similarity_terms_pk', ['project_id', 'term'])
    .execute();
  await db.schema
    .createTable('similarity_stats')
    .addColumn('project_id', 'integer', (c) => c.primaryKey())
    .addColumn('doc_count', 'integer', (c) => c.notNull())
    .addColumn('title_length', ms, (c) => c.notNull())
    .addColumn('description_length', ms, (c) => c.notNull())
    .addColumn('frames_length', ms, (c) => c.notNull())
    .addColumn('route_length', ms, (c) => c.notNull())
    .addColumn('component_length', ms, (c) => c.notNull())
    .execute();
  await withId(db.schema.createTable('issue_merges'), dialect)
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('duplicate_id', 'integer', (c) => c.notNull().references('issues.id').onDelete('cascade'))
    .addColumn('original_id', 'integer', (c) => c.notNull().references('issues.id').onDelete('cascade'))
    .addColumn('merged_by', 'integer')
    .addColumn('merged_at', ms, (c) => c.notNull())
    .addColumn('moved', 'text', (c) => c.notNull())
    .addColumn('undone_at', ms)
    .addColumn('undone_by', 'integer')
    .execute();
  await db.schema
    .createIndex('issue_merges_duplicate')
    .on('issue_merges')
    .columns(['duplicate_id'])
    .execute();
  await db.schema.createIndex('issue_merges_original').on('issue_merges').columns(['original_id']).execute();
}
