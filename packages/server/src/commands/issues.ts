import { closingFields } from '@closeloop/core/issues/closing-rules';
import { diffFields } from '@closeloop/core/issues/issue-changes';
import { parseIssueKey } from '@closeloop/core/issues/issue-key';
import { assertCan } from '@closeloop/core/permissions/permissions';
import type { Issue, IssueCreate, IssueListQuery, IssueUpdate } from '@closeloop/shared/api/issues';
import { Conflict, NotFound } from '@closeloop/shared/errors';
import { IMPACT_SORTS, PRIORITY_RANK } from '@closeloop/shared/issue-fields';
import type { ChangeOrigin } from '../live/change-bus.ts';
import { rescoreNow } from '../scoring/rescore.ts';
import type { Services } from '../services.ts';
import { recordActivity } from '../store/activity-store.ts';
import { listIssuesByCustomField } from '../store/custom-field-list.ts';
import { listIssues as listIssueRows } from '../store/issue-list.ts';
import { deleteIssueRow, findIssue, insertIssue, updateIssueRow } from '../store/issues-store.ts';
import { ensureLabels, setIssueLabels } from '../store/labels-store.ts';
import { takeIssueNumber } from '../store/projects-store.ts';
import { dropFromIndex, reindexIssue } from '../store/search/search-index.ts';
import { markSeverityStale } from '../store/severity-store.ts';
import { inTransaction, type Tx } from '../store/transaction.ts';
import type { Actor, AutomationActor } from './actor.ts';
import { checkClosing } from './closing-checks.ts';
import { publishCommentCreated, writeComment } from './comment-write.ts';
import { resolveCustomFieldSort } from './custom-field-filter.ts';
import { resolveListFilter } from './issue-filter.ts';
import { queryIssues } from './issue-query.ts';
import { resolveAssignee, resolveParentId } from './issue-refs.ts';
import {
  checkCreate,
  checkEdit,
  loadIssueRules,
  statusForCreate,
  statusForEdit,
  writeCustomFields,
} from './issue-rules.ts';
import { announceLinkChanges, unlinkAllOf } from './links.ts';
import { resolveMilestoneId } from './milestone-refs.ts';
import { requireProject } from './projects.ts';
import { recordPriorityDecision } from './severity.ts';
import { assertVerifier } from './verification-step.ts';

export async function requireIssue(tx: Tx, workspaceId: number, key: string): Promise<Issue> {
  const issue = await findIssue(tx, workspaceId, parseIssueKey(key));
  if (!issue) throw new NotFound(`Issue ${key}`);
  return issue;
}

export async function createIssue(
  svc: Services,
  actor: Actor,
  projectKey: string,
  input: IssueCreate,
  origin: { kind?: Issue['kind'] } = {},
): Promise<Issue> {
  assertCan(actor.role, 'issue.create');
  const issue = await inTransaction(svc.store, async (tx) => {
    const project = await requireProject(tx, actor.workspaceId, projectKey);
    const rules = await loadIssueRules(tx, project.id, input.type);
    const status = statusForCreate(rules, input.status);
    await resolveAssignee(tx, actor.workspaceId, input.assigneeUserId, input.assigneeTeamId);
    const fieldWrites = await checkCreate(tx, actor.workspaceId, rules, input, status);
    const parentId = await resolveParentId(tx, actor.workspaceId, input.parentKey);
    const milestoneId = await resolveMilestoneId(tx, actor.workspaceId, project.id, input.milestone);
    const now = Date.now();
    const closing = closingFields('todo', status.category, { closedAt: null, resolution: null }, {}, now);
    const id = await insertIssue(tx, {
      workspace_id: actor.workspaceId,
      project_id: project.id,
      number: await takeIssueNumber(tx, project.id),
      kind: origin.kind ?? 'manual',
      type: input.type,
      title: input.title,
      description: input.description,
      status: status.key,
      status_category: status.category,
      priority: PRIORITY_RANK[input.priority],
      assignee_user_id: input.assigneeUserId ?? null,
      assignee_team_id: input.assigneeTeamId ?? null,
      reporter_id: actor.userId,
      start_date: input.startDate ?? null,
      due_date: input.dueDate ?? null,
      estimate_minutes: input.estimateMinutes ?? null,
      parent_id: parentId ?? null,
      milestone_id: milestoneId ?? null,
      created_at: now,
      updated_at: now,
      closed_at: closing.closedAt,
      resolution: closing.resolution,
      resolution_note: null,
      version: 1,
    });
    await setIssueLabels(tx, id, await ensureLabels(tx, actor.workspaceId, input.labels));
    await writeCustomFields(tx, actor.workspaceId, id, fieldWrites, {});
    await recordActivity(tx, [
      { workspaceId: actor.workspaceId, issueId: id, actorId: actor.userId, action: 'created' },
    ]);
    await reindexIssue(tx, id);
    return (await findIssue(tx, actor.workspaceId, { id }))!;
  });
  await rescoreNow(svc.store, [issue.id]);
  svc.bus.publish({
    workspaceId: actor.workspaceId,
    type: 'issue.created',
    issueId: issue.id,
    issueKey: issue.key,
    actorId: actor.userId,
    at: Date.now(),
  });
  return issue;
}

export async function getIssue(svc: Services, actor: Actor, key: string) {
  assertCan(actor.role, 'workspace.read');
  return requireIssue(svc.store, actor.workspaceId, key);
}

const TRACKED_FIELDS = [
  'title',
  'description',
  'type',
  'status',
  'priority',
  'assigneeUserId',
  'assigneeTeamId',
  'labels',
  'startDate',
  'dueDate',
  'estimateMinutes',
  'parentKey',
  'resolution',
  'resolutionNote',
  'milestone',
] as const;

/**
 * Applies an edit based on `input.version`. A stale version answers 409 with the current issue in
 * `details.current`, so the client can show what changed meanwhile. Every changed field becomes
 * one activity entry.
 */
export async function updateIssue(
  svc: Services,
  actor: Actor | AutomationActor,
  key: string,
  input: IssueUpdate,
  opts: { origin?: ChangeOrigin } = {},
): Promise<Issue> {
  assertCan(actor.role, 'issue.update');
  const { comment, ...edit } = input;
  if (comment !== undefined) assertCan(actor.role, 'comment.create');
  const result = await inTransaction(svc.store, async (tx) => {
    const before = await requireIssue(tx, actor.workspaceId, key);
    if (before.version !== edit.version) {
      throw new Conflict(
        `${key} was changed by someone else (version ${before.version}, you sent ${edit.version})`,
        {
          current: before,
        },
      );
    }
    const applied = await applyIssueUpdate(tx, actor, before, edit, opts);
    // A comment has a person as its author; automation edits carry none.
    const written =
      comment === undefined || actor.userId === null
        ? null
        : await writeComment(tx, {
            workspaceId: actor.workspaceId,
            issueId: before.id,
            authorId: actor.userId,
            body: comment,
          });
    return { ...applied, commentId: written?.id ?? null };
  });
  // People edits move the score at once (type, due date, milestone); the worker handles the rest.
  await rescoreNow(svc.store, [result.after.id]);
  publishIssueUpdated(svc, actor, result, opts.origin);
  if (result.commentId !== null)
    publishCommentCreated(svc, {
      workspaceId: actor.workspaceId,
      issueId: result.after.id,
      issueKey: result.after.key,
      authorId: actor.userId,
      commentId: result.commentId,
    });
  return result.after;
}

/** An edit without the version check: what updateIssue and bulk edits share. */
export type IssueEdit = Omit<IssueUpdate, 'version' | 'comment'>;

/**
 * Applies every rule of an edit to `before` inside the caller's transaction: validation, closing
 * fields, the version bump, history. Throws typed errors before writing anything it rejects.
 */
export async function applyIssueUpdate(
  tx: Tx,
  actor: Actor | AutomationActor,
  before: Issue,
  input: IssueEdit,
  opts: { origin?: ChangeOrigin } = {},
): Promise<{ after: Issue; fields: string[] }> {
  const key = before.key;
  const rules = await loadIssueRules(tx, before.projectId, input.type ?? before.type);
  const status = statusForEdit(rules, before, input.status);
  if (status) await assertVerifier(tx, rules.workflow, before, status, actor.userId);
  // The person and the team are independent: an edit that names one keeps the other.
  const userId = input.assigneeUserId !== undefined ? input.assigneeUserId : before.assigneeUserId;
  const assigneeTeamId = input.assigneeTeamId !== undefined ? input.assigneeTeamId : before.assigneeTeamId;
  await resolveAssignee(tx, actor.workspaceId, userId, assigneeTeamId);
  const fieldWrites = await checkEdit(
    tx,
    actor.workspaceId,
    rules,
    before,
    input,
    status,
    !!(userId || assigneeTeamId),
  );
  const parentId = await resolveParentId(tx, actor.workspaceId, input.parentKey, before.id);
  const milestoneId = await resolveMilestoneId(tx, actor.workspaceId, before.projectId, input.milestone);
  const category = status?.category ?? before.statusCategory;
  await checkClosing(tx, actor, before, input, category);
  const closing = closingFields(
    before.statusCategory,
    category,
    { closedAt: before.closedAt ? Date.parse(before.closedAt) : null, resolution: before.resolution },
    { resolution: input.resolution },
    Date.now(),
  );
  const ok = await updateIssueRow(tx, before.id, before.version, {
    ...(input.title !== undefined ? { title: input.title } : {}),
    ...(input.description !== undefined ? { description: input.description } : {}),
    ...(input.type !== undefined ? { type: input.type } : {}),
    ...(status ? { status: status.key, status_category: status.category } : {}),
    ...(input.priority !== undefined ? { priority: PRIORITY_RANK[input.priority] } : {}),
    assignee_user_id: userId,
    assignee_team_id: assigneeTeamId,
    ...(input.startDate !== undefined ? { start_date: input.startDate } : {}),
    ...(input.dueDate !== undefined ? { due_date: input.dueDate } : {}),
    ...(input.estimateMinutes !== undefined ? { estimate_minutes: input.estimateMinutes } : {}),
    ...(parentId !== undefined ? { parent_id: parentId } : {}),
    ...(milestoneId !== undefined ? { milestone_id: milestoneId } : {}),
    ...(input.resolutionNote !== undefined ? { resolution_note: input.resolutionNote } : {}),
    closed_at: closing.closedAt,
    resolution: closing.resolution,
  });
  if (!ok) {
    const current = await requireIssue(tx, actor.workspaceId, key);
    throw new Conflict(`${key} was changed by someone else meanwhile`, { current });
  }
  if (input.labels)
    await setIssueLabels(tx, before.id, await ensureLabels(tx, actor.workspaceId, input.labels));
  const fieldChanges = await writeCustomFields(
    tx,
    actor.workspaceId,
    before.id,
    fieldWrites,
    before.customFields,
  );
  const after = (await findIssue(tx, actor.workspaceId, { id: before.id }))!;
  const changes = [
    ...diffFields(
      before as unknown as Record<string, unknown>,
      after as unknown as Record<string, unknown>,
      TRACKED_FIELDS,
    ),
    ...fieldChanges,
  ];
  await recordActivity(
    tx,
    changes.map((c) => ({
      workspaceId: actor.workspaceId,
      issueId: before.id,
      actorId: actor.userId,
      action: 'changed',
      ...c,
    })),
  );
  if (input.title !== undefined || input.description !== undefined || input.resolutionNote !== undefined) {
    await reindexIssue(tx, before.id);
  }
  // Bulk edits go through here too: the severity.rescore job picks the issue up within seconds.
  await markSeverityStale(tx, [before.id]);
  // A priority a person sets, or confirms by setting it again, teaches the project's severity model.
  if (input.priority !== undefined && (opts.origin ?? 'person') === 'person' && actor.userId !== null) {
    await recordPriorityDecision(tx, after, input.priority, actor.userId);
  }
  return { after, fields: changes.map((c) => c.field) };
}

/** One change on the bus per edited issue, after its transaction committed. */
export function publishIssueUpdated(
  svc: Services,
  actor: Actor | AutomationActor,
  result: { after: Issue; fields: string[] },
  origin?: ChangeOrigin,
) {
  if (result.fields.length > 0) {
    svc.bus.publish({
      workspaceId: actor.workspaceId,
      type: 'issue.updated',
      issueId: result.after.id,
      issueKey: result.after.key,
      actorId: actor.userId,
      fields: result.fields,
      at: Date.now(),
      ...(origin ? { origin } : {}),
    });
  }
}

export async function deleteIssue(svc: Services, actor: Actor, key: string) {
  assertCan(actor.role, 'issue.delete');
  let unlinked: { id: number; key: string }[] = [];
  const issue = await inTransaction(svc.store, async (tx) => {
    const issue = await requireIssue(tx, actor.workspaceId, key);
    unlinked = await unlinkAllOf(tx, actor, issue);
    await dropFromIndex(tx, issue.id);
    await deleteIssueRow(tx, issue.id);
    return issue;
  });
  announceLinkChanges(svc, actor, unlinked);
  svc.bus.publish({
    workspaceId: actor.workspaceId,
    type: 'issue.deleted',
    issueId: issue.id,
    issueKey: issue.key,
    actorId: actor.userId,
    at: Date.now(),
  });
}

const isImpactSort = (s: string): s is (typeof IMPACT_SORTS)[number] =>
  (IMPACT_SORTS as readonly string[]).includes(s);

export async function listIssues(svc: Services, actor: Actor, q: IssueListQuery) {
  if (q.q !== undefined) return queryIssues(svc, actor, { ...q, q: q.q });
  // Impact sorts aggregate event groups: the query compiler's list knows how.
  const sort = q.sort ?? 'created';
  if (isImpactSort(sort)) return queryIssues(svc, actor, { ...q, q: '' });
  assertCan(actor.role, 'workspace.read');
  const filter = await resolveListFilter(svc.store, actor, q);
  if (!filter) return { items: [], nextCursor: null };
  if (q.cfSort) {
    const field = await resolveCustomFieldSort(svc.store, actor.workspaceId, filter.projectIds, q.cfSort);
    return listIssuesByCustomField(svc.store, filter, field, {
      order: q.order,
      limit: q.limit,
      cursor: q.cursor,
    });
  }
  return listIssueRows(svc.store, filter, {
    sort,
    order: q.order,
    limit: q.limit,
    cursor: q.cursor,
  });
}
