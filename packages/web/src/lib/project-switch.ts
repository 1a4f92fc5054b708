import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, errorText } from '../api/client.ts';
import { useToast } from '../components/toasts.tsx';

/**
 * A project setting that is a switch (`GET`/`PUT {enabled}` at `path`): the box follows the click at
 * once, the server's answer replaces it (or the old state comes back, with the error as a toast).
 * The click's state is React state, not only query data: the query cache tells its observers a tick
 * later, and a controlled checkbox would meanwhile snap back to the old value.
 */
export function useProjectSwitch<T extends { enabled: boolean }>(
  queryKey: readonly unknown[],
  path: string,
  said: { on: string; off: string },
) {
  const qc = useQueryClient();
  const toast = useToast();
  const q = useQuery({ queryKey, queryFn: () => api<T>(path) });
  const [clicked, setClicked] = useState<boolean | null>(null);
  const toggle = async (enabled: boolean) => {
    setClicked(enabled);
    try {
      qc.setQueryData(queryKey, await api<T>(path, { method: 'PUT', body: { enabled } }));
      toast(enabled ? said.on : said.off, 'success');
    } catch (e) {
      toast(errorText(e), 'error');
    } finally {
      setClicked(null);
    }
  };
  return { q, enabled: clicked ?? q.data?.enabled ?? false, toggle };
}
