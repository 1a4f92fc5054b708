import {
  type ProjectResolution,
  projectResolutions,
  resolutionEditRefusal,
  resolutionRefusal,
} from '@closeloop/core/closure/resolutions';
import { assertCan } from '@closeloop/core/permissions/permissions';
import { Conflict, NotFound, Unprocessable } from '@closeloop/shared/errors';
import type { Services } from '../services.ts';
import {
  deleteResolutionRow,
  issuesWithResolution,
  resolutionRows,
  saveResolutionRow,
} from '../store/closing-settings-store.ts';
import { inTransaction, type Tx } from '../store/transaction.ts';
import type { Actor } from './actor.ts';
import { requireProject } from './projects.ts';

export async function resolutionsOf(tx: Tx, projectId: number): Promise<ProjectResolution[]> {
  return projectResolutions(await resolutionRows(tx, projectId));
}

/**
 * Refuses (422) closing with a resolution the project does not offer: unknown, or retired since.
 * `current` is the issue's own, which it may keep.
 */
export async function assertResolutionChoice(
  tx: Tx,
  projectId: number,
  key: string,
  current: string | null,
): Promise<void> {
  const refusal = resolutionRefusal(await resolutionsOf(tx, projectId), key, current);
  if (refusal) throw new Unprocessable(refusal, { field: 'resolution' });
}

export async function listResolutions(svc: Services, actor: Actor, projectKey: string) {
  assertCan(actor.role, 'workspace.read');
  const project = await requireProject(svc.store, actor.workspaceId, projectKey);
  return { items: await resolutionsOf(svc.store, project.id) };
}

/** Adds a project's own resolution (admins); a key already listed, built-in or own, is a 409. */
export async function addResolution(
  svc: Services,
  actor: Actor,
  projectKey: string,
  body: { key: string; name: string },
) {
  assertCan(actor.role, 'project.manage');
  return inTransaction(svc.store, async (tx) => {
    const project = await requireProject(tx, actor.workspaceId, projectKey);
    const list = await resolutionsOf(tx, project.id);
    if (list.some((r) => r.key === body.key))
      throw new Conflict(`${projectKey} already has the resolution "${body.key}"`, { field: 'key' });
    await saveResolutionRow(tx, { projectId: project.id, ...body, retired: false, now: Date.now() });
    return { items: await resolutionsOf(tx, project.id) };
  });
}

/** Renames, retires or brings back a resolution (admins); fixed and duplicate stay active (422). */
export async function changeResolution(
  svc: Services,
  actor: Actor,
  projectKey: string,
  key: string,
  body: { name?: string | undefined; retired?: boolean | undefined },
) {
  assertCan(actor.role, 'project.manage');
  return inTransaction(svc.store, async (tx) => {
    const project = await requireProject(tx, actor.workspaceId, projectKey);
    const list = await resolutionsOf(tx, project.id);
    if (!list.some((r) => r.key === key)) throw new NotFound(`Resolution ${key} of ${projectKey}`);
    const refusal = resolutionEditRefusal(list, key, body);
    if (refusal) throw new Unprocessable(refusal, { field: 'retired' });
    const found = list.find((r) => r.key === key)!;
    await saveResolutionRow(tx, {
      projectId: project.id,
      key,
      name: body.name ?? found.name,
      retired: body.retired ?? found.retired,
      now: Date.now(),
    });
    return { items: await resolutionsOf(tx, project.id) };
  });
}

/**
 * Removes a project's own resolution that no issue was closed with (admins). Built-in ones and
 * resolutions in use are retired instead (409), so every closed issue keeps a named resolution.
 */
export async function removeResolution(svc: Services, actor: Actor, projectKey: string, key: string) {
  assertCan(actor.role, 'project.manage');
  await inTransaction(svc.store, async (tx) => {
    const project = await requireProject(tx, actor.workspaceId, projectKey);
    const list = await resolutionsOf(tx, project.id);
    if (!list.some((r) => r.key === key)) throw new NotFound(`Resolution ${key} of ${projectKey}`);
    const refusal = resolutionEditRefusal(list, key, { remove: true });
    if (refusal) throw new Conflict(refusal, { field: 'key' });
    const used = await issuesWithResolution(tx, project.id, key);
    if (used > 0) throw new Conflict(`${used} issue(s) were closed with "${key}": retire it instead`);
    await deleteResolutionRow(tx, project.id, key);
  });
}
