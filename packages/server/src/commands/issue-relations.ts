import { assertCan } from '@closeloop/core/permissions/permissions';
import { presentLink } from '@closeloop/core/relations/link-types';
import { progressOf, rollUpTime } from '@closeloop/core/relations/progress';
import type { Issue } from '@closeloop/shared/api/issues';
import { CLOSED_CATEGORIES } from '@closeloop/shared/issue-fields';
import { RISK_ISSUE_TYPES } from '@closeloop/shared/relation-fields';
import type { Services } from '../services.ts';
import { childRows, subtreeGroups } from '../store/issue-tree.ts';
import { hydrateIssues } from '../store/issues-store.ts';
import { type LinkRow, linksOfIssue } from '../store/links-store.ts';
import { openIssuesInOpenMilestones } from '../store/milestones-store.ts';
import type { Tx } from '../store/transaction.ts';
import type { Actor } from './actor.ts';
import { requireIssue } from './issues.ts';
import { presentLinks } from './links.ts';

interface Affected {
  milestone: { id: number; name: string; targetDate: string | null };
  /** The milestone's open issues this issue holds up. */
  issues: string[];
}

/**
 * The milestones an open issue threatens, seen from the issue (the milestone page shows the same
 * from the other side): those of open issues it blocks, and — for a risk or blocker — those of
 * any open issue it is linked to.
 */
async function affectedMilestones(tx: Tx, issue: Issue, links: readonly LinkRow[]): Promise<Affected[]> {
  if (CLOSED_CATEGORIES.includes(issue.statusCategory)) return [];
  const risky = RISK_ISSUE_TYPES.includes(issue.type);
  const others = links
    .map((l) => presentLink(l, issue.id))
    .filter((l) => risky || l.type === 'blocks')
    .map((l) => l.otherId);
  const byMilestone = new Map<number, Affected>();
  for (const r of await openIssuesInOpenMilestones(tx, others)) {
    const entry = byMilestone.get(r.milestone.id) ?? { milestone: r.milestone, issues: [] };
    entry.issues.push(r.issueKey);
    byMilestone.set(r.milestone.id, entry);
  }
  return [...byMilestone.values()];
}

/**
 * What the issue page shows besides the issue: its links, the progress of its children, its time
 * rolled up over the whole subtree, and the milestones it holds up. A handful of queries, none
 * per child or per link.
 */
export async function issueRelations(tx: Tx, issue: Issue) {
  const tree = await subtreeGroups(tx, issue.id);
  const links = await linksOfIssue(tx, issue.id);
  return {
    links: await presentLinks(tx, issue.id, links),
    children: progressOf(tree.direct),
    rollup: rollUpTime(issue, tree.descendants),
    affects: await affectedMilestones(tx, issue, links),
  };
}

/** The direct children of an issue with their progress and the subtree's time. */
export async function listChildren(svc: Services, actor: Actor, key: string) {
  assertCan(actor.role, 'workspace.read');
  const issue = await requireIssue(svc.store, actor.workspaceId, key);
  const tree = await subtreeGroups(svc.store, issue.id);
  return {
    items: await hydrateIssues(svc.store, await childRows(svc.store, actor.workspaceId, issue.id)),
    progress: progressOf(tree.direct),
    rollup: rollUpTime(issue, tree.descendants),
  };
}
