import { lessonsReasons, missingAnswers } from '@closeloop/core/closure/lessons-policy';
import { formatIssueKey } from '@closeloop/core/issues/issue-key';
import { assertCan } from '@closeloop/core/permissions/permissions';
import type { Lessons, LessonsBody } from '@closeloop/shared/api/lessons';
import { Invalid } from '@closeloop/shared/errors';
import type { Services } from '../services.ts';
import { recordActivity } from '../store/activity-store.ts';
import { priorityName, searchKnowledge } from '../store/knowledge-store.ts';
import { findLessons, insertLessonAction, lessonActionsOf, upsertLessons } from '../store/lessons-store.ts';
import { reindexIssue } from '../store/search/search-index.ts';
import { inTransaction, type Tx } from '../store/transaction.ts';
import type { Actor } from './actor.ts';
import { createIssue, requireIssue } from './issues.ts';
import { lessonsRuleFor } from './lessons-rule.ts';
import { addLink } from './links.ts';
import { requireProject } from './projects.ts';

const iso = (ms: number) => new Date(Number(ms)).toISOString();

/** `actor`: whose `me` the project's lessons rule reads (the person about to close). */
async function presentLessons(
  tx: Tx,
  actor: Actor,
  issue: Awaited<ReturnType<typeof requireIssue>>,
): Promise<Lessons> {
  const row = await findLessons(tx, issue.id);
  const actions = await lessonActionsOf(tx, issue.id);
  const reasons = lessonsReasons(issue, await lessonsRuleFor(tx, actor, issue));
  return {
    issueKey: issue.key,
    required: reasons.length > 0,
    reasons,
    record: row
      ? {
          whatHappened: row.what_happened,
          impact: row.impact,
          rootCause: row.root_cause,
          fix: row.fix,
          prevention: row.prevention,
          authorId: row.author_id,
          createdAt: iso(row.created_at),
          updatedAt: iso(row.updated_at),
        }
      : null,
    actionItems: actions.map((a) => ({
      key: formatIssueKey(a.projectKey, Number(a.number)),
      title: a.title,
      status: a.status,
      statusCategory: a.statusCategory,
    })),
  };
}

export async function getLessons(svc: Services, actor: Actor, key: string): Promise<Lessons> {
  assertCan(actor.role, 'workspace.read');
  return inTransaction(svc.store, async (tx) =>
    presentLessons(tx, actor, await requireIssue(tx, actor.workspaceId, key)),
  );
}

/**
 * Writes an issue's lessons-learned record. The record is part of the issue's searchable text, so
 * a later search for a word of its root cause finds the issue; the change enters its history.
 */
export async function saveLessons(
  svc: Services,
  actor: Actor,
  key: string,
  answers: LessonsBody,
): Promise<Lessons> {
  assertCan(actor.role, 'issue.update');
  const result = await inTransaction(svc.store, async (tx) => {
    const issue = await requireIssue(tx, actor.workspaceId, key);
    const before = await findLessons(tx, issue.id);
    if (!before && missingAnswers(answers)) {
      throw new Invalid('A lessons-learned record needs at least one answer', { field: 'rootCause' });
    }
    await upsertLessons(
      tx,
      { issueId: issue.id, workspaceId: actor.workspaceId, authorId: actor.userId, now: Date.now() },
      answers,
    );
    await recordActivity(tx, [
      {
        workspaceId: actor.workspaceId,
        issueId: issue.id,
        actorId: actor.userId,
        action: 'changed',
        field: 'lessons',
        from: before ? 'written' : null,
        to: 'written',
      },
    ]);
    await reindexIssue(tx, issue.id);
    return { lessons: await presentLessons(tx, actor, issue), issueId: issue.id };
  });
  svc.bus.publish({
    workspaceId: actor.workspaceId,
    type: 'issue.updated',
    issueId: result.issueId,
    issueKey: result.lessons.issueKey,
    actorId: actor.userId,
    fields: ['lessons'],
    at: Date.now(),
  });
  return result.lessons;
}

/**
 * An action item of a lessons-learned record is a task of its own in the same project, linked
 * ("relates to") to the closed issue, so it is planned, assigned and closed like any other work.
 */
export async function addActionItem(
  svc: Services,
  actor: Actor,
  key: string,
  input: { title: string; assigneeUserId?: number | null | undefined },
): Promise<Lessons> {
  assertCan(actor.role, 'issue.create');
  const issue = await requireIssue(svc.store, actor.workspaceId, key);
  const action = await createIssue(svc, actor, issue.projectKey, {
    title: input.title,
    description: `Action item from the lessons learned on ${issue.key}.`,
    type: 'task',
    priority: 'medium',
    labels: [],
    ...(input.assigneeUserId ? { assigneeUserId: input.assigneeUserId } : {}),
  });
  await addLink(svc, actor, action.key, { type: 'relates_to', target: issue.key });
  return inTransaction(svc.store, async (tx) => {
    await insertLessonAction(tx, issue.id, action.id, Date.now());
    return presentLessons(tx, actor, issue);
  });
}

/** The one place where resolutions and lessons learned are searched. */
export async function searchKnowledgeBase(
  svc: Services,
  actor: Actor,
  q: { q: string; project?: string | undefined; limit: number },
) {
  assertCan(actor.role, 'workspace.read');
  const projectId = q.project
    ? (await requireProject(svc.store, actor.workspaceId, q.project)).id
    : undefined;
  const rows = await searchKnowledge(svc.store, {
    workspaceId: actor.workspaceId,
    projectId,
    text: q.q,
    limit: q.limit,
  });
  return {
    items: rows.map((r) => ({
      key: formatIssueKey(r.project_key, r.number),
      title: r.title,
      type: r.type,
      priority: priorityName(Number(r.priority)),
      resolution: r.resolution,
      resolutionNote: r.resolution_note,
      closedAt: r.closed_at === null ? null : iso(r.closed_at),
      lessons:
        r.root_cause === null
          ? null
          : {
              whatHappened: r.what_happened ?? '',
              rootCause: r.root_cause,
              fix: r.fix ?? '',
              prevention: r.prevention ?? '',
            },
    })),
  };
}
