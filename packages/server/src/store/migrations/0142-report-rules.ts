import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect/dialect-name.ts';

/**
 * Intake (issue 17.4): an issue type's report rules. `report_template` is the Markdown a report's
 * description starts from on the public form; `report_required` the prompts (JSON array of steps,
 * expected, actual) a report must answer: the form refuses without them, and a report of any source
 * that lacks them is flagged vague in triage. Existing types keep today's rule: every prompt.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema
    .alterTable('issue_types')
    .addColumn('report_template', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .alterTable('issue_types')
    .addColumn('report_required', 'text', (c) => c.notNull().defaultTo('["steps","expected","actual"]'))
    .execute();
}
