import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect/dialect-name.ts';
import { withId } from './column-types.ts';

/** Watchers, mentions, reactions, comment revisions, notifications, mail outbox, change log. */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const ms = 'bigint';
  const ws = (c: import('kysely').ColumnDefinitionBuilder) =>
    c.notNull().references('workspaces.id').onDelete('cascade');
  const issue = (c: import('kysely').ColumnDefinitionBuilder) =>
    c.notNull().references('issues.id').onDelete('cascade');
  const user = (c: import('kysely').ColumnDefinitionBuilder) =>
    c.notNull().references('users.id').onDelete('cascade');

  await db.schema
    .createTable('issue_watchers')
    .addColumn('workspace_id', 'integer', ws)
    .addColumn('issue_id', 'integer', issue)
    .addColumn('user_id', 'integer', user)
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .addPrimaryKeyConstraint('issue_watchers_pk', ['issue_id', 'user_id'])
    .execute();
  await db.schema
    .createIndex('issue_watchers_user')
    .on('issue_watchers')
    .columns(['user_id', 'issue_id'])
    .execute();

  await db.schema
    .createTable('issue_mentions')
    .addColumn('workspace_id', 'integer', ws)
    .addColumn('issue_id', 'integer', issue)
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer', user)
    .addColumn('created_at', ms, (c) => c.notNull())
    .addPrimaryKeyConstraint('issue_mentions_pk', ['issue_id', 'source', 'user_id'])
    .execute();
  await db.schema
    .createIndex('issue_mentions_user')
    .on('issue_mentions')
    .columns(['user_id', 'issue_id'])
    .execute();

  await db.schema
    .createTable('comment_reactions')
    .addColumn('workspace_id', 'integer', ws)
    .addColumn('comment_id', 'integer', (c) => c.notNull().references('comments.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', user)
    .addColumn('emoji', 'text', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .addPrimaryKeyConstraint('comment_reactions_pk', ['comment_id', 'user_id', 'emoji'])
    .execute();

  await withId(db.schema.createTable('comment_revisions'), dialect)
    .addColumn('workspace_id', 'integer', ws)
    .addColumn('comment_id', 'integer', (c) => c.notNull().references('comments.id').onDelete('cascade'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('written_at', ms, (c) => c.notNull())
    .addColumn('replaced_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('replaced_at', ms, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('comment_revisions_comment')
    .on('comment_revisions')
    .columns(['comment_id', 'id'])
    .execute();

  await withId(db.schema.createTable('notifications'), dialect)
    .addColumn('workspace_id', 'integer', ws)
    .addColumn('user_id', 'integer', user)
    .addColumn('issue_id', 'integer', issue)
    .addColumn('comment_id', 'integer', (c) => c.references('comments.id').onDelete('cascade'))
    .addColumn('actor_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('fields', 'text')
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('read_at', ms)
    .addColumn('email_state', 'text', (c) => c.notNull().defaultTo('none'))
    .execute();
  // The inbox (newest first, optionally unread only) and the unread count are range scans of this.
  await db.schema
    .createIndex('notifications_inbox')
    .on('notifications')
    .columns(['user_id', 'workspace_id', 'read_at', 'id'])
    .execute();
  await db.schema
    .createIndex('notifications_user_id')
    .on('notifications')
    .columns(['user_id', 'workspace_id', 'id'])
    .execute();
  await db.schema
    .createIndex('notifications_email')
    .on('notifications')
    .columns(['email_state', 'user_id'])
    .execute();

  await db.schema
    .createTable('notification_settings')
    .addColumn('workspace_id', 'integer', ws)
    .addColumn('user_id', 'integer', user)
    .addColumn('email_mode', 'text', (c) => c.notNull())
    .addColumn('next_digest_at', ms)
    .addColumn('updated_at', ms, (c) => c.notNull())
    .addPrimaryKeyConstraint('notification_settings_pk', ['workspace_id', 'user_id'])
    .execute();
  await db.schema
    .createIndex('notification_settings_digest')
    .on('notification_settings')
    .column('next_digest_at')
    .execute();

  await withId(db.schema.createTable('mail_outbox'), dialect)
    .addColumn('workspace_id', 'integer', ws)
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('text_body', 'text', (c) => c.notNull())
    .addColumn('html_body', 'text', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', ms, (c) => c.notNull())
    .addColumn('locked_until', ms)
    .addColumn('sent_at', ms)
    .addColumn('failed_at', ms)
    .addColumn('last_error', 'text')
    .execute();
  await db.schema
    .createIndex('mail_outbox_due')
    .on('mail_outbox')
    .columns(['sent_at', 'failed_at', 'next_attempt_at'])
    .execute();

  await withId(db.schema.createTable('change_log'), dialect)
    .addColumn('workspace_id', 'integer', (c) => c.notNull())
    .addColumn('user_id', 'integer')
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('change_log_ws').on('change_log').columns(['workspace_id', 'id']).execute();
  await db.schema.createIndex('change_log_created').on('change_log').column('created_at').execute();
}
