import { validateFieldDef } from '@closeloop/core/custom-fields/field-values';
import { assertCan } from '@closeloop/core/permissions/permissions';
import type { CustomField, CustomFieldCreate, CustomFieldUpdate } from '@closeloop/shared/api/workflows';
import { Conflict, Invalid, NotFound } from '@closeloop/shared/errors';
import {
  type CustomFieldRecord,
  deleteCustomField as deleteRow,
  findCustomField,
  insertCustomField,
  listCustomFields as listRows,
  optionsInUse,
  updateCustomField as updateRow,
} from '../store/custom-fields-store.ts';
import type { Store } from '../store/db.ts';
import { listIssueTypes } from '../store/issue-types-store.ts';
import { inTransaction, isUniqueViolation, type Tx } from '../store/transaction.ts';
import { listWorkflows } from '../store/workflows-store.ts';
import type { Actor } from './actor.ts';
import { requireProject } from './projects.ts';

function present(f: CustomFieldRecord): CustomField {
  return {
    id: f.id,
    key: f.key,
    name: f.name,
    description: f.description,
    type: f.type,
    options: [...f.options],
    types: f.types === null ? null : [...f.types],
    requiredFor: [...f.requiredFor],
    position: f.position,
  };
}

async function checkDef(
  tx: Tx,
  projectId: number,
  def: Omit<CustomFieldRecord, 'id' | 'workspaceId' | 'projectId' | 'position'>,
) {
  const types = (await listIssueTypes(tx, projectId)).map((t) => t.key);
  const problems = validateFieldDef(def, types);
  if (problems.length > 0)
    throw new Invalid(`${def.name}: ${problems[0]!.message}`, { field: problems[0]!.path, problems });
}

async function requireField(tx: Tx, projectId: number, key: string) {
  const f = await findCustomField(tx, projectId, key);
  if (!f) throw new NotFound(`Custom field ${key}`);
  return f;
}

export async function listCustomFields(store: Store, actor: Actor, projectKey: string) {
  assertCan(actor.role, 'workspace.read');
  const project = await requireProject(store, actor.workspaceId, projectKey);
  return (await listRows(store, project.id)).map(present);
}

export async function createCustomField(
  store: Store,
  actor: Actor,
  projectKey: string,
  input: CustomFieldCreate,
) {
  assertCan(actor.role, 'project.manage');
  return inTransaction(store, async (tx) => {
    const project = await requireProject(tx, actor.workspaceId, projectKey);
    await checkDef(tx, project.id, input);
    try {
      return present(
        await insertCustomField(tx, { workspaceId: actor.workspaceId, projectId: project.id, ...input }),
      );
    } catch (err) {
      if (isUniqueViolation(err))
        throw new Conflict(`A field with key ${input.key} exists in ${project.key}`, { field: 'key' });
      throw err;
    }
  });
}

/** The key and the type never change (stored values depend on them); removing an option in use answers 409. */
export async function updateCustomField(
  store: Store,
  actor: Actor,
  projectKey: string,
  key: string,
  input: CustomFieldUpdate,
) {
  assertCan(actor.role, 'project.manage');
  return inTransaction(store, async (tx) => {
    const project = await requireProject(tx, actor.workspaceId, projectKey);
    const f = await requireField(tx, project.id, key);
    const next = {
      ...f,
      ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)),
    } as CustomFieldRecord;
    await checkDef(tx, project.id, next);
    const removed = f.options.filter((o) => !next.options.includes(o));
    const used = await optionsInUse(tx, f.id, removed);
    if (used.length > 0) {
      throw new Conflict(`Issues still use ${used.join(', ')}; change them before removing the option`, {
        field: 'options',
        inUse: used,
      });
    }
    return present(await updateRow(tx, f.id, next));
  });
}

/** Deletes the field and every value of it (history entries stay). */
export async function deleteCustomField(store: Store, actor: Actor, projectKey: string, key: string) {
  assertCan(actor.role, 'project.manage');
  await inTransaction(store, async (tx) => {
    const project = await requireProject(tx, actor.workspaceId, projectKey);
    const field = await requireField(tx, project.id, key);
    // A status that requires the field would become impossible to enter.
    const users = (await listWorkflows(tx, project.id)).filter((w) =>
      w.def.statuses.some((s) => s.required.includes(`custom.${key}`)),
    );
    if (users.length > 0) {
      throw new Conflict(`Workflows require ${key} on entering a status; change them first`, {
        field: 'key',
        workflows: users.map((w) => w.type ?? 'default'),
      });
    }
    await deleteRow(tx, field.id);
  });
}
