import type { Issue } from '@closeloop/shared/api/issues';
import { type QueryClient, useQueries, useQueryClient } from '@tanstack/react-query';
import { useMemo, useRef } from 'react';
import { errorText } from '../api/client.ts';
import { useMe } from '../api/hooks.ts';
import { useToast } from '../components/toasts.tsx';
import type { Directory } from '../lib/directory.ts';
import { countKey, fetchIssueCount, fetchIssuePage } from '../lib/issue-search.ts';
import { cachedIssues, localPredicate } from '../lib/local-filter.ts';
import type { useWorkflow } from '../lib/project-meta.ts';

type Page = { items: Issue[]; nextCursor: string | null };

/**
 * The board's cards by status: one query per column, further pages on demand, and the cards
 * moved in this session (`pinned`) first in their new column.
 */
export function useBoardData({
  projectKey,
  q,
  wf,
  dir,
  pinned,
  wip,
}: {
  projectKey: string | null;
  q: string;
  wf: ReturnType<typeof useWorkflow>;
  dir: Directory;
  pinned: Map<string, number>;
  wip: Record<string, number>;
}) {
  const qc = useQueryClient();
  const toast = useToast();
  const resolvers = useMemo(
    () => ({
      statuses: wf.statuses.map((s) => s.key),
      user: (v: string) => dir.members.find((m) => m.email.startsWith(`${v}@`))?.id ?? null,
    }),
    [wf.statuses, dir.members],
  );
  // Per column: one page at once — 40 cards, or one more than the column's WIP limit so "over
  // the limit" is exact — and further pages of 200 only when that column is scrolled near its
  // end (windowed). Loading all 10,000 cards up front cost seconds of parsing and made the first
  // drag wait behind it (bench/RESULTS.md, web).
  const colInput = (status: string, limit: number) => ({
    q,
    project: projectKey,
    sort: 'priority',
    order: 'desc',
    extra: { status },
    limit,
  });
  const meId = useMe().data?.user.id ?? null;
  const colKey = (status: string) => ['issues', 'board', projectKey, status, q, 'col'];
  const firstQueries = useQueries({
    queries: wf.statuses.map((s) => ({
      queryKey: colKey(s.key),
      enabled: !!projectKey,
      retry: false,
      staleTime: 60_000,
      // A new query shows the cards already loaded that match it at once (lib/local-filter.ts);
      // the server's answer replaces them.
      placeholderData: () => previewColumn(qc, projectKey, s.key, q, meId, resolvers.user),
      queryFn: async ({ signal }: { signal: AbortSignal }) => {
        const page = await fetchIssuePage(colInput(s.key, Math.max(40, (wip[s.key] ?? 0) + 1)), null, signal);
        return { pages: [page], pageParams: [null as string | null] };
      },
    })),
  });
  // Exact counts: one count query per column, so a column shows 412, not "40+", before it is scrolled.
  const countQueries = useQueries({
    queries: wf.statuses.map((s) => ({
      queryKey: countKey('board', projectKey, s.key, q),
      enabled: !!projectKey,
      retry: false,
      staleTime: 60_000,
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        fetchIssueCount(
          { project: projectKey ?? undefined, status: s.key, q: q.trim() || undefined },
          signal,
        ),
    })),
  });
  const counts = new Map(wf.statuses.map((s, i) => [s.key, countQueries[i]?.data]));
  const loadingMore = useRef(new Set<string>());
  const loadMore = async (status: string) => {
    const key = colKey(status);
    const data = qc.getQueryData<{ pages: Page[]; pageParams: (string | null)[] }>(key);
    const cursor = data?.pages.at(-1)?.nextCursor;
    if (!cursor || loadingMore.current.has(status)) return;
    loadingMore.current.add(status);
    try {
      const page = await fetchIssuePage(colInput(status, 200), cursor);
      qc.setQueryData<{ pages: Page[]; pageParams: (string | null)[] }>(key, (d) =>
        d && d.pages.at(-1)?.nextCursor === cursor
          ? { pages: [...d.pages, page], pageParams: [...d.pageParams, cursor] }
          : d,
      );
    } catch (e) {
      toast(`Could not load more cards: ${errorText(e)}`, 'error');
    } finally {
      loadingMore.current.delete(status);
    }
  };
  const columnQueries = firstQueries;
  const loading = firstQueries.some((c) => c.isLoading);
  const error = columnQueries.find((c) => c.error)?.error;
  const datas = useStableList(columnQueries.map((c) => c.data));

  // Every loaded issue once (freshest version wins), placed by its status; cards moved in this
  // session first in their new column, so a drop is seen where it landed.
  const byStatus = useMemo(() => {
    const latest = new Map<string, Issue>();
    for (const d of datas)
      for (const p of d?.pages ?? [])
        for (const i of p.items) {
          const prev = latest.get(i.key);
          if (!prev || prev.version < i.version) latest.set(i.key, i);
        }
    const out = new Map<string, Issue[]>(wf.statuses.map((s) => [s.key, []]));
    const top = new Map<string, Issue[]>();
    for (const i of latest.values()) {
      if (pinned.has(i.key)) {
        const list = top.get(i.status) ?? [];
        list.push(i);
        top.set(i.status, list);
      } else out.get(i.status)?.push(i);
    }
    for (const [status, list] of top) {
      list.sort((a, b) => (pinned.get(b.key) ?? 0) - (pinned.get(a.key) ?? 0));
      out.set(status, [...list, ...(out.get(status) ?? [])]);
    }
    return out;
  }, [datas, pinned, wf.statuses]);
  return { firstQueries, loadMore, loading, error, byStatus, counts };
}

/** The same array object while its elements are the same objects (a memo key for query data). */
function useStableList<T>(list: T[]): T[] {
  const ref = useRef(list);
  if (ref.current.length !== list.length || ref.current.some((x, i) => x !== list[i])) ref.current = list;
  return ref.current;
}

/** A column's cards for a new query, from the cards loaded for the board without a query. */
function previewColumn(
  qc: QueryClient,
  project: string | null,
  status: string,
  q: string,
  me: number | null,
  user: (v: string) => number | null,
) {
  if (!q.trim()) return undefined;
  const pred = localPredicate(q, { user, me });
  if (!pred) return undefined;
  const items = cachedIssues(
    qc,
    ['issues', 'board', project, status],
    (k) => k[4] === '' && k[5] === 'col',
  ).filter((i) => i.status === status && pred(i));
  return { pages: [{ items, nextCursor: null }], pageParams: [null] };
}
