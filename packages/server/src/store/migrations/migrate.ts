import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import type { DialectName } from '../dialect/dialect-name.ts';
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
  const schema =
    dialect === 'postgres'
      ? (await sql<{ s: string }>`SELECT current_schema() AS s`.execute(db)).rows[0]?.s
      : undefined;
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
