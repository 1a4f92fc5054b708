import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect/dialect-name.ts';

/** API tokens may expire (issue 15): null keeps the old tokens valid until revoked. */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema.alterTable('api_tokens').addColumn('expires_at', 'bigint').execute();
}
