import type { Kysely } from 'kysely';

/**
 * A rule's own execution log (`GET …/automation-runs?ruleId=`): rules now keep their id across
 * edits, so runs are read per rule, newest first.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('automation_runs_rule')
    .on('automation_runs')
    .columns(['rule_id', 'id'])
    .execute();
}
