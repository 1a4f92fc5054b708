import { assertCan } from '@closeloop/core/permissions/permissions';
import type { Watcher } from '@closeloop/shared/api/collaboration';
import { appendLive } from '../live/append-live.ts';
import type { Services } from '../services.ts';
import { addWatchers, listWatchers, removeWatcher } from '../store/watchers-store.ts';
import type { Actor } from './actor.ts';
import { requireIssue } from './issues.ts';

export async function issueWatchers(
  svc: Services,
  actor: Actor,
  issueKey: string,
): Promise<{ items: Watcher[]; watching: boolean }> {
  assertCan(actor.role, 'workspace.read');
  const issue = await requireIssue(svc.store, actor.workspaceId, issueKey);
  const items = (await listWatchers(svc.store, issue.id)).map((w) => ({
    userId: w.user_id,
    name: w.name,
    email: w.email,
    reason: w.reason as Watcher['reason'],
    since: new Date(Number(w.created_at)).toISOString(),
  }));
  return { items, watching: items.some((w) => w.userId === actor.userId) };
}

/** Anyone who can read an issue may watch it; watching twice keeps the first reason. */
export async function watch(svc: Services, actor: Actor, issueKey: string) {
  assertCan(actor.role, 'workspace.read');
  const issue = await requireIssue(svc.store, actor.workspaceId, issueKey);
  await addWatchers(svc.store, actor.workspaceId, issue.id, [actor.userId], 'subscribed');
  await changed(svc, actor, issue);
  return issueWatchers(svc, actor, issueKey);
}

/**
 * Stops watching. Watching is started by events (reporting, being assigned or mentioned,
 * commenting), so an unwatched issue stays unwatched until the next such event.
 */
export async function unwatch(svc: Services, actor: Actor, issueKey: string) {
  assertCan(actor.role, 'workspace.read');
  const issue = await requireIssue(svc.store, actor.workspaceId, issueKey);
  if (await removeWatcher(svc.store, issue.id, actor.userId)) await changed(svc, actor, issue);
}

async function changed(svc: Services, actor: Actor, issue: { id: number; key: string }) {
  await appendLive(svc, [
    {
      workspaceId: actor.workspaceId,
      userId: null,
      type: 'watchers.changed',
      payload: {
        type: 'watchers.changed',
        issueId: issue.id,
        issueKey: issue.key,
        actorId: actor.userId,
        at: new Date().toISOString(),
      },
    },
  ]);
}
