import { closingFields } from '@closeloop/core/issues/closing-rules';
import { formatIssueKey } from '@closeloop/core/issues/issue-key';
import { assertCan } from '@closeloop/core/permissions/permissions';
import {
  findStatus,
  permissiveWorkflow,
  planStatusMigration,
  validateWorkflow,
} from '@closeloop/core/workflows/workflow-rules';
import type { Workflow, WorkflowDef, WorkflowPut } from '@closeloop/shared/api/workflows';
import { Invalid, NotFound, Unprocessable } from '@closeloop/shared/errors';
import { CLOSED_CATEGORIES, type StatusCategory } from '@closeloop/shared/issue-fields';
import type { Services } from '../services.ts';
import { recordActivity } from '../store/activity-store.ts';
import { listCustomFields } from '../store/custom-fields-store.ts';
import type { Store } from '../store/db.ts';
import { findIssueType } from '../store/issue-types-store.ts';
import { inTransaction, type Tx } from '../store/transaction.ts';
import {
  deleteWorkflow as deleteWorkflowRow,
  findWorkflow,
  issuesInStatus,
  listWorkflows,
  moveIssuesToStatus,
  saveWorkflow,
  scopeOf,
  statusesInUse,
} from '../store/workflows-store.ts';
import type { Actor } from './actor.ts';
import { requireProject } from './projects.ts';

function present(def: WorkflowDef, type: string | null, inherited: boolean, updatedAt: number): Workflow {
  return {
    type,
    inherited,
    initial: def.initial,
    statuses: def.statuses.map((s) => ({
      key: s.key,
      name: s.name,
      category: s.category,
      required: [...(s.required ?? [])],
      verification: s.verification === true,
    })),
    transitions: def.transitions.map((t) => ({ from: t.from, to: t.to })),
    updatedAt: new Date(updatedAt).toISOString(),
  };
}

async function requireType(tx: Tx, projectId: number, type: string) {
  const t = await findIssueType(tx, projectId, type);
  if (!t) throw new NotFound(`Issue type ${type}`);
  return t;
}

/** The default workflow of a project (never missing for projects made after migration 0002). */
async function defaultOf(tx: Tx, projectId: number) {
  return (await findWorkflow(tx, projectId, null)) ?? { def: permissiveWorkflow(), updatedAt: 0 };
}

/** The default workflow first, then every type that has its own. */
export async function listProjectWorkflows(
  store: Store,
  actor: Actor,
  projectKey: string,
): Promise<Workflow[]> {
  assertCan(actor.role, 'workspace.read');
  const project = await requireProject(store, actor.workspaceId, projectKey);
  const rows = await listWorkflows(store, project.id);
  const def = rows.find((r) => r.type === null) ?? { def: permissiveWorkflow(), updatedAt: 0, type: null };
  return [
    present(def.def, null, false, def.updatedAt),
    ...rows.filter((r) => r.type !== null).map((r) => present(r.def, r.type, false, r.updatedAt)),
  ];
}

/** One workflow; for a type without its own this is the default, marked `inherited`. */
export async function getWorkflow(
  store: Store,
  actor: Actor,
  projectKey: string,
  type: string | null,
): Promise<Workflow> {
  assertCan(actor.role, 'workspace.read');
  const project = await requireProject(store, actor.workspaceId, projectKey);
  if (type === null) {
    const d = await defaultOf(store, project.id);
    return present(d.def, null, false, d.updatedAt);
  }
  await requireType(store, project.id, type);
  const own = await findWorkflow(store, project.id, type);
  if (own) return present(own.def, type, false, own.updatedAt);
  const d = await defaultOf(store, project.id);
  return present(d.def, type, true, d.updatedAt);
}

interface Moved {
  id: number;
  key: string;
}

/**
 * Moves the issues that follow this workflow scope from `before` to `after` per the admin's
 * mapping, one UPDATE per removed status and one history entry per moved issue.
 */
async function migrateIssues(
  tx: Tx,
  actor: Actor,
  project: { id: number; key: string },
  type: string | null,
  before: WorkflowDef,
  after: WorkflowDef,
  mapping: Record<string, string>,
) {
  const scope = await scopeOf(tx, project.id, type);
  const inUse = await statusesInUse(tx, project.id, scope);
  const plan = planStatusMigration(before, after, inUse, mapping);
  if (plan.unmapped.length > 0 || plan.badTargets.length > 0) {
    throw new Unprocessable(
      plan.unmapped.length > 0
        ? `Issues still use ${plan.unmapped.map((k) => `"${k}"`).join(', ')}; map ${plan.unmapped.length > 1 ? 'them' : 'it'} to a status of the new workflow`
        : `The mapping points at statuses that are not in the new workflow`,
      {
        field: 'mapping',
        unmapped: plan.unmapped,
        badTargets: plan.badTargets,
        allowed: after.statuses.map((s) => s.key),
      },
    );
  }
  const now = Date.now();
  const isClosed = (c: StatusCategory) => CLOSED_CATEGORIES.includes(c);
  const closingFor = (from: StatusCategory, to: StatusCategory) =>
    isClosed(from) === isClosed(to)
      ? ('keep' as const)
      : closingFields(from, to, { closedAt: null, resolution: null }, {}, now);
  const migrated: { from: string; to: string; count: number }[] = [];
  const moved: Moved[] = [];
  for (const m of plan.moves) {
    const rows = await issuesInStatus(tx, project.id, scope, m.from);
    const fromCategory = findStatus(before, m.from)?.category ?? m.category;
    await moveIssuesToStatus(
      tx,
      rows.map((r) => r.id),
      { key: m.to, category: m.category },
      closingFor(fromCategory, m.category),
    );
    await recordActivity(
      tx,
      rows.map((r) => ({
        workspaceId: actor.workspaceId,
        issueId: r.id,
        actorId: actor.userId,
        action: 'changed',
        field: 'status',
        from: m.from,
        to: m.to,
      })),
    );
    migrated.push({ from: m.from, to: m.to, count: rows.length });
    moved.push(...rows.map((r) => ({ id: r.id, key: formatIssueKey(project.key, r.number) })));
  }
  for (const r of plan.recategorised) {
    const rows = await issuesInStatus(tx, project.id, scope, r.key);
    await moveIssuesToStatus(
      tx,
      rows.map((x) => x.id),
      { key: r.key, category: r.to },
      closingFor(r.from, r.to),
    );
    moved.push(...rows.map((x) => ({ id: x.id, key: formatIssueKey(project.key, x.number) })));
  }
  return { migrated, moved };
}

async function checkDefinition(tx: Tx, projectId: number, def: WorkflowDef) {
  const problems = validateWorkflow(def);
  const fieldKeys = new Set((await listCustomFields(tx, projectId)).map((f) => f.key));
  def.statuses.forEach((s, i) => {
    for (const r of s.required) {
      if (r.startsWith('custom.') && !fieldKeys.has(r.slice(7))) {
        problems.push({
          path: `statuses.${i}.required`,
          message: `No custom field "${r.slice(7)}" in this project`,
        });
      }
    }
  });
  if (problems.length > 0) {
    throw new Invalid(`The workflow is not coherent: ${problems[0]!.message}`, {
      field: problems[0]!.path,
      problems,
    });
  }
}

function publishMoves(svc: Services, actor: Actor, moved: readonly Moved[]) {
  for (const m of moved) {
    svc.bus.publish({
      workspaceId: actor.workspaceId,
      type: 'issue.updated',
      issueId: m.id,
      issueKey: m.key,
      actorId: actor.userId,
      fields: ['status'],
      at: Date.now(),
    });
  }
}

/**
 * Replaces a workflow (the default when `type` is null). Issues in statuses it removes move to
 * their mapped status in the same transaction; a removed status still in use without a mapping
 * answers 422 naming it.
 */
export async function putWorkflow(
  svc: Services,
  actor: Actor,
  projectKey: string,
  type: string | null,
  input: WorkflowPut,
) {
  assertCan(actor.role, 'project.manage');
  const { workflow, migrated, moved } = await inTransaction(svc.store, async (tx) => {
    const project = await requireProject(tx, actor.workspaceId, projectKey);
    if (type !== null) await requireType(tx, project.id, type);
    const def: WorkflowDef = {
      initial: input.initial,
      statuses: input.statuses,
      transitions: input.transitions,
    };
    await checkDefinition(tx, project.id, def);
    const before =
      (type !== null ? await findWorkflow(tx, project.id, type) : undefined) ??
      (await defaultOf(tx, project.id));
    const { migrated, moved } = await migrateIssues(tx, actor, project, type, before.def, def, input.mapping);
    const saved = await saveWorkflow(tx, project.id, type, def);
    return { workflow: present(saved.def, type, false, saved.updatedAt), migrated, moved };
  });
  publishMoves(svc, actor, moved);
  return { workflow, migrated };
}

/** Drops a type's own workflow so it follows the default again; issues move per `mapping` as in putWorkflow. */
export async function deleteTypeWorkflow(
  svc: Services,
  actor: Actor,
  projectKey: string,
  type: string,
  mapping: Record<string, string>,
) {
  assertCan(actor.role, 'project.manage');
  const { migrated, moved } = await inTransaction(svc.store, async (tx) => {
    const project = await requireProject(tx, actor.workspaceId, projectKey);
    await requireType(tx, project.id, type);
    const own = await findWorkflow(tx, project.id, type);
    if (!own) throw new NotFound(`A workflow of its own for ${type}`);
    const d = await defaultOf(tx, project.id);
    const result = await migrateIssues(tx, actor, project, type, own.def, d.def, mapping);
    await deleteWorkflowRow(tx, project.id, type);
    return result;
  });
  publishMoves(svc, actor, moved);
  return { migrated };
}
