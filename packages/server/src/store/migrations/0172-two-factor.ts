import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect/dialect-name.ts';
import { withId } from './column-types.ts';

/**
 * Two-factor sign-in (issue 15): a person's TOTP secret (pending until confirmed with a code), the
 * last step a code was accepted for (no code works twice), one-time recovery codes stored hashed,
 * sign-in challenges between the password and the code (hashed, short-lived, few attempts), and
 * the workspace's "everyone must use two-factor" switch.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  for (const [name, type] of [
    ['totp_secret', 'text'],
    ['totp_pending_secret', 'text'],
    ['totp_last_step', 'bigint'],
  ] as const)
    await db.schema.alterTable('users').addColumn(name, type).execute();
  await db.schema
    .alterTable('workspaces')
    .addColumn('require_two_factor', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await withId(db.schema.createTable('recovery_codes'), dialect)
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .execute();
  await db.schema.createIndex('recovery_codes_user_id').on('recovery_codes').column('user_id').execute();
  await withId(db.schema.createTable('sign_in_challenges'), dialect)
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}
