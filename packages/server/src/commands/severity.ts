import { assertCan } from '@closeloop/core/permissions/permissions';
import { ADOPTION_MARGIN, MIN_EXAMPLES } from '@closeloop/core/scoring/priority-model';
import type { Issue } from '@closeloop/shared/api/issues';
import type { ScoringSettings, Severity } from '@closeloop/shared/api/triage';
import { NotFound } from '@closeloop/shared/errors';
import { PRIORITY_RANK, type Priority, priorityFromRank } from '@closeloop/shared/issue-fields';
import { currentSeverity, rescoreNow } from '../scoring/rescore.ts';
import type { Services } from '../services.ts';
import { recordActivity } from '../store/activity-store.ts';
import {
  assessmentOf,
  countPriorityExamples,
  markSeverityStale,
  priorityExampleOf,
  projectScoring,
  saveAssessment,
  savePriorityExample,
  saveProjectScoring,
} from '../store/severity-store.ts';
import { inTransaction, type Tx } from '../store/transaction.ts';
import type { Actor } from './actor.ts';
import { requireIssue } from './issues.ts';
import { requireProject } from './projects.ts';

const iso = (ms: number | null | undefined) =>
  ms === null || ms === undefined ? null : new Date(ms).toISOString();

/** An issue's score with every signal's contribution, and what people decided beside the proposal. */
export async function getSeverity(svc: Services, actor: Actor, key: string): Promise<Severity> {
  assertCan(actor.role, 'workspace.read');
  const issue = await requireIssue(svc.store, actor.workspaceId, key);
  return presentSeverity(svc.store, issue);
}

async function presentSeverity(tx: Tx, issue: Issue): Promise<Severity> {
  const current = await inTransaction(tx, (t) => currentSeverity(t, issue.id, Date.now()));
  if (!current) throw new NotFound(`Issue ${issue.key}`);
  const [decision, assessment] = await Promise.all([
    priorityExampleOf(tx, issue.id),
    assessmentOf(tx, issue.id),
  ]);
  return {
    score: current.row.score,
    proposedPriority: priorityFromRank(current.row.proposed_priority),
    reasons: current.row.reasons,
    signals: current.signals.map((s) => ({
      key: s.key,
      strength: s.strength,
      points: s.points,
      reason: s.reason,
      detail: s.detail,
    })),
    model: current.row.model === 'learned' ? 'learned' : 'default',
    computedAt: new Date(current.row.computed_at).toISOString(),
    decided: { priority: issue.priority, by: decision?.actor_id ?? null, at: iso(decision?.created_at) },
    impact: assessment?.impact ?? null,
    likelihood: assessment?.likelihood ?? null,
  };
}

/** Impact and likelihood written by people; the score follows at once. */
export async function setAssessment(
  svc: Services,
  actor: Actor,
  key: string,
  input: { impact?: number | null | undefined; likelihood?: number | null | undefined },
): Promise<Severity> {
  assertCan(actor.role, 'issue.update');
  const issue = await inTransaction(svc.store, async (tx) => {
    const issue = await requireIssue(tx, actor.workspaceId, key);
    const before = await assessmentOf(tx, issue.id);
    const next = {
      impact: input.impact !== undefined ? input.impact : (before?.impact ?? null),
      likelihood: input.likelihood !== undefined ? input.likelihood : (before?.likelihood ?? null),
    };
    await saveAssessment(tx, {
      issue_id: issue.id,
      ...next,
      updated_by: actor.userId,
      updated_at: Date.now(),
    });
    const changes = (['impact', 'likelihood'] as const)
      .filter((f) => (before?.[f] ?? null) !== next[f])
      .map((f) => ({
        workspaceId: actor.workspaceId,
        issueId: issue.id,
        actorId: actor.userId,
        action: 'changed',
        field: f,
        from: before?.[f] ?? null,
        to: next[f],
      }));
    await recordActivity(tx, changes);
    await markSeverityStale(tx, [issue.id]);
    return issue;
  });
  await rescoreNow(svc.store, [issue.id]);
  return presentSeverity(svc.store, issue);
}

/**
 * A priority a person set or confirmed is a labelled example for the project's model, taken with
 * the signal strengths of that moment. Called inside the edit's transaction, only for edits whose
 * origin is a person (not automation rules, not SLA escalation).
 */
export async function recordPriorityDecision(tx: Tx, issue: Issue, priority: Priority, actorId: number) {
  const current = await currentSeverity(tx, issue.id, Date.now());
  if (!current) return;
  await savePriorityExample(tx, {
    issue_id: issue.id,
    project_id: issue.projectId,
    features: current.features,
    label: PRIORITY_RANK[priority],
    proposed: current.row.proposed_priority,
    actor_id: actorId,
    created_at: Date.now(),
  });
}

export async function getScoringSettings(
  svc: Services,
  actor: Actor,
  projectKey: string,
): Promise<ScoringSettings> {
  assertCan(actor.role, 'workspace.read');
  const project = await requireProject(svc.store, actor.workspaceId, projectKey);
  return presentScoring(svc.store, project.id);
}

async function presentScoring(tx: Tx, projectId: number): Promise<ScoringSettings> {
  const [s, examples] = await Promise.all([
    projectScoring(tx, projectId),
    countPriorityExamples(tx, projectId),
  ]);
  return {
    critical: JSON.parse(s.critical) as string[],
    model: {
      examples,
      minExamples: MIN_EXAMPLES,
      defaultAccuracy: s.default_accuracy,
      learnedAccuracy: s.learned_accuracy,
      adopted: s.weights !== null,
      margin: ADOPTION_MARGIN,
      trainedAt: iso(s.trained_at),
    },
  };
}

/** Marks routes and components critical; every open score of the project is redone by the worker. */
export async function setCriticalPlaces(svc: Services, actor: Actor, projectKey: string, critical: string[]) {
  assertCan(actor.role, 'project.manage');
  return inTransaction(svc.store, async (tx) => {
    const project = await requireProject(tx, actor.workspaceId, projectKey);
    const s = await projectScoring(tx, project.id);
    await saveProjectScoring(tx, { ...s, critical: JSON.stringify([...new Set(critical)]) });
    await tx.db
      .updateTable('issue_severity')
      .set({ stale: 1 })
      .where('project_id', '=', project.id)
      .execute();
    return presentScoring(tx, project.id);
  });
}
