import { assertCan } from '@closeloop/core/permissions/permissions';
import { Conflict, NotFound } from '@closeloop/shared/errors';
import type { Store } from '../store/db.ts';
import * as labels from '../store/labels-store.ts';
import { isUniqueViolation } from '../store/transaction.ts';
import type { Actor } from './actor.ts';

export async function listLabels(store: Store, actor: Actor) {
  assertCan(actor.role, 'workspace.read');
  return labels.listLabels(store, actor.workspaceId);
}

export async function createLabel(store: Store, actor: Actor, input: { name: string; color: string }) {
  assertCan(actor.role, 'label.manage');
  try {
    return await labels.insertLabel(store, { workspaceId: actor.workspaceId, ...input });
  } catch (err) {
    if (isUniqueViolation(err)) throw new Conflict(`A label named ${input.name} exists`, { field: 'name' });
    throw err;
  }
}

export async function deleteLabel(store: Store, actor: Actor, id: number) {
  assertCan(actor.role, 'label.manage');
  if (!(await labels.deleteLabel(store, actor.workspaceId, id))) throw new NotFound('Label');
}
