import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect/dialect-name.ts';

/**
 * SLAs (issue 12.3): a business calendar per project, an SLA policy per project, and per issue the
 * last evaluated state of its clocks. `issue_sla` is derived (the clocks are always recomputable
 * from history); it exists so list rows and `sla:` queries need no computation, so the worker
 * knows when to look again (`next_check_at`), and so a warning or breach is announced once
 * (`announced`). Existing issues need nothing: the worker fills their rows.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  const ms = 'bigint';
  await db.schema
    .createTable('project_calendars')
    .addColumn('project_id', 'integer', (c) => c.primaryKey().references('projects.id').onDelete('cascade'))
    .addColumn('workspace_id', 'integer', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull().defaultTo('UTC'))
    .addColumn('around_the_clock', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('work_days', 'text', (c) => c.notNull().defaultTo('[1,2,3,4,5]'))
    .addColumn('work_start', 'integer', (c) => c.notNull().defaultTo(540))
    .addColumn('work_end', 'integer', (c) => c.notNull().defaultTo(1020))
    .addColumn('holidays', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('updated_at', ms, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sla_policies')
    .addColumn('project_id', 'integer', (c) => c.primaryKey().references('projects.id').onDelete('cascade'))
    .addColumn('workspace_id', 'integer', (c) => c.notNull())
    .addColumn('policy', 'text', (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .execute();

  await db.schema
    .createTable('issue_sla')
    .addColumn('issue_id', 'integer', (c) => c.primaryKey().references('issues.id').onDelete('cascade'))
    .addColumn('workspace_id', 'integer', (c) => c.notNull())
    .addColumn('project_id', 'integer', (c) => c.notNull())
    .addColumn('badge', 'text')
    .addColumn('due_at', ms)
    .addColumn('clocks', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('next_check_at', ms)
    .addColumn('announced', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('evaluated_at', ms, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('issue_sla_next_check').on('issue_sla').columns(['next_check_at']).execute();
  await db.schema.createIndex('issue_sla_badge').on('issue_sla').columns(['workspace_id', 'badge']).execute();
}
