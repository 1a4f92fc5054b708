import type { Availability } from '@closeloop/core/assignment/availability';
import { DEFAULT_AVAILABILITY } from '@closeloop/core/assignment/availability';
import type { TeamStrategy } from '@closeloop/core/assignment/strategies';
import type { OwnershipRule } from '@closeloop/core/ownership/ownership-rules';
import type { RoutingDecision } from '@closeloop/shared/api/assignment';
import { priorityFromRank } from '@closeloop/shared/issue-fields';
import type { Tx } from './transaction.ts';

export async function ownershipRules(tx: Tx, projectId: number): Promise<OwnershipRule[]> {
  const row = await tx.db
    .selectFrom('ownership_rules')
    .select('rules')
    .where('project_id', '=', projectId)
    .executeTakeFirst();
  return row ? (JSON.parse(row.rules) as OwnershipRule[]) : [];
}

export async function saveOwnershipRules(
  tx: Tx,
  workspaceId: number,
  projectId: number,
  rules: readonly OwnershipRule[],
) {
  const values = {
    project_id: projectId,
    workspace_id: workspaceId,
    rules: JSON.stringify(rules),
    updated_at: Date.now(),
  };
  await tx.db
    .insertInto('ownership_rules')
    .values(values)
    .onConflict((oc) =>
      oc.column('project_id').doUpdateSet({ rules: values.rules, updated_at: values.updated_at }),
    )
    .execute();
}

export interface TeamSettings {
  strategy: TeamStrategy;
  leadUserId: number | null;
  lastAssignedUserId: number | null;
}

export async function teamSettings(tx: Tx, teamId: number): Promise<TeamSettings> {
  const row = await tx.db
    .selectFrom('team_settings')
    .selectAll()
    .where('team_id', '=', teamId)
    .executeTakeFirst();
  return {
    strategy: (row?.strategy ?? 'manual') as TeamStrategy,
    leadUserId: row?.lead_user_id ?? null,
    lastAssignedUserId: row?.last_assigned_user_id ?? null,
  };
}

export async function saveTeamSettings(tx: Tx, teamId: number, s: Partial<TeamSettings>) {
  const current = await teamSettings(tx, teamId);
  const next = { ...current, ...s };
  const values = {
    team_id: teamId,
    strategy: next.strategy,
    lead_user_id: next.leadUserId,
    last_assigned_user_id: next.lastAssignedUserId,
  };
  await tx.db
    .insertInto('team_settings')
    .values(values)
    .onConflict((oc) =>
      oc.column('team_id').doUpdateSet({
        strategy: values.strategy,
        lead_user_id: values.lead_user_id,
        last_assigned_user_id: values.last_assigned_user_id,
      }),
    )
    .execute();
  return next;
}

export interface MemberProfile extends Availability {
  skills: string[];
}

export async function memberProfiles(
  tx: Tx,
  workspaceId: number,
  userIds: readonly number[],
): Promise<Map<number, MemberProfile>> {
  const out = new Map<number, MemberProfile>();
  for (const id of userIds) out.set(id, { ...DEFAULT_AVAILABILITY, skills: [] });
  if (userIds.length === 0) return out;
  const rows = await tx.db
    .selectFrom('member_profiles')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('user_id', 'in', userIds)
    .execute();
  for (const r of rows) {
    out.set(r.user_id, {
      timeZone: r.time_zone,
      workDays: JSON.parse(r.work_days) as number[],
      workStart: r.work_start,
      workEnd: r.work_end,
      capacity: Number(r.capacity),
      outOfOffice: JSON.parse(r.out_of_office) as { from: number; to: number }[],
      skills: JSON.parse(r.skills) as string[],
    });
  }
  return out;
}

export async function saveMemberProfile(tx: Tx, workspaceId: number, userId: number, p: MemberProfile) {
  const set = {
    time_zone: p.timeZone,
    work_days: JSON.stringify(p.workDays),
    work_start: p.workStart,
    work_end: p.workEnd,
    capacity: p.capacity,
    skills: JSON.stringify(p.skills),
    out_of_office: JSON.stringify(p.outOfOffice),
  };
  await tx.db
    .insertInto('member_profiles')
    .values({ workspace_id: workspaceId, user_id: userId, ...set })
    .onConflict((oc) => oc.columns(['workspace_id', 'user_id']).doUpdateSet(set))
    .execute();
}

/** Open issues assigned to each person (priority and estimate), for their live workload. */
export async function openAssigned(tx: Tx, workspaceId: number, userIds: readonly number[]) {
  const out = new Map<
    number,
    { priority: ReturnType<typeof priorityFromRank>; estimateMinutes: number | null }[]
  >();
  for (const id of userIds) out.set(id, []);
  if (userIds.length === 0) return out;
  const rows = await tx.db
    .selectFrom('issues')
    .select(['assignee_user_id', 'priority', 'estimate_minutes'])
    .where('workspace_id', '=', workspaceId)
    .where('assignee_user_id', 'in', userIds)
    .where('status_category', 'not in', ['done', 'cancelled'])
    .execute();
  for (const r of rows)
    out
      .get(r.assignee_user_id!)
      ?.push({ priority: priorityFromRank(r.priority), estimateMinutes: r.estimate_minutes });
  return out;
}

/** Topics learned from resolved issues: per person, how many issues they closed per label, component and route. */
export async function learnedSkills(tx: Tx, workspaceId: number, userIds: readonly number[], since: number) {
  const out = new Map<number, Map<string, number>>();
  for (const id of userIds) out.set(id, new Map());
  if (userIds.length === 0) return out;
  // Issues each person resolved recently: every topic of an issue (label, component, route) counts once.
  const resolved = tx.db
    .selectFrom('issues as i')
    .where('i.workspace_id', '=', workspaceId)
    .where('i.assignee_user_id', 'in', userIds)
    .where('i.status_category', '=', 'done')
    .where('i.closed_at', '>=', since);
  const [labels, components, routes] = await Promise.all([
    resolved
      .innerJoin('issue_labels as il', 'il.issue_id', 'i.id')
      .innerJoin('labels as l', 'l.id', 'il.label_id')
      .select(['i.assignee_user_id as user', 'l.name as value', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy(['i.assignee_user_id', 'l.name'])
      .execute(),
    // The same fields ownership rules and issue topics read as components (route-issue.ts subjectOf).
    resolved
      .innerJoin('issue_field_values as v', 'v.issue_id', 'i.id')
      .innerJoin('custom_fields as f', 'f.id', 'v.field_id')
      .where('f.key', 'in', ['component', 'components'])
      .where('v.value_text', 'is not', null)
      .select([
        'i.assignee_user_id as user',
        'v.value_text as value',
        (eb) => eb.fn.count<number>('i.id').distinct().as('n'),
      ])
      .groupBy(['i.assignee_user_id', 'v.value_text'])
      .execute(),
    // Machine-found issues: the routes their events came from.
    resolved
      .innerJoin('event_groups as g', 'g.issue_id', 'i.id')
      .innerJoin('group_facets as gf', 'gf.group_id', 'g.id')
      .where('gf.facet', '=', 'route')
      .select([
        'i.assignee_user_id as user',
        'gf.value as value',
        (eb) => eb.fn.count<number>('i.id').distinct().as('n'),
      ])
      .groupBy(['i.assignee_user_id', 'gf.value'])
      .execute(),
  ]);
  const add = (rows: readonly { user: number | null; value: string | null; n: number }[], topic: string) => {
    for (const r of rows) if (r.value !== null) out.get(r.user!)?.set(`${topic}:${r.value}`, Number(r.n));
  };
  add(labels, 'label');
  add(components, 'component');
  add(routes, 'route');
  return out;
}

export type AssignmentLogEntry = Omit<RoutingDecision, 'at'> & { workspaceId: number; issueId: number };

export async function logAssignment(tx: Tx, e: AssignmentLogEntry, at: number) {
  await tx.db
    .insertInto('assignment_log')
    .values({
      workspace_id: e.workspaceId,
      issue_id: e.issueId,
      created_at: at,
      rule_name: e.ruleName,
      rule_reasons: e.ruleReasons ? JSON.stringify(e.ruleReasons) : null,
      strategy: e.strategy,
      team_id: e.teamId,
      user_id: e.userId,
      explanation: e.explanation,
    })
    .execute();
}

export async function assignmentLog(
  tx: Tx,
  workspaceId: number,
  issueId: number,
): Promise<RoutingDecision[]> {
  const rows = await tx.db
    .selectFrom('assignment_log')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('issue_id', '=', issueId)
    .orderBy('id', 'desc')
    .limit(20)
    .execute();
  return rows.map((r) => ({
    at: new Date(r.created_at).toISOString(),
    ruleName: r.rule_name,
    ruleReasons: r.rule_reasons ? (JSON.parse(r.rule_reasons) as string[]) : null,
    strategy: r.strategy,
    teamId: r.team_id,
    userId: r.user_id,
    explanation: r.explanation,
  }));
}

/** The newest stored event of a machine-found issue (route, frames, error type, release for ownership rules). */
export async function latestEventOfIssue(tx: Tx, issueId: number): Promise<string | null> {
  const row = await tx.db
    .selectFrom('event_groups as g')
    .innerJoin('group_samples as s', 's.group_id', 'g.id')
    .select('s.payload')
    .where('g.issue_id', '=', issueId)
    .orderBy('s.id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.payload ?? null;
}

/** Display names of workspace users. */
export async function userNames(tx: Tx, userIds: readonly number[]): Promise<Map<number, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await tx.db.selectFrom('users').select(['id', 'name']).where('id', 'in', userIds).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
