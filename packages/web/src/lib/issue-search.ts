import type { Issue } from '@closeloop/shared/api/issues';
import {
  type InfiniteData,
  type QueryClient,
  useInfiniteQuery,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { ApiError, api, qs } from '../api/client.ts';
import { cachedIssues, localPredicate } from './local-filter.ts';
import type { Resolvers } from './query.ts';

type Page = { items: Issue[]; nextCursor: string | null };

export const PAGE_SIZE = 200;

export type SearchInput = {
  q: string;
  project?: string | null;
  sort?: string;
  order?: string;
  /** Extra filter parameters (board columns, triage). */
  extra?: Record<string, string>;
  limit?: number;
};

export function useIssueSearch(input: SearchInput, resolvers: Resolvers, enabled = true) {
  const qc = useQueryClient();
  return useInfiniteQuery({
    queryKey: ['issues', 'search', input],
    enabled,
    // While the server answers a new query, show the matching issues already loaded for the same
    // list without a query (lib/local-filter.ts); the server's pages replace this preview.
    placeholderData: () => previewSearch(qc, input, resolvers),
    initialPageParam: null as string | null,
    getNextPageParam: (last: Page) => last.nextCursor,
    retry: false,
    queryFn: async ({ pageParam, signal }) => fetchIssuePage(input, pageParam, signal),
  });
}

function previewSearch(
  qc: ReturnType<typeof useQueryClient>,
  input: SearchInput,
  r: Resolvers,
): InfiniteData<Page, string | null> | undefined {
  if (!input.q.trim()) return undefined;
  const pred = localPredicate(input.q, { user: r.user, me: r.me ?? null });
  if (!pred) return undefined;
  const same = (k: readonly unknown[]) => {
    const other = k[2] as SearchInput | undefined;
    return (
      !!other &&
      !other.q.trim() &&
      other.project === input.project &&
      other.sort === input.sort &&
      other.order === input.order &&
      JSON.stringify(other.extra ?? null) === JSON.stringify(input.extra ?? null)
    );
  };
  const items = cachedIssues(qc, ['issues', 'search'], same).filter(pred);
  if (!items.length) return undefined;
  return { pages: [{ items, nextCursor: null }], pageParams: [null] };
}

export async function fetchIssuePage(
  input: SearchInput,
  cursor: string | null,
  signal?: AbortSignal,
): Promise<Page> {
  const base: Record<string, string | number | undefined> = {
    project: input.project ?? undefined,
    sort: input.sort,
    order: input.order,
    limit: input.limit ?? PAGE_SIZE,
    cursor: cursor ?? undefined,
    ...input.extra,
  };
  const q = input.q.trim();
  return api<Page>(`/issues${qs(q ? { ...base, q } : base)}`, signal ? { signal } : {});
}

/** Where in the query text an error points (the server's details.position). */
export function queryErrorPosition(e: unknown): number | null {
  if (e instanceof ApiError && e.status === 400) {
    const d = e.details as { position?: number } | null;
    if (typeof d?.position === 'number') return d.position;
  }
  return null;
}

/** Every issue matching a filter (500 a page, up to 10,000): for timeline, calendar and triage. */
export function useAllIssues(project: string | null, extra: Record<string, string> = {}, enabled = true) {
  return useQuery({
    queryKey: ['issues', 'all', project, extra],
    enabled: enabled && !!project,
    queryFn: async ({ signal }) => {
      const out: Issue[] = [];
      let cursor: string | null = null;
      do {
        const page: Page = await api<Page>(
          `/issues${qs({ project: project ?? undefined, limit: 500, cursor: cursor ?? undefined, ...extra })}`,
          { signal },
        );
        out.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor && out.length < 10_000);
      return { pages: [{ items: out, nextCursor: null }], pageParams: [null] };
    },
  });
}

/** The query key of an exact count (`GET /issues/count`): the list's key parts, then 'count'. */
export const countKey = (...parts: unknown[]) => ['issues', ...parts, 'count'];

/** How many issues match, from the server (no paging). */
export function fetchIssueCount(params: Record<string, string | undefined>, signal?: AbortSignal) {
  return api<{ count: number }>(`/issues/count${qs(params)}`, signal ? { signal } : {}).then((r) => r.count);
}

/** Counts go stale whenever an issue changes (a move changes two columns). */
export function invalidateIssueCounts(qc: QueryClient) {
  return qc.invalidateQueries({
    predicate: (q) => q.queryKey[0] === 'issues' && q.queryKey.at(-1) === 'count',
  });
}
