import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect/dialect-name.ts';

/**
 * How each session was signed in (issue 15): `password` (with or without a code) or `sso`. A
 * workspace that requires two-factor sign-in does not make people who came through its identity
 * provider also set up a code: the provider's own sign-in stands for it. Existing sessions were
 * all password sign-ins.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema
    .alterTable('sessions')
    .addColumn('signed_in_with', 'text', (c) => c.notNull().defaultTo('password'))
    .execute();
}
