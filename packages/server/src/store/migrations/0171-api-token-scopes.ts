import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect/dialect-name.ts';

/**
 * API token scopes (issue 15): a token may be read-only (1) and/or limited to one project. The
 * existing tokens keep full access (0, null). A deleted project takes its tokens with it.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema
    .alterTable('api_tokens')
    .addColumn('read_only', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('api_tokens')
    .addColumn('project_id', 'integer', (c) => c.references('projects.id').onDelete('cascade'))
    .execute();
}
