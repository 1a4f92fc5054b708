import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect/dialect-name.ts';

/**
 * Sentry user feedback names the event it is about (`associated_event_id`); filing it looks that
 * event up among the groups' samples to find its issue (commands/report-event-link.ts).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema.createIndex('group_samples_event').on('group_samples').column('event_id').execute();
}
