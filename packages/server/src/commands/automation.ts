import { assertCan } from '@closeloop/core/permissions/permissions';
import { parseQuery } from '@closeloop/core/query/parse-query';
import type {
  AutomationRule,
  AutomationTrigger,
  automationRulesBody,
} from '@closeloop/shared/api/automation';
import { Invalid } from '@closeloop/shared/errors';
import type { z } from 'zod';
import type { Services } from '../services.ts';
import { triggerWindow } from '../store/automation-preview-store.ts';
import { automationRuleRows, automationRuns, replaceAutomationRules } from '../store/automation-store.ts';
import { inTransaction } from '../store/transaction.ts';
import type { Actor } from './actor.ts';
import { issuesMatching } from './automation-query.ts';
import { requireProject } from './projects.ts';

/** How far back the editor's preview looks: "this rule would have matched these issues". */
export const PREVIEW_DAYS = 30;

export async function getAutomationRules(svc: Services, actor: Actor, key: string) {
  assertCan(actor.role, 'workspace.read');
  const project = await requireProject(svc.store, actor.workspaceId, key);
  const rows = await automationRuleRows(svc.store, project.id);
  return {
    rules: rows.map((r): AutomationRule & { id: number } => ({
      id: r.id,
      name: r.name,
      enabled: r.enabled === 1,
      trigger: JSON.parse(r.trigger),
      condition: r.condition,
      actions: JSON.parse(r.actions),
    })),
  };
}

/** Replaces a project's rules (admins); each condition must parse as a query. */
export async function setAutomationRules(
  svc: Services,
  actor: Actor,
  key: string,
  body: z.infer<typeof automationRulesBody>,
) {
  assertCan(actor.role, 'project.manage');
  for (const [i, r] of body.rules.entries()) {
    try {
      parseQuery(r.condition);
    } catch (err) {
      throw new Invalid(`Rule ${i + 1}: the condition is not a query (${(err as Error).message})`, {
        rule: i,
      });
    }
  }
  await inTransaction(svc.store, async (tx) => {
    const project = await requireProject(tx, actor.workspaceId, key);
    const existing = new Set((await automationRuleRows(tx, project.id)).map((r) => r.id));
    const seen = new Set<number>();
    for (const [i, r] of body.rules.entries()) {
      if (r.id === undefined) continue;
      // An id from another project (or a rule removed meanwhile) must not be written here.
      if (!existing.has(r.id) || seen.has(r.id))
        throw new Invalid(`Rule ${i + 1}: ${key} has no rule #${r.id} (or it is listed twice)`, { rule: i });
      seen.add(r.id);
    }
    await replaceAutomationRules(
      tx,
      { workspaceId: actor.workspaceId, projectId: project.id, createdBy: actor.userId, now: Date.now() },
      body.rules,
    );
  });
  return getAutomationRules(svc, actor, key);
}

/** The issues of the last PREVIEW_DAYS a condition matches (at most 50), for the editor. */
export async function previewAutomationCondition(
  svc: Services,
  actor: Actor,
  key: string,
  condition: string,
  trigger: AutomationTrigger = { type: 'issue.created' },
) {
  assertCan(actor.role, 'workspace.read');
  const project = await requireProject(svc.store, actor.workspaceId, key);
  const since = Date.now() - PREVIEW_DAYS * 86_400_000;
  const window = triggerWindow(trigger, since);
  const page = await issuesMatching(
    svc.store,
    actor,
    condition,
    (eb) => eb.and([eb('i.project_id', '=', project.id), window.where(eb)]),
    50,
  );
  return {
    days: PREVIEW_DAYS,
    /** Which issues of the window were considered (created, whose priority changed, …). */
    basis: window.basis,
    more: page.nextCursor !== null,
    items: page.items.map((i) => ({ key: i.key, title: i.title, status: i.status, priority: i.priority })),
  };
}

/** The execution log of a project's rules, newest first; with `ruleId`, of that rule only. */
export async function automationLog(svc: Services, actor: Actor, key: string, ruleId?: number) {
  assertCan(actor.role, 'workspace.read');
  const project = await requireProject(svc.store, actor.workspaceId, key);
  const rows = await automationRuns(svc.store, project.id, 100, ruleId);
  return {
    items: rows.map((r) => ({
      id: r.id,
      ruleId: r.rule_id,
      ruleName: r.rule_name,
      issueKey: r.issue_key,
      outcome: r.outcome,
      detail: r.detail,
      at: new Date(Number(r.created_at)).toISOString(),
    })),
  };
}
