import { formatIssueKey } from '@closeloop/core/issues/issue-key';
import type { IssueHistory, IssueState, SlaBadge, SlaClock } from '@closeloop/core/sla/sla-clock';
import type { SlaPolicy } from '@closeloop/core/sla/sla-policy';
import {
  CLOSED_CATEGORIES,
  type Priority,
  priorityFromRank,
  type StatusCategory,
} from '@closeloop/shared/issue-fields';
import { fieldValuesOfIssues } from './custom-fields-store.ts';
import type { Tx } from './transaction.ts';

/** Ids are read in slices so no statement carries more parameters than either database accepts. */
const SLICE = 500;

export async function slaPolicyOf(tx: Tx, projectId: number): Promise<SlaPolicy | null> {
  const r = await tx.db
    .selectFrom('sla_policies')
    .select('policy')
    .where('project_id', '=', projectId)
    .executeTakeFirst();
  return r ? (JSON.parse(r.policy) as SlaPolicy) : null;
}

/** The policies of some projects with the instant each was saved (breaches before it are recorded, not announced). */
export async function slaPoliciesOf(
  tx: Tx,
  projectIds: readonly number[],
): Promise<Map<number, { policy: SlaPolicy; savedAt: number }>> {
  if (projectIds.length === 0) return new Map();
  const rows = await tx.db
    .selectFrom('sla_policies')
    .select(['project_id', 'policy', 'updated_at'])
    .where('project_id', 'in', [...projectIds])
    .execute();
  return new Map(
    rows.map((r) => [
      r.project_id,
      { policy: JSON.parse(r.policy) as SlaPolicy, savedAt: Number(r.updated_at) },
    ]),
  );
}

export async function saveSlaPolicy(
  tx: Tx,
  workspaceId: number,
  projectId: number,
  policy: SlaPolicy | null,
  userId: number,
  now: number,
): Promise<void> {
  if (policy === null) {
    await tx.db.deleteFrom('sla_policies').where('project_id', '=', projectId).execute();
  } else {
    const row = { policy: JSON.stringify(policy), updated_at: now, updated_by: userId };
    await tx.db
      .insertInto('sla_policies')
      .values({ project_id: projectId, workspace_id: workspaceId, ...row })
      .onConflict((oc) => oc.column('project_id').doUpdateSet(row))
      .execute();
  }
  await recheckProject(tx, projectId);
}

/** Every issue of the project is evaluated again at the next pass (the policy or calendar changed). */
export async function recheckProject(tx: Tx, projectId: number): Promise<void> {
  await tx.db
    .updateTable('issue_sla')
    .set({ next_check_at: 0 })
    .where('project_id', '=', projectId)
    .execute();
}

/**
 * Issues whose clocks need evaluating at `now`: open issues of projects with a policy that have
 * never been evaluated, and issues whose next check is due. Oldest first, at most `limit`.
 */
export async function issuesToCheck(tx: Tx, now: number, limit: number): Promise<number[]> {
  const due = await tx.db
    .selectFrom('issue_sla')
    .select('issue_id')
    .where('next_check_at', '<=', now)
    .orderBy('next_check_at')
    .limit(limit)
    .execute();
  const fresh = await tx.db
    .selectFrom('issues as i')
    .innerJoin('sla_policies as p', 'p.project_id', 'i.project_id')
    .leftJoin('issue_sla as s', 's.issue_id', 'i.id')
    .select('i.id')
    .where('s.issue_id', 'is', null)
    .where('i.status_category', 'not in', [...CLOSED_CATEGORIES])
    .orderBy('i.id')
    .limit(limit)
    .execute();
  return [...new Set([...due.map((r) => r.issue_id), ...fresh.map((r) => r.id)])].slice(0, limit);
}

/** Issues of projects with an SLA policy that were open at some moment of the period (as reports count them). */
export async function slaIssuesInPeriod(
  tx: Tx,
  scope: { workspaceId: number; projectId?: number | undefined },
  period: { from: number; to: number },
): Promise<number[]> {
  let q = tx.db
    .selectFrom('issues as i')
    .innerJoin('sla_policies as p', 'p.project_id', 'i.project_id')
    .select('i.id')
    .where('i.workspace_id', '=', scope.workspaceId)
    .where('i.created_at', '<', period.to)
    .where((eb) => eb.or([eb('i.closed_at', 'is', null), eb('i.closed_at', '>=', period.from)]));
  if (scope.projectId !== undefined) q = q.where('i.project_id', '=', scope.projectId);
  return (await q.orderBy('i.id').execute()).map((r) => r.id);
}

export interface SlaSubject {
  id: number;
  key: string;
  workspaceId: number;
  projectId: number;
  status: string;
  statusCategory: StatusCategory;
  priority: Priority;
  type: string;
  assigneeUserId: number | null;
  assigneeTeamId: number | null;
  version: number;
  history: IssueHistory;
}

const parse = (v: string | null): unknown => (v === null ? null : JSON.parse(v));

/**
 * The issues with their history as the clocks read it, one query per kind of fact and slice:
 * their states (rebuilt backwards from the current row through the status, priority and type
 * changes of the activity log) and the first response (a comment or a status change by someone
 * other than the reporter, as core/reports defines it).
 */
export async function slaSubjects(tx: Tx, ids: readonly number[]): Promise<SlaSubject[]> {
  const out: SlaSubject[] = [];
  for (let at = 0; at < ids.length; at += SLICE) {
    const slice = ids.slice(at, at + SLICE);
    const issues = await tx.db
      .selectFrom('issues as i')
      .innerJoin('projects as p', 'p.id', 'i.project_id')
      .select([
        'i.id',
        'p.key as projectKey',
        'i.number',
        'i.workspace_id',
        'i.project_id',
        'i.status',
        'i.status_category',
        'i.priority',
        'i.type',
        'i.reporter_id',
        'i.assignee_user_id',
        'i.assignee_team_id',
        'i.created_at',
        'i.version',
      ])
      .where('i.id', 'in', slice)
      .execute();
    if (issues.length === 0) continue;
    const projectIds = [...new Set(issues.map((i) => i.project_id))];
    const categories = await statusCategories(tx, projectIds);
    const activity = await tx.db
      .selectFrom('activity')
      .select(['issue_id', 'actor_id', 'field', 'old_value', 'new_value', 'created_at'])
      .where('issue_id', 'in', slice)
      .where('field', 'in', ['status', 'priority', 'type'])
      .orderBy('id')
      .execute();
    const comments = await tx.db
      .selectFrom('comments')
      .select(['issue_id', 'author_id', 'created_at'])
      .where('issue_id', 'in', slice)
      .where('deleted_at', 'is', null)
      .execute();
    // Targets by custom field read the values as text (a multi-select holds several).
    const fieldValues = await fieldValuesOfIssues(tx, slice);
    for (const i of issues) {
      const reporter = i.reporter_id;
      const byOther = (actor: number | null) => actor !== null && actor !== reporter;
      const mine = activity.filter((a) => a.issue_id === i.id);
      let response: number | null = null;
      for (const a of mine)
        if (a.field === 'status' && byOther(a.actor_id)) response = earliest(response, Number(a.created_at));
      for (const c of comments)
        if (c.issue_id === i.id && byOther(c.author_id)) response = earliest(response, Number(c.created_at));
      const cats = categories.get(i.project_id) ?? new Map<string, StatusCategory>();
      cats.set(i.status, i.status_category as StatusCategory);
      const current: IssueState = {
        at: Number(i.created_at),
        status: i.status,
        category: i.status_category as StatusCategory,
        priority: priorityFromRank(Number(i.priority)),
        type: i.type,
      };
      out.push({
        id: i.id,
        key: formatIssueKey(i.projectKey, Number(i.number)),
        workspaceId: i.workspace_id,
        projectId: i.project_id,
        status: i.status,
        statusCategory: i.status_category as StatusCategory,
        priority: current.priority,
        type: i.type,
        assigneeUserId: i.assignee_user_id,
        assigneeTeamId: i.assignee_team_id,
        version: Number(i.version),
        history: {
          states: rebuildStates(current, mine, cats),
          firstResponseAt: response,
          fields: fieldsAsText(fieldValues.get(i.id)),
        },
      });
    }
  }
  return out;
}

function fieldsAsText(values: Record<string, unknown> | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(values ?? {}))
    out[k] = (Array.isArray(v) ? v : [v]).filter((x) => x !== null && x !== undefined).map(String);
  return out;
}

const earliest = (a: number | null, b: number) => (a === null || b < a ? b : a);

/** Walks the changes backwards from the current state to the state at creation, then forwards into states. */
function rebuildStates(
  current: IssueState,
  changes: readonly {
    field: string | null;
    old_value: string | null;
    new_value: string | null;
    created_at: number;
  }[],
  categories: Map<string, StatusCategory>,
): IssueState[] {
  const categoryOf = (key: string) => categories.get(key) ?? 'todo';
  let s: Omit<IssueState, 'at'> = { ...current };
  for (let n = changes.length - 1; n >= 0; n--) {
    const c = changes[n]!;
    const old = parse(c.old_value);
    if (c.field === 'status' && typeof old === 'string') s = { ...s, status: old, category: categoryOf(old) };
    if (c.field === 'priority' && typeof old === 'string') s = { ...s, priority: old as Priority };
    if (c.field === 'type' && typeof old === 'string') s = { ...s, type: old };
  }
  const states: IssueState[] = [{ ...s, at: current.at }];
  for (const c of changes) {
    const to = parse(c.new_value);
    if (typeof to !== 'string') continue;
    if (c.field === 'status') s = { ...s, status: to, category: categoryOf(to) };
    if (c.field === 'priority') s = { ...s, priority: to as Priority };
    if (c.field === 'type') s = { ...s, type: to };
    states.push({ ...s, at: Number(c.created_at) });
  }
  return states;
}

/** Status key → category for the projects: the default workflow's statuses and those of per-type workflows. */
async function statusCategories(
  tx: Tx,
  projectIds: number[],
): Promise<Map<number, Map<string, StatusCategory>>> {
  const out = new Map<number, Map<string, StatusCategory>>();
  const at = (p: number) => {
    const m = out.get(p) ?? new Map<string, StatusCategory>();
    out.set(p, m);
    return m;
  };
  const flows = await tx.db
    .selectFrom('workflows')
    .select(['project_id', 'definition'])
    .where('project_id', 'in', projectIds)
    .execute();
  for (const f of flows) {
    const def = JSON.parse(f.definition) as { statuses?: { key: string; category: StatusCategory }[] };
    for (const s of def.statuses ?? []) at(f.project_id).set(s.key, s.category);
  }
  const rows = await tx.db
    .selectFrom('statuses')
    .select(['project_id', 'key', 'category'])
    .where('project_id', 'in', projectIds)
    .execute();
  for (const r of rows) at(r.project_id).set(r.key, r.category as StatusCategory);
  return out;
}

export interface IssueSlaRow {
  issueId: number;
  workspaceId: number;
  projectId: number;
  badge: SlaBadge | null;
  dueAt: number | null;
  clocks: SlaClock[];
  nextCheckAt: number | null;
  announced: string[];
  evaluatedAt: number;
}

export async function issueSlaRows(tx: Tx, ids: readonly number[]): Promise<Map<number, IssueSlaRow>> {
  const out = new Map<number, IssueSlaRow>();
  for (let at = 0; at < ids.length; at += SLICE) {
    const rows = await tx.db
      .selectFrom('issue_sla')
      .selectAll()
      .where('issue_id', 'in', ids.slice(at, at + SLICE))
      .execute();
    for (const r of rows)
      out.set(r.issue_id, {
        issueId: r.issue_id,
        workspaceId: r.workspace_id,
        projectId: r.project_id,
        badge: r.badge as SlaBadge | null,
        dueAt: r.due_at === null ? null : Number(r.due_at),
        clocks: JSON.parse(r.clocks) as SlaClock[],
        nextCheckAt: r.next_check_at === null ? null : Number(r.next_check_at),
        announced: JSON.parse(r.announced) as string[],
        evaluatedAt: Number(r.evaluated_at),
      });
  }
  return out;
}

export async function saveIssueSla(tx: Tx, r: IssueSlaRow): Promise<void> {
  const row = {
    workspace_id: r.workspaceId,
    project_id: r.projectId,
    badge: r.badge,
    due_at: r.dueAt,
    clocks: JSON.stringify(r.clocks),
    next_check_at: r.nextCheckAt,
    announced: JSON.stringify(r.announced),
    evaluated_at: r.evaluatedAt,
  };
  await tx.db
    .insertInto('issue_sla')
    .values({ issue_id: r.issueId, ...row })
    .onConflict((oc) => oc.column('issue_id').doUpdateSet(row))
    .execute();
}

/** The badges of a page of issues, for list rows: one query. */
export async function slaBadges(
  tx: Tx,
  ids: readonly number[],
): Promise<Map<number, { badge: SlaBadge; dueAt: string | null }>> {
  const out = new Map<number, { badge: SlaBadge; dueAt: string | null }>();
  if (ids.length === 0) return out;
  for (let at = 0; at < ids.length; at += SLICE) {
    const rows = await tx.db
      .selectFrom('issue_sla')
      .select(['issue_id', 'badge', 'due_at'])
      .where('issue_id', 'in', ids.slice(at, at + SLICE))
      .where('badge', 'is not', null)
      .execute();
    for (const r of rows)
      out.set(r.issue_id, {
        badge: r.badge as SlaBadge,
        dueAt: r.due_at === null ? null : new Date(Number(r.due_at)).toISOString(),
      });
  }
  return out;
}
