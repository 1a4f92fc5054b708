import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect/dialect-name.ts';
import { bytesType, withId } from './column-types.ts';

/**
 * Email intake (issue 17.3): files attached to a user report (a mail's attachments; bounded in
 * size and number by the intake), the reply tokens of notification mails (only their SHA-256;
 * a reply to `reply+<token>@<domain>` becomes a comment by the person it was sent to), the
 * reporting member of a report (a sender who is a member of the workspace), the inbound mail's
 * Message-ID, and which issue an outbox mail is about (so the worker can mint its reply token).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const ms = 'bigint';
  await withId(db.schema.createTable('report_attachments'), dialect)
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('report_id', 'integer', (c) => c.notNull().references('user_reports.id').onDelete('cascade'))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('data', bytesType(dialect), (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('report_attachments_report')
    .on('report_attachments')
    .columns(['report_id', 'id'])
    .execute();

  await db.schema
    .createTable('mail_reply_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('issue_id', 'integer', (c) => c.notNull().references('issues.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();

  await db.schema
    .alterTable('user_reports')
    .addColumn('reporter_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .execute();
  await db.schema.alterTable('user_reports').addColumn('message_id', 'text').execute();
  await db.schema
    .alterTable('mail_outbox')
    .addColumn('issue_id', 'integer', (c) => c.references('issues.id').onDelete('set null'))
    .execute();
}
