import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect/dialect-name.ts';
import { withId } from './column-types.ts';

/**
 * Single sign-on with OpenID Connect (issue 15): a workspace's provider settings (the client
 * secret sealed with SECRETS_KEY, accounts/secret-box.ts), the sign-ins under way between the
 * redirect to the provider and its answer (state stored hashed; nonce and PKCE verifier live only
 * minutes), and which provider subject is which person, so a changed email at the provider keeps
 * the same account.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('workspace_sso')
    .addColumn('workspace_id', 'integer', (c) =>
      c.primaryKey().references('workspaces.id').onDelete('cascade'),
    )
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('client_secret', 'text', (c) => c.notNull())
    /** JSON array of lower-case domains whose people may join as members at their first sign-in. */
    .addColumn('allowed_domains', 'text', (c) => c.notNull())
    .addColumn('require_sso', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await withId(db.schema.createTable('sso_logins'), dialect)
    .addColumn('state_hash', 'text', (c) => c.notNull().unique())
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('code_verifier', 'text', (c) => c.notNull())
    .addColumn('next_path', 'text')
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await withId(db.schema.createTable('sso_identities'), dialect)
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('sso_identities_subject', ['workspace_id', 'issuer', 'subject'])
    .execute();
}
