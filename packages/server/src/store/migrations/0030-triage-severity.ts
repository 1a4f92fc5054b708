import { type ColumnDefinitionBuilder, type Kysely, sql } from 'kysely';

/**
 * Triage state, severity scores and what the scoring learns (issue 11, items 1–3).
 *
 * Triage state is its own field, not the status: an issue leaves the queue when it is accepted,
 * whatever its status. An issue without a row is untriaged, so every path that files issues
 * (people, the monitor, imports) lands in the queue without knowing about triage. Existing issues
 * get the answer of the old queue (open and unassigned, or only routed to a team while still in
 * backlog): untriaged; everything else counts as accepted.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>): Promise<void> {
  const ms = 'bigint';
  const issueRef = (c: ColumnDefinitionBuilder) => c.notNull().references('issues.id').onDelete('cascade');
  const projectRef = (c: ColumnDefinitionBuilder) =>
    c.notNull().references('projects.id').onDelete('cascade');

  await db.schema
    .createTable('issue_triage')
    .addColumn('issue_id', 'integer', (c) => issueRef(c).primaryKey())
    .addColumn('workspace_id', 'integer', (c) => c.notNull())
    /** untriaged | accepted | snoozed */
    .addColumn('state', 'text', (c) => c.notNull())
    /** Snoozed: wakes at this time, or when users/events reach these totals (whichever comes first). */
    .addColumn('snoozed_until', ms)
    .addColumn('wake_users', 'integer')
    .addColumn('wake_events', 'integer')
    .addColumn('decided_by', 'integer')
    .addColumn('decided_at', ms, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('issue_triage_state')
    .on('issue_triage')
    .columns(['state', 'issue_id'])
    .execute();
  await sql`
    INSERT INTO issue_triage (issue_id, workspace_id, state, decided_at)
    SELECT id, workspace_id,
      CASE WHEN status_category NOT IN ('done', 'cancelled') AND assignee_user_id IS NULL
             AND (assignee_team_id IS NULL OR status_category = 'backlog')
           THEN 'untriaged' ELSE 'accepted' END,
      updated_at
    FROM issues`.execute(db);

  await db.schema
    .createTable('issue_severity')
    .addColumn('issue_id', 'integer', (c) => issueRef(c).primaryKey())
    .addColumn('project_id', 'integer', (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('proposed_priority', 'integer', (c) => c.notNull())
    /** JSON: every signal with strength, points, reason and detail. */
    .addColumn('signals', 'text', (c) => c.notNull())
    .addColumn('reasons', 'text', (c) => c.notNull())
    /** default | learned: which weights produced the score. */
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('computed_at', ms, (c) => c.notNull())
    /** 1 when new evidence arrived since computed_at; the worker rescores these first. */
    .addColumn('stale', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('issue_severity_project')
    .on('issue_severity')
    .columns(['project_id', 'score'])
    .execute();
  await db.schema
    .createIndex('issue_severity_stale')
    .on('issue_severity')
    .columns(['stale', 'issue_id'])
    .execute();

  // Impact and likelihood (1–5) written by people; the risk matrix of type Risk reads both.
  await db.schema
    .createTable('issue_assessments')
    .addColumn('issue_id', 'integer', (c) => issueRef(c).primaryKey())
    .addColumn('impact', 'integer')
    .addColumn('likelihood', 'integer')
    .addColumn('updated_by', 'integer')
    .addColumn('updated_at', ms, (c) => c.notNull())
    .execute();

  // The latest priority a person set or confirmed on an issue, with the signal strengths of that moment.
  await db.schema
    .createTable('priority_examples')
    .addColumn('issue_id', 'integer', (c) => issueRef(c).primaryKey())
    .addColumn('project_id', 'integer', (c) => c.notNull())
    .addColumn('features', 'text', (c) => c.notNull())
    .addColumn('label', 'integer', (c) => c.notNull())
    .addColumn('proposed', 'integer', (c) => c.notNull())
    .addColumn('actor_id', 'integer')
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('priority_examples_project')
    .on('priority_examples')
    .columns(['project_id'])
    .execute();

  await db.schema
    .createTable('project_scoring')
    .addColumn('project_id', 'integer', (c) => projectRef(c).primaryKey())
    /** JSON array of critical routes (`/checkout`) and component names. */
    .addColumn('critical', 'text', (c) => c.notNull())
    /** JSON weights of the adopted learned model; null scores with the defaults. */
    .addColumn('weights', 'text')
    .addColumn('examples', 'integer', (c) => c.notNull())
    .addColumn('default_accuracy', 'double precision')
    .addColumn('learned_accuracy', 'double precision')
    .addColumn('trained_at', ms)
    .execute();

  // Who was active in a project lately: the denominators of "share of users / sessions".
  for (const [table, col] of [
    ['project_active_users', 'user_key'],
    ['project_active_sessions', 'session_id'],
  ] as const) {
    await db.schema
      .createTable(table)
      .addColumn('project_id', 'integer', (c) => projectRef(c))
      .addColumn(col, 'text', (c) => c.notNull())
      .addColumn('last_seen', ms, (c) => c.notNull())
      .addPrimaryKeyConstraint(`${table}_pk`, ['project_id', col])
      .execute();
    await db.schema.createIndex(`${table}_seen`).on(table).columns(['project_id', 'last_seen']).execute();
  }
}
