import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect/dialect-name.ts';

/**
 * Schedule triggers (issue 12.4): the slot a rule last ran for, claimed with a compare-and-set so a
 * slot runs once. Null for every existing rule: a rule runs only for slots after it was saved.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema.alterTable('automation_rules').addColumn('last_fired_at', 'bigint').execute();
}
