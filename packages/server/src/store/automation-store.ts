import type { AutomationTrigger } from '@closeloop/shared/api/automation';
import type { Insertable } from 'kysely';
import type { AutomationRunTable } from './tables-automation.ts';
import type { Tx } from './transaction.ts';

export async function automationRuleRows(tx: Tx, projectId: number) {
  return tx.db
    .selectFrom('automation_rules')
    .selectAll()
    .where('project_id', '=', projectId)
    .orderBy('position')
    .execute();
}

/**
 * Writes a project's ordered rule list: rules with an `id` (already checked to be this project's)
 * are updated in place, so their identity survives; the others are inserted; the rest are deleted.
 */
export async function replaceAutomationRules(
  tx: Tx,
  p: { workspaceId: number; projectId: number; createdBy: number; now: number },
  rules: readonly {
    id?: number | undefined;
    name: string;
    enabled: boolean;
    trigger: unknown;
    condition: string;
    actions: unknown;
  }[],
) {
  const kept = rules.flatMap((r) => (r.id === undefined ? [] : [r.id]));
  let remove = tx.db.deleteFrom('automation_rules').where('project_id', '=', p.projectId);
  if (kept.length > 0) remove = remove.where('id', 'not in', kept);
  await remove.execute();
  for (const [i, r] of rules.entries()) {
    const fields = {
      position: i,
      name: r.name,
      enabled: r.enabled ? 1 : 0,
      trigger: JSON.stringify(r.trigger),
      condition: r.condition,
      actions: JSON.stringify(r.actions),
    };
    if (r.id !== undefined)
      await tx.db
        .updateTable('automation_rules')
        .set(fields)
        .where('id', '=', r.id)
        .where('project_id', '=', p.projectId)
        .execute();
    else
      await tx.db
        .insertInto('automation_rules')
        .values({
          ...fields,
          workspace_id: p.workspaceId,
          project_id: p.projectId,
          created_by: p.createdBy,
          created_at: p.now,
        })
        .execute();
  }
}

export async function logAutomationRun(tx: Tx, row: Insertable<AutomationRunTable>) {
  await tx.db.insertInto('automation_runs').values(row).execute();
}

export async function automationRuns(tx: Tx, projectId: number, limit: number, ruleId?: number) {
  let q = tx.db.selectFrom('automation_runs').selectAll().where('project_id', '=', projectId);
  if (ruleId !== undefined) q = q.where('rule_id', '=', ruleId);
  return q.orderBy('id', 'desc').limit(limit).execute();
}

/** Enabled rules with a schedule trigger, in every workspace (the scheduler's sweep; rule lists are short). */
export async function scheduleRuleRows(tx: Tx) {
  return tx.db
    .selectFrom('automation_rules')
    .selectAll()
    .where('enabled', '=', 1)
    .where('trigger', 'like', '%"type":"schedule"%')
    .orderBy('id')
    .execute();
}

/** Claims a schedule slot for a rule: true for exactly one caller per slot (compare-and-set). */
export async function claimScheduleSlot(tx: Tx, ruleId: number, slot: number): Promise<boolean> {
  const r = await tx.db
    .updateTable('automation_rules')
    .set({ last_fired_at: slot })
    .where('id', '=', ruleId)
    .where((eb) => eb.or([eb('last_fired_at', 'is', null), eb('last_fired_at', '<', slot)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The threshold triggers of a project's enabled rules (the grouping worker checks crossings against them). */
export async function thresholdTriggers(tx: Tx, projectId: number) {
  const rows = await tx.db
    .selectFrom('automation_rules')
    .select('trigger')
    .where('project_id', '=', projectId)
    .where('enabled', '=', 1)
    .where('trigger', 'like', '%"type":"threshold"%')
    .execute();
  return rows
    .map((r) => JSON.parse(r.trigger) as AutomationTrigger)
    .filter((t): t is Extract<AutomationTrigger, { type: 'threshold' }> => t.type === 'threshold');
}
