import type { Kysely } from 'kysely';

/**
 * A job asked for again while it runs (e.g. an SLA evaluation when the issue changes under it) must
 * run once more after it finishes: the running attempt may have read the issue before the change.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('jobs')
    .addColumn('rerun', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}
