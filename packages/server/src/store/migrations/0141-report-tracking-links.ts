import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect/dialect-name.ts';
import { withId } from './column-types.ts';

/**
 * Intake (issue 17.4): asking a reporter for more. The question is mailed with a tracking link of
 * its own (a widget's or a mail's report has none, and a form's token is kept only as its hash), so
 * each question mints a token; only its SHA-256 is stored. Any of a report's tokens opens the same
 * tracking page as `user_reports.tracking_hash`. The token is minted when the mail is sent
 * (`mail_outbox.report_id` names the report), so it is never kept in clear, not even in the outbox.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await withId(db.schema.createTable('report_tracking_links'), dialect)
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('report_id', 'integer', (c) => c.notNull().references('user_reports.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .alterTable('mail_outbox')
    .addColumn('report_id', 'integer', (c) => c.references('user_reports.id').onDelete('set null'))
    .execute();
}
