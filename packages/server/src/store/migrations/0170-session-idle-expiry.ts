import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect/dialect-name.ts';

/**
 * Idle expiry of sign-in sessions (issue 15): when each session was last used, moved at most once a
 * minute. Existing sessions count as last used when they started.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema
    .alterTable('sessions')
    .addColumn('last_seen_at', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await db
    .updateTable('sessions')
    .set((eb) => ({ last_seen_at: eb.ref('created_at') }))
    .execute();
}
