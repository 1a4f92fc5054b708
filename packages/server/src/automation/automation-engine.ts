import {
  type CountsMoved,
  loopVerdict,
  planActions,
  type TriggerEvent,
  triggerMatches,
} from '@closeloop/core/automation/automation-rules';
import type { AutomationAction, AutomationTrigger } from '@closeloop/shared/api/automation';
import type { Actor } from '../commands/actor.ts';
import { issuesMatching } from '../commands/automation-query.ts';
import { addComment } from '../commands/comments.ts';
import { applyIssueUpdate, requireIssue } from '../commands/issues.ts';
import type { Change } from '../live/change-bus.ts';
import type { Services } from '../services.ts';
import { automationRuleRows, logAutomationRun } from '../store/automation-store.ts';
import { findIssue } from '../store/issues-store.ts';
import { findProjectByKey } from '../store/projects-store.ts';
import { inTransaction } from '../store/transaction.ts';
import { sendChangeToEndpoint } from '../webhooks/webhook-fanout.ts';
import { notifyForRule } from './automation-notify.ts';

type RuleRow = Awaited<ReturnType<typeof automationRuleRows>>[number];

/**
 * Runs a project's automation rules, in order, for one committed change. A rule fires when its
 * trigger matches and the issue matches its condition; its actions go through the same edit
 * rules as a person's (origin `automation`, acting as the rule's author) and the changes they
 * publish carry the chain of rules behind them, which loop protection reads. Every firing,
 * skip and failure is one row in the execution log.
 */
export async function runAutomation(svc: Services, change: Change): Promise<void> {
  if (
    change.type === 'issue.deleted' ||
    change.type === 'comment.deleted' ||
    change.type === 'comment.updated'
  )
    return;
  await runTriggered(svc, change, { type: change.type, fields: change.fields ?? [] });
}

/** What the grouping worker queues when a machine-found issue's counts cross a threshold rule's count. */
export interface ThresholdCrossing {
  workspaceId: number;
  issueId: number;
  issueKey: string;
  counts: CountsMoved;
}

/** Runs the threshold rules of a crossing (job `automation.threshold`, queued in the grouping batch's transaction). */
export async function runThresholdRules(svc: Services, p: ThresholdCrossing): Promise<void> {
  // The change a send-webhook action delivers: the counts of the issue moved.
  const change: Change = {
    workspaceId: p.workspaceId,
    type: 'issue.updated',
    issueId: p.issueId,
    issueKey: p.issueKey,
    actorId: null,
    fields: ['eventCount', 'userCount'],
    at: Date.now(),
  };
  await runTriggered(svc, change, { type: 'issue.threshold', counts: p.counts });
}

async function runTriggered(svc: Services, change: Change, e: Omit<TriggerEvent, 'status'>): Promise<void> {
  const ws = change.workspaceId;
  const project = await findProjectByKey(svc.store, ws, change.issueKey.split('-')[0] ?? '');
  if (!project) return;
  const rules = (await automationRuleRows(svc.store, project.id)).filter((r) => r.enabled === 1);
  if (rules.length === 0) return;
  // Triggers look at the issue as this change left it; a rule's own edit is a new change with its own run.
  const leftBy = await findIssue(svc.store, ws, { id: change.issueId });
  if (!leftBy) return;
  const event: TriggerEvent = { ...e, status: leftBy.status };
  for (const rule of rules) {
    if (!triggerMatches(JSON.parse(rule.trigger) as AutomationTrigger, event)) continue;
    if (!(await fireRule(svc, project.id, rule, change.issueId, change, false))) return;
  }
}

/**
 * One rule on one issue: condition (unless the caller already selected the issue by it), loop
 * protection, actions, one log row. Returns false when the issue is gone.
 */
export async function fireRule(
  svc: Services,
  projectId: number,
  rule: RuleRow,
  issueId: number,
  change: Change,
  conditionChecked: boolean,
): Promise<boolean> {
  const ws = change.workspaceId;
  const chain = change.automationChain ?? [];
  const issue = await findIssue(svc.store, ws, { id: issueId });
  if (!issue) return false;
  const log = (outcome: string, detail: string) =>
    logAutomationRun(svc.store, {
      workspace_id: ws,
      project_id: projectId,
      rule_id: rule.id,
      rule_name: rule.name,
      issue_id: issue.id,
      issue_key: issue.key,
      outcome,
      detail,
      created_at: Date.now(),
    });
  if (rule.created_by === null) {
    await log('failed', 'the rule’s author is no longer a member');
    return true;
  }
  const actor: Actor = { userId: rule.created_by, workspaceId: ws, role: 'admin' };
  if (rule.condition.trim() && !conditionChecked) {
    const hit = await issuesMatching(svc.store, actor, rule.condition, (eb) => eb('i.id', '=', issue.id), 1);
    if (hit.items.length === 0) return true;
  }
  const verdict = loopVerdict(chain, rule.id);
  if (verdict !== 'fire') {
    await log(
      'skipped',
      verdict === 'already-fired'
        ? 'loop protection: this rule already acted in this chain of automated changes'
        : 'loop protection: the chain of automated changes is too long',
    );
    return true;
  }
  const nextChain = [...chain, rule.id];
  try {
    const plan = planActions(JSON.parse(rule.actions) as AutomationAction[], issue.labels);
    const done: string[] = [];
    if (Object.keys(plan.edit).length > 0) {
      const result = await inTransaction(svc.store, async (tx) =>
        applyIssueUpdate(tx, actor, await requireIssue(tx, ws, issue.key), plan.edit as never, {
          origin: 'automation',
        }),
      );
      if (result.fields.length > 0) {
        done.push(`changed ${result.fields.join(', ')}`);
        svc.bus.publish({
          workspaceId: ws,
          type: 'issue.updated',
          issueId: issue.id,
          issueKey: issue.key,
          actorId: actor.userId,
          fields: result.fields,
          at: Date.now(),
          origin: 'automation',
          automationChain: nextChain,
        });
      }
    }
    if (plan.notify) {
      const to = plan.notify;
      const n = await inTransaction(svc.store, async (tx) => {
        const now = await requireIssue(tx, ws, issue.key);
        return notifyForRule(
          tx,
          to,
          {
            workspaceId: ws,
            issueId: issue.id,
            assigneeUserId: now.assigneeUserId,
            assigneeTeamId: now.assigneeTeamId,
          },
          { name: rule.name, authorId: actor.userId },
        );
      });
      done.push(`notified ${n} ${n === 1 ? 'person' : 'people'}`);
    }
    for (const id of plan.webhookIds) {
      await sendChangeToEndpoint(svc, id, change);
      done.push(`sent to webhook #${id}`);
    }
    for (const body of plan.comments) {
      await addComment(svc, actor, issue.key, body, { origin: 'automation', automationChain: nextChain });
      done.push('commented');
    }
    await log('applied', done.join('; ') || 'nothing to change');
  } catch (err) {
    await log('failed', err instanceof Error ? err.message : String(err));
  }
  return true;
}
