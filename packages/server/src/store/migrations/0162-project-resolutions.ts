import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect/dialect-name.ts';

/**
 * Configurable closing per project (issue 13 §1): its own resolutions and its overrides of the
 * built-in ones (a name, retired), and the query whose matches owe a lessons-learned record.
 * Built-in resolutions have a row only once an admin renames or retires them.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('project_resolutions')
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('retired', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('project_resolutions_pk', ['project_id', 'key'])
    .execute();
  await db.schema
    .createTable('project_lessons_rules')
    .addColumn('project_id', 'integer', (c) => c.primaryKey().references('projects.id').onDelete('cascade'))
    .addColumn('query', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
}
