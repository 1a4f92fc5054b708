import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect/dialect-name.ts';

/**
 * Email intake per project (issue 17.3): whether `<project>@<domain>` takes reports. On by default,
 * so a project follows the server's switch (MAIL_INTAKE_DOMAIN, the listener off by default) until
 * its admins turn it off; off, the listener refuses the address at RCPT TO and the webhook ignores it.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema
    .alterTable('projects')
    .addColumn('mail_intake', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
}
