import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect/dialect-name.ts';

/**
 * Group-to-role mapping for single sign-on (issue 15): which claim of the provider lists a
 * person's groups, and which role a newcomer of each group joins with (JSON [{group, role}]).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema
    .alterTable('workspace_sso')
    .addColumn('groups_claim', 'text', (c) => c.notNull().defaultTo('groups'))
    .execute();
  await db.schema
    .alterTable('workspace_sso')
    .addColumn('group_roles', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
}
