import {
  type FieldValue,
  fieldAppliesTo,
  missingRequiredFields,
  validateFieldValue,
} from '@closeloop/core/custom-fields/field-values';
import type { FieldChange } from '@closeloop/core/issues/issue-changes';
import {
  checkTransition,
  findStatus,
  missingOnEnter,
  permissiveWorkflow,
} from '@closeloop/core/workflows/workflow-rules';
import type { Issue, IssueCreate, IssueUpdate } from '@closeloop/shared/api/issues';
import type { CustomFieldValues, WorkflowDef } from '@closeloop/shared/api/workflows';
import { Invalid, Unprocessable } from '@closeloop/shared/errors';
import type { StatusCategory } from '@closeloop/shared/issue-fields';
import { type CustomFieldRecord, listCustomFields, writeFieldValue } from '../store/custom-fields-store.ts';
import { findIssueType, listIssueTypes } from '../store/issue-types-store.ts';
import { findTeam } from '../store/teams-store.ts';
import type { Tx } from '../store/transaction.ts';
import { effectiveWorkflow } from '../store/workflows-store.ts';
import { findMembership } from '../store/workspaces-store.ts';

/**
 * What commands/issues.ts asks before it writes an issue: does the type exist, which workflow
 * applies, is the status move allowed, what entering the status requires, and are the custom
 * field values valid. Every check throws before anything is written.
 */
export interface IssueRules {
  type: string;
  workflow: WorkflowDef;
  fields: CustomFieldRecord[];
}

/** Validated custom field values to write: field → new value (null clears). */
export type FieldWrites = Map<CustomFieldRecord, FieldValue | null>;

export async function loadIssueRules(tx: Tx, projectId: number, type: string): Promise<IssueRules> {
  if (!(await findIssueType(tx, projectId, type))) {
    const types = await listIssueTypes(tx, projectId);
    throw new Unprocessable(`Issue type "${type}" does not exist in this project`, {
      field: 'type',
      allowed: types.map((t) => t.key),
    });
  }
  const wf = await effectiveWorkflow(tx, projectId, type);
  return { type, workflow: wf?.def ?? permissiveWorkflow(), fields: await listCustomFields(tx, projectId) };
}

type StatusChoice = { key: string; category: StatusCategory };

export function statusForCreate(rules: IssueRules, requested: string | undefined): StatusChoice {
  const key = requested ?? rules.workflow.initial;
  const s = findStatus(rules.workflow, key);
  if (!s) {
    throw new Unprocessable(`Status "${key}" does not exist in the workflow of ${rules.type} issues`, {
      field: 'status',
      allowed: rules.workflow.statuses.map((x) => x.key),
    });
  }
  return { key: s.key, category: s.category };
}

/** The status an edit moves to, or null when it stays; 422 with `allowed` for a forbidden move. */
export function statusForEdit(
  rules: IssueRules,
  before: Issue,
  requested: string | undefined,
): StatusChoice | null {
  if (requested === undefined || requested === before.status) {
    if (!findStatus(rules.workflow, before.status)) {
      // A type change into a workflow without the current status: the edit must pick one.
      throw new Unprocessable(
        `Status "${before.status}" is not in the workflow of ${rules.type} issues; send a status`,
        {
          field: 'status',
          allowed: rules.workflow.statuses.map((x) => x.key),
        },
      );
    }
    return null;
  }
  const check = checkTransition(rules.workflow, before.status, requested);
  if (!check.ok) {
    const message =
      check.reason === 'unknown_status'
        ? `Status "${requested}" does not exist in the workflow of ${rules.type} issues`
        : `${before.key} cannot move from "${before.status}" to "${requested}"`;
    throw new Unprocessable(message, {
      field: 'status',
      from: before.status,
      to: requested,
      allowed: check.allowed,
    });
  }
  return { key: check.status.key, category: check.status.category };
}

function assertEnter(rules: IssueRules, status: string, has: (field: string) => boolean) {
  const missing = missingOnEnter(rules.workflow, status, has);
  if (missing.length > 0) {
    throw new Unprocessable(`Entering "${status}" requires ${missing.join(', ')}`, {
      field: missing[0],
      missing,
      status,
    });
  }
}

const present = (v: unknown) =>
  v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);

/** Checks custom field values against the project's fields and the issue type. */
async function validateValues(
  tx: Tx,
  workspaceId: number,
  rules: IssueRules,
  input: CustomFieldValues | undefined,
): Promise<FieldWrites> {
  const writes: FieldWrites = new Map();
  for (const [key, raw] of Object.entries(input ?? {})) {
    const field = rules.fields.find((f) => f.key === key);
    const path = `customFields.${key}`;
    if (!field) {
      throw new Unprocessable(`Unknown custom field "${key}"`, {
        field: path,
        allowed: rules.fields.filter((f) => fieldAppliesTo(f, rules.type)).map((f) => f.key),
      });
    }
    if (!fieldAppliesTo(field, rules.type) && present(raw)) {
      throw new Unprocessable(`Field "${field.name}" does not apply to ${rules.type} issues`, {
        field: path,
      });
    }
    const check = validateFieldValue(field, raw);
    if (!check.ok)
      throw new Invalid(`${field.name} ${check.message}`, { field: path, reason: check.message });
    if (
      field.type === 'user' &&
      check.value !== null &&
      !(await findMembership(tx, workspaceId, check.value as number))
    ) {
      throw new Invalid(`${field.name}: user ${check.value} is not a member of this workspace`, {
        field: path,
      });
    }
    if (
      field.type === 'team' &&
      check.value !== null &&
      !(await findTeam(tx, workspaceId, check.value as number))
    ) {
      throw new Invalid(`${field.name}: no team ${check.value} in this workspace`, { field: path });
    }
    writes.set(field, check.value);
  }
  return writes;
}

function merged(current: Readonly<Record<string, unknown>>, writes: FieldWrites): Record<string, unknown> {
  const out: Record<string, unknown> = { ...current };
  for (const [f, v] of writes) out[f.key] = v;
  return out;
}

function assertRequired(rules: IssueRules, values: Record<string, unknown>) {
  const missing = missingRequiredFields(rules.fields, rules.type, values);
  if (missing.length > 0) {
    const names = missing.map((k) => rules.fields.find((f) => f.key === k)!.name);
    throw new Unprocessable(
      `${names.join(', ')} ${missing.length > 1 ? 'are' : 'is'} required for ${rules.type} issues`,
      {
        field: `customFields.${missing[0]}`,
        missing: missing.map((k) => `customFields.${k}`),
      },
    );
  }
}

/** All pre-write checks of a create that depend on the project's setup. */
export async function checkCreate(
  tx: Tx,
  workspaceId: number,
  rules: IssueRules,
  input: IssueCreate & { customFields?: CustomFieldValues | undefined },
  status: StatusChoice,
): Promise<FieldWrites> {
  const writes = await validateValues(tx, workspaceId, rules, input.customFields);
  const values = merged({}, writes);
  assertRequired(rules, values);
  assertEnter(rules, status.key, (f) =>
    f.startsWith('custom.')
      ? present(values[f.slice(7)])
      : f === 'assignee'
        ? present(input.assigneeUserId) || present(input.assigneeTeamId)
        : present((input as Record<string, unknown>)[f]),
  );
  return writes;
}

/** All pre-write checks of an edit; `assigned` says whether the edited issue ends up with an assignee. */
export async function checkEdit(
  tx: Tx,
  workspaceId: number,
  rules: IssueRules,
  before: Issue,
  input: Omit<IssueUpdate, 'version'> & { customFields?: CustomFieldValues | undefined },
  status: StatusChoice | null,
  assigned: boolean,
): Promise<FieldWrites> {
  const writes = await validateValues(tx, workspaceId, rules, input.customFields);
  const values = merged(before.customFields, writes);
  // Required fields are enforced when they are touched or the type changes, so that adding a
  // required field to a project does not lock every older issue against unrelated edits.
  const touched = [...writes.keys()].some((f) => f.requiredFor.includes(rules.type));
  if (touched || rules.type !== before.type) assertRequired(rules, values);
  if (status) {
    const after = { ...before, ...input } as Record<string, unknown>;
    assertEnter(rules, status.key, (f) =>
      f.startsWith('custom.') ? present(values[f.slice(7)]) : f === 'assignee' ? assigned : present(after[f]),
    );
  }
  return writes;
}

/** Writes validated values and returns one history change per field that changed (`custom.<key>`). */
export async function writeCustomFields(
  tx: Tx,
  workspaceId: number,
  issueId: number,
  writes: FieldWrites,
  current: Readonly<Record<string, FieldValue>>,
): Promise<FieldChange[]> {
  const changes: FieldChange[] = [];
  for (const [field, value] of writes) {
    const from = current[field.key] ?? null;
    if (JSON.stringify(from) === JSON.stringify(value)) continue;
    await writeFieldValue(tx, workspaceId, issueId, field, value);
    changes.push({ field: `custom.${field.key}`, from, to: value });
  }
  return changes;
}
