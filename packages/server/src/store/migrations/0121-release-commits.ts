import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect/dialect-name.ts';

/**
 * Releases recorded through the API (issue 13 §2): the commits each release contains, so that a
 * `Fixes KEY` commit pushed to the configured branch ties a machine-found fix to the release that
 * ships it; and the commit a fix verification waits for (null for fixes resolved by hand).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  const ms = 'bigint';
  await db.schema
    .createTable('release_commits')
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('release', 'text', (c) => c.notNull())
    .addColumn('sha', 'text', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .addPrimaryKeyConstraint('release_commits_pk', ['project_id', 'release', 'sha'])
    .execute();
  await db.schema
    .createIndex('release_commits_sha')
    .on('release_commits')
    .columns(['project_id', 'sha'])
    .execute();
  await db.schema.alterTable('fix_verifications').addColumn('fix_commit', 'text').execute();
}
