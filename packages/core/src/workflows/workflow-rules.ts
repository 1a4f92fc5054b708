import type { WorkflowDef, WorkflowStatus } from '@closeloop/shared/api/workflows';
import { CLOSED_CATEGORIES, type StatusCategory } from '@closeloop/shared/issue-fields';
import { DEFAULT_STATUSES, INITIAL_STATUS_KEY, type StatusDef } from './default-workflow.ts';

/**
 * The rules of a workflow as plain functions: which moves are allowed, what entering a status
 * requires, whether a definition is coherent, and where issues go when a definition changes.
 */

/** A workflow over `statuses` that allows every move: what a new project starts with. */
export function permissiveWorkflow(
  statuses: readonly StatusDef[] = DEFAULT_STATUSES,
  initial = INITIAL_STATUS_KEY,
): WorkflowDef {
  return {
    initial: statuses.some((s) => s.key === initial) ? initial : statuses[0]!.key,
    statuses: statuses.map((s) => ({ key: s.key, name: s.name, category: s.category, required: [] })),
    transitions: statuses.map((s) => ({ from: '*', to: s.key })),
  };
}

export function findStatus(wf: WorkflowDef, key: string): WorkflowStatus | undefined {
  return wf.statuses.find((s) => s.key === key);
}

/** Status keys an issue in `from` may move to, in the workflow's order; never includes `from`. */
export function allowedTargets(wf: WorkflowDef, from: string): string[] {
  // An issue whose status is not part of this workflow (e.g. right after a type change) may go anywhere in it.
  const known = wf.statuses.some((s) => s.key === from);
  const targets = new Set(
    wf.transitions.filter((t) => !known || t.from === '*' || t.from === from).map((t) => t.to),
  );
  if (!known) for (const s of wf.statuses) targets.add(s.key);
  return wf.statuses.filter((s) => s.key !== from && targets.has(s.key)).map((s) => s.key);
}

export type TransitionCheck =
  | { ok: true; status: WorkflowStatus }
  | { ok: false; reason: 'unknown_status' | 'not_allowed'; allowed: string[] };

/** Is moving from `from` to `to` allowed? Staying put is always allowed if the status exists. */
export function checkTransition(wf: WorkflowDef, from: string, to: string): TransitionCheck {
  const target = findStatus(wf, to);
  const allowed = allowedTargets(wf, from);
  if (!target) return { ok: false, reason: 'unknown_status', allowed };
  if (to === from || allowed.includes(to)) return { ok: true, status: target };
  return { ok: false, reason: 'not_allowed', allowed };
}

/** Which of the fields `to` requires have no value; `hasValue` answers for one field name. */
export function missingOnEnter(wf: WorkflowDef, to: string, hasValue: (field: string) => boolean): string[] {
  return (findStatus(wf, to)?.required ?? []).filter((f) => !hasValue(f));
}

export interface WorkflowProblem {
  path: string;
  message: string;
}

/** Problems that make a definition unusable; an empty list means it can be saved. */
export function validateWorkflow(wf: WorkflowDef): WorkflowProblem[] {
  const problems: WorkflowProblem[] = [];
  const keys = new Set<string>();
  wf.statuses.forEach((s, i) => {
    if (keys.has(s.key))
      problems.push({ path: `statuses.${i}.key`, message: `Status "${s.key}" appears twice` });
    keys.add(s.key);
  });
  if (!keys.has(wf.initial))
    problems.push({ path: 'initial', message: `Initial status "${wf.initial}" is not in the workflow` });
  else if (CLOSED_CATEGORIES.includes(findStatus(wf, wf.initial)!.category)) {
    problems.push({ path: 'initial', message: 'The initial status must be an open one' });
  }
  wf.transitions.forEach((t, i) => {
    if (t.from !== '*' && !keys.has(t.from))
      problems.push({ path: `transitions.${i}.from`, message: `Unknown status "${t.from}"` });
    if (!keys.has(t.to)) problems.push({ path: `transitions.${i}.to`, message: `Unknown status "${t.to}"` });
  });
  return problems;
}

export interface StatusMigration {
  /** Issues in `from` (removed) move to `to`. */
  moves: { from: string; to: string; category: StatusCategory }[];
  /** Kept statuses whose category changed: issues keep the key, their category follows. */
  recategorised: { key: string; from: StatusCategory; to: StatusCategory }[];
  /** Removed statuses still in use that the mapping says nothing about. */
  unmapped: string[];
  /** Mapping entries whose target is not a status of the new workflow. */
  badTargets: string[];
}

/**
 * What replacing `before` with `after` does to issues, given the status keys issues currently use
 * under this workflow and the admin's mapping for removed statuses.
 */
export function planStatusMigration(
  before: WorkflowDef,
  after: WorkflowDef,
  inUse: readonly string[],
  mapping: Readonly<Record<string, string>>,
): StatusMigration {
  const plan: StatusMigration = { moves: [], recategorised: [], unmapped: [], badTargets: [] };
  for (const key of inUse) {
    const kept = findStatus(after, key);
    if (kept) {
      const old = findStatus(before, key);
      if (old && old.category !== kept.category)
        plan.recategorised.push({ key, from: old.category, to: kept.category });
      continue;
    }
    const target = mapping[key];
    if (target === undefined) {
      plan.unmapped.push(key);
      continue;
    }
    const to = findStatus(after, target);
    if (!to) plan.badTargets.push(key);
    else plan.moves.push({ from: key, to: to.key, category: to.category });
  }
  return plan;
}
