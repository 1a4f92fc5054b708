import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isMissingRoute } from '../api/client.ts';

/** A saved view: a query with its display options. Stored on the server (`/api/v1/views`) when it has them, else in this browser. */
export type ViewDisplay = {
  columns?: string[];
  groupBy?: string;
  sort?: string;
  order?: string;
  layout?: string;
  project?: string | null;
};
export type SavedView = {
  id: string | number;
  name: string;
  query: string;
  display: ViewDisplay;
  shared?: boolean;
  local?: boolean;
};

const LOCAL = 'closeloop.views';
const readLocal = (): SavedView[] => {
  try {
    return JSON.parse(localStorage.getItem(LOCAL) ?? '[]') as SavedView[];
  } catch {
    return [];
  }
};

type ServerView = {
  id: number;
  name: string;
  query?: string;
  q?: string;
  display?: ViewDisplay;
  options?: ViewDisplay;
  shared?: boolean;
  visibility?: string;
};

export function useViews() {
  return useQuery({
    queryKey: ['views'],
    queryFn: async (): Promise<{ views: SavedView[]; server: boolean }> => {
      try {
        const res = await api<ServerView[] | { items: ServerView[] }>('/views');
        const list = Array.isArray(res) ? res : res.items;
        return {
          server: true,
          views: list.map((v) => ({
            id: v.id,
            name: v.name,
            query: v.query ?? v.q ?? '',
            display: fromServerDisplay(v.display ?? v.options ?? {}),
            shared: v.shared ?? v.visibility === 'workspace',
          })),
        };
      } catch (e) {
        if (!isMissingRoute(e)) throw e;
        return { server: false, views: readLocal().map((v) => ({ ...v, local: true })) };
      }
    },
  });
}

/** The server keeps sort as `priority-desc` and no grouping as null. */
function fromServerDisplay(d: ViewDisplay & { sort?: string | null; groupBy?: string | null }): ViewDisplay {
  const [sort, order] = (d.sort ?? '').split('-');
  return {
    columns: d.columns,
    groupBy: d.groupBy ?? 'none',
    layout: d.layout ?? 'list',
    ...(sort ? { sort, order: order ?? 'desc' } : {}),
  };
}

function toServerBody(v: Omit<SavedView, 'id'>) {
  return {
    name: v.name,
    query: v.query,
    project: v.display.project ?? null,
    shared: v.shared ?? false,
    display: {
      layout: v.display.layout ?? 'list',
      columns: v.display.columns ?? [],
      groupBy: !v.display.groupBy || v.display.groupBy === 'none' ? null : v.display.groupBy,
      sort: v.display.sort ? `${v.display.sort}-${v.display.order ?? 'desc'}` : null,
    },
  };
}

export function useSaveView() {
  const qc = useQueryClient();
  return async (v: Omit<SavedView, 'id'>, server: boolean) => {
    if (server) {
      await api('/views', {
        method: 'POST',
        body: toServerBody(v),
      });
    } else {
      const list = readLocal();
      list.push({ ...v, id: `local-${Date.now()}` });
      localStorage.setItem(LOCAL, JSON.stringify(list));
    }
    await qc.invalidateQueries({ queryKey: ['views'] });
  };
}

export function useDeleteView() {
  const qc = useQueryClient();
  return async (v: SavedView) => {
    if (v.local) localStorage.setItem(LOCAL, JSON.stringify(readLocal().filter((x) => x.id !== v.id)));
    else await api(`/views/${v.id}`, { method: 'DELETE' });
    await qc.invalidateQueries({ queryKey: ['views'] });
  };
}
