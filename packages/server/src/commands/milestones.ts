import { formatIssueKey } from '@closeloop/core/issues/issue-key';
import { assertCan } from '@closeloop/core/permissions/permissions';
import { milestoneImpact } from '@closeloop/core/relations/milestone-impact';
import { progressOf } from '@closeloop/core/relations/progress';
import type {
  Milestone,
  MilestoneCreate,
  MilestoneDetail,
  MilestoneUpdate,
} from '@closeloop/shared/api/milestones';
import { Conflict, NotFound } from '@closeloop/shared/errors';
import type { MilestoneState } from '@closeloop/shared/relation-fields';
import { RISK_ISSUE_TYPES } from '@closeloop/shared/relation-fields';
import type { Services } from '../services.ts';
import { recordActivity } from '../store/activity-store.ts';
import type { Store } from '../store/db.ts';
import { openBlockersOf, openLinkedOfTypes } from '../store/links-store.ts';
import {
  deleteMilestoneRow,
  detachMilestoneIssues,
  findMilestone,
  insertMilestone,
  listMilestoneRows,
  type MilestoneRow,
  milestoneGroups,
  openIssuesOfMilestone,
  updateMilestoneRow,
} from '../store/milestones-store.ts';
import { inTransaction, isUniqueViolation, type Tx } from '../store/transaction.ts';
import type { Actor } from './actor.ts';
import { requireProject } from './projects.ts';

const iso = (ms: number | null) => (ms === null ? null : new Date(Number(ms)).toISOString());
const todayUtc = () => new Date().toISOString().slice(0, 10);

async function present(tx: Tx, rows: readonly MilestoneRow[]): Promise<Milestone[]> {
  const groups = await milestoneGroups(
    tx,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    projectId: r.project_id,
    projectKey: r.project_key,
    name: r.name,
    description: r.description,
    targetDate: r.target_date,
    state: r.state as MilestoneState,
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
    closedAt: iso(r.closed_at),
    progress: progressOf(groups.get(r.id) ?? []),
  }));
}

async function requireMilestone(tx: Tx, workspaceId: number, id: number) {
  const row = await findMilestone(tx, workspaceId, id);
  if (!row) throw new NotFound(`Milestone ${id}`);
  return row;
}

const nameTaken = (name: string) =>
  new Conflict(`A milestone named "${name}" exists in this project`, { field: 'name' });

export async function createMilestone(
  store: Store,
  actor: Actor,
  projectKey: string,
  input: MilestoneCreate,
) {
  assertCan(actor.role, 'milestone.manage');
  return inTransaction(store, async (tx) => {
    const project = await requireProject(tx, actor.workspaceId, projectKey);
    try {
      const id = await insertMilestone(tx, {
        workspaceId: actor.workspaceId,
        projectId: project.id,
        name: input.name,
        description: input.description,
        targetDate: input.targetDate ?? null,
      });
      return (await present(tx, [(await findMilestone(tx, actor.workspaceId, id))!]))[0]!;
    } catch (err) {
      if (isUniqueViolation(err)) throw nameTaken(input.name);
      throw err;
    }
  });
}

export async function listMilestones(
  store: Store,
  actor: Actor,
  projectKey: string,
  state: MilestoneState | 'all',
) {
  assertCan(actor.role, 'workspace.read');
  const project = await requireProject(store, actor.workspaceId, projectKey);
  return present(store, await listMilestoneRows(store, project.id, state));
}

/**
 * The milestone page: progress plus impact — open work that is blocked, late or due after the
 * target, and the risks recorded against it. Four indexed queries whatever the milestone's size.
 */
export async function getMilestone(store: Store, actor: Actor, id: number): Promise<MilestoneDetail> {
  assertCan(actor.role, 'workspace.read');
  const row = await requireMilestone(store, actor.workspaceId, id);
  const [milestone] = await present(store, [row]);
  const openIssues = row.state === 'closed' ? [] : await openIssuesOfMilestone(store, row.id);
  const ids = openIssues.map((i) => i.id);
  const impact = milestoneImpact({
    targetDate: row.target_date,
    today: todayUtc(),
    openIssues,
    blockers: await openBlockersOf(store, ids),
    linkedRisks: await openLinkedOfTypes(store, ids, RISK_ISSUE_TYPES),
  });
  return { ...milestone!, impact };
}

export async function updateMilestone(store: Store, actor: Actor, id: number, input: MilestoneUpdate) {
  assertCan(actor.role, 'milestone.manage');
  return inTransaction(store, async (tx) => {
    const row = await requireMilestone(tx, actor.workspaceId, id);
    const closing = input.state !== undefined && input.state !== row.state;
    try {
      await updateMilestoneRow(tx, row.id, {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.targetDate !== undefined ? { target_date: input.targetDate } : {}),
        ...(closing ? { state: input.state, closed_at: input.state === 'closed' ? Date.now() : null } : {}),
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw nameTaken(input.name ?? row.name);
      throw err;
    }
    return (await present(tx, [(await findMilestone(tx, actor.workspaceId, row.id))!]))[0]!;
  });
}

/**
 * Deleting a milestone takes its issues out of it first; each of them records the change in its
 * history and is announced on the bus like any other edit.
 */
export async function deleteMilestone(svc: Services, actor: Actor, id: number) {
  assertCan(actor.role, 'milestone.delete');
  const { detached, row } = await inTransaction(svc.store, async (tx) => {
    const row = await requireMilestone(tx, actor.workspaceId, id);
    const detached = await detachMilestoneIssues(tx, row.id);
    await recordActivity(
      tx,
      detached.map((issue) => ({
        workspaceId: actor.workspaceId,
        issueId: issue.id,
        actorId: actor.userId,
        action: 'changed',
        field: 'milestone',
        from: { id: row.id, name: row.name },
        to: null,
      })),
    );
    await deleteMilestoneRow(tx, row.id);
    return { detached, row };
  });
  for (const issue of detached) {
    svc.bus.publish({
      workspaceId: actor.workspaceId,
      type: 'issue.updated',
      issueId: issue.id,
      issueKey: formatIssueKey(row.project_key, issue.number),
      actorId: actor.userId,
      fields: ['milestone'],
      at: Date.now(),
    });
  }
}
