import type { Kysely } from 'kysely';

/**
 * `is:blocked` / `is:blocking` start from every link of one type in a workspace; without this
 * index they walk all of the workspace's links (found by the relations work, see docs/relations-and-time.md).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('issue_links_ws_type')
    .on('issue_links')
    .columns(['workspace_id', 'type', 'target_id'])
    .execute();
}
