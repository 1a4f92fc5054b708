import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect/dialect-name.ts';

/**
 * Intake (issue 17.2, 17.6): the conversation with a reporter on their tracking page. A comment is
 * `internal` (the team only; every comment written before this) or `public` (reporters of the
 * issue see it). `report_id` ties a comment to one report: written by its reporter (author_id
 * null) or addressed to that reporter alone, so reporters never see each other's words.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema
    .alterTable('comments')
    .addColumn('visibility', 'text', (c) => c.notNull().defaultTo('internal'))
    .execute();
  await db.schema.alterTable('comments').addColumn('report_id', 'integer').execute();
}
