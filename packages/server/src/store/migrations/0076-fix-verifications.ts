import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect/dialect-name.ts';

/**
 * Verified fixes (issue 13 §3–4): how a machine-found issue was resolved (now, in a named
 * release, in the next release), the release the fix is tied to once known, and the worker's
 * latest verdict with the evidence it rests on. One row per issue; closing again replaces it.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  const ms = 'bigint';
  await db.schema
    .createTable('fix_verifications')
    .addColumn('issue_id', 'integer', (c) => c.primaryKey().references('issues.id').onDelete('cascade'))
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('named_release', 'text')
    .addColumn('resolved_at', ms, (c) => c.notNull())
    .addColumn('fix_release', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('checked_at', ms)
    .execute();
  await db.schema.createIndex('fix_verifications_state').on('fix_verifications').column('state').execute();
}
