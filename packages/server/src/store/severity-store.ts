import type { IssueSeverityTable, ProjectScoringTable } from './tables-triage.ts';
import type { Tx } from './transaction.ts';

export async function severityOf(tx: Tx, issueId: number) {
  return tx.db.selectFrom('issue_severity').selectAll().where('issue_id', '=', issueId).executeTakeFirst();
}

export async function saveSeverity(tx: Tx, row: IssueSeverityTable) {
  const { issue_id, ...rest } = row;
  await tx.db
    .insertInto('issue_severity')
    .values(row)
    .onConflict((oc) => oc.column('issue_id').doUpdateSet(rest))
    .execute();
}

/** New evidence arrived: the worker rescores these on its next pass. */
export async function markSeverityStale(tx: Tx, issueIds: readonly number[]) {
  if (issueIds.length === 0) return;
  await tx.db.updateTable('issue_severity').set({ stale: 1 }).where('issue_id', 'in', issueIds).execute();
}

/** Scores age with the clock (trends, deadlines, release age): anything older than `before` is redone. */
export async function markOldSeverityStale(tx: Tx, before: number) {
  await tx.db
    .updateTable('issue_severity')
    .set({ stale: 1 })
    .where('computed_at', '<', before)
    .where('stale', '=', 0)
    .execute();
}

/** Open issues with a stale score or none at all, oldest first. */
export async function issuesToRescore(tx: Tx, limit: number): Promise<number[]> {
  const rows = await tx.db
    .selectFrom('issues as i')
    .leftJoin('issue_severity as s', 's.issue_id', 'i.id')
    .select('i.id')
    .where('i.status_category', 'not in', ['done', 'cancelled'])
    .where((eb) => eb.or([eb('s.issue_id', 'is', null), eb('s.stale', '=', 1)]))
    .orderBy('i.id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

export async function assessmentOf(tx: Tx, issueId: number) {
  return tx.db.selectFrom('issue_assessments').selectAll().where('issue_id', '=', issueId).executeTakeFirst();
}

export async function saveAssessment(
  tx: Tx,
  row: {
    issue_id: number;
    impact: number | null;
    likelihood: number | null;
    updated_by: number | null;
    updated_at: number;
  },
) {
  const { issue_id, ...rest } = row;
  await tx.db
    .insertInto('issue_assessments')
    .values(row)
    .onConflict((oc) => oc.column('issue_id').doUpdateSet(rest))
    .execute();
}

export async function savePriorityExample(
  tx: Tx,
  row: {
    issue_id: number;
    project_id: number;
    features: number[];
    label: number;
    proposed: number;
    actor_id: number | null;
    created_at: number;
  },
) {
  const values = { ...row, features: JSON.stringify(row.features) };
  const { issue_id, ...rest } = values;
  await tx.db
    .insertInto('priority_examples')
    .values(values)
    .onConflict((oc) => oc.column('issue_id').doUpdateSet(rest))
    .execute();
}

export async function priorityExampleOf(tx: Tx, issueId: number) {
  return tx.db.selectFrom('priority_examples').selectAll().where('issue_id', '=', issueId).executeTakeFirst();
}

export async function priorityExamplesOf(tx: Tx, projectId: number) {
  const rows = await tx.db
    .selectFrom('priority_examples')
    .select(['issue_id', 'features', 'label'])
    .where('project_id', '=', projectId)
    .orderBy('issue_id')
    .execute();
  return rows.map((r) => ({
    order: r.issue_id,
    label: r.label,
    features: JSON.parse(r.features) as number[],
  }));
}

/** Projects whose example count moved since they last trained (or never trained), with at least `min`. */
export async function projectsToRetrain(tx: Tx, min: number) {
  const rows = await tx.db
    .selectFrom('priority_examples as e')
    .leftJoin('project_scoring as s', 's.project_id', 'e.project_id')
    .select(({ fn }) => [
      'e.project_id',
      fn.countAll<number>().as('n'),
      fn.max('s.examples').as('trained_on'),
    ])
    .groupBy('e.project_id')
    .execute();
  return rows
    .filter((r) => Number(r.n) >= min && Number(r.n) !== Number(r.trained_on ?? -1))
    .map((r) => r.project_id);
}

export async function projectScoring(tx: Tx, projectId: number): Promise<ProjectScoringTable> {
  const row = await tx.db
    .selectFrom('project_scoring')
    .selectAll()
    .where('project_id', '=', projectId)
    .executeTakeFirst();
  return (
    row ?? {
      project_id: projectId,
      critical: '[]',
      weights: null,
      examples: 0,
      default_accuracy: null,
      learned_accuracy: null,
      trained_at: null,
    }
  );
}

export async function saveProjectScoring(tx: Tx, row: ProjectScoringTable) {
  const { project_id, ...rest } = row;
  await tx.db
    .insertInto('project_scoring')
    .values(row)
    .onConflict((oc) => oc.column('project_id').doUpdateSet(rest))
    .execute();
}

export async function countPriorityExamples(tx: Tx, projectId: number): Promise<number> {
  const r = await tx.db
    .selectFrom('priority_examples')
    .select(({ fn }) => fn.countAll<number>().as('n'))
    .where('project_id', '=', projectId)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}
