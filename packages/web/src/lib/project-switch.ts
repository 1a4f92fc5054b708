import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, errorText } from '../api/client.ts';
import { useToast } from '../components/toasts.tsx';

/**
 * A project setting that is a switch (`GET`/`PUT {enabled}` at `path`): the box follows the click at
 * once, the server's answer replaces it (or the old state comes back, with the error as a toast).
 */
export function useProjectSwitch<T extends { enabled: boolean }>(
  queryKey: readonly unknown[],
  path: string,
  said: { on: string; off: string },
) {
  const qc = useQueryClient();
  const toast = useToast();
  const q = useQuery({ queryKey, queryFn: () => api<T>(path) });
  const toggle = async (enabled: boolean) => {
    const before = q.data;
    if (before) qc.setQueryData(queryKey, { ...before, enabled });
    try {
      qc.setQueryData(queryKey, await api<T>(path, { method: 'PUT', body: { enabled } }));
      toast(enabled ? said.on : said.off, 'success');
    } catch (e) {
      if (before) qc.setQueryData(queryKey, before);
      toast(errorText(e), 'error');
    }
  };
  return { q, toggle };
}
