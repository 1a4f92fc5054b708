import { assertCan } from '@closeloop/core/permissions/permissions';
import { DEFAULT_STATUSES } from '@closeloop/core/workflows/default-workflow';
import type { Project } from '@closeloop/shared/api/projects';
import { Conflict, NotFound } from '@closeloop/shared/errors';
import type { StatusCategory } from '@closeloop/shared/issue-fields';
import type { Store } from '../store/db.ts';
import {
  findProjectByKey,
  insertProject,
  listProjects as listRows,
  listStatuses,
  updateProject as updateRow,
} from '../store/projects-store.ts';
import type { ProjectTable } from '../store/tables.ts';
import { inTransaction, isUniqueViolation, type Tx } from '../store/transaction.ts';
import { seedProjectWorkflow } from '../store/workflows-store.ts';
import type { Actor } from './actor.ts';

type ProjectRow = Omit<ProjectTable, 'id' | 'mail_intake'> & { id: number };

async function present(tx: Tx, rows: ProjectRow[]): Promise<Project[]> {
  const statuses = await listStatuses(
    tx,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    key: r.key,
    name: r.name,
    description: r.description,
    createdAt: new Date(r.created_at).toISOString(),
    archivedAt: r.archived_at === null ? null : new Date(r.archived_at).toISOString(),
    statuses: statuses
      .filter((s) => s.project_id === r.id)
      .map((s) => ({ key: s.key, name: s.name, category: s.category as StatusCategory })),
  }));
}

export async function createProject(
  store: Store,
  actor: Actor,
  input: { key: string; name: string; description: string },
) {
  assertCan(actor.role, 'project.manage');
  return inTransaction(store, async (tx) => {
    try {
      const row = await insertProject(tx, { workspaceId: actor.workspaceId, ...input }, DEFAULT_STATUSES);
      await seedProjectWorkflow(tx, row.id, DEFAULT_STATUSES);
      return (await present(tx, [row]))[0]!;
    } catch (err) {
      if (isUniqueViolation(err))
        throw new Conflict(`A project with key ${input.key} exists`, { field: 'key' });
      throw err;
    }
  });
}

export async function requireProject(tx: Tx, workspaceId: number, key: string) {
  const row = await findProjectByKey(tx, workspaceId, key);
  if (!row) throw new NotFound(`Project ${key}`);
  return row;
}

export async function getProject(store: Store, actor: Actor, key: string) {
  assertCan(actor.role, 'workspace.read');
  return (await present(store, [await requireProject(store, actor.workspaceId, key)]))[0]!;
}

export async function listProjects(store: Store, actor: Actor) {
  assertCan(actor.role, 'workspace.read');
  return present(store, await listRows(store, actor.workspaceId));
}

export async function updateProject(
  store: Store,
  actor: Actor,
  key: string,
  input: { name?: string | undefined; description?: string | undefined; archived?: boolean | undefined },
) {
  assertCan(actor.role, 'project.manage');
  return inTransaction(store, async (tx) => {
    const row = await requireProject(tx, actor.workspaceId, key);
    const updated = await updateRow(tx, row.id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.archived !== undefined ? { archived_at: input.archived ? Date.now() : null } : {}),
    });
    return (await present(tx, [updated]))[0]!;
  });
}
