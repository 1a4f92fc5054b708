import { DEFAULT_ISSUE_TYPE_DEFS } from '@closeloop/core/workflows/default-issue-types';
import type { StatusDef } from '@closeloop/core/workflows/default-workflow';
import { permissiveWorkflow } from '@closeloop/core/workflows/workflow-rules';
import type { WorkflowDef } from '@closeloop/shared/api/workflows';
import type { StatusCategory } from '@closeloop/shared/issue-fields';
import { insertIssueTypes } from './issue-types-store.ts';
import type { Tx } from './transaction.ts';

/** '' is how the default workflow of a project is stored in workflows.issue_type. */
export const DEFAULT_SCOPE = '';

export interface WorkflowRecord {
  id: number;
  projectId: number;
  /** null for the project's default workflow. */
  type: string | null;
  def: WorkflowDef;
  updatedAt: number;
}

function toRecord(r: {
  id: number;
  project_id: number;
  issue_type: string;
  definition: string;
  updated_at: number;
}): WorkflowRecord {
  return {
    id: r.id,
    projectId: r.project_id,
    type: r.issue_type === DEFAULT_SCOPE ? null : r.issue_type,
    def: JSON.parse(r.definition) as WorkflowDef,
    updatedAt: r.updated_at,
  };
}

export async function listWorkflows(tx: Tx, projectId: number): Promise<WorkflowRecord[]> {
  const rows = await tx.db
    .selectFrom('workflows')
    .selectAll()
    .where('project_id', '=', projectId)
    .orderBy('issue_type')
    .execute();
  return rows.map(toRecord);
}

/** The workflow stored for exactly this scope (null type = default), or undefined. */
export async function findWorkflow(
  tx: Tx,
  projectId: number,
  type: string | null,
): Promise<WorkflowRecord | undefined> {
  const row = await tx.db
    .selectFrom('workflows')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('issue_type', '=', type ?? DEFAULT_SCOPE)
    .executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

/** The workflow an issue of `type` follows: its type's own, else the project default; one query. */
export async function effectiveWorkflow(
  tx: Tx,
  projectId: number,
  type: string,
): Promise<WorkflowRecord | undefined> {
  const rows = await tx.db
    .selectFrom('workflows')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('issue_type', 'in', [type, DEFAULT_SCOPE])
    .execute();
  const row = rows.find((r) => r.issue_type === type) ?? rows.find((r) => r.issue_type === DEFAULT_SCOPE);
  return row ? toRecord(row) : undefined;
}

export async function saveWorkflow(
  tx: Tx,
  projectId: number,
  type: string | null,
  def: WorkflowDef,
): Promise<WorkflowRecord> {
  const now = Date.now();
  const scope = type ?? DEFAULT_SCOPE;
  const definition = JSON.stringify(def);
  const updated = await tx.db
    .updateTable('workflows')
    .set({ definition, updated_at: now })
    .where('project_id', '=', projectId)
    .where('issue_type', '=', scope)
    .returningAll()
    .executeTakeFirst();
  const row =
    updated ??
    (await tx.db
      .insertInto('workflows')
      .values({ project_id: projectId, issue_type: scope, definition, updated_at: now })
      .returningAll()
      .executeTakeFirstOrThrow());
  if (type === null) await syncProjectStatuses(tx, projectId, def);
  return toRecord(row);
}

export async function deleteWorkflow(tx: Tx, projectId: number, type: string) {
  await tx.db
    .deleteFrom('workflows')
    .where('project_id', '=', projectId)
    .where('issue_type', '=', type)
    .execute();
}

/** `statuses` mirrors the default workflow, so `project.statuses` and readers of that table stay right. */
async function syncProjectStatuses(tx: Tx, projectId: number, def: WorkflowDef) {
  await tx.db.deleteFrom('statuses').where('project_id', '=', projectId).execute();
  await tx.db
    .insertInto('statuses')
    .values(
      def.statuses.map((s, i) => ({
        project_id: projectId,
        key: s.key,
        name: s.name,
        category: s.category,
        position: i,
      })),
    )
    .execute();
}

/**
 * Which issue types follow a workflow scope: a type's own workflow covers that type; the default
 * covers every type without one. Returned as a predicate over issues.type for the queries below.
 */
export type TypeScope = { only: string } | { except: string[] };

export async function scopeOf(tx: Tx, projectId: number, type: string | null): Promise<TypeScope> {
  if (type !== null) return { only: type };
  const own = await tx.db
    .selectFrom('workflows')
    .select('issue_type')
    .where('project_id', '=', projectId)
    .where('issue_type', '!=', DEFAULT_SCOPE)
    .execute();
  return { except: own.map((r) => r.issue_type) };
}

function issuesInScope(tx: Tx, projectId: number, scope: TypeScope) {
  let q = tx.db.selectFrom('issues').where('project_id', '=', projectId);
  if ('only' in scope) q = q.where('type', '=', scope.only);
  else if (scope.except.length > 0) q = q.where('type', 'not in', scope.except);
  return q;
}

/** Distinct status keys that issues under `scope` use now. */
export async function statusesInUse(tx: Tx, projectId: number, scope: TypeScope): Promise<string[]> {
  const rows = await issuesInScope(tx, projectId, scope).select('status').distinct().execute();
  return rows.map((r) => r.status);
}

export async function issuesInStatus(tx: Tx, projectId: number, scope: TypeScope, status: string) {
  return issuesInScope(tx, projectId, scope)
    .select(['id', 'number'])
    .where('status', '=', status)
    .orderBy('id')
    .execute();
}

/**
 * Moves issues to a status in one statement per (from, to): bumps their version so open edit
 * forms get a 409 instead of overwriting, and applies the closing fields of the category change.
 */
export async function moveIssuesToStatus(
  tx: Tx,
  ids: readonly number[],
  to: { key: string; category: StatusCategory },
  closing: { closedAt: number | null; resolution: string | null } | 'keep',
) {
  if (ids.length === 0) return;
  const now = Date.now();
  await tx.db
    .updateTable('issues')
    .set((eb) => ({
      status: to.key,
      status_category: to.category,
      version: eb('version', '+', 1),
      updated_at: now,
      ...(closing === 'keep' ? {} : { closed_at: closing.closedAt, resolution: closing.resolution }),
    }))
    .where('id', 'in', ids)
    .execute();
}

/** What a new project starts with: the six default issue types and a default workflow over `statuses` allowing every move. */
export async function seedProjectWorkflow(tx: Tx, projectId: number, statuses: readonly StatusDef[]) {
  await insertIssueTypes(tx, projectId, DEFAULT_ISSUE_TYPE_DEFS);
  await tx.db
    .insertInto('workflows')
    .values({
      project_id: projectId,
      issue_type: DEFAULT_SCOPE,
      definition: JSON.stringify(permissiveWorkflow(statuses)),
      updated_at: Date.now(),
    })
    .execute();
}
