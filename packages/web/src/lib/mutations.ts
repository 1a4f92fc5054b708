import type { Issue, IssueUpdate } from '@closeloop/shared/api/issues';
import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import { ApiError, api } from '../api/client.ts';
import { keys } from '../api/hooks.ts';

type Page = { items: Issue[]; nextCursor: string | null };

/** Writes a fresh issue into every cache that shows it, so list, board and page agree at once. */
export function putIssue(qc: QueryClient, issue: Issue) {
  qc.setQueryData(keys.issue(issue.key), issue);
  qc.setQueriesData<InfiniteData<Page>>({ queryKey: keys.issues }, (data) => {
    if (!data?.pages) return data;
    // Only the page holding the issue is copied: with thousands of issues cached, rebuilding every
    // page made each optimistic board move pay for all of them (structural sharing walks copies).
    let hit = false;
    const pages = data.pages.map((p) => {
      const at = p.items.findIndex((i) => i.key === issue.key);
      if (at < 0) return p;
      hit = true;
      const items = p.items.slice();
      items[at] = issue;
      return { ...p, items };
    });
    return hit ? { ...data, pages } : data;
  });
}

export type Changes = Omit<IssueUpdate, 'version'>;

/** PATCH with the version the user saw; the caller handles ApiError 409/422 (see describeWriteError). */
export async function patchIssue(qc: QueryClient, issue: Issue, changes: Changes): Promise<Issue> {
  const next = await api<Issue>(`/issues/${issue.key}`, {
    method: 'PATCH',
    body: { ...changes, version: issue.version },
  });
  putIssue(qc, next);
  qc.invalidateQueries({ queryKey: keys.activity(issue.key) });
  return next;
}

/** The conflicting issue a 409 carries in `details.current`. */
export function conflictCurrent(e: unknown): Issue | null {
  if (
    e instanceof ApiError &&
    e.status === 409 &&
    e.details &&
    typeof e.details === 'object' &&
    'current' in e.details
  )
    return (e.details as { current: Issue }).current;
  return null;
}

/** A readable sentence for a refused write: workflow 422s name the allowed moves. */
export function describeWriteError(e: unknown, statusName: (k: string) => string = (k) => k): string {
  if (!(e instanceof ApiError)) return String(e);
  const d = (e.details ?? {}) as { allowed?: string[]; required?: string[]; missing?: string[] };
  if (e.status === 422 && Array.isArray(d.allowed)) {
    const allowed = d.allowed.map(statusName);
    return `${e.message}${allowed.length ? ` Allowed from here: ${allowed.join(', ')}.` : ' No moves are allowed from here.'}`;
  }
  if (e.status === 409)
    return 'Someone else changed this issue meanwhile. Reloaded the latest version; please try again.';
  if (e.status === 403) return `Not allowed: ${e.message}`;
  return e.message;
}

/**
 * Many issues at once: the bulk endpoint when the server has it (one atomic request), else one
 * PATCH per issue with its own version, four at a time.
 */
export async function bulkUpdate(
  qc: QueryClient,
  issues: Issue[],
  changes: Changes,
): Promise<{ ok: number; failed: string[] }> {
  // The bulk API sets plain fields atomically; closing (resolution per issue) goes one by one.
  const bulkable = Object.keys(changes).every((k) =>
    ['status', 'priority', 'assigneeUserId', 'assigneeTeamId'].includes(k),
  );
  try {
    if (!bulkable) throw new ApiError(404, 'not_found', 'No route for this bulk change', null);
    const res = await api<{ items?: Issue[] } | Issue[]>('/issues/bulk', {
      method: 'POST',
      body: { keys: issues.map((i) => i.key), set: changes },
    });
    const items = Array.isArray(res) ? res : (res.items ?? []);
    for (const i of items) putIssue(qc, i);
    qc.invalidateQueries({ queryKey: keys.issues });
    return { ok: issues.length, failed: [] };
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 404 && e.message.startsWith('No route'))) throw e;
  }
  const failed: string[] = [];
  let ok = 0;
  const queue = [...issues];
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let i = queue.shift(); i; i = queue.shift()) {
        try {
          await patchIssue(qc, i, changes);
          ok++;
        } catch {
          failed.push(i.key);
        }
      }
    }),
  );
  return { ok, failed };
}
