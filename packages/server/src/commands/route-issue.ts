import { issueTopics } from '@closeloop/core/assignment/expertise';
import {
  type Candidate,
  chooseAssignee,
  type Ranked,
  rankCandidates,
} from '@closeloop/core/assignment/strategies';
import { workloadPoints } from '@closeloop/core/assignment/workload';
import { extractFacets } from '@closeloop/core/grouping/event-facets';
import {
  framePathsOf,
  matchOwnership,
  type OwnershipSubject,
} from '@closeloop/core/ownership/ownership-rules';
import type { IngestEvent } from '@closeloop/shared/ingest/event';
import { CLOSED_CATEGORIES, type StatusCategory } from '@closeloop/shared/issue-fields';
import type { Services } from '../services.ts';
import { recordActivity } from '../store/activity-store.ts';
import {
  latestEventOfIssue,
  learnedSkills,
  logAssignment,
  memberProfiles,
  openAssigned,
  ownershipRules,
  saveTeamSettings,
  teamSettings,
  userNames,
} from '../store/assignment-store.ts';
import { findIssue, updateIssueRow } from '../store/issues-store.ts';
import { insertNotifications } from '../store/notifications-store.ts';
import { teamMemberIds } from '../store/teams-store.ts';
import { inTransaction, type Tx } from '../store/transaction.ts';

type Issue = NonNullable<Awaited<ReturnType<typeof findIssue>>>;
const LEARN_WINDOW_MS = 180 * 86_400_000;

/** What ownership rules and expertise look at: the issue's fields, and for machine-found issues its newest event. */
async function subjectOf(tx: Tx, issue: Issue): Promise<OwnershipSubject & { components: string[] }> {
  const fields: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(issue.customFields)) {
    if (typeof v === 'string') fields[k] = v;
    else if (Array.isArray(v)) fields[k] = v.map(String);
    else if (v !== null && v !== undefined) fields[k] = String(v);
  }
  const payload = issue.kind === 'manual' ? null : await latestEventOfIssue(tx, issue.id);
  const event = payload ? (JSON.parse(payload) as IngestEvent) : null;
  const facets = event ? extractFacets(event) : null;
  const component = fields.component ?? fields.components;
  return {
    type: issue.type,
    labels: issue.labels,
    fields,
    title: issue.title,
    description: issue.description,
    route: facets?.route ?? null,
    url: facets?.url ?? null,
    framePaths: framePathsOf(event?.exception?.frames ?? []),
    errorType: event?.exception?.type ?? null,
    release: facets?.release ?? null,
    components: component === undefined ? [] : typeof component === 'string' ? [component] : component,
  };
}

/** Everyone in a team as assignment candidates, with availability, skills and live workload. */
export async function teamCandidates(
  tx: Tx,
  workspaceId: number,
  teamId: number,
  now: number,
): Promise<Candidate[]> {
  const ids = (await teamMemberIds(tx, [teamId])).get(teamId) ?? [];
  return candidatesFor(tx, workspaceId, ids, now);
}

export async function candidatesFor(tx: Tx, workspaceId: number, ids: readonly number[], now: number) {
  const [profiles, open, learned, names] = await Promise.all([
    memberProfiles(tx, workspaceId, ids),
    openAssigned(tx, workspaceId, ids),
    learnedSkills(tx, workspaceId, ids, now - LEARN_WINDOW_MS),
    userNames(tx, ids),
  ]);
  return ids.map((id): Candidate => {
    const p = profiles.get(id)!;
    return {
      userId: id,
      name: names.get(id) ?? `#${id}`,
      availability: p,
      skills: { learned: learned.get(id)!, manual: p.skills },
      load: workloadPoints(open.get(id) ?? []),
    };
  });
}

/** Ranking of candidates for one issue (the assignee picker). */
export async function rankForIssue(
  tx: Tx,
  workspaceId: number,
  issue: Issue,
  userIds: readonly number[],
  now: number,
): Promise<Ranked[]> {
  const s = await subjectOf(tx, issue);
  const topics = issueTopics({ labels: s.labels, components: s.components, route: s.route });
  return rankCandidates(await candidatesFor(tx, workspaceId, userIds, now), topics, now);
}

/**
 * Routes a new issue: the project's ownership rules give a team and/or a person where the issue
 * has none, then the team's strategy picks a person. Every automatic assignment is logged with its
 * explanation; if nobody can take it, the issue waits with its team and the team lead is told.
 * Assigning does not accept an issue out of triage. Returns whether anything changed.
 */
export async function routeIssue(
  svc: Services,
  workspaceId: number,
  issueId: number,
  now: number,
): Promise<boolean> {
  const result = await inTransaction(svc.store, async (tx) => {
    const issue = await findIssue(tx, workspaceId, { id: issueId });
    if (!issue || CLOSED_CATEGORIES.includes(issue.statusCategory as StatusCategory)) return null;
    if (issue.assigneeTeamId !== null && issue.assigneeUserId !== null) return null;
    const subject = await subjectOf(tx, issue);
    const match = matchOwnership(await ownershipRules(tx, issue.projectId), subject);
    let teamId = issue.assigneeTeamId ?? match?.rule.teamId ?? null;
    let userId = issue.assigneeUserId ?? match?.rule.userId ?? null;
    const parts: string[] = [];
    if (match) parts.push(`rule "${match.rule.name}" (${match.reasons.join(', ')})`);
    let strategy: string | null = null;
    if (teamId !== null && userId === null) {
      const settings = await teamSettings(tx, teamId);
      strategy = settings.strategy;
      const topics = issueTopics({
        labels: subject.labels,
        components: subject.components,
        route: subject.route,
      });
      const choice = chooseAssignee(
        settings.strategy,
        await teamCandidates(tx, workspaceId, teamId, now),
        topics,
        now,
        settings.lastAssignedUserId,
      );
      if (settings.strategy !== 'manual') parts.push(choice.explanation);
      if (choice.userId !== null) {
        userId = choice.userId;
        await saveTeamSettings(tx, teamId, { lastAssignedUserId: userId });
      } else if (settings.strategy !== 'manual' && settings.leadUserId !== null) {
        await insertNotifications(tx, [
          {
            workspaceId,
            userId: settings.leadUserId,
            issueId,
            commentId: null,
            actorId: null,
            kind: 'needs_assignee',
            fields: [],
            emailState: 'none',
          },
        ]);
      }
    }
    if (teamId === issue.assigneeTeamId && userId === issue.assigneeUserId) {
      if (parts.length > 0 && strategy !== null && strategy !== 'manual')
        await logAssignment(
          tx,
          {
            workspaceId,
            issueId,
            ruleName: match?.rule.name ?? null,
            ruleReasons: match?.reasons ?? null,
            strategy,
            teamId,
            userId,
            explanation: parts.join('; then '),
          },
          now,
        );
      return null;
    }
    teamId ??= null;
    const ok = await updateIssueRow(tx, issue.id, issue.version, {
      assignee_team_id: teamId,
      assignee_user_id: userId,
    });
    if (!ok) throw new Error(`${issue.key} changed while it was being routed`);
    const fields: string[] = [];
    if (teamId !== issue.assigneeTeamId) fields.push('assigneeTeamId');
    if (userId !== issue.assigneeUserId) fields.push('assigneeUserId');
    await recordActivity(
      tx,
      fields.map((f) => ({
        workspaceId,
        issueId,
        actorId: null,
        action: 'changed',
        field: f,
        from: f === 'assigneeTeamId' ? issue.assigneeTeamId : issue.assigneeUserId,
        to: f === 'assigneeTeamId' ? teamId : userId,
      })),
    );
    await logAssignment(
      tx,
      {
        workspaceId,
        issueId,
        ruleName: match?.rule.name ?? null,
        ruleReasons: match?.reasons ?? null,
        strategy,
        teamId,
        userId,
        explanation: parts.join('; then '),
      },
      now,
    );
    return { key: issue.key, fields };
  });
  if (!result) return false;
  svc.bus.publish({
    workspaceId,
    type: 'issue.updated',
    issueId,
    issueKey: result.key,
    actorId: null,
    fields: result.fields,
    at: Date.now(),
  });
  return true;
}
