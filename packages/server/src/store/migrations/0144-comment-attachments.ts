import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect/dialect-name.ts';
import { bytesType, withId } from './column-types.ts';

/**
 * Email intake (issue 17.3): the files of a mail that replies to a notification are kept with the
 * comment the reply becomes, as a mailed report's are kept with the report (0120). Bounded in size
 * and number by the intake, like those.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await withId(db.schema.createTable('comment_attachments'), dialect)
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('comment_id', 'integer', (c) => c.notNull().references('comments.id').onDelete('cascade'))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('data', bytesType(dialect), (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('comment_attachments_comment')
    .on('comment_attachments')
    .columns(['comment_id', 'id'])
    .execute();
}
