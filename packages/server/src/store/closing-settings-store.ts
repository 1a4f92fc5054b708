import type { Tx } from './transaction.ts';

/** A project's resolution rows and lessons rule (migration 0162); the rules live in core/closure. */

export async function resolutionRows(tx: Tx, projectId: number) {
  const rows = await tx.db
    .selectFrom('project_resolutions')
    .select(['key', 'name', 'retired'])
    .where('project_id', '=', projectId)
    .orderBy('created_at')
    .orderBy('key')
    .execute();
  return rows.map((r) => ({ key: r.key, name: r.name, retired: Number(r.retired) === 1 }));
}

/** Writes a resolution's row: a project's own, or the first override of a built-in one. */
export async function saveResolutionRow(
  tx: Tx,
  row: { projectId: number; key: string; name: string; retired: boolean; now: number },
): Promise<void> {
  const values = { name: row.name, retired: row.retired ? 1 : 0 };
  await tx.db
    .insertInto('project_resolutions')
    .values({ project_id: row.projectId, key: row.key, created_at: row.now, ...values })
    .onConflict((oc) => oc.columns(['project_id', 'key']).doUpdateSet(values))
    .execute();
}

export async function deleteResolutionRow(tx: Tx, projectId: number, key: string): Promise<void> {
  await tx.db
    .deleteFrom('project_resolutions')
    .where('project_id', '=', projectId)
    .where('key', '=', key)
    .execute();
}

export async function issuesWithResolution(tx: Tx, projectId: number, key: string): Promise<number> {
  const r = await tx.db
    .selectFrom('issues')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('project_id', '=', projectId)
    .where('resolution', '=', key)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function lessonsRuleQuery(tx: Tx, projectId: number): Promise<string | null> {
  const r = await tx.db
    .selectFrom('project_lessons_rules')
    .select('query')
    .where('project_id', '=', projectId)
    .executeTakeFirst();
  return r?.query ?? null;
}

/** null removes the rule. */
export async function saveLessonsRule(
  tx: Tx,
  row: { projectId: number; query: string | null; userId: number | null; now: number },
): Promise<void> {
  if (row.query === null) {
    await tx.db.deleteFrom('project_lessons_rules').where('project_id', '=', row.projectId).execute();
    return;
  }
  const values = { query: row.query, updated_by: row.userId, updated_at: row.now };
  await tx.db
    .insertInto('project_lessons_rules')
    .values({ project_id: row.projectId, ...values })
    .onConflict((oc) => oc.column('project_id').doUpdateSet(values))
    .execute();
}
