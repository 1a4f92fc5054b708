import { REPORT_PROMPTS, type ReportPrompt } from '@closeloop/core/intake/report-quality';
import { assertCan } from '@closeloop/core/permissions/permissions';
import type { IssueType } from '@closeloop/shared/api/workflows';
import { Conflict, Invalid, NotFound } from '@closeloop/shared/errors';
import type { Store } from '../store/db.ts';
import {
  countIssuesOfType,
  deleteIssueType as deleteRow,
  findIssueType,
  type IssueTypeRecord,
  insertIssueTypes,
  listIssueTypes as listRows,
  nextIssueTypePosition,
  reportRulesOfRow,
  updateIssueType as updateRow,
} from '../store/issue-types-store.ts';
import { inTransaction, isUniqueViolation, type Tx } from '../store/transaction.ts';
import { deleteWorkflow, listWorkflows } from '../store/workflows-store.ts';
import type { Actor } from './actor.ts';
import { requireProject } from './projects.ts';

async function present(tx: Tx, projectId: number, rows: readonly IssueTypeRecord[]): Promise<IssueType[]> {
  const own = new Set((await listWorkflows(tx, projectId)).map((w) => w.type));
  return rows.map((r) => ({
    key: r.key,
    name: r.name,
    icon: r.icon,
    color: r.color,
    position: r.position,
    ownWorkflow: own.has(r.key),
    reportTemplate: r.report_template,
    reportRequired: reportRulesOfRow(r).required,
  }));
}

export async function listIssueTypes(store: Store, actor: Actor, projectKey: string) {
  assertCan(actor.role, 'workspace.read');
  const project = await requireProject(store, actor.workspaceId, projectKey);
  return present(store, project.id, await listRows(store, project.id));
}

async function requireType(tx: Tx, projectId: number, key: string) {
  const t = await findIssueType(tx, projectId, key);
  if (!t) throw new NotFound(`Issue type ${key}`);
  return t;
}

export async function createIssueType(
  store: Store,
  actor: Actor,
  projectKey: string,
  input: { key: string; name: string; icon: string; color: string },
) {
  assertCan(actor.role, 'project.manage');
  // "default" names the project's default workflow in /workflows/default.
  if (input.key === 'default') throw new Invalid('"default" is reserved', { field: 'key' });
  return inTransaction(store, async (tx) => {
    const project = await requireProject(tx, actor.workspaceId, projectKey);
    try {
      await insertIssueTypes(tx, project.id, [
        { ...input, position: await nextIssueTypePosition(tx, project.id) },
      ]);
    } catch (err) {
      if (isUniqueViolation(err)) throw new Conflict(`Issue type ${input.key} exists`, { field: 'key' });
      throw err;
    }
    return (await present(tx, project.id, [await requireType(tx, project.id, input.key)]))[0]!;
  });
}

export async function updateIssueType(
  store: Store,
  actor: Actor,
  projectKey: string,
  key: string,
  input: {
    name?: string | undefined;
    icon?: string | undefined;
    color?: string | undefined;
    position?: number | undefined;
    reportTemplate?: string | undefined;
    reportRequired?: readonly ReportPrompt[] | undefined;
  },
) {
  assertCan(actor.role, 'project.manage');
  const { reportTemplate, reportRequired, ...fields } = input;
  return inTransaction(store, async (tx) => {
    const project = await requireProject(tx, actor.workspaceId, projectKey);
    const t = await requireType(tx, project.id, key);
    await updateRow(tx, t.id, {
      ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
      ...(reportTemplate === undefined ? {} : { report_template: reportTemplate }),
      // Kept in the prompts' own order, once each.
      ...(reportRequired === undefined
        ? {}
        : { report_required: JSON.stringify(REPORT_PROMPTS.filter((p) => reportRequired.includes(p))) }),
    });
    return (await present(tx, project.id, [await requireType(tx, project.id, key)]))[0]!;
  });
}

/** Only a type no issue uses can go (409 with the count otherwise); its own workflow goes with it. */
export async function deleteIssueType(store: Store, actor: Actor, projectKey: string, key: string) {
  assertCan(actor.role, 'project.manage');
  await inTransaction(store, async (tx) => {
    const project = await requireProject(tx, actor.workspaceId, projectKey);
    const t = await requireType(tx, project.id, key);
    const count = await countIssuesOfType(tx, project.id, key);
    if (count > 0)
      throw new Conflict(`${count} issue(s) are of type ${key}; change their type first`, {
        field: 'key',
        count,
      });
    await deleteWorkflow(tx, project.id, key);
    await deleteRow(tx, t.id);
  });
}
