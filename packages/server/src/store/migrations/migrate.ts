import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import type { DialectName } from '../dialect/dialect-name.ts';
import { dialectOf } from '../dialect/store-dialect.ts';
import * as m0001 from './0001-foundation.ts';
import * as m0002 from './0002-workflows-fields.ts';
import * as m0003 from './0003-collaboration.ts';
import * as m0004 from './0004-relations-time.ts';
import * as m0005 from './0005-saved-views.ts';
import * as m0006 from './0006-ingest.ts';
import * as m0007 from './0007-sentry.ts';
import * as m0008 from './0008-link-type-index.ts';
import * as m0009 from './0009-dead-events.ts';
import * as m0020 from './0020-session-replays.ts';
import * as m0025 from './0025-performance.ts';
import * as m0030 from './0030-triage-severity.ts';
import * as m0035 from './0035-similarity.ts';
import * as m0040 from './0040-jobs.ts';
import * as m0041 from './0041-assignment.ts';
import * as m0050 from './0050-lessons-learned.ts';
import * as m0051 from './0051-repository-hooks.ts';
import * as m0055 from './0055-rate-buckets.ts';
import * as m0065 from './0065-sla.ts';
import * as m0070 from './0070-webhooks.ts';
import * as m0071 from './0071-automation.ts';
import * as m0076 from './0076-fix-verifications.ts';
import * as m0085 from './0085-login-throttles.ts';
import * as m0086 from './0086-audit-log.ts';
import * as m0087 from './0087-api-token-expiry.ts';
import * as m0095 from './0095-user-reports.ts';
import * as m0096 from './0096-public-report-form.ts';
import * as m0105 from './0105-automation-schedule.ts';
import * as m0106 from './0106-one-project-time-zone.ts';
import * as m0110 from './0110-frustration-causes.ts';
import * as m0115 from './0115-report-conversation.ts';
import * as m0120 from './0120-mail-intake.ts';
import * as m0121 from './0121-release-commits.ts';
import * as m0122 from './0122-issue-recurrences.ts';
import * as m0123 from './0123-pull-requests.ts';
import * as m0131 from './0131-automation-runs-by-rule.ts';
import * as m0141 from './0141-report-tracking-links.ts';
import * as m0142 from './0142-report-rules.ts';
import * as m0143 from './0143-project-mail-intake.ts';
import * as m0144 from './0144-comment-attachments.ts';
import * as m0151 from './0151-password-resets.ts';
import * as m0161 from './0161-job-rerun.ts';
import * as m0162 from './0162-project-resolutions.ts';
import * as m0170 from './0170-session-idle-expiry.ts';
import * as m0171 from './0171-api-token-scopes.ts';
import * as m0172 from './0172-two-factor.ts';
import * as m0180 from './0180-sample-event-index.ts';
import * as m0190 from './0190-single-sign-on.ts';
import * as m0191 from './0191-session-sign-in-method.ts';
import * as m0192 from './0192-sso-group-roles.ts';

// biome-ignore lint/suspicious/noExplicitAny: migrations operate on the untyped schema
type Step = { up(db: Kysely<any>, dialect: DialectName): Promise<void> };

/** Ordered list of migrations; append, never edit one that has shipped. */
const STEPS: Record<string, Step> = {
  '0001-foundation': m0001,
  '0002-workflows-fields': m0002,
  '0003-collaboration': m0003,
  '0004-relations-time': m0004,
  '0005-saved-views': m0005,
  '0006-ingest': m0006,
  '0007-sentry': m0007,
  '0008-link-type-index': m0008,
  '0009-dead-events': m0009,
  '0040-jobs': m0040,
  '0041-assignment': m0041,
  '0050-lessons-learned': m0050,
  '0051-repository-hooks': m0051,
  '0030-triage-severity': m0030,
  '0025-performance': m0025,
  '0035-similarity': m0035,
  '0020-session-replays': m0020,
  '0095-user-reports': m0095,
  '0096-public-report-form': m0096,
  '0070-webhooks': m0070,
  '0065-sla': m0065,
  '0055-rate-buckets': m0055,
  '0085-login-throttles': m0085,
  '0086-audit-log': m0086,
  '0071-automation': m0071,
  '0087-api-token-expiry': m0087,
  '0076-fix-verifications': m0076,
  '0115-report-conversation': m0115,
  '0105-automation-schedule': m0105,
  '0106-one-project-time-zone': m0106,
  '0110-frustration-causes': m0110,
  '0120-mail-intake': m0120,
  '0121-release-commits': m0121,
  '0122-issue-recurrences': m0122,
  '0123-pull-requests': m0123,
  '0131-automation-runs-by-rule': m0131,
  '0141-report-tracking-links': m0141,
  '0142-report-rules': m0142,
  '0143-project-mail-intake': m0143,
  '0144-comment-attachments': m0144,
  '0151-password-resets': m0151,
  '0161-job-rerun': m0161,
  '0162-project-resolutions': m0162,
  '0170-session-idle-expiry': m0170,
  '0171-api-token-scopes': m0171,
  '0172-two-factor': m0172,
  '0180-sample-event-index': m0180,
  '0190-single-sign-on': m0190,
  '0191-session-sign-in-method': m0191,
  '0192-sso-group-roles': m0192,
};

class StaticProvider implements MigrationProvider {
  constructor(private readonly dialect: DialectName) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return Object.fromEntries(
      Object.entries(STEPS).map(([name, step]) => [name, { up: (db) => step.up(db, this.dialect) }]),
    );
  }
}

// biome-ignore lint/suspicious/noExplicitAny: runs before the typed schema exists
export async function migrateToLatest(db: Kysely<any>, dialect: DialectName): Promise<string[]> {
  // Areas land their migrations in parallel; unordered lets a later-numbered one be applied first.
  // Kysely looks for its own tables in every schema unless told which; with several schemas in one
  // PostgreSQL database (tests run in parallel, one schema each) it would find another run's lock table.
  const schema = await dialectOf(dialect).migrationTableSchema(db);
  const migrator = new Migrator({
    db,
    provider: new StaticProvider(dialect),
    allowUnorderedMigrations: true,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
