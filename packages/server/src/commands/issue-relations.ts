import { progressOf, rollUpTime } from '@closeloop/core/relations/progress';
import { assertCan } from '@closeloop/core/permissions/permissions';
import type { Issue } from '@closeloop/shared/api/issues';
import { childRows, subtreeGroups } from '../store/issue-tree.ts';
import { hydrateIssues } from '../store/issues-store.ts';
import { linksOfIssue } from '../store/links-store.ts';
import type { Tx } from '../store/transaction.ts';
import type { Services } from '../services.ts';
import type { Actor } from './actor.ts';
import { requireIssue } from './issues.ts';
import { presentLinks } from './links.ts';

/**
 * What the issue page shows besides the issue: its links, the progress of its children and its
 * time rolled up over the whole subtree. Three queries, none per child.
 */
export async function issueRelations(tx: Tx, issue: Issue) {
  const tree = await subtreeGroups(tx, issue.id);
  return {
    links: await presentLinks(tx, issue.id, await linksOfIssue(tx, issue.id)),
    children: progressOf(tree.direct),
    rollup: rollUpTime(issue, tree.descendants),
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
